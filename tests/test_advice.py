"""advice.py: advice from the finding: the effective (tailored) target, the value and the gap."""
from __future__ import annotations

from dataclasses import replace

import pytest

from audit_factory import make_audit

from auditor.models import Finding
from auditor.report.advice import action, advice, gap_text


@pytest.fixture(scope="module")
def by(tmp_path_factory):
    return {f.rule_id: f for f in make_audit(workdir=str(tmp_path_factory.mktemp("factory"))).findings}


def test_below_a_tailored_target_names_it_the_value_and_the_gap(by):
    f = by["legal_lectures"]  # 1次 against the tailored 至少3次 (the plan says 至少2次以上)
    text = advice(f)
    assert "至少3次" in text and "本地定制" in text and "1次" in text and "还差 2次" in text
    assert "2次以上" not in text  # the rule's own advice quotes the original target: left out
    assert "原因" in text and "整改" in text


def test_rates_gap_in_percentage_points():
    f = Finding("r", "metric", "出庭应诉率", "not_met", value=85.0, unit="%", target="不低于95%", tailored=True)
    assert gap_text(f) == "相差 10 个百分点" and "不低于95%" in advice(f)
    low = Finding("r", "metric", "败诉率", "not_met", value=12.5, unit="%", target="低于10%")
    assert gap_text(low) == "相差 2.5 个百分点"


def test_not_reported_keeps_the_rules_advice_unless_tailored(by):
    f = by["suit_after_reconsideration_ratio"]
    assert f.status == "not_reported" and "低于30%" in advice(f) and f.advice in advice(f)
    assert f.advice not in advice(replace(f, tailored=True, target="低于20%"))


def test_a_figure_missing_asks_for_the_figure_not_the_gap(by):
    f = by["hostile_rule"]  # named (旁听庭审), no count
    assert f.value == "mentioned" and "没有写出具体次数" in advice(f) and "至少3次" in advice(f)


def test_parts_and_met_findings(by):
    partial = by["part_first_responsible"]
    assert partial.value == "partial" and "单列" in advice(partial)
    assert advice(by["major_decision_catalog"]) == ""  # met: nothing to do
    missing = replace(partial, status="not_met", value="absent")
    assert "缺少" in advice(missing)


def test_under_its_heading_a_rule_not_reported_gets_its_own_advice_alone(by):
    """The heading and the status line name the rule and its target: the gap item does not say them again."""
    f = by["suit_after_reconsideration_ratio"]
    assert action(f) == f.advice and advice(f).endswith(f.advice) and advice(f) != f.advice
    tailored = replace(f, tailored=True, target="低于20%")
    assert action(tailored) == advice(tailored)  # the rule's advice quotes the original target: the full text
    assert action(replace(f, advice="")) == advice(replace(f, advice=""))  # nothing else to say
    below = by["legal_lectures"]
    assert action(below) == advice(below)
