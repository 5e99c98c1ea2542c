"""authoring/draft/drafter.py: a plan in, every numeric target and duty out, with known ids reused."""
from __future__ import annotations

import pytest
import yaml

from auditor.authoring.draft import draft_pack
from auditor.authoring.examples import run_examples
from auditor.authoring.tools import validate
from auditor.errors import InputError, RulePackError
from auditor.packs.loader import read_pack
from draft_helpers import HUZHU, OTHER_PLAN, drafted_huzhu, plan_doc


def _key(t):
    return (t.op, t.value, t.unit, t.relative_to)


@pytest.fixture
def drafted():
    return drafted_huzhu()


def test_draft_recovers_every_numeric_target_of_the_bundled_pack(drafted):
    _, bundled, _ = read_pack(HUZHU)
    _, draft, _ = read_pack(drafted)
    by_id = {r.id: r for r in draft}
    wanted = [r for r in bundled if r.kind in ("metric", "count") and r.target is not None]
    assert len(wanted) == 11
    raw = {spec.get("indicator"): spec for spec in yaml.safe_load(drafted.read_text(encoding="utf-8"))["rules"]}
    for r in wanted:
        assert r.id in by_id, f"{r.id} ({r.target.text}) not drafted"
        d = by_id[r.id]
        assert d.kind == r.kind and _key(d.target) == _key(r.target), (r.id, d.target, r.target)
        assert d.clause == r.clause, (r.id, d.clause, r.clause)
        # each refers to its catalog indicator: the catalog's phrases, none copied into the draft
        assert d.indicator == r.indicator == r.id
        assert "aliases" not in raw[r.id] and "kind" not in raw[r.id] and "target" in raw[r.id]
    # the comparand of the relative target is defined, informational
    lit = by_id["litigation_correction_rate"]
    assert lit.informational and lit.target is None


def test_draft_recovers_the_known_duties(drafted):
    _, bundled, _ = read_pack(HUZHU)
    _, draft, _ = read_pack(drafted)
    by_id = {r.id: r for r in draft}
    for r in bundled:  # each duty of the reviewed pack, as the catalog indicator it is
        if r.kind == "mention":
            assert r.indicator in by_id and by_id[r.indicator].clause == r.clause, r.id
            assert by_id[r.indicator].indicator == r.indicator
    new = [r for r in draft if r.id.startswith("duty_")]
    names = " ".join(r.name for r in new)
    for duty in ("第一议题制度", "公平竞争审查制度", "“亮证执法”制度", "行政执法案例指导制度"):
        assert duty in names
    assert "清单制度的意见" not in names  # a document title is not a duty


def test_another_countys_plan(tmp_path):
    out = tmp_path / "other.yaml"
    result = draft_pack(plan_doc(OTHER_PLAN), output=out)
    out.write_text(result.text, encoding="utf-8")
    got = {r.name: r for r in read_pack(out)[1] if r.target is not None}
    want = {
        "政府常务会议会前学法": (">=", 4, "次"), "“法律进乡村”宣讲活动": (">=", 10, "场"),
        "法治政府建设专题会议": (">=", 1, "次"), "行政规范性文件备案率": (">=", 100, "%"),
        "行政执法案件网上运行率": (">=", 95, "%"), "行政复议决定履行率": (">=", 100, "%"),
        "行政诉讼败诉率（全部行政诉讼案件）": ("<=", 5, "%"),  # 行政应诉案件败诉率, named as the catalog names it
        "行政机关负责人出庭应诉率": (">=", 95, "%"), "出庭出声率": (">=", 95, "%"),
    }
    assert set(got) == set(want)
    for name, (op, value, unit) in want.items():
        assert (got[name].target.op, got[name].target.value, got[name].target.unit) == (op, value, unit), name
    assert got["行政机关负责人出庭应诉率"].id == "court_appearance_rate"  # a catalog indicator: its id
    assert got["行政诉讼败诉率（全部行政诉讼案件）"].indicator == "administrative_loss_rate"
    assert got["出庭出声率"].id.startswith("indicator_3_1_")  # a new one gets a readable id
    assert got["行政规范性文件备案率"].clause == "一（二）"
    assert result.meta["document"] == "某政办〔2025〕7号" and result.meta["issued"] == "2025-03-10"
    duties = {r.name for r in result.rules if r.kind == "mention"}
    assert "行政执法全过程记录制度" in duties and "配备专职法制审核人员" in duties
    assert any(r.description == "时限：2025年6月底前" for r in result.rules)
    reviewed = out.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    out.write_text(reviewed, encoding="utf-8")
    assert validate([out]).ok
    run = run_examples([out])
    assert not run.problems and not run.missing and not run.failed


@pytest.mark.parametrize("sentence,name,target,kind", [
    ("行政机关负责人出庭应诉率不低于90%", "行政机关负责人出庭应诉率", "不低于90%", "metric"),
    ("确保全县行政规范性文件备案率达到100%", "行政规范性文件备案率", "达到100%", "metric"),
    ("年内至少举办2次以上法治专题讲座", "法治专题讲座", "年内至少举办2次以上", "count"),
    ("每年发布1次行政复议典型案例", "行政复议典型案例", "每年发布1次", "count"),
    ("行政执法部门对上年度行政执法案卷至少开展1次评查", "行政执法案卷评查", "至少开展1次", "count"),
    ("全年组织两次以上法治培训", "法治培训", "全年组织两次以上", "count"),
    ("政务服务事项网上可办率保持在95%以上", "政务服务事项网上可办率", "保持在95%以上", "metric"),
    ("行政复议案件纠错率高于本地区同期行政诉讼一审纠错率", "行政复议案件纠错率", "高于本地区同期行政诉讼一审纠错率", "metric"),
])
def test_target_grammar(sentence, name, target, kind):
    result = draft_pack(plan_doc(f"某县2025年法治政府建设工作要点\n一、总体要求\n1.{sentence}。\n"))
    r = next(r for r in result.rules if r.name == name)
    text = r.target["text"] if isinstance(r.target, dict) else r.target
    assert (text, r.kind, r.clause) == (target, kind, "1")


def test_bad_pack_id_is_refused():
    with pytest.raises(RulePackError):
        draft_pack(plan_doc(OTHER_PLAN), pack_id="某县")


def test_a_document_without_targets_or_duties_is_refused():
    with pytest.raises(InputError) as e:
        draft_pack(plan_doc("关于召开会议的通知\n各单位：\n定于下周一上午九时在三楼会议室召开会议，请准时参加。\n"))
    assert "没有找到量化目标" in str(e.value) and e.value.exit_code == 4
