"""fleet.py and fleet_outputs.py: the batch's 趋势 sheet and section for a folder holding several years."""
from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from auditor.batch import run as batch
from auditor.batch.summary_pdf import summary_html
from auditor.batch.tables import SUMMARY_XLSX
from auditor.cli import app
from compare.series import PACK, TEXTS, write_series, write_txt
from helpers import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    write_series(d / "互助")
    write_txt(TEXTS[2023], d / "互助" / "重复一份.txt")  # the same jurisdiction and year twice
    shutil.copy(SEEDS / "002_499b972e7ec7675e.txt", d / "楚雄州.txt")  # one year only: no series
    return d


@pytest.fixture(scope="module")
def result(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = runner.invoke(app, ["batch", str(folder), "-r", PACK, "-o", str(out), "--no-pdf", "-j", "1"])
    assert res.exit_code == 0, res.output
    return out


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True)]


def test_the_trend_sheet_has_each_year_of_the_series(result):
    wb = load_workbook(result / SUMMARY_XLSX)
    assert "趋势" in wb.sheetnames
    rows = _rows(wb["趋势"])
    head = rows[0]
    court = head.index("行政机关负责人出庭应诉率（%）")
    body = [r for r in rows[1:] if r[0] == "互助土族自治县"]
    assert [r[3] for r in body] == [2022, 2023, 2024]  # the duplicate is not a fourth year
    assert [r[court] for r in body] == [0.85, 0.96, 0.88]  # rates as percentages
    assert all(r[1] == "630223" for r in body)
    assert not any(r[0] == "楚雄彝族自治州" or r[0] == "楚雄州" for r in rows[1:] if r[3])
    kept, broken = head.index("已兑现"), head.index("未兑现")
    assert [(r[kept], r[broken]) for r in body] == [(None, None), (3, 2), (1, 1)]
    scores = [r[4] for r in body]
    assert body[1][5] == round(scores[1] - scores[0], 1)


def test_most_improved_and_most_declined(result):
    rows = _rows(load_workbook(result / SUMMARY_XLSX)["趋势"])
    titles = [i for i, r in enumerate(rows) if r[0] in ("进步最大", "退步最大")]
    assert [rows[i][0] for i in titles] == ["进步最大", "退步最大"]
    declined = rows[titles[1] + 1]
    assert declined[1:3] == (1, "互助土族自治县") and declined[8] < 0


def test_duplicates_are_listed_in_the_sheet_and_counted_past_the_pdf_list(result, folder, tmp_path, monkeypatch):
    rows = _rows(load_workbook(result / SUMMARY_XLSX)["趋势"])
    at = next(i for i, r in enumerate(rows) if r[0] == "重复报告（未计入趋势）")
    assert rows[at + 1][1].endswith("重复一份.txt") and rows[at + 1][2] == 2023
    from auditor.compare import fleet_outputs

    monkeypatch.setattr(fleet_outputs, "DUPLICATES_LISTED", 0)
    res = batch.execute(folder, rules=[PACK], out=tmp_path / "out", pdf=False, jobs=1)
    page = summary_html(res.summary)
    assert "重复一份.txt（2023年" not in page and "另有 1 份，见 汇总.xlsx 的“趋势”表" in page


def test_results_keep_the_digest_a_later_run_reuses(result, folder):
    j = json.loads(next(p for p in result.glob("互助*2022*.json")).read_text(encoding="utf-8"))
    assert j["trend"]["version"] == 2 and len(j["trend"]["commitments"]) == 5
    out2 = runner.invoke(app, ["batch", str(folder), "-r", PACK, "-o", str(result), "--no-pdf", "-j", "1"])
    assert out2.exit_code == 0 and "跳过 5 份" in out2.output and "趋势：1 个地区" in out2.output
    rows = _rows(load_workbook(result / SUMMARY_XLSX)["趋势"])
    assert [r[3] for r in rows[1:] if r[0] == "互助土族自治县"] == [2022, 2023, 2024]


def test_the_summary_section(folder, tmp_path):
    res = batch.execute(folder, rules=[PACK], out=tmp_path / "out", pdf=False, jobs=1)
    page = summary_html(res.summary)
    assert "六、趋势" in page and "退步最大" in page and "重复一份.txt" in page
    assert "已兑现 4" in page and res.timings["trend"] >= 0
    assert all(r.row.trend is None for r in res.reports)  # the parent keeps digests on disk, not in its rows


def test_no_trend_without_several_years(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEEDS / "002_499b972e7ec7675e.txt", d / "a.txt")
    res = batch.execute(d, rules=[PACK], out=tmp_path / "out", pdf=False, jobs=1)
    assert res.summary.trend is None and "趋势" not in load_workbook(tmp_path / "out" / SUMMARY_XLSX).sheetnames
    assert "六、趋势" not in summary_html(res.summary)


def test_past_the_listed_size_the_pdf_table_keeps_the_ranked_series(monkeypatch):
    from types import SimpleNamespace

    from auditor.compare import fleet_outputs

    a, b, c = object(), object(), object()
    trends = SimpleNamespace(comparisons=[a, b, c], improved=lambda: [c], declined=lambda: [a])
    assert fleet_outputs._listed(trends) == [a, b, c]
    monkeypatch.setattr(fleet_outputs, "SERIES_LISTED_UP_TO", 2)
    assert fleet_outputs._listed(trends) == [a, c]  # in the batch's order, the unranked one left to the sheet


def test_the_section_says_where_the_series_left_out_are(folder, tmp_path, monkeypatch):
    from auditor.compare import fleet, fleet_outputs

    monkeypatch.setattr(fleet_outputs, "SERIES_LISTED_UP_TO", 0)
    monkeypatch.setattr(fleet.Trends, "declined", lambda self, n=10: [])
    monkeypatch.setattr(fleet.Trends, "improved", lambda self, n=10: [])
    res = batch.execute(folder, rules=[PACK], out=tmp_path / "out", pdf=False, jobs=1)
    page = summary_html(res.summary)
    assert "其余 1 个地区的逐年得分" in page and "上年安排落实：" not in page and "已兑现" in page  # no row, the totals stay


def test_the_step_hands_what_it_keeps_to_the_oldest_generation_and_the_collector_back_as_it_was():
    import gc

    from auditor.compare.fleet import no_collection

    assert gc.isenabled() and not gc.get_freeze_count()
    with no_collection():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled() and not gc.get_freeze_count()
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(x) in young for x in kept)  # no young collection will walk them
    gc.freeze()  # a process that froze objects of its own (launch.py) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with no_collection():
            more = [[i] for i in range(10)]
        assert gc.get_freeze_count() == frozen and more
    finally:
        gc.unfreeze()
