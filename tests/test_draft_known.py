"""authoring/draft/known.py: a plan's wording linked to the catalog indicator it is, as a report's wording is read
(any word order, any alias, the catalog's excludes), refused when the plan qualifies the subject otherwise."""
from __future__ import annotations

import pytest
import yaml

from auditor.authoring.draft import draft_pack
from auditor.authoring.draft.known import link_name, load_known
from auditor.authoring.examples import run_examples
from auditor.authoring.tools import validate
from auditor.grammar.plan_targets import find_targets
from draft_helpers import plan_doc


@pytest.fixture(scope="module")
def known():
    return load_known()


def _draft(*sentences):
    body = "".join(f"{i}.{s}。\n" for i, s in enumerate(sentences, 1))
    return draft_pack(plan_doc(f"某县2026年法治政府建设工作要点\n一、主要任务\n{body}"))


def _targets(*sentences):
    return [r for r in _draft(*sentences).rules if r.goal is not None]


@pytest.mark.parametrize("sentence,indicator", [
    ("行政机关负责人应诉出庭率不低于90%", "court_appearance_rate"),  # the catalog's terms, in another order
    ("负责人出庭比例达到95%以上", "court_appearance_rate"),
    ("年内举办专题法治讲座不少于3次", "legal_lectures"),
    ("领导干部专题法制讲座每年不少于2次", "legal_lectures"),  # 法制: the older wording
    ("行政复议案件办结率达到95%以上", "reconsideration_closing_rate"),
    ("行政机关依法履行行政复议决定率达到100%", "reconsideration_fulfilment_rate"),
    ("行政应诉案件败诉率控制在10%以内", "administrative_loss_rate"),
    ("对行政执法人员集中培训教育每年不低于一次", "enforcement_training"),
    ("每名行政执法人员每年至少参加一次集中培训", "enforcement_training"),  # the clause's words complete the name
])
def test_a_plan_name_in_any_word_order_or_alias_refers_to_the_catalog(sentence, indicator):
    [r] = _targets(sentence)
    assert r.indicator == indicator and r.id == indicator and not r.aliases


def test_the_draft_writes_the_indicator_form_and_passes_its_check(tmp_path):
    out = tmp_path / "rules" / "demo" / "plan-2026.yaml"
    result = draft_pack(plan_doc("某县2026年法治政府建设工作要点\n一、主要任务\n1.行政机关负责人应诉出庭率不低于90%。\n"
                                 "2.年内举办专题法制讲座不少于3次，乡镇每年举办法治专题讲座不少于2次。\n"), output=out)
    out.parent.mkdir(parents=True)
    out.write_text(result.text.replace("draft: true", "draft: false", 1), encoding="utf-8")
    rules = yaml.safe_load(out.read_text(encoding="utf-8"))["rules"]
    court = next(r for r in rules if r.get("indicator") == "court_appearance_rate")
    assert court["target"] == "不低于90%" and not {"id", "kind", "name", "aliases", "exclude"} & set(court)
    # the same indicator with a second target: a rule of its own, still on the catalog's phrases
    lectures = [r for r in rules if r.get("indicator") == "legal_lectures"]
    assert len(lectures) == 2 and "id" not in lectures[0] and lectures[1]["id"] != "legal_lectures"
    assert "aliases" not in lectures[1] and lectures[1]["name"]
    assert validate([out]).ok
    run = run_examples([out])
    assert not run.problems and not run.missing and not run.failed


@pytest.mark.parametrize("sentence,near", [
    ("全市行政执法事项网上办理率不低于95%", "online_service_rate"),  # not 政务服务事项网上可办率
    ("每年举行1次行政执法人员法律知识考试", None),  # excluded by the catalog: not 国家工作人员学法用法考试
    ("行政执法人员学法用法考试每年不少于2次", "law_exams"),  # the officials' exam is 国家工作人员's
    ("部门领导班子会议会前学法每年不少于4次", "leaders_study_law_meetings"),
    ("行政执法人员每年参加集中培训的时间不得少于40个小时", "enforcement_training"),  # hours, not trainings
    ("在岗行政执法人员每五年进行一次法律知识轮训", "enforcement_training"),  # a period of years, not a year's count
    ("每年开展法治讲座、法律培训等活动不少于10次", None),  # a total of several
    ("对报送备案的规范性文件严格审查，纠错率要达到100%", None),  # 纠错 is the name itself, no 复议 context
])
def test_a_differently_qualified_subject_is_refused(sentence, near):
    rules = _targets(sentence)
    assert rules and not any(r.indicator for r in rules), [(r.name, r.indicator) for r in rules]
    assert all(r.id.startswith("indicator_") and r.aliases for r in rules)
    if near:  # the reviewer is told which catalog indicator it resembles, and why it was not taken
        assert any(near in r.note for r in rules), [r.note for r in rules]


def test_link_name_reads_names_as_the_reading_core_does(known):
    [t] = find_targets("不少于2次")
    assert link_name("专题法治讲座", "count", "专题法治讲座不少于2次", known, t).rule.id == "legal_lectures"
    assert link_name("出庭出声率", "metric", "出庭出声率不低于95%", known).rule is None  # the catalog excludes it
    refused = link_name("行政执法事项网上办理率", "metric", "", known)
    assert refused.rule is None and refused.near.id == "online_service_rate" and "行政执法事项" in refused.why
    assert link_name("社区法治讲座", "count", "", known, t).rule is None  # an audience the indicator is not for


def test_a_duty_refers_to_a_mention_indicator():
    rules = _draft("深入推进行政执法“三项制度”", "严格落实行政裁量权基准制度").rules
    assert {r.indicator for r in rules} == {"enforcement_three_systems", "discretion_benchmark"}
    assert all(not r.any_of and not r.all_of for r in rules)  # the catalog's phrases apply
    three = next(r for r in rules if r.indicator == "enforcement_three_systems")
    assert not three.examples  # no reviewed pack sets it: the catalog's examples apply
    bench = next(r for r in rules if r.indicator == "discretion_benchmark")
    assert "qinghai/huzhu-2024" in bench.examples_note  # a reviewed pack's examples are kept


def test_three_systems_named_one_by_one_are_the_indicator_one_alone_a_duty_of_its_own():
    rules = _draft("全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度").rules
    assert [r.indicator for r in rules] == ["enforcement_three_systems"]  # one rule, no duty per system
    rules = _draft("落实行政执法全过程记录制度").rules
    assert [(r.indicator, r.name) for r in rules] == [(None, "行政执法全过程记录制度")]


def test_a_cycle_duty_refers_to_the_catalog_with_its_cycle_described():
    [r] = _targets("每隔两年组织一次规范性文件全面清理")
    assert r.indicator == "normative_doc_cleanup" and r.description.startswith("周期") and not r.any_of


def test_a_project_catalog_is_the_one_referred_to(tmp_path):
    rules_dir = tmp_path / "rules"
    (rules_dir / "catalog").mkdir(parents=True)
    (rules_dir / "catalog" / "indicators.yaml").write_text(
        "pack: catalog/indicators\ntitle: 本地指标目录\nrules:\n"
        "  - id: grid_coverage_rate\n    kind: metric\n    name: 网格化管理覆盖率\n"
        "    aliases: [网格化管理覆盖率, 网格覆盖率]\n    terms: [[网格], [覆盖率]]\n"
        "    examples:\n      - {text: 网格化管理覆盖率为98%。, value: 98}\n", encoding="utf-8")
    out = rules_dir / "demo" / "plan-2026.yaml"
    result = draft_pack(plan_doc("某县2026年法治政府建设工作要点\n一、主要任务\n1.城乡网格管理覆盖率达到100%。\n"),
                        output=out)
    [r] = [r for r in result.rules if r.goal is not None]
    assert r.indicator == "grid_coverage_rate"
    out.parent.mkdir(parents=True)
    out.write_text(result.text.replace("draft: true", "draft: false", 1), encoding="utf-8")
    assert validate([out]).ok
