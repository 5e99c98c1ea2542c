"""summary_pdf: 汇总.pdf, the batch's fleet view, through report/ (one template environment, the charts,
the PDF engine). This module only builds the summary's view model."""
from __future__ import annotations

import statistics
from pathlib import Path

from markupsafe import Markup

from .stats import Summary
from ..report import charts, render
from ..report.vocab import (
    ALERT_LABELS, COLORS, STATUS_LABELS, STATUS_ORDER, SYMBOLS, TEXT_COLORS, fmt_date, fmt_number, fmt_score,
)
from ..version import tool_version

SUMMARY_PDF = "汇总.pdf"
SUMMARY_TEMPLATE = "summary.html.j2"
SUMMARY_CSS = "summary.css"
MATRIX_ROWS_PER_BLOCK = 40
MATRIX_MAX_ROWS = 5000  # past this the matrix would dominate the PDF; the per-rule bars still cover all
RANKING_MAX_ROWS = 5000


def _rule_rows(s: Summary) -> tuple[list[dict], list[str]]:
    counted = [(m, c) for m, c in s.rule_counts() if not m.informational]
    order = sorted(counted, key=lambda mc: (-(mc[1]["not_met"] + mc[1]["not_reported"]), -mc[1]["review"]))
    bars = charts.group_bars([(m.name, c) for m, c in order], width=230, height=12)
    rows = []
    for no, ((m, c), (_, total, svg)) in enumerate(zip(order, bars), 1):
        miss = c["not_met"] + c["not_reported"]
        tally = "　".join(f"{SYMBOLS[st]}{c[st]}" for st in STATUS_ORDER if c.get(st))
        rows.append({"no": no, "id": m.id, "name": m.name, "target": m.target or "", "bar": svg, "tally": tally,
                     "miss": miss, "total": total, "met": c["met"], "review": c["review"],
                     "share": f"{100 * miss / total:.0f}%" if total else "—"})
    return rows, [m.id for m, _ in order]


def _ranking(s: Summary) -> list[dict]:
    """One ranking per group (level, and year where several): [{label, rows}]."""
    groups, left = [], RANKING_MAX_ROWS
    for label, ranked in s.groups:
        rows = _ranking_rows(ranked[:max(0, left)])
        left -= len(rows)
        if rows:
            groups.append({"label": label, "rows": rows, "n": len(ranked)})
    return groups


def _ranking_rows(ranked) -> list[dict]:
    out = []
    for rank, r in ranked:
        d = r.row
        out.append({"rank": rank, "jurisdiction": d.jurisdiction or "（未识别）", "level": d.level_label,
                    "year": d.year or "", "score": fmt_score(r.score), "counts": d.counts, "file": r.rel,
                    "name": r.name, "alert": ALERT_LABELS["error"] if d.errors else ""})
    return out


def _alerts(s: Summary) -> list[dict]:
    """Reports whose audit comes with an alert, errors first."""
    rows = []
    for rank, r in s.ranked:
        for a in sorted(r.row.alerts, key=lambda a: a.severity != "error"):
            rows.append({"rank": rank, "jurisdiction": r.row.jurisdiction or r.rel, "severity": a.severity,
                         "label": ALERT_LABELS.get(a.severity, a.severity), "message": a.message})
    return sorted(rows, key=lambda a: a["severity"] != "error")


def summary_context(s: Summary) -> dict:
    scores = s.scores()
    rule_rows, columns = _rule_rows(s)
    matrix_rows = [(f"{rank}. {r.row.jurisdiction or Path(r.rel).stem}",
                    {rid: f.status for rid, f in s.status[r.rel].items()}) for rank, r in s.ranked[:MATRIX_MAX_ROWS]]
    return {
        "title": "法治政府建设年度报告批量审核汇总",
        "packs": [{"title": p.title, "id": p.id, "source": p.source} for p in s.ruleset.packs],
        "folder": str(s.folder), "generated": fmt_date(s.today), "version": tool_version(),
        "n_reports": len(s.ranked), "n_errors": len(s.read_errors), "n_rules": len(rule_rows),
        "score_mean": fmt_number(round(statistics.fmean(scores), 1)) if scores else "—",
        "score_median": fmt_number(round(statistics.median(scores), 1)) if scores else "—",
        "score_min": fmt_number(min(scores)) if scores else "—", "score_max": fmt_number(max(scores)) if scores else "—",
        "histogram": charts.histogram(scores) if scores else Markup(""),
        "ranking": _ranking(s), "ranking_cut": max(0, len(s.ranked) - RANKING_MAX_ROWS),
        "alerts": _alerts(s),
        "duplicates": [{"file": d.rel, "jurisdiction": d.row.jurisdiction or "", "kept": kept.rel, "why": why}
                       for d, kept, why in s.duplicates],
        "rule_rows": rule_rows,
        "matrix": charts.matrix(matrix_rows, columns, per_block=MATRIX_ROWS_PER_BLOCK,
                                names={r["id"]: r["name"] for r in rule_rows}) if matrix_rows else [],
        "matrix_cut": max(0, len(s.ranked) - MATRIX_MAX_ROWS),
        "suspicious": s.suspicious(), "indicators": s.indicator_stats(),
        "errors": [{"file": e.rel, "stage": e.stage, "type": e.error_type, "message": e.message} for e in s.errors],
        "legend": charts.legend(), "status_labels": STATUS_LABELS, "colors": COLORS, "text_colors": TEXT_COLORS,
        "statuses": [(st, STATUS_LABELS[st]) for st in STATUS_ORDER],
        "symbols": [(st, SYMBOLS[st], STATUS_LABELS[st]) for st in STATUS_ORDER],
        "n_groups": len(s.groups), "n_duplicates": len(s.duplicates),
        "trend": _trend(s),
    }


def _trend(s: Summary):
    """The 趋势 section (compare/fleet_outputs.py) when the folder holds several years of a jurisdiction."""
    if getattr(s, "trend", None) is None:
        return None
    from ..compare.fleet_outputs import trend_context

    return trend_context(s.trend)


def summary_html(s: Summary) -> str:
    return render.render_page(SUMMARY_TEMPLATE, summary_context(s), SUMMARY_CSS)


def write_summary_pdf(s: Summary, path: Path) -> None:
    render.write_pdf_from_html(summary_html(s), path)
