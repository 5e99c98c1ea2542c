"""The national indicator catalog: each indicator once; packs reference it and need no alias lists."""
from pathlib import Path

import pytest
import yaml

from auditor.errors import RulePackError
from auditor.packs import load_rules
from helpers import audit_text, report

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "rules" / "catalog" / "indicators.yaml"
GOLD_IDS = ("court_appearance_rate", "suit_after_reconsideration_ratio", "loss_rate_after_reconsideration",
            "reconsideration_hearing_rate", "legal_lectures", "law_exams", "enforcement_training", "case_file_review",
            "reconsideration_typical_cases", "trial_observation", "major_decision_catalog",
            "reconsideration_correction_rate", "dispute_resolution_rate", "mediation_success_rate",
            "proposal_completion_rate", "online_service_rate")


def write(tmp_path, body):
    p = tmp_path / "pack.yaml"
    p.write_text(body, encoding="utf-8")
    return p


def test_catalog_holds_the_gold_ids_and_at_least_forty_indicators():
    specs = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))["rules"]
    ids = [s["id"] for s in specs]
    assert len(ids) == len(set(ids)) >= 40
    assert set(GOLD_IDS) <= set(ids)
    for s in specs:
        assert s.get("examples"), s["id"]
        for e in s.get("exclude", ()):
            assert isinstance(e, str) or e["reason"], s["id"]


def test_bundled_work_plan_and_profile_use_the_catalog():
    for name in ("qinghai/huzhu-2024.yaml", "national/profile.yaml"):
        specs = yaml.safe_load((ROOT / "rules" / name).read_text(encoding="utf-8"))["rules"]
        for s in specs:
            if s.get("indicator"):
                assert "aliases" not in s and "kind" not in s, (name, s)
        assert sum(1 for s in specs if s.get("indicator")) >= 5


def test_a_new_pack_needs_no_alias_lists(tmp_path):
    p = write(tmp_path, "pack: test/new\ntitle: 新的工作要点\nrules:\n"
                        "  - {indicator: court_appearance_rate, target: 不低于95%, clause: '8'}\n"
                        "  - {indicator: legal_lectures, target: 至少4次}\n")
    rs = load_rules([str(p)])
    r = rs.get("court_appearance_rate")
    assert (r.kind, r.name, r.target.value, r.clause) == ("metric", "行政机关负责人出庭应诉率", 95, "8")
    assert r.aliases and r.terms and r.examples
    audit = audit_text(report("全县行政机关负责人出庭应诉率为96%，举办法治专题讲座3次。"), pack=str(p))
    got = {f.rule_id: (f.status, f.value) for f in audit.findings}
    assert got["court_appearance_rate"] == ("met", 96) and got["legal_lectures"] == ("not_met", 3)


def test_local_aliases_add_to_the_catalogs(tmp_path):
    p = write(tmp_path, "pack: test/local\ntitle: 本地说法\nrules:\n"
                        "  - {indicator: trial_observation, aliases: [庭审开放日], target: 至少1次}\n")
    r = load_rules([str(p)]).get("trial_observation")
    assert "庭审开放日" in r.aliases and "旁听庭审" in r.aliases


def test_an_indicators_kind_decides_which_fields_a_pack_may_add(tmp_path):
    p = write(tmp_path, "pack: test/bad\ntitle: 错误引用\nrules:\n"
                        "  - indicator: major_decision_catalog\n    target: 至少2次\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert e.value.line == 5 and e.value.key == "target" and "mention 规则不使用字段“target”" in str(e.value)


def test_an_unknown_indicator_is_named_with_a_suggestion(tmp_path):
    p = write(tmp_path, "pack: test/bad\ntitle: 错误引用\nrules:\n  - indicator: court_apperance_rate\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert e.value.line == 4 and "court_appearance_rate" in str(e.value)


def test_the_catalog_loads_as_a_profile_of_every_indicator():
    rs = load_rules([str(CATALOG)])
    assert {r.id for r in rs.rules} >= set(GOLD_IDS)


def test_a_near_form_with_about_is_taken_only_where_its_topic_is_named(tmp_path):
    p = write(tmp_path, "pack: test/about\ntitle: 主题词\nrules:\n"
                        "  - id: tour\n    kind: mention\n    name: 组织参观法治教育基地\n    any_of: [参观法治教育基地]\n"
                        "    doubtful: {any_of: [参观学习], about: [法治, 廉政]}\n")
    r = load_rules([str(p)]).get("tour")
    assert r.doubtful_about == ("法治", "廉政")
    got = lambda body: next(f for f in audit_text(report(body), pack=str(p)).findings if f.rule_id == "tour")
    assert got("二是加强法治教育。组织干部到基地参观学习。").status == "review"
    assert got("二是推动产业发展。组织干部到园区参观学习。").status == "not_reported"


def test_about_phrases_are_checked_like_every_phrase(tmp_path):
    p = write(tmp_path, "pack: test/about\ntitle: 主题词\nrules:\n"
                        "  - id: tour\n    kind: mention\n    name: 组织参观\n    any_of: [参观法治教育基地]\n"
                        "    doubtful: {any_of: [参观学习], about: ['**']}\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert e.value.line == 8 and e.value.key == "doubtful" and "间隔符号" in str(e.value)
