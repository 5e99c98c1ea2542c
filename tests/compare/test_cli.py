"""`auditor compare` end to end on the three-year series (Word, text and web page): terminal, JSON, PDF/HTML,
refusals, duplicates, gaps."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from compare.series import PACK, TEXTS, write_series, write_txt

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_series(tmp_path_factory.mktemp("series"))


@pytest.fixture(scope="module")
def out(files, tmp_path_factory):
    d = tmp_path_factory.mktemp("out")
    args = ["compare", str(files[2024]), str(files[2022]), str(files[2023]), "-r", PACK, "--format", "json",
            "--pdf", str(d / "比较.pdf"), "--html", str(d / "比较.html")]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout), d


def _ind(data, year, key):
    y = next(y for y in data["years"] if y["year"] == year)
    return y["indicators"][key]["value"], y["indicators"][key]["status"]


def test_years_in_order_with_scores_whatever_the_order_given(out):
    data, _ = out
    assert [y["year"] for y in data["years"]] == [2022, 2023, 2024] and data["missing_years"] == []
    assert data["jurisdiction"]["division_code"] == "630223" and data["jurisdiction"]["level"] == "county"
    scores = [y["score"] for y in data["years"]]
    assert scores[1] > scores[0] > scores[2] and data["score_change"] == round(scores[2] - scores[0], 1)


def test_values_rising_and_falling(out):
    data, _ = out
    assert [_ind(data, y, "court_appearance_rate") for y in (2022, 2023, 2024)] == \
        [(85, "not_met"), (96, "met"), (88, "not_met")]
    assert [_ind(data, y, "legal_lectures")[0] for y in (2022, 2023, 2024)] == [2, 2, 4]
    court = next(i for i in data["indicators"] if i["id"] == "court_appearance_rate")
    assert [(c["from"], c["to"], c["delta"], c["arrow"], c["better"]) for c in court["changes"]] == \
        [(2022, 2023, 11, "↑", True), (2023, 2024, -8, "↓", False)]
    assert court["changes"][0]["delta_unit"] == "个百分点"


def test_a_part_disappearing_is_a_new_gap_and_gaps_close(out):
    data, _ = out
    new = {(g["id"], g["to"]) for g in data["new_gaps"]}
    closed = {(g["id"], g["to"]) for g in data["closed_gaps"]}
    assert ("part_first_responsible", 2024) in new and ("court_appearance_rate", 2024) in new
    assert ("court_appearance_rate", 2023) in closed and ("loss_rate_after_reconsideration", 2023) in closed
    assert _ind(data, 2024, "part_first_responsible") == ("absent", "not_met")


def test_promises_kept_and_broken(out):
    data, _ = out
    got = {(p["planned_in"], p["quote"]): p["status"] for p in data["promises"]}
    assert got == {
        (2022, "力争行政机关负责人出庭应诉率达到95%以上"): "met",
        (2022, "举办法治专题讲座3次"): "not_met",
        (2022, "完成行政规范性文件集中清理工作"): "met",
        (2022, "建成县级行政执法协调监督平台"): "not_met",
        (2022, "经行政复议后被诉案件败诉率控制在10%以内"): "met",
        (2023, "行政机关负责人出庭应诉率达到100%"): "not_met",
        (2023, "发布行政复议典型案例2批"): "met",
        (2023, "编制重大行政决策事项目录并向社会公开"): "not_mentioned",
    }
    lecture = next(p for p in data["promises"] if p["indicator"] == "legal_lectures")
    assert (lecture["value"], lecture["found"], lecture["checked_in"]) == (3, 2, 2023)
    assert data["promise_counts"] == {"met": 4, "not_met": 3, "not_mentioned": 1, "review": 0}


def test_pdf_and_html_are_written(out):
    _, d = out
    assert (d / "比较.pdf").read_bytes()[:5] == b"%PDF-"
    page = (d / "比较.html").read_text(encoding="utf-8")
    assert "年度比较" in page and "<svg" in page and "建成县级行政执法协调监督平台" in page


def test_terminal(files):
    res = runner.invoke(app, ["compare", str(files[2022]), str(files[2023]), "-r", PACK])
    assert res.exit_code == 0, res.output
    assert "法治报告年度比较" in res.output and "上一年度安排的落实情况" in res.output and "↑11个百分点" in res.output


def test_another_jurisdiction_is_refused_in_chinese(files, tmp_path):
    other = write_txt(TEXTS[2023].replace("互助土族自治县", "海东市乐都区").replace("互助县", "乐都区"),
                      tmp_path / "互助县2023.txt")  # the file name says 互助: the text decides
    res = runner.invoke(app, ["compare", str(files[2022]), str(other), "-r", PACK])
    assert res.exit_code == 2
    assert "不属于同一地区" in res.output and "630202" in res.output


def test_duplicates_and_gaps(files, tmp_path):
    copy = write_txt(TEXTS[2022], tmp_path / "复件.txt")
    res = runner.invoke(app, ["compare", str(files[2022]), str(copy), str(files[2024]), "-r", PACK, "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["missing_years"] == [2023] and [y["year"] for y in data["years"]] == [2022, 2024]
    assert data["duplicates"] == [{"year": 2022, "file": str(copy), "kept": str(files[2022])}]
    assert data["promises"] == []  # the 2022 plan was for 2023, which is missing


def test_one_report_is_not_a_comparison(files):
    res = runner.invoke(app, ["compare", str(files[2022])])
    assert res.exit_code == 2 and "至少需要两份报告" in res.output
    res = runner.invoke(app, ["compare", str(files[2022]), str(files[2022]), "-r", PACK])
    assert res.exit_code == 2 and "两个不同年度" in res.output


def test_an_unreadable_report_is_named(files, tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    res = runner.invoke(app, ["compare", str(files[2022]), str(bad)])
    assert res.exit_code == 4 and "坏.docx" in res.output
