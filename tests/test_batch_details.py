"""details.py: 明细 rows spooled to disk in arrival order and written in file-name order; the workbook's 明细
sheet holds them all up to its bound and past it a note and a link to the CSV; the parent's rows without quotes
and with equal findings shared."""
from __future__ import annotations

import csv
import io
import shutil

from auditor.batch import details, run as batch
from auditor.batch.details import DETAILS_CSV, Compactor, DetailSpool, detail_lines
from auditor.batch.rows import FindingRow, ReportRow
from auditor.batch.tables import SUMMARY_XLSX
from helpers import HUZHU, SEEDS


def _row(who: str, quotes: list[str], status: str = "met") -> ReportRow:
    findings = tuple(FindingRow(f"r{i}", "mention", f"规则{i}", status, "present", None, None, q, False)
                     for i, q in enumerate(quotes))
    return ReportRow(who, "county", 2024, f"{who}报告", "txt", 50.0, 50.0, {"met": len(quotes)}, findings)


def _read(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_spool_writes_every_row_in_file_order_whatever_the_arrival(tmp_path):
    spool = DetailSpool(tmp_path)
    spool.add(2, "丙县", detail_lines(_row("丙县", ["第三", "含,逗号与\"引号\"\n换行"])))
    spool.add(0, "甲县", detail_lines(_row("甲县", ["=1+1"])))
    spool.add(1, "乙县", detail_lines(_row("乙县", [])))
    spool.write_csv(tmp_path / DETAILS_CSV)
    spool.close()
    rows = _read(tmp_path / DETAILS_CSV)
    assert rows[0][:3] == ["报告", "地区", "规则 id"]
    assert [(r[0], r[7]) for r in rows[1:]] == [("甲县", "'=1+1"), ("丙县", "第三"), ("丙县", "含,逗号与\"引号\"\n换行")]
    assert list(tmp_path.iterdir()) == [tmp_path / DETAILS_CSV]  # the spool leaves no file behind


def test_sheet_rows_are_all_the_rows_up_to_the_bound_and_none_past_it(tmp_path):
    spool = DetailSpool(tmp_path)
    for i in range(5):
        spool.add(4 - i, f"县{4 - i}", detail_lines(_row(f"县{4 - i}", ["a", "b", "c"])))
    rows, total = spool.sheet_rows(limit=15)
    assert total == 15 and len(rows) == 15 and [r[0] for r in rows[::3]] == [f"县{i}" for i in range(5)]
    assert details.sheet_note(len(rows), total) is None
    rows, total = spool.sheet_rows(limit=14)
    assert total == 15 and rows == []
    assert "15 行" in details.sheet_note(0, total) and DETAILS_CSV in details.sheet_note(0, total)
    spool.close()


def test_compactor_drops_quotes_and_shares_equal_findings():
    c = Compactor()
    a, b = c.row(_row("甲县", ["一句", "两句"])), c.row(_row("乙县", ["别的", "说法"]))
    assert all(f.quote == "" for f in a.findings)
    assert a.findings[0] is b.findings[0] and a.counts is b.counts
    assert a.jurisdiction == "甲县" and a.findings[1].status == "met"


def test_a_batch_writes_the_details_csv_and_bounds_the_sheet(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    out = tmp_path / "out"
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False)
    rows = _read(out / DETAILS_CSV)[1:]
    assert len(rows) == sum(len(r.row.findings) for r in res.reports)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=lambda n: next(
        x.rel for x in res.reports if x.name == n))  # by file name
    assert any(r[7] for r in rows)  # the quotes are in the CSV, not in the parent's rows
    assert all(f.quote == "" for r in res.reports for f in r.row.findings)
    sheet = load_workbook(out / SUMMARY_XLSX, read_only=True)["明细"]
    assert sheet.max_row == len(rows) + 1

    every = list(load_workbook(out / SUMMARY_XLSX, read_only=True)["明细"].values)

    monkeypatch.setattr(details, "SHEET_MAX_ROWS", len(rows))  # just within the bound: the same sheet
    batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False, force=True)
    assert list(load_workbook(out / SUMMARY_XLSX, read_only=True)["明细"].values) == every

    monkeypatch.setattr(details, "SHEET_MAX_ROWS", len(rows) - 1)  # one row past it: a note and a link instead
    batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False, force=True)
    book = load_workbook(out / SUMMARY_XLSX)
    values = list(book["明细"].values)
    assert values[0] == every[0] and len(values) == 3
    assert f"{len(rows):,} 行" in values[1][0] and DETAILS_CSV in values[1][0]
    link = book["明细"].cell(3, 1)
    assert DETAILS_CSV in link.value and link.hyperlink.target == DETAILS_CSV
    assert _read(out / DETAILS_CSV)[1:] == rows  # the CSV still has every row


def test_rows_travel_between_processes_unchanged():
    import pickle

    row = _row("互助县", ["举办讲座3次", ""], status="review")
    back = pickle.loads(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == row and back.findings[0].quote == "举办讲座3次" and back.findings[1].status == "review"
