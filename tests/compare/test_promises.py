"""promises.py: last year's commitments against this year's report — met, not met, not mentioned, review."""
from __future__ import annotations

import pytest

from auditor.compare.commitments import key_terms
from auditor.compare.model import Commitment, Point, Series, YearReport
from auditor.compare.promises import check, check_series
from auditor.compare.said import Said


def point(key, value, status="met", unit="%", kind="metric", quote="某句。"):
    return Point(key, key, key, kind, unit, status, value, False, "不低于90%", quote)


def year(y, points=(), statements=(), commitments=()):
    return YearReport(f"{y}.txt", y, "某县", "county", "630223", 80.0, {p.key: p for p in points},
                      commitments=tuple(commitments), said=Said.from_sentences(statements))


RATE = Commitment("力争出庭应诉率达到95%", "figure", "court", "出庭应诉率", ">=", 95.0, "%",
                  terms=("出庭应诉",))


@pytest.mark.parametrize("value, status, want", [
    (96.0, "met", "met"), (95.0, "met", "met"), (88.0, "not_met", "not_met"),
    (97.0, "review", "review"),  # this year's own value needs a person: so does the promise
])
def test_a_figure_is_judged_by_this_year_s_value_of_its_indicator(value, status, want):
    p = check(RATE, year(2023), year(2024, [point("court", value, status)]))
    assert p.status == want and p.found == value


def test_a_ceiling_is_met_below_it():
    c = Commitment("败诉率控制在10%以内", "figure", "loss", "败诉率", "<=", 10.0, "%")
    assert check(c, year(2023), year(2024, [point("loss", 8.0)])).status == "met"
    assert check(c, year(2023), year(2024, [point("loss", 12.0)])).status == "not_met"


def test_a_change_in_points_needs_both_years():
    c = Commitment("出庭应诉率提高5个百分点", "figure", "court", "", ">=", 5.0, "%", change=True)
    assert check(c, year(2023, [point("court", 85.0)]), year(2024, [point("court", 91.0)])).status == "met"
    assert check(c, year(2023, [point("court", 88.0)]), year(2024, [point("court", 91.0)])).status == "not_met"
    assert check(c, year(2023), year(2024, [point("court", 91.0)])).status == "review"


def test_an_indicator_named_without_a_figure_is_for_review():
    p = check(RATE, year(2023), year(2024, [point("court", "mentioned", "not_reported")]))
    assert p.status == "review"


def test_an_indicator_the_report_never_states_is_not_mentioned():
    p = check(RATE, year(2023), year(2024, [point("court", None, "not_reported")],
                                     [("achievements", "全年办理行政复议案件23件。")]))
    assert p.status == "not_mentioned"


LECTURES = Commitment("举办法治讲座3次", "figure", None, "", ">=", 3.0, "次", terms=("讲座",))


@pytest.mark.parametrize("sentence, want, found", [
    ("全年举办法治讲座4场。", "met", 4),  # another unit of an event
    ("举办法治讲座2次。", "not_met", 2),
    ("到各社区开展法治讲座。", "review", None),  # named, no figure
    ("全年办理行政复议案件23件。", "not_mentioned", None),
])
def test_a_figure_no_rule_knows_is_read_from_the_sentence_that_names_it(sentence, want, found):
    p = check(LECTURES, year(2023), year(2024, statements=[("achievements", sentence)]))
    assert (p.status, p.found) == (want, found)


def test_a_threshold_in_this_year_s_text_is_not_a_result():
    p = check(LECTURES, year(2023), year(2024, statements=[("achievements", "要求各单位举办法治讲座不少于5次。")]))
    assert p.status == "review"


PLATFORM = Commitment("建成县级行政执法协调监督平台", "deliverable", terms=key_terms("建成县级行政执法协调监督平台"))


def test_key_terms_leave_the_specific_phrase():
    assert PLATFORM.terms == ("县级", "执法协调监督平台")
    assert key_terms("持续完善工作机制") == () and not Commitment("持续完善工作机制", "deliverable").checkable


@pytest.mark.parametrize("kind, sentence, want", [
    ("achievements", "建成县级行政执法协调监督平台并投入使用。", "met"),
    ("achievements", "县级行政执法协调监督平台尚未建成。", "not_met"),  # says it is not done
    ("shortcomings", "县级行政执法协调监督平台建设推进不快。", "not_met"),  # a shortcoming is never done
    ("achievements", "县级行政执法监督平台建设。", "review"),  # four of five key terms
    ("achievements", "县级执法协调监督平台。", "review"),  # all terms, no word of doing it
    ("achievements", "全年办理行政复议案件23件。", "not_mentioned"),
])
def test_a_deliverable_is_looked_for_by_its_key_terms(kind, sentence, want):
    assert check(PLATFORM, year(2023), year(2024, statements=[(kind, sentence)])).status == want


def test_achievements_win_over_shortcomings_when_both_name_it():
    sts = [("shortcomings", "县级行政执法协调监督平台功能不够完善。"),
           ("achievements", "建成县级行政执法协调监督平台。")]
    p = check(PLATFORM, year(2023), year(2024, statements=sts))
    assert p.status == "met" and p.part_kind == "achievements"


def test_promises_need_the_next_year_in_the_series():
    a = year(2021, commitments=[PLATFORM])
    b = year(2022, statements=[("achievements", "建成县级行政执法协调监督平台。")], commitments=[LECTURES])
    d = year(2024, statements=[("achievements", "全年举办法治讲座4场。")])
    s = Series(("code", "630223", "county"), "某县", {2021: a, 2022: b, 2024: d})
    got = check_series(s)
    assert [(p.planned_year, p.checked_year, p.status) for p in got] == [(2021, 2022, "met")]  # 2023 is a gap


PLATFORM = Commitment("建成县级行政执法协调监督平台", "deliverable", terms=key_terms("建成县级行政执法协调监督平台"),
                      complete=True)


@pytest.mark.parametrize("sentence, want", [
    ("县级行政执法协调监督平台已建成并投入使用。", "met"),  # done
    ("完成县级行政执法协调监督平台建设。", "met"),
    ("稳步开展县级行政执法协调监督平台建设，取得初步成效。", "review"),  # under way is not done
    ("持续推进县级行政执法协调监督平台建设工作。", "review"),
])
def test_a_promise_to_complete_needs_a_sentence_that_says_it_is_done(sentence, want):
    p = check(PLATFORM, year(2023), year(2024, statements=[("achievements", sentence)]))
    assert p.status == want, p


def test_a_promise_to_carry_on_is_met_by_work_under_way():
    c = PLATFORM._replace(complete=False)
    p = check(c, year(2023), year(2024, statements=[("achievements", "稳步开展县级行政执法协调监督平台建设工作。")]))
    assert p.status == "met"
