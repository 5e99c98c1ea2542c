"""tables: 汇总.xlsx and summary.csv from the batch Summary.

Report and rule text is untrusted: every text cell is written as text (never a formula) in the workbook and
prefixed with ' in the CSV when a spreadsheet would read it as one, headers included. Numbers stay
numbers (rates as percentages). The workbook prints landscape A4, fit to the page width, header row
repeated, page numbers. Its rows go to temporary files as they are written (xlsxwriter's constant_memory,
in a private folder inside the output folder, removed when done): a workbook built in memory costs about
200 bytes per cell, 150 MB for the bounded 明细 sheet and 10 KB per report for the 汇总 sheet.
"""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any, Iterator, Optional

from .outdir import TEMP_PREFIX
from .rows import Report
from .stats import RuleMeta, Summary
from ..messages import os_reason
from ..atomic import write_bytes
from ..errors import RenderError
from ..report.vocab import FILLS, PROFILE_LABELS, STATUS_LABELS, STATUSES, fmt_date

SUMMARY_XLSX = "汇总.xlsx"
SUMMARY_CSV = "summary.csv"
SHEETS = ("汇总", "明细", "重复", "无法读取", "说明")
SUMMARY_HEAD = ["排名", "地区", "排名组", "层级", "年度", "得分", "豁免前得分"] + [STATUS_LABELS[s] for s in STATUSES] + ["警示"]
TAIL_HEAD = ["文件", "结果文件"]
FINDING_HEAD = ["报告", "地区", "规则 id", "规则名称", "状态", "报告值", "目标", "原文摘录"]
ERROR_HEAD = ["文件", "阶段", "错误类型", "原因"]
CELL_MAX = 32000  # Excel keeps at most 32,767 characters in a cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(v: Any) -> Any:
    """Never let a spreadsheet read untrusted text as a formula."""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def indicator_head(m: RuleMeta) -> str:
    return f"{m.name}（{m.unit}）" if m.unit else m.name


def headers(s: Summary) -> list[str]:
    heads = SUMMARY_HEAD + [indicator_head(m) for m in s.indicators] + TAIL_HEAD
    seen: dict[str, int] = {}
    out = []
    for h in heads:  # two rules with the same name still get two distinct columns
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h}（{seen[h]}）")
    return out


def result_file(r: Report) -> str:
    return f"{r.name}.pdf" if r.pdf else f"{r.name}.json"


def summary_rows(s: Summary) -> Iterator[tuple[Report, list, list]]:
    """(report, plain values, [(finding or None) per indicator]) for each report, by group, best first."""
    for label, group in s.groups:
        for rank, r in group:
            d = r.row
            row = [rank, d.jurisdiction or "", label, d.level_label, d.year or "", r.score,
                   round(d.score_before_waivers, 1)]
            row += [d.counts.get(st, 0) for st in STATUSES] + [d.alert_text]
            yield r, row, [s.finding(r.rel, m.id) for m in s.indicators]


def _indicator_value(f) -> Any:
    if f is None:
        return ""
    return f.number if f.number is not None else (f.value_text if f.value is not None else "")


def csv_bytes(s: Summary) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([csv_text(h) for h in headers(s)])
    for r, row, found in summary_rows(s):
        values = row + [_indicator_value(f) for f in found] + [r.rel, result_file(r)]
        w.writerow([csv_text(v) for v in values])
    return buf.getvalue().encode("utf-8-sig")  # BOM: Excel then reads the Chinese correctly


class Book:
    """汇总.xlsx, written with xlsxwriter row by row (every sheet fills its rows in order) into temporary
    files in `tmpdir` (the system's when None), then zipped in memory."""

    def __init__(self, tmpdir: Optional[str] = None):
        import xlsxwriter

        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buf, {"constant_memory": True, "tmpdir": tmpdir,
                                                 "strings_to_formulas": False, "strings_to_urls": False,
                                                 "strings_to_numbers": False})
        add = self.wb.add_format
        self.head = add({"bold": True, "bg_color": "#EEEEEE", "text_wrap": True, "valign": "top", "border": 1})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14})
        self.link = add({"font_color": "#1F5FA8", "underline": 1})
        self.fills = {st: add({"bg_color": "#" + c}) for st, c in FILLS.items()}
        self.formats: dict = {}

    def fmt(self, status: Optional[str], percent: bool):
        key = (status, percent)
        if key not in self.formats:
            spec = {"bg_color": "#" + FILLS[status]} if status in FILLS else {}
            if percent:
                spec["num_format"] = "0.0#%"
            self.formats[key] = self.wb.add_format(spec) if spec else None
        return self.formats[key]

    def sheet(self, name: str, head: list[str], widths: list[float], freeze: tuple[int, int] = (1, 0)):
        ws = self.wb.add_worksheet(name)
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        for i, h in enumerate(head):
            ws.write_string(0, i, text(h), self.head)
        ws.freeze_panes(*freeze)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        ws.repeat_rows(0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")
        return ws

    def cell(self, ws, r: int, c: int, value: Any, fmt=None) -> None:
        if isinstance(value, str):
            value = text(value)
            if value.startswith("<r>") and value.endswith("</r>"):
                # constant_memory writes such a string as raw rich-text XML (untrusted text could add cells or
                # formulas): three plain runs instead, each escaped, that read as the same text
                ws.write_rich_string(r, c, value[:1], value[1:2], value[2:], *((fmt,) if fmt else ()))
                return
            ws.write_string(r, c, value, fmt)
        elif value is None or value == "":
            ws.write_blank(r, c, None, fmt)
        else:
            ws.write_number(r, c, value, fmt)

    def finish(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def text(value: str) -> str:
    return value[:CELL_MAX]


def _summary_sheet(book: Book, s: Summary) -> None:
    heads = headers(s)
    first = len(SUMMARY_HEAD)
    widths = [5, 16, 18, 12, 6, 6, 8] + [6] * len(STATUSES) + [30] + [12] * len(s.indicators) + [28, 20]
    ws = book.sheet(SHEETS[0], heads, widths, freeze=(1, 2))
    ws.set_row(0, 48)
    for j, m in enumerate(s.indicators):
        ws.write_comment(0, first + j, f"规则 id：{m.id}" + (f"\n目标：{m.target}" if m.target else ""))
    n = 0
    for n, (r, row, found) in enumerate(summary_rows(s), 1):
        for c, v in enumerate(row):
            book.cell(ws, n, c, v, book.wrap if c == first - 1 and v else None)
        for j, (f, m) in enumerate(zip(found, s.indicators)):
            v = _indicator_value(f)
            percent = m.unit == "%" and isinstance(v, float)
            book.cell(ws, n, first + j, v / 100 if percent else v, book.fmt(f.status if f else None, percent))
        c = first + len(s.indicators)
        book.cell(ws, n, c, r.rel)
        ws.write_url(n, c + 1, "external:" + result_file(r), book.link, string=result_file(r))
    ws.autofilter(0, 0, max(n, 1), len(heads) - 1)


def _detail_rows(s: Summary) -> tuple[list, Optional[str]]:
    """明细 rows for the sheet: from the batch's spool (none past the bound, with a note), else from the rows."""
    from .details import detail_values, sheet_note

    spool = getattr(s.result, "details", None)
    if spool is None:
        return [(r.name,) + v for r in sorted((r for _, r in s.ranked), key=lambda r: r.rel)
                for v in detail_values(r.row)], None
    rows, total = spool.sheet_rows()
    return rows, sheet_note(len(rows), total)


def _details_sheet(book: Book, s: Summary) -> None:
    ws = book.sheet(SHEETS[1], FINDING_HEAD, [20, 14, 30, 32, 9, 18, 16, 90], freeze=(1, 1))
    rows, note = _detail_rows(s)
    n = 0
    for n, values in enumerate(rows, 1):
        for c, v in enumerate(values):
            book.cell(ws, n, c, v)
    if note:  # too many rows to open and filter comfortably: the CSV beside the workbook has them
        from .details import DETAILS_CSV

        book.cell(ws, n + 1, 0, note, book.bold)
        ws.write_url(n + 2, 0, "external:" + DETAILS_CSV, book.link, string=f"打开 {DETAILS_CSV}")
    ws.autofilter(0, 0, max(n, 1), len(FINDING_HEAD) - 1)
    labels = {**{STATUS_LABELS[st]: st for st in STATUSES}, PROFILE_LABELS[True]: "met"}
    for label, st in labels.items():  # one rule per status, not a format per cell
        ws.conditional_format(1, 4, max(n, 1), 4, {"type": "cell", "criteria": "==", "value": f'"{label}"',
                                                   "format": book.fills[st]})


def _duplicates_sheet(book: Book, s: Summary) -> None:
    ws = book.sheet(SHEETS[2], ["文件", "地区", "年度", "与之重复、参与排名的文件", "原因"], [36, 16, 8, 36, 40])
    for n, (d, kept, why) in enumerate(s.duplicates, 1):
        for c, v in enumerate((d.rel, d.row.jurisdiction or "", d.row.year or "", kept.rel, why)):
            book.cell(ws, n, c, v)


def _errors_sheet(book: Book, s: Summary) -> None:
    ws = book.sheet(SHEETS[3], ERROR_HEAD, [36, 10, 18, 90])
    for n, e in enumerate(s.errors, 1):
        for c, v in enumerate((e.rel, e.stage, e.error_type, e.message)):
            book.cell(ws, n, c, v, book.wrap if c == 3 else None)


def _about_sheet(book: Book, s: Summary) -> None:
    ws = book.sheet(SHEETS[4], [], [22, 60, 12, 20, 10], freeze=(0, 0))
    rows: list[tuple] = [("批量审核汇总",), ("生成日期", fmt_date(s.today)), ("报告文件夹", str(s.folder))]
    rows += [("规则包", f"{p.title}（{p.id}）") for p in s.ruleset.packs]
    rows += [("审核报告数", len(s.ranked)), ("重复的报告（不参与排名）", len(s.duplicates)),
             ("无法读取的文件数", len(s.read_errors)), ("排名", "按层级分组（有多个年度时再按年度），组内按得分"),
             ("明细表顺序", "按文件名"), (),
             ("图例",)]
    n = 0
    for n, row in enumerate(rows):
        for c, v in enumerate(row):
            book.cell(ws, n, c, v, book.title if n == 0 else book.bold if row == ("图例",) else None)
    meaning = {"met": "达到规则要求", "not_met": "报告了，但未达到目标", "not_reported": "报告中没有找到",
               "review": "需要人工核实（口径不一、只涉及部分案件等）", "waived": "经批准豁免，不计分"}
    for st in STATUSES:
        n += 1
        book.cell(ws, n, 0, STATUS_LABELS[st], book.fills[st])
        book.cell(ws, n, 1, meaning[st])
    n += 2
    for c, h in enumerate(["规则 id", "名称", "类型", "目标", "单位"]):
        book.cell(ws, n, c, h, book.head)
    for m in s.rules:
        n += 1
        for c, v in enumerate((m.id, m.name, m.kind, m.target or "", m.unit or "")):
            book.cell(ws, n, c, v)


def xlsx_bytes(s: Summary, tmpdir: Optional[str] = None) -> bytes:
    book = Book(tmpdir)
    _summary_sheet(book, s)
    _details_sheet(book, s)
    _duplicates_sheet(book, s)
    if getattr(s, "trend", None) is not None:  # several years of a jurisdiction: the 趋势 sheet
        from ..compare.fleet_outputs import write_trend_sheet

        write_trend_sheet(book, s.trend)
    _errors_sheet(book, s)
    _about_sheet(book, s)
    return book.finish()


def write_tables(s: Summary, out: Path) -> None:
    for name, what in ((SUMMARY_XLSX, "汇总表"), (SUMMARY_CSV, "CSV 汇总表")):
        try:
            if name == SUMMARY_XLSX:
                with tempfile.TemporaryDirectory(dir=out, prefix=TEMP_PREFIX) as tmpdir:
                    data = xlsx_bytes(s, tmpdir)
            else:
                data = csv_bytes(s)
            write_bytes(out / name, data)
        except OSError as exc:
            raise RenderError(f"无法写入{what}：{os_reason(exc)}", path=str(out / name)) from exc
