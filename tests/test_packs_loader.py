"""Rule packs: the schema rejects broken packs with a message naming file, line, rule and field."""
import textwrap

import pytest

from auditor.errors import RulePackError
from auditor.packs import load_rules


def write(tmp_path, body, name="pack.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


BASE = """\
pack: test/pack
title: 测试规则包
rules:
  - id: lectures
    kind: count
    name: 法治专题讲座
    aliases: [法治专题讲座]
    target: 至少2次
"""


def test_bundled_packs_load():
    rs = load_rules(["rules/qinghai/huzhu-2024.yaml"])
    ids = [r.id for r in rs.rules]
    for catalog_id in ("court_appearance_rate", "suit_after_reconsideration_ratio", "loss_rate_after_reconsideration",
                       "reconsideration_hearing_rate", "legal_lectures", "law_exams", "enforcement_training",
                       "case_file_review", "reconsideration_typical_cases", "trial_observation",
                       "major_decision_catalog", "reconsideration_correction_rate", "dispute_resolution_rate",
                       "mediation_success_rate", "proposal_completion_rate", "online_service_rate",
                       "part_achievements", "part_shortcomings", "part_first_responsible", "part_next_year"):
        assert catalog_id in ids
    assert len(ids) == len(set(ids))


def test_unknown_key_names_file_line_rule_field_and_suggests(tmp_path):
    p = write(tmp_path, BASE.replace("    target: 至少2次", "    targt: 至少2次"))
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    msg = str(e.value)
    assert "pack.yaml:8" in msg and "lectures" in msg and "targt" in msg and "target" in msg


def test_wrong_type(tmp_path):
    p = write(tmp_path, BASE + "    weight: 很重要\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "weight" in str(e.value) and "数字" in str(e.value) and ":9" in str(e.value)


def test_unknown_kind_lists_valid_ones(tmp_path):
    p = write(tmp_path, BASE.replace("kind: count", "kind: counter"))
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "counter" in str(e.value) and "metric" in str(e.value)


def test_typo_in_target_phrase_is_an_error_at_load_time(tmp_path):
    p = write(tmp_path, BASE.replace("至少2次", "至少两吃"))
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "target" in str(e.value) and "至少两吃" in str(e.value) and "pack.yaml:8" in str(e.value)


def test_percent_target_on_a_count_rule_is_an_error(tmp_path):
    p = write(tmp_path, BASE.replace("至少2次", "不低于90%"))
    with pytest.raises(RulePackError):
        load_rules([str(p)])


def test_broken_yaml(tmp_path):
    p = write(tmp_path, BASE + "  - id: [unclosed\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "YAML" in str(e.value) and "pack.yaml" in str(e.value)


def test_duplicate_ids(tmp_path):
    p = write(tmp_path, BASE + BASE.split("rules:\n")[1])
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "重复" in str(e.value)


def test_extends_pointing_nowhere(tmp_path):
    p = write(tmp_path, BASE.replace("rules:", "extends: [national/nothing]\nrules:"))
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "national/nothing" in str(e.value)


def test_tailoring_changes_target_and_disables(tmp_path):
    p = write(tmp_path, """\
        pack: test/tailored
        title: 某县裁剪
        extends: [qinghai/huzhu-2024]
        targets: {court_appearance_rate: 不低于95%}
        disable: [trial_observation]
        """)
    rs = load_rules([str(p)])
    r = rs.get("court_appearance_rate")
    assert r.tailored and r.target.value == 95 and r.original_target == "不低于90%"
    assert rs.get("trial_observation") is None


def test_a_waiver_file_is_not_a_pack(tmp_path):
    p = write(tmp_path, """\
        waivers:
          - {rule: trial_observation, jurisdiction: 某镇, reason: 没有庭审, approver: 某办, expires: 2099-12-31}
        """)
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "豁免文件" in str(e.value)


def test_a_rule_names_its_document_when_the_pack_has_no_document_number(tmp_path):
    # a draft from a plan without a 文号: a gap's 依据 names the plan by its title, not the clause alone
    from auditor.report.vocab import clause_full
    bare = load_rules([write(tmp_path, BASE.replace("    target: 至少2次\n", "    target: 至少2次\n    clause: 一（一）第2项\n"))])
    rule = next(r for r in bare.rules if r.id == "lectures")
    assert rule.source == "《测试规则包》"
    assert clause_full(rule.source, rule.clause) == "《测试规则包》 一（一）第2项"
    numbered = BASE.replace("rules:\n", "source:\n  document: 某政办〔2024〕18号\nrules:\n")
    rule = next(r for r in load_rules([write(tmp_path, numbered, "n.yaml")]).rules if r.id == "lectures")
    assert rule.source == "某政办〔2024〕18号"
