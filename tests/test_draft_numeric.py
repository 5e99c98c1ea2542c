"""authoring/draft/numeric.py: each kind of target becomes the right kind of rule, with its target as read."""
import pytest

from auditor.authoring.draft import draft_pack
from draft_helpers import plan_doc


def _rules(*sentences):
    body = "".join(f"{i}.{s}。\n" for i, s in enumerate(sentences, 1))
    return draft_pack(plan_doc(f"某县2026年法治政府建设工作要点\n一、主要任务\n{body}")).rules


def _one(sentence):
    got = [r for r in _rules(sentence) if r.goal is not None]
    assert len(got) == 1, [(r.name, r.kind) for r in got]
    return got[0]


@pytest.mark.parametrize("sentence,kind,target,units", [
    ("行政执法公示率不低于98%", "metric", "不低于98%", []),
    ("全年开展法治宣传进社区活动不少于6场", "count", "不少于6场", []),
    ("行政执法人员每人每年接受不少于60学时的法律知识培训", "count", "每年接受不少于60学时", ["学时"]),
    ("各乡镇年内报送法治信息不少于6篇", "count", "不少于6篇", ["篇"]),
])
def test_rates_and_counts(sentence, kind, target, units):
    r = _one(sentence)
    text = r.target["text"] if isinstance(r.target, dict) else r.target
    assert (r.kind, text, r.units) == (kind, target, units)


def test_a_target_the_loader_reads_differently_is_spelled_out():
    r = _one("行政复议案件平均审理期限压减到40日以内")
    assert r.kind == "mention" and r.description == "时限：压减到40日以内" and r.target is None
    r = _one("重复信访率下降到3%以下")
    assert r.target == {"op": "<=", "value": 3.0, "unit": "%", "text": "下降到3%以下"}


@pytest.mark.parametrize("sentence,word", [
    ("收到申请之日起20个工作日内作出书面答复", "时限"),
    ("每隔三年组织一次行政规范性文件全面清理", "周期"),
    ("会议召开前3天送达会议材料", "提前量"),
    ("行政复议案件受理数量同比增长15%以上", "变化目标"),
])
def test_times_cycles_and_changes_are_mentions_with_the_target_described(sentence, word):
    r = _one(sentence)
    assert r.kind == "mention" and r.description.startswith(word) and (r.any_of or r.indicator) and r.note


def test_none_at_all_is_a_count_with_target_zero():
    r = _one("全县不发生因违法决策引发的重大群体性事件")
    assert r.kind == "count" and r.target["op"] == "==" and r.target["value"] == 0 and "未发生" in r.note


def test_a_known_indicator_keeps_its_id_in_any_word_order():
    assert _one("年内举办专题法治讲座不少于3次").id == "legal_lectures"
    assert _one("行政机关负责人出庭应诉率不低于95%").id == "court_appearance_rate"
    # the same words for another subject are another indicator
    assert _one("全市行政执法事项网上办理率不低于95%").id.startswith("indicator_")  # not 政务服务事项网上可办率
    assert _one("每年举行1次行政执法人员法律知识考试").id.startswith("indicator_")  # not 国家工作人员学法用法考试


def test_the_same_known_indicator_twice_gets_a_second_id():
    rules = [r for r in _rules("年内举办法治专题讲座不少于3次", "乡镇每年举办法治专题讲座不少于2次") if r.goal]
    assert [r.id for r in rules][0] == "legal_lectures" and rules[1].id != "legal_lectures"


def test_a_clause_that_is_only_a_target_is_the_previous_targets():
    rules = [r for r in _rules("机关干部集中学法每季度不少于1次,每年不少于6次") if r.goal is not None]
    got = [(r.name, r.goal.value, r.goal.unit, r.goal.per) for r in rules]
    assert got == [("机关干部集中学法", 1, "次", "季度"), ("机关干部集中学法", 6, "次", "年")]
    assert rules[1].note  # the borrowed name is for a reviewer to check


def test_a_clause_with_a_name_of_its_own_keeps_it():
    rules = [r for r in _rules("机关干部集中学法每季度不少于1次,法治讲座每年不少于2次") if r.goal is not None]
    assert [r.name for r in rules][1] != "机关干部集中学法"


def test_each_occasions_length_is_a_mention_of_the_thing_before_it():
    rules = [r for r in _rules("机关干部集中学法每季度不少于1次,每次不少于40分钟") if r.goal is not None]
    count, session = rules
    assert (session.kind, session.goal.value, session.goal.unit, session.goal.per) == ("mention", 40, "分钟", "次")
    assert session.any_of == count.aliases and "每次不少于40分钟" in session.description


def test_a_light_verb_is_no_part_of_the_name():
    (r,) = [r for r in _rules("班子会议会前学法每月至少安排1次") if r.goal is not None]
    assert r.name == "班子会议会前学法"


def test_the_period_reads_before_the_target_in_the_advice():
    (r,) = [r for r in _rules("每年党组中心组专题学法不少于4次") if r.goal is not None]
    assert "（目标：每年不少于4次）" in r.advice


def test_a_system_named_by_a_bare_activity_is_matched_as_the_system():
    (r,) = [r for r in _rules("坚持培训制度") if r.kind == "mention"]
    assert r.any_of == ["培训制度"]


def test_a_day_of_the_month_drafts_no_count():
    rules = _rules("县政府每月1日召开常务会议", "行政执法公示率不低于98%")
    assert [r.name for r in rules if r.goal is not None] == ["行政执法公示率"]
