"""summary_pdf: 汇总.pdf, the batch's fleet view, through report/ (one template environment, the charts,
the PDF engine). This module only builds the summary's view model.

A province's batch is listed whole, a row of counts and file for each report; past RANKING_FULL_UP_TO reports
the ranking still lists every report, as rank, score and name several to a line (report/text_grid.py: lines
of text cost WeasyPrint a fraction of table cells), and the matrix each group's top and bottom; long lists
(alerts, duplicates) show their first rows with counts by kind, and the matrix is drawn as images: the PDF
stays a few seconds for 1,000 reports, and everything is in 汇总.xlsx / summary.csv."""
from __future__ import annotations

import statistics
from pathlib import Path

from markupsafe import Markup, escape

from .stats import Summary
from ..report import charts, matrix_image, pdf, render, text_grid
from ..report.vocab import (
    ALERT_KINDS, ALERT_LABELS, COLORS, STATUS_LABELS, STATUS_ORDER, SYMBOLS, TEXT_COLORS, fmt_date, fmt_number, fmt_score,
)
from ..version import tool_version

SUMMARY_PDF = "汇总.pdf"
SUMMARY_TEMPLATE = "summary.html.j2"
SUMMARY_CSS = "summary.css"
MATRIX_MAX_ROWS = 5000  # past this the matrix would dominate the PDF; the per-rule bars still cover all
RANKING_FULL_UP_TO = 300  # reports; every county of a province is listed with its counts and file
RANKING_LIST_UP_TO = 5000  # reports listed compactly (rank, score, name); past it each group's top and bottom
RANKING_TOP, RANKING_BOTTOM = 10, 5  # per group: the matrix past RANKING_FULL_UP_TO, the ranking past LIST_UP_TO
RANKING_PT, RANKING_BAND = 9, 5  # the compact ranking's font size and lines per band
ALERT_MARK = "！"  # after a name in the compact ranking: the report has an error alert
LIST_ROWS = 20  # alerts and duplicates listed one by one; the rest counted


def _rule_rows(s: Summary) -> tuple[list[dict], list[str]]:
    counted = [(m, c) for m, c in s.rule_counts() if not m.informational]
    order = sorted(counted, key=lambda mc: (-(mc[1]["not_met"] + mc[1]["not_reported"]), -mc[1]["review"]))
    # the counts are in the tally above each bar: none written on it
    bars = charts.group_bars([(m.name, c) for m, c in order], width=230, height=12, numbers=False)
    rows = []
    for no, ((m, c), (_, total, svg)) in enumerate(zip(order, bars), 1):
        miss = c["not_met"] + c["not_reported"]
        tally = "　".join(f"{SYMBOLS[st]}{c[st]}" for st in STATUS_ORDER if c.get(st))
        rows.append({"no": no, "id": m.id, "name": m.name, "target": m.target or "", "bar": svg, "tally": tally,
                     "miss": miss, "total": total, "met": c["met"], "review": c["review"],
                     "share": f"{100 * miss / total:.0f}%" if total else "—"})
    return rows, [m.id for m, _ in order]


def _listed(s: Summary, whole: bool) -> list[tuple[str, list]]:
    """(group label, [(rank, report)]): every report when `whole`, else each long group's top and bottom
    (None stands for the reports left out between them)."""
    out = []
    for label, ranked in s.groups:
        if whole or len(ranked) <= RANKING_TOP + RANKING_BOTTOM + 5:
            out.append((label, list(ranked)))
        else:
            out.append((label, list(ranked[:RANKING_TOP]) + [None] + list(ranked[-RANKING_BOTTOM:])))
    return out


def _ranking(s: Summary) -> list[dict]:
    """One ranking per group (level, and year where several): [{label, n, rows}] with a row of counts and file
    per report, or past RANKING_FULL_UP_TO [{label, n, grid}] (_compact_ranking)."""
    sizes = {label: len(ranked) for label, ranked in s.groups}
    if len(s.ranked) > RANKING_FULL_UP_TO:
        return [_compact_ranking(label, entries, sizes[label])
                for label, entries in _listed(s, len(s.ranked) <= RANKING_LIST_UP_TO) if entries]
    return [{"label": label, "rows": _ranking_rows(entries), "n": sizes[label], "grid": None}
            for label, entries in _listed(s, True) if entries]


def _compact_ranking(label: str, entries: list, n: int) -> dict:
    """A group's ranking as bands of text lines, several reports to a line: rank, score, name (ALERT_MARK
    after it for an error alert); a band saying how many are left out stands for a gap (None)."""
    def record(rank, r):
        # the mark is text: a <span> per marked name (most of a batch under a pack for another level) would
        # cost WeasyPrint more than the whole list
        return str(rank), fmt_score(r.score), (r.row.jurisdiction or "（未识别）") + (ALERT_MARK if r.row.errors else "")

    cut = entries.index(None) if None in entries else len(entries)
    parts = [[record(*e) for e in entries[:cut]], [record(*e) for e in entries[cut + 1:]]]
    names = ("名次", "得分", "地区")
    grid = text_grid.plan(parts[0] + parts[1], names, matrix_image.WIDTH_MM - 2, RANKING_PT)
    bands = [{"text": b, "gap": False} for b in text_grid.bands(grid, parts[0], RANKING_BAND)]
    if parts[1]:
        bands.append({"text": escape(f"…… 中间 {n - len(parts[0]) - len(parts[1])} 份从略，完整排名见 汇总.xlsx ……"),
                      "gap": True})
        bands += [{"text": b, "gap": False} for b in text_grid.bands(grid, parts[1], RANKING_BAND)]
    return {"label": label, "n": n, "rows": [],
            "grid": {"tab": grid.tab_px, "pt": RANKING_PT, "head": text_grid.header(grid, names, n), "bands": bands}}


def _ranking_rows(ranked) -> list[dict]:
    out = []
    for rank, r in ranked:
        d = r.row
        out.append({"rank": rank, "jurisdiction": d.jurisdiction or "（未识别）", "level": d.level_label,
                    "year": d.year or "", "score": fmt_score(r.score), "counts": d.counts, "file": r.rel,
                    "name": r.name, "alert": ALERT_LABELS["error"] if d.errors else "", "gap": 0,
                    "tally": "　".join(f"{SYMBOLS[st]}{d.counts.get(st, 0)}" for st in STATUS_ORDER[:4])})
    return out


def _alerts(s: Summary) -> list[dict]:
    """Reports whose audit comes with an alert, errors first."""
    rows = []
    for rank, r in s.ranked:
        for a in sorted(r.row.alerts, key=lambda a: a.severity != "error"):
            rows.append({"rank": rank, "jurisdiction": r.row.jurisdiction or r.rel, "severity": a.severity,
                         "code": a.code, "label": ALERT_LABELS.get(a.severity, a.severity), "message": a.message})
    return sorted(rows, key=lambda a: a["severity"] != "error")


def _alert_kinds(alerts: list[dict]) -> list[dict]:
    """How many reports carry each kind of alert, errors first."""
    kinds: dict[tuple, int] = {}
    for a in alerts:
        key = (a["severity"] != "error", a["code"])
        kinds[key] = kinds.get(key, 0) + 1
    return [{"label": ALERT_LABELS.get("warning" if warn else "error"), "kind": ALERT_KINDS.get(code, code), "n": n}
            for (warn, code), n in sorted(kinds.items(), key=lambda kv: (kv[0][0], -kv[1]))]


def _matrix(s: Summary, listed: list, rule_rows: list[dict], columns: list[str]) -> tuple[list[dict], dict]:
    """The matrix blocks as images (the reports the ranking lists, in its order): [{url, alt}] for the template,
    {url: PNG} for the PDF engine."""
    rows = [(f"{rank}. {r.row.jurisdiction or Path(r.rel).stem}", {rid: f.status for rid, f in s.status[r.rel].items()})
            for _, entries in listed for rank, r in filter(None, entries)][:MATRIX_MAX_ROWS]
    if not rows:
        return [], {}
    pngs = matrix_image.matrix_pngs(rows, columns, names={r["id"]: r["name"] for r in rule_rows})
    blocks, images = [], {}
    per = matrix_image.ROWS_PER_BLOCK
    for i, png in enumerate(pngs):
        url = pdf.image_url(f"matrix-{i + 1}")
        images[url] = png
        first, last = i * per + 1, min(len(rows), (i + 1) * per)
        blocks.append({"url": url, "alt": f"地区 × 规则矩阵：第 {first}–{last} 行"})
    return blocks, images


def summary_context(s: Summary) -> dict:
    """The template's view model; its "images" are the PNGs the matrix blocks show (for pdf_bytes)."""
    scores = s.scores()
    rule_rows, columns = _rule_rows(s)
    listed = _listed(s, len(s.ranked) <= RANKING_FULL_UP_TO)  # the matrix's rows
    matrix, images = _matrix(s, listed, rule_rows, columns)
    alerts = _alerts(s)
    duplicates = [{"file": d.rel, "jurisdiction": d.row.jurisdiction or "", "kept": kept.rel, "why": why}
                  for d, kept, why in s.duplicates]
    return {
        "title": "法治政府建设年度报告批量审核汇总",
        "packs": [{"title": p.title, "id": p.id, "source": p.source} for p in s.ruleset.packs],
        "folder": str(s.folder), "generated": fmt_date(s.today), "version": tool_version(),
        "n_reports": len(s.ranked), "n_errors": len(s.read_errors), "n_rules": len(rule_rows),
        "score_mean": fmt_number(round(statistics.fmean(scores), 1)) if scores else "—",
        "score_median": fmt_number(round(statistics.median(scores), 1)) if scores else "—",
        "score_min": fmt_number(min(scores)) if scores else "—", "score_max": fmt_number(max(scores)) if scores else "—",
        "histogram": charts.histogram(scores) if scores else Markup(""),
        "ranking": _ranking(s), "ranking_compact": len(s.ranked) > RANKING_FULL_UP_TO,
        "ranking_cut": len(s.ranked) > RANKING_LIST_UP_TO, "alert_mark": ALERT_MARK,
        "ranking_marked": any(r.row.errors for _, r in s.ranked),
        "ranking_top": RANKING_TOP, "ranking_bottom": RANKING_BOTTOM,
        "alerts": alerts[:LIST_ROWS], "alerts_cut": max(0, len(alerts) - LIST_ROWS),
        "alert_kinds": _alert_kinds(alerts) if len(alerts) > LIST_ROWS else [],
        "duplicates": duplicates[:LIST_ROWS], "duplicates_cut": max(0, len(duplicates) - LIST_ROWS),
        "rule_rows": rule_rows,
        "matrix": matrix, "images": images,
        "matrix_cut": max(0, sum(1 for _, e in listed for x in e if x is not None) - MATRIX_MAX_ROWS),
        "suspicious": s.suspicious(), "indicators": s.indicator_stats(),
        "errors": [{"file": e.rel, "stage": e.stage, "type": e.error_type, "message": e.message} for e in s.errors],
        "legend": charts.legend(), "status_labels": STATUS_LABELS, "colors": COLORS, "text_colors": TEXT_COLORS,
        "statuses": [(st, STATUS_LABELS[st]) for st in STATUS_ORDER],
        "symbols": [(st, SYMBOLS[st], STATUS_LABELS[st]) for st in STATUS_ORDER],
        "n_groups": len(s.groups), "n_duplicates": len(s.duplicates),
        "trend": _trend(s),
    }


def _trend(s: Summary):
    """The 趋势 section (compare/fleet_outputs.py) when the folder holds several years of a jurisdiction, its
    lists set as text grids (_trend_grids)."""
    if getattr(s, "trend", None) is None:
        return None
    from ..compare.fleet_outputs import trend_context

    t = trend_context(s.trend)
    return {**t, **_trend_grids(t)}


TREND_PT = 9


def _grid(records: list, names: tuple, per_band: int = RANKING_BAND, **plan) -> dict:
    """A one-record-a-line text grid for the template's table.tgrid."""
    grid = text_grid.plan(records, names, matrix_image.WIDTH_MM - 2, TREND_PT, per_line=1, **plan)
    return {"tab": grid.tab_px, "pt": TREND_PT, "head": text_grid.header(grid, names, 1),
            "bands": [{"text": b, "gap": False} for b in text_grid.bands(grid, records, per_band)]}


def _trend_grids(t: dict) -> dict:
    """The most improved and declined, and the per-jurisdiction rows, as text grids: a table of them cost
    WeasyPrint ~40 ms a jurisdiction (the sparkline's labels alone 17 ms); the scores are written year by year
    (r.scores) in its place. A jurisdiction's band: its figures on the first line, under them how last year's
    plan was kept and each main indicator year by year."""
    def moved(rows, cls):
        return [(str(r["rank"]), r["jurisdiction"], f"{r['first']}—{r['last']}", r["from"], r["to"],
                 Markup('<span class="{}">{}</span>').format(cls, ("+" if cls == "st-met" else "") + r["change"]))
                for r in rows]

    names = ("排名", "地区", "年度", "首年得分", "末年得分", "变化")
    out = {"improved_grid": _grid(moved(t["improved"], "st-met"), names) if t["improved"] else None,
           "declined_grid": _grid(moved(t["declined"], "st-not_met"), names) if t["declined"] else None,
           "rows_grid": None}
    if not t["rows"]:
        return out
    fmt = t["fmt_score"]
    heads = [(r["jurisdiction"], r["code"], r["years"] + (f"（缺 {r['missing']}）" if r["missing"] else ""),
              r["scores"], ("+" if r["change"] > 0 else "") + fmt(r["change"]) if r["change"] is not None else "—")
             for r in t["rows"]]
    names = ("地区", "代码", "年度", "得分（逐年）", "变化")
    grid = text_grid.plan(heads, names, matrix_image.WIDTH_MM - 2, TREND_PT, per_line=1)
    bands = []
    for r, head in zip(t["rows"], heads):
        kept = (f"共 {r['promises']} 项：已兑现 {r['kept']}，未兑现 {r['broken']}，未提及 {r['unmentioned']}，"
                f"待核实 {r['review']}" if r["promises"] else "无可对照的安排")
        under = [f"上年安排落实：{kept}"] + [f"主要指标：{line}" for line in r["indicators"]]
        bands.append({"text": text_grid.join([text_grid.line(grid, [head])]
                                              + [text_grid.line(grid, [(u,)], indent=grid.stops[1]) for u in under]),
                      "gap": False})
    out["rows_grid"] = {"tab": grid.tab_px, "pt": TREND_PT, "head": text_grid.header(grid, names, 1),
                        "bands": bands}
    return out


def summary_document(s: Summary) -> tuple[str, dict]:
    """The summary's HTML and the images it shows ({url: PNG})."""
    ctx = summary_context(s)
    return render.render_page(SUMMARY_TEMPLATE, ctx, SUMMARY_CSS), ctx["images"]


def summary_html(s: Summary) -> str:
    return summary_document(s)[0]


def summary_pdf_bytes(s: Summary) -> bytes:
    html, images = summary_document(s)
    sheet = str(render.stylesheet(SUMMARY_CSS))  # parsed once per process, with the lean user-agent sheet
    return pdf.pdf_bytes(html, sheet=sheet, images=images)


def write_summary_pdf(s: Summary, path: Path) -> None:
    render.write_file(path, lambda: summary_pdf_bytes(s), "PDF")
