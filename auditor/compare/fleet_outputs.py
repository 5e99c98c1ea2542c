"""fleet_outputs: the batch's 趋势 sheet (汇总.xlsx) and 趋势 section (汇总.pdf), from fleet.Trends.

The batch's own writers (batch/tables.py, batch/summary_pdf.py) call these two hooks; text cells go through
their Book (never a formula), words through report/vocab.py."""
from __future__ import annotations

from typing import Any

from ..report.vocab import LEVEL_LABELS, fmt_number, fmt_score
from .fleet import Trends, no_collection
from .model import PROMISE_COLOR_OF, PROMISE_LABELS, PROMISE_STATUSES, Comparison

SHEET = "趋势"
MISSING = "（缺少该年度报告）"
HEAD = ["地区", "行政区划代码", "层级", "年度", "得分", "得分变化（较上一份）"]
PROMISE_HEAD = ["上年安排（项）"] + [PROMISE_LABELS[s] for s in PROMISE_STATUSES]
RANK_HEAD = ["", "排名", "地区", "行政区划代码", "首个年度", "末个年度", "首年得分", "末年得分", "得分变化"]
SECTION_INDICATORS = 4  # key indicators shown per jurisdiction in the PDF
DUPLICATES_LISTED = 20  # in the PDF; the 趋势 sheet lists every one
SERIES_LISTED_UP_TO = 100  # series; past it the PDF's per-jurisdiction table keeps those ranked above (the sheet has all)
DUPLICATE_HEAD = ["", "重复的文件", "年度", "与之重复、计入趋势的文件"]


def _indicator_head(k) -> str:
    return f"{k.name}（{k.unit}）" if k.unit else k.name


def trend_rows(trends: Trends) -> list[list[Any]]:
    """One row per jurisdiction and year of its series (a missing year is a row that says so)."""
    rows = []
    blank_promises = [None] * len(PROMISE_HEAD)
    for c in trends.comparisons:
        s = c.series
        prev = None
        checked: dict[int, dict] = {}  # checked year -> promise counts by status
        for p in c.promises:
            counts = checked.setdefault(p.checked_year, dict.fromkeys(PROMISE_STATUSES, 0))
            counts[p.status] += 1
        for y in s.years:
            r = s.reports.get(y)
            level = LEVEL_LABELS.get(s.last.level or "", "")
            if r is None:
                rows.append([s.label, s.last.division_code or "", level, y, None, None]
                            + [None] * len(trends.indicators) + blank_promises + [MISSING])
                continue
            change = round(r.score - prev.score, 1) if prev is not None else None
            values = []
            for k in trends.indicators:
                p = r.points.get(k.key)
                number = p.number if p is not None else None
                values.append(number if number is not None else
                              (p.value_text if p is not None and p.value is not None else None))
            counts = checked.get(y)
            rows.append([s.label, r.division_code or s.last.division_code or "", level, y, r.score, change] + values
                        + ([sum(counts.values())] + [counts[st] for st in PROMISE_STATUSES] if counts else
                           blank_promises) + [r.file])
            prev = r
    return rows


def _rank_row(label: str, i: int, c: Comparison, trends: Trends) -> list[Any]:
    s = c.series
    return [label, i, s.label, s.last.division_code or "", s.first.year, s.last.year, s.first.score, s.last.score,
            trends.score_change(c)]


def write_trend_sheet(book, trends: Trends) -> None:
    """The 趋势 sheet: the table above, then the most improved and the most declined."""
    with no_collection():
        _write_trend_sheet(book, trends)


def _write_trend_sheet(book, trends: Trends) -> None:
    head = HEAD + [_indicator_head(k) for k in trends.indicators] + PROMISE_HEAD + ["文件"]
    widths = [16, 10, 12, 6, 6, 10] + [12] * len(trends.indicators) + [9] * len(PROMISE_HEAD) + [28]
    ws = book.sheet(SHEET, head, widths, freeze=(1, 1))
    ws.set_row(0, 36)
    percent = book.fmt(None, True)
    rates = {len(HEAD) + k for k, ind in enumerate(trends.indicators) if ind.unit == "%"}
    cell, number = book.cell, ws.write_number  # a number straight to the sheet: most of its 15 cells a row
    n = 0
    for n, row in enumerate(trend_rows(trends), 1):
        for c, v in enumerate(row):
            if v is None:
                continue  # an empty cell without a format is not written anyway
            if isinstance(v, str):
                cell(ws, n, c, v)
            elif c in rates and isinstance(v, float):
                # rounded: 99.96 / 100 would be 0.9995999999999999 in the cell
                number(n, c, round(v / 100, 8), percent)
            else:
                number(n, c, v)
    ws.autofilter(0, 0, max(n, 1), len(head) - 1)
    n += 2
    for title, picked in (("进步最大", trends.improved()), ("退步最大", trends.declined())):
        for c, h in enumerate(RANK_HEAD):
            book.cell(ws, n, c, h or title, book.head)
        for i, cmp in enumerate(picked, 1):
            n += 1
            for c, v in enumerate(_rank_row("", i, cmp, trends)):
                book.cell(ws, n, c, v)
        if not picked:
            n += 1
            book.cell(ws, n, 1, "（无）")
        n += 2
    if trends.duplicates:  # same jurisdiction and year: not counted in the series
        for c, h in enumerate(DUPLICATE_HEAD):
            book.cell(ws, n, c, h or "重复报告（未计入趋势）", book.head)
        for d in trends.duplicates:
            n += 1
            for c, v in enumerate(("", d.report.file, d.report.year, d.kept.file)):
                book.cell(ws, n, c, v)


# ---------------------------------------------------------------- the summary PDF's section

def _indicator_line(c: Comparison, trends: Trends) -> list[str]:
    out = []
    for k in trends.indicators:
        t = next((t for t in c.trends if t.key == k.key), None)
        if t is None or not t.numeric:
            continue
        vals = [fmt_number(t.points[y].number) if y in t.points and t.points[y].number is not None else "—"
                for y in c.series.years]
        out.append(f"{k.name}：{'→'.join(vals)}{k.unit or ''}")
        if len(out) == SECTION_INDICATORS:
            break
    return out


def trend_context(trends: Trends) -> dict:
    """What summary.html.j2's 趋势 section (summary_trend.html.j2) shows."""
    with no_collection():
        return _trend_context(trends)


def _listed(trends: Trends) -> list[Comparison]:
    """The series the PDF's per-jurisdiction table shows: all of a province's batch, past SERIES_LISTED_UP_TO
    the most improved and the most declined (the table would run to dozens of pages; the 趋势 sheet has all)."""
    if len(trends.comparisons) <= SERIES_LISTED_UP_TO:
        return list(trends.comparisons)
    picked = {id(c) for c in trends.improved() + trends.declined()}
    return [c for c in trends.comparisons if id(c) in picked]


def _trend_context(trends: Trends) -> dict:
    rows = []
    listed = _listed(trends)
    for c in listed:
        s = c.series
        counts = c.promise_counts()
        total = sum(counts.values())
        rows.append({
            "jurisdiction": s.label, "code": s.last.division_code or "",
            "years": f"{s.years[0]}—{s.years[-1]}", "missing": "、".join(map(str, s.gaps)),
            "scores": " → ".join(fmt_score(s.reports[y].score) if y in s.reports else "—" for y in s.years),
            "change": trends.score_change(c), "indicators": _indicator_line(c, trends),
            "promises": total, "kept": counts["met"], "broken": counts["not_met"],
            "unmentioned": counts["not_mentioned"], "review": counts["review"],
        })

    def ranked(picked):
        return [{"rank": i, "jurisdiction": c.series.label, "first": c.series.first.year, "last": c.series.last.year,
                 "from": fmt_score(c.series.first.score), "to": fmt_score(c.series.last.score),
                 "change": fmt_score(trends.score_change(c))} for i, c in enumerate(picked, 1)]

    totals = trends.totals()
    return {"rows": rows, "improved": ranked(trends.improved()), "declined": ranked(trends.declined()),
            "n": len(trends.comparisons), "rows_cut": len(trends.comparisons) - len(listed), "totals": [(PROMISE_LABELS[s], totals[s], PROMISE_COLOR_OF[s])
                                                     for s in PROMISE_STATUSES],
            "duplicates": [{"file": d.report.file, "kept": d.kept.file, "year": d.report.year}
                           for d in trends.duplicates[:DUPLICATES_LISTED]],
            "duplicates_cut": max(0, len(trends.duplicates) - DUPLICATES_LISTED),
            "fmt_score": fmt_score}
