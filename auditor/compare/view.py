"""view: a Comparison -> the view model of the comparison report (templates/compare.html.j2), and its HTML/PDF.

Words, colours and number formats come from report/vocab.py, charts from report/charts.py; report text stays
text (the template autoescapes; only our SVG is Markup)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..report import charts, render
from ..report.vocab import (
    COLORS, LEVEL_LABELS, STATUS_LABELS, TEXT_COLORS, fmt_date, fmt_number, fmt_score, part_label,
)
from ..version import tool_version
from .model import PROMISE_COLOR_OF, PROMISE_LABELS, PROMISE_STATUSES, Change, Comparison, Trend

TEMPLATE = "compare.html.j2"
STYLESHEET = "compare.css"


def change_text(c: Optional[Change]) -> str:
    """↑11个百分点, ↓2次, → 持平, or a status move (达标 → 未达标)."""
    if c is None:
        return ""
    if c.delta is not None:
        if c.delta == 0:
            return "→ 持平"
        return f"{c.arrow}{fmt_number(abs(c.delta))}{c.unit}"
    if c.status_from != c.status_to:
        return f"{STATUS_LABELS.get(c.status_from, c.status_from)} → {STATUS_LABELS.get(c.status_to, c.status_to)}"
    return ""


def change_class(c: Optional[Change]) -> str:
    if c is None or c.better is None:
        return ""
    return "better" if c.better else "worse"


def shown(t: Trend) -> bool:
    """Profile rows no report in the series gives a figure for are left out of the table."""
    return not t.informational or any(p.value is not None for p in t.points.values())


def _trend_row(t: Trend, years: list[int]) -> dict:
    cells = []
    for y in years:
        p = t.points.get(y)
        cells.append({"year": y, "missing": p is None, "value": p.value_text if p else "",
                      "status": p.status if p else "", "label": p.label if p else ""})
    chart = None
    if t.numeric:
        chart = charts.trend_line([(y, t.points[y].number if y in t.points else None,
                                    t.points[y].status if y in t.points else None) for y in years],
                                  unit=t.unit if t.unit == "%" else "")
    last = t.last_change
    return {"id": t.key, "name": t.name, "target": t.target or "", "informational": t.informational,
            "cells": cells, "change": change_text(last), "change_class": change_class(last), "chart": chart}


def _promise_groups(cmp: Comparison) -> list[dict]:
    groups: dict[int, list] = {}
    for p in cmp.promises:
        groups.setdefault(p.planned_year, []).append({
            "quote": p.commitment.quote, "target": p.commitment.target_text if p.commitment.kind == "figure" else "",
            "status": p.status, "color": PROMISE_COLOR_OF[p.status], "label": p.label, "evidence": p.quote,
            "part": part_label(p.part_kind), "note": p.note})
    out = []
    for y, rows in sorted(groups.items()):
        counts = cmp.promise_counts(y + 1)
        out.append({"planned": y, "checked": y + 1, "rows": rows,
                    "counts": [(PROMISE_LABELS[s], counts[s], PROMISE_COLOR_OF[s]) for s in PROMISE_STATUSES]})
    return out


def context(cmp: Comparison, today: Optional[date] = None) -> dict:
    s = cmp.series
    years = s.years
    last = s.last
    trends = [t for t in cmp.trends if shown(t)]
    gap_rows = []
    for kind, pairs in (("new", cmp.new_gaps()), ("closed", cmp.closed_gaps())):
        for t, c in pairs:
            gap_rows.append({"kind": kind, "name": t.name, "from": c.from_year, "to": c.to_year,
                             "change": change_text(c) if c.delta is not None else "",
                             "status_from": STATUS_LABELS.get(c.status_from, ""),
                             "status_to": STATUS_LABELS.get(c.status_to, "")})
    scores = [(y, cmp.scores.get(y), None) for y in years]
    return {
        "title": f"{s.label}法治政府建设年度报告年度比较",
        "jurisdiction": s.label, "level": LEVEL_LABELS.get(last.level or "", ""),
        "division_code": last.division_code or "", "parents": " · ".join(
            x for x in (last.province, last.prefecture, last.county) if x and x != s.label),
        "years": years, "span": f"{years[0]}—{years[-1]}年度" if len(years) > 1 else f"{years[0]}年度",
        "n_reports": len(s.reports), "missing": s.gaps, "notes": list(s.notes),
        "duplicates": [{"year": d.report.year, "file": d.report.file, "kept": d.kept.file} for d in s.duplicates],
        "files": [{"year": y, "file": r.file, "title": r.title or ""} for y, r in sorted(s.reports.items())],
        "packs": [{"title": p.title, "source": p.source} for p in cmp.packs],
        "generated": fmt_date(today or date.today()), "version": tool_version(),
        "scores": [{"year": y, "score": fmt_score(v) if v is not None else "—"} for y, v, _ in scores],
        "score_chart": charts.trend_line(scores, lo=0, hi=100, width=360, height=96),
        "score_change": cmp.score_change(), "fmt_score": fmt_score,
        "trends": [_trend_row(t, years) for t in trends],
        "gaps": gap_rows, "promise_groups": _promise_groups(cmp), "promise_total": cmp.promise_counts(),
        "promise_labels": PROMISE_LABELS, "promise_colors": PROMISE_COLOR_OF,
        "colors": COLORS, "text_colors": TEXT_COLORS,
    }


def comparison_html(cmp: Comparison, today: Optional[date] = None) -> str:
    return render.render_page(TEMPLATE, context(cmp, today), STYLESHEET)


def write_html(cmp: Comparison, path, today: Optional[date] = None) -> None:
    render.write_file(path, lambda: comparison_html(cmp, today).encode("utf-8"), "HTML")


def write_pdf(cmp: Comparison, path, today: Optional[date] = None) -> None:
    render.write_pdf_from_html(comparison_html(cmp, today), path)
