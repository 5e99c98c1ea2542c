"""tables.py: 汇总.xlsx and summary.csv. Numbers stay numbers, text stays text (never a formula, headers
included), the workbook prints, each row links to its report; alerts have their column."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from audit_factory import ERROR_ALERT, FORMULA, IMG, make_audit

from auditor.batch.rows import BatchResult, ErrorRow, Report, ReportRow
from auditor.batch.stats import Summary
from auditor.batch.tables import SHEETS, csv_bytes, headers, xlsx_bytes
from auditor.packs.loader import load_rules
from auditor.report.json import audit_dict
from auditor.report.vocab import FILLS, STATUS_LABELS

EVIL = '=HYPERLINK("http://example.com","<script>alert(1)</script>")'


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("factory")
    audit = make_audit(alerts=(ERROR_ALERT,), workdir=str(folder))
    row = ReportRow.from_audit_dict(audit_dict(audit))
    evil = replace(row, jurisdiction=EVIL, score=40.0, alerts=())
    res = BatchResult(reports=[Report("a/船營區.docx", "船營區-2023", row, pdf=True), Report("evil.txt", "evil", evil)],
                      errors=[ErrorRow("broken/空.txt", "InputError", "文件是空的")])
    return Summary(res, load_rules([str(folder / "hostile.yaml")]), folder, date(2025, 4, 1))


@pytest.fixture(scope="module")
def book(summary, tmp_path_factory):
    p = tmp_path_factory.mktemp("xlsx") / "汇总.xlsx"
    p.write_bytes(xlsx_bytes(summary))
    return load_workbook(p)


def test_sheets_are_named_in_chinese_and_rank_sits_beside_region(book):
    assert book.sheetnames == list(SHEETS)
    head = [c.value for c in book["汇总"][1]]
    assert head[:4] == ["排名", "地区", "排名组", "层级"] and "警示" in head and head[-2:] == ["文件", "结果文件"]
    assert [c.value for c in book["无法读取"]["A"]][1:] == ["broken/空.txt"]


def test_numbers_are_numbers_rates_are_percentages(book, summary):
    ws = book["汇总"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    first = ws[2]
    assert first[col["排名"]].value == 1 and isinstance(first[col["得分"]].value, (int, float))
    assert first[col[STATUS_LABELS["met"]]].data_type == "n"
    rate = "行政机关负责人出庭应诉率（%）"  # 100% in the seed
    cells = [r[col[rate]] for r in ws.iter_rows(min_row=2)]
    numeric = [c for c in cells if isinstance(c.value, (int, float))]
    assert numeric and all(c.number_format.endswith("%") and 0 <= c.value <= 1.5 for c in numeric)
    lectures = "法治专题讲座（次）"
    c = ws.cell(row=2, column=col[lectures] + 1)
    assert c.value == 1 and c.fill.fgColor.rgb.endswith(FILLS["not_met"])


def test_result_file_is_a_link(book):
    ws = book["汇总"]
    cell = ws.cell(row=2, column=ws.max_column)
    assert cell.value == "船營區-2023.pdf" and cell.hyperlink is not None and cell.hyperlink.target == "船營區-2023.pdf"


def test_every_sheet_prints_landscape_one_page_wide_with_repeated_header(book):
    for name in SHEETS:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        # fitToWidth left out means 1 (the OOXML default)
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        if name != "说明":
            assert ws.print_title_rows.replace("$", "") == "1:1"


def test_text_is_never_a_formula_headers_included(book, summary):
    ws = book["汇总"]
    evil = next(c for c in ws["B"] if c.value == EVIL)
    assert evil.data_type == "s"
    assert not any(c.data_type == "f" for sheet in book for row in sheet.iter_rows() for c in row)
    raw = csv_bytes(summary).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == [("'" + h if h.startswith("=") else h) for h in headers(summary)]
    assert any(c == "'" + EVIL for r in rows for c in r)
    assert not any(c.startswith(("=", "+", "@")) for r in rows for c in r)


def test_hostile_rule_name_in_header_is_escaped_in_csv(summary):
    name = "=SUM(A1)"
    s = summary
    m = next(m for m in s.indicators if m.id == "hostile_rule")
    old = m.name
    m.name = name
    try:
        rows = list(csv.reader(io.StringIO(csv_bytes(s).decode("utf-8-sig"))))
        assert "'" + name + "（次）" in rows[0] and not any(h.startswith("=") for h in rows[0])
    finally:
        m.name = old
    assert IMG in old


def test_details_and_alert_column(book, summary):
    ws = book["明细"]
    assert [c.value for c in ws[1]] == ["报告", "地区", "规则 id", "规则名称", "状态", "报告值", "目标", "原文摘录"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    lectures = next(r for r in rows if r[2] == "legal_lectures" and r[0] == "船營區-2023")
    assert lectures[4] == "未达标" and lectures[5] == "1次" and lectures[6] == "至少3次"
    assert any(r[5] == "已提及，无数字" for r in rows)
    head = [c.value for c in book["汇总"][1]]
    alerts = [r[head.index("警示")] for r in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert ("警示：" + ERROR_ALERT.message) in alerts
    assert FORMULA  # the category of the hostile rule: shown nowhere as a formula (checked above)


def test_text_that_looks_like_rich_text_xml_stays_text(tmp_path):
    """xlsxwriter's constant_memory mode copies a string that starts with <r> and ends with </r> into the sheet
    as XML: a quote could add a cell (or a formula) of its own."""
    from auditor.batch.tables import Book

    sly = '<r>x</t></is></c><c r="B2"><f>1+1</f></c><c><is><t></r>'
    book = Book(str(tmp_path))
    ws = book.wb.add_worksheet("t")
    book.cell(ws, 1, 0, sly)
    book.cell(ws, 2, 0, "<r></r>", book.bold)
    p = tmp_path / "t.xlsx"
    p.write_bytes(book.finish())
    sheet = load_workbook(p)["t"]
    assert sheet["A2"].value == sly and sheet["B2"].value is None
    assert sheet["A3"].value == "<r></r>" and sheet["A3"].font.b
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
