"""commitments.py: what a next-year plan promises. Each test names the class of wording it covers."""
from __future__ import annotations

import json

import pytest

from auditor.compare.commitments import commitments, digest, from_digest, key_terms, said
from compare.series import PACK
from helpers import audit_text, ruleset

TITLE = "互助土族自治县2024年度法治政府建设情况报告"


def plan(body: str, achievements: str = "全年举办法治专题讲座2次。"):
    text = f"{TITLE}\n一、2024年主要举措和成效\n{achievements}\n二、2025年工作安排\n{body}\n"
    audit = audit_text(text, PACK)
    return commitments(audit, ruleset(PACK)), audit


def one(body: str):
    got, _ = plan(body)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize("sentence, value, op", [
    ("力争行政机关负责人出庭应诉率达到95%以上。", 95, ">="),  # intent word + level + 以上
    ("行政机关负责人出庭应诉率不低于90%。", 90, ">="),  # a bound word
    ("确保全县负责人出庭应诉率保持100%。", 100, ">="),  # 保持: a level to keep
])
def test_a_rate_to_reach_is_tied_to_its_indicator(sentence, value, op):
    c = one(sentence)
    assert (c.kind, c.indicator, c.value, c.unit, c.op) == ("figure", "court_appearance_rate", value, "%", op)


@pytest.mark.parametrize("sentence", [
    "经行政复议后被诉案件败诉率控制在10%以内。",  # 控制在 … 以内
    "复议后败诉率降至10%以下。",  # 降至 … 以下
    "经行政复议后被诉案件败诉率达到10%。",  # no word: the rule's own target says lower is better
])
def test_a_ceiling_for_a_rate_where_lower_is_better(sentence):
    c = one(sentence)
    assert (c.indicator, c.value, c.op) == ("loss_rate_after_reconsideration", 10, "<=")


@pytest.mark.parametrize("sentence", ["举办法治专题讲座3次。", "全年举办3次法治讲座。", "年内至少举办法治讲座3场。"])
def test_a_count_before_or_after_its_event(sentence):
    c = one(sentence)
    assert (c.indicator, c.value, c.op) == ("legal_lectures", 3, ">=")


def test_a_change_in_percentage_points_is_a_change_not_a_level():
    rise = one("行政机关负责人出庭应诉率提高5个百分点。")
    fall = one("经行政复议后被诉案件败诉率下降2个百分点。")
    assert (rise.change, rise.op, rise.value, rise.target_text) == (True, ">=", 5, "提高5%")
    assert (fall.change, fall.op, fall.indicator) == (True, "<=", "loss_rate_after_reconsideration")


def test_a_figure_no_rule_names_keeps_its_key_terms():
    c = one("组织行政执法人员培训200人次。")
    assert c.indicator is None and c.value == 200 and c.unit == "人次"
    assert "执法人员" in "".join(c.terms) or "执法" in c.terms


@pytest.mark.parametrize("sentence, term", [
    ("完成行政规范性文件集中清理工作。", "清理"),  # 完成 … 工作
    ("建成县级行政执法协调监督平台。", "平台"),  # 建成 … 平台
    ("出台《互助县重大行政决策程序规定》。", "程序"),  # 出台 …规定
])
def test_a_deliverable_without_a_figure(sentence, term):
    c = one(sentence)
    assert c.kind == "deliverable" and c.value is None and c.target_text == "完成"
    assert any(term in t for t in c.terms)


@pytest.mark.parametrize("sentence", [
    "持续完善工作机制，不断提升依法行政水平。",  # intent and generic nouns only
    "规范性文件自公布之日起30日内报送备案。",  # a deadline, not a figure to report
    "坚持以习近平法治思想为指导，推进法治政府建设。",  # no deliverable verb and object
    "2025年是实施《互助县法治政府建设规划》的收官之年。",  # what the year is (是 … 之年), not a deliverable
    "明年是全面完成“八五”普法规划的关键一年。",  # the same, ending in 一年
    "认真落实行政执法“三项制度”。",  # a numeral inside a quoted name is no figure
    "进一步扩大“一件事一次办”事项范围。",  # two numerals in a quoted slogan: no figure either
])
def test_no_commitment_in_general_wording(sentence):
    got, _ = plan(sentence)
    assert got == []


def test_a_figure_outside_the_quoted_name_still_counts():
    c = one("全面落实“双随机、一公开”监管，组织行政执法人员培训3次。")
    assert (c.value, c.unit) == (3, "次")
    d = one("贯彻落实《互助县提升行政执法质量三年行动方案》，建成县级行政执法协调监督平台。")
    assert d.kind == "deliverable" and "贯彻" not in "".join(d.terms)


def test_the_report_s_own_name_is_no_key_term():
    assert "互助" not in key_terms("建成互助县行政执法协调监督平台", ("互助土族自治县", "互助县"))
    assert key_terms("力争全面推进依法行政工作") == ()


def test_only_the_plan_is_read_for_commitments_and_never_for_statements():
    got, audit = plan("举办法治专题讲座3次。", achievements="全年举办法治专题讲座2次，力争明年更多。")
    assert [c.value for c in got if c.indicator == "legal_lectures"] == [3]
    s = said(audit)
    assert "讲座2次" in s.text and "3次" not in s.text
    assert s.kind_at(s.text.index("讲座2次")) == "achievements"


def test_digest_round_trip_keeps_traditional_quotes():
    text = "互助土族自治縣2024年度法治政府建設情況報告\n一、2024年主要舉措和成效\n全年舉辦法治專題講座2次。\n二、2025年工作安排\n舉辦法治專題講座3次。\n"
    audit = audit_text(text, PACK)
    cs, s, ok = from_digest(json.loads(json.dumps(digest(audit, ruleset(PACK)))))
    assert ok and cs[0].quote == "舉辦法治專題講座3次" and cs[0].value == 3
    (span, n), = s.sentences_with(["讲座"]).items()
    st = s.statement(span)
    assert n == 1 and st.quote == "全年舉辦法治專題講座2次" and st.kind == "achievements"
    assert from_digest(None)[2] is False and from_digest({"version": 99})[2] is False


@pytest.mark.parametrize("sentence, complete", [
    ("建成县级行政执法协调监督平台。", True),  # a thing to finish
    ("完成行政规范性文件集中清理工作。", True),
    ("开展行政执法案卷评查活动。", False),  # work to carry on
])
def test_a_deliverable_says_whether_it_is_promised_done(sentence, complete):
    c = one(sentence)
    assert c.kind == "deliverable" and c.complete is complete
    assert from_digest({"version": 2, "commitments": [c.to_dict()], "said": None})[0][0].complete is complete
