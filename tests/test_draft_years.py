"""authoring/draft/years.py: targets set year by year become a tailoring pack for each later year."""
from pathlib import Path

import yaml

from auditor.authoring.draft import draft_pack, save_draft
from auditor.authoring.draft.years import year_file
from auditor.authoring.tools import validate
from auditor.packs.loader import load_rules
from draft_helpers import plan_doc

PLAN = """某市法治政府建设实施方案（2024—2026年）
一、主要目标
1.行政机关负责人出庭应诉率第一年不低于85%，第二年不低于90%，第三年达到100%。
2.行政复议决定履行率2024年、2025年、2026年分别达到95%、98%、100%。
3.每年至少举办2次法治专题讲座。
"""


def _saved(tmp_path):
    out = tmp_path / "rules" / "demo" / "plan-2024-2026.yaml"
    result = draft_pack(plan_doc(PLAN), output=out)
    return result, save_draft(result, out), out


def test_each_later_year_gets_a_pack_of_its_targets(tmp_path):
    result, saved, out = _saved(tmp_path)
    assert [p.name for p in saved.files] == ["plan-2024-2026.yaml", "plan-2024-2026-2025.yaml", "plan-2024-2026-2026.yaml"]
    assert not saved.problems
    base = yaml.safe_load(out.read_text(encoding="utf-8"))
    court = next(r for r in base["rules"] if r.get("indicator") == "court_appearance_rate")
    assert "id" not in court and court["target"] == "不低于85%" and "2026年达到100%" in court["description"]
    y2025 = yaml.safe_load((out.parent / "plan-2024-2026-2025.yaml").read_text(encoding="utf-8"))
    assert y2025["applies_to"] == {"year": 2025} and y2025["extends"] == ["./plan-2024-2026.yaml"]
    assert y2025["targets"]["court_appearance_rate"] == "不低于90%"
    assert "legal_lectures" not in y2025["targets"]  # the same every year: the base pack's target holds


def test_year_packs_load_with_the_years_targets_once_reviewed(tmp_path):
    _, saved, _ = _saved(tmp_path)
    for p in saved.files:
        p.write_text(p.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    assert validate(list(saved.files)).ok
    rs = load_rules([str(saved.files[2])])
    assert rs.get("court_appearance_rate").target.value == 100
    rate = next(r for r in rs.rules if r.name == "行政复议决定履行率")
    assert rate.target.value == 100 and rate.tailored


def test_year_file_names():
    assert year_file(Path("rules/x/huzhu-2024.yaml"), 2025) == "huzhu-2025.yaml"
    assert year_file(Path("rules/x/plan-2024-2026.yaml"), 2025) == "plan-2024-2026-2025.yaml"
    assert year_file(Path("plan.yaml"), 2025) == "plan-2025.yaml"


def test_year_by_index_without_a_first_year_is_described_not_packed():
    result = draft_pack(plan_doc("某市法治政府建设实施方案\n一、目标\n1.出庭应诉率第一年不低于85%，第二年不低于90%。\n"))
    assert not result.year_packs and any("起始年份" in w for w in result.warnings)
    r = next(r for r in result.rules if r.goal is not None)
    assert "不低于85%" in r.description and "不低于90%" in r.description
