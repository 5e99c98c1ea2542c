"""auditor rules draft: a work plan in, a draft pack out that recovers every numeric target."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from auditor.cli import app
from auditor.authoring.draft import draft_pack
from auditor.errors import RulePackError
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.packs.loader import SCHEMA_PATH, load_rules, read_pack
from auditor.authoring.tools import run_examples, validate

ROOT = Path(__file__).resolve().parent.parent
WORKPLAN = ROOT / "seeds" / "workplans" / "004_6785f9f2da4cfcb2.txt"
HUZHU = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
runner = CliRunner()

OTHER_PLAN = """某某县人民政府办公室关于印发某某县2025年法治政府建设工作要点的通知
某政办〔2025〕7号
各乡镇人民政府，县政府各部门：
现将《某某县2025年法治政府建设工作要点》印发给你们，请认真贯彻落实。
某某县人民政府办公室
2025年3月10日
某某县2025年法治政府建设工作要点
一、提升依法行政能力
（一）强化学法用法。政府常务会议会前学法每年不少于4次，全年开展“法律进乡村”宣讲活动不少于10场。每季度至少召开1次法治政府建设专题会议。
（二）规范文件管理。行政规范性文件备案率达到100%，全面落实行政规范性文件合法性审核机制。
二、严格规范公正文明执法
（一）行政执法案件网上运行率不低于95%。落实行政执法全过程记录制度，各乡镇配备专职法制审核人员。
（二）2025年6月底前，完成行政执法主体资格清理并向社会公布。
三、化解行政争议
（一）行政复议决定履行率达100%，行政应诉案件败诉率控制在5%以内。行政机关负责人出庭应诉率、出庭出声率均不低于95%。
"""


def _key(t):
    return (t.op, t.value, t.unit, t.relative_to)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    out = tmp_path_factory.mktemp("draft") / "rules" / "qinghai" / "huzhu-2025.yaml"
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "已写出" in r.output and "draft 改为 false" in r.output
    return out


def test_draft_recovers_every_numeric_target_of_the_bundled_pack(drafted):
    _, bundled, _ = read_pack(HUZHU)
    _, draft, _ = read_pack(drafted)
    by_id = {r.id: r for r in draft}
    wanted = [r for r in bundled if r.kind in ("metric", "count") and r.target is not None]
    assert len(wanted) == 11
    for r in wanted:
        assert r.id in by_id, f"{r.id} ({r.target.text}) not drafted"
        d = by_id[r.id]
        assert d.kind == r.kind and _key(d.target) == _key(r.target), (r.id, d.target, r.target)
        assert d.clause == r.clause, (r.id, d.clause, r.clause)
    # the comparand of the relative target is defined, informational
    lit = by_id["litigation_correction_rate"]
    assert lit.informational and lit.target is None


def test_draft_recovers_the_known_duties(drafted):
    _, bundled, _ = read_pack(HUZHU)
    _, draft, _ = read_pack(drafted)
    by_id = {r.id: r for r in draft}
    for r in bundled:
        if r.kind == "mention":
            assert r.id in by_id and by_id[r.id].clause == r.clause, r.id
    new = [r for r in draft if r.id.startswith("duty_")]
    names = " ".join(r.name for r in new)
    for duty in ("第一议题制度", "公平竞争审查制度", "“亮证执法”制度", "行政执法案例指导制度"):
        assert duty in names
    assert "清单制度的意见" not in names  # a document title is not a duty


def test_draft_header_and_source(drafted):
    text = drafted.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (drafted.parent / first.split("=", 1)[1]).resolve() == SCHEMA_PATH.resolve()
    assert "draft: true  # 草稿，须人工审核后改为 false" in text
    data = yaml.safe_load(text)
    assert data["pack"] == "qinghai/huzhu-2025" and data["draft"] is True
    assert data["extends"] == ["national/annual-report", "national/profile"]
    assert data["title"] == "互助县2024年法治政府建设工作要点"
    assert data["source"] == {"document": "互政办〔2024〕18号",
                              "title": "互助土族自治县人民政府办公室关于印发互助县2024年法治政府建设工作要点的通知",
                              "issued": "2024-04-22", "issuer": "互助土族自治县人民政府办公室"}
    assert data["applies_to"] == {"year": 2024}


def test_each_rule_carries_its_source_sentence(drafted):
    lines = drafted.read_text(encoding="utf-8").splitlines()
    ids = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    assert ids
    for i in ids:
        assert lines[i - 1].startswith("  # "), lines[i]
    i = next(i for i in ids if lines[i].endswith("court_appearance_rate"))
    above = []
    j = i - 1
    while lines[j].startswith("  # "):
        above.insert(0, lines[j][4:])
        j -= 1
    assert "第22项" in above[0] and "不低于90%" in "".join(above)


def test_draft_fails_check_until_reviewed_then_passes(drafted, tmp_path):
    problems = validate([drafted]).problems
    assert [p.key for p in problems] == ["draft"]
    reviewed = tmp_path / "rules" / "qinghai" / "huzhu-2025.yaml"
    reviewed.parent.mkdir(parents=True)
    reviewed.write_text(drafted.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    r = runner.invoke(app, ["rules", "check", str(reviewed)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["rules", "test", str(reviewed)])
    assert r.exit_code == 0, r.output
    assert load_rules([str(reviewed)]).get("court_appearance_rate").target.text == "不低于90%"


def test_draft_does_not_overwrite_without_force(drafted):
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "-o", str(drafted)])
    assert r.exit_code == 2 and "--force" in r.output
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "-o", str(drafted), "--force"])
    assert r.exit_code == 0


def test_draft_to_stdout():
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN)])
    assert r.exit_code == 0 and "court_appearance_rate" in r.output and "draft: true" in r.output


# --- other plans ---------------------------------------------------------------------------------

def _doc(text: str):
    return document_from_raw("要点.txt", RawText(text=text, format="txt"))


def test_another_countys_plan(tmp_path):
    out = tmp_path / "other.yaml"
    result = draft_pack(_doc(OTHER_PLAN), output=out)
    out.write_text(result.text, encoding="utf-8")
    got = {r.name: r for r in read_pack(out)[1] if r.target is not None}
    want = {
        "政府常务会议会前学法": (">=", 4, "次"), "“法律进乡村”宣讲活动": (">=", 10, "场"),
        "法治政府建设专题会议": (">=", 1, "次"), "行政规范性文件备案率": (">=", 100, "%"),
        "行政执法案件网上运行率": (">=", 95, "%"), "行政复议决定履行率": (">=", 100, "%"),
        "行政应诉案件败诉率": ("<=", 5, "%"), "行政机关负责人出庭应诉率": (">=", 95, "%"), "出庭出声率": (">=", 95, "%"),
    }
    assert set(got) == set(want)
    for name, (op, value, unit) in want.items():
        assert (got[name].target.op, got[name].target.value, got[name].target.unit) == (op, value, unit), name
    assert got["行政机关负责人出庭应诉率"].id == "court_appearance_rate"  # a known indicator keeps its id
    assert got["出庭出声率"].id.startswith("indicator_3_1_")  # a new one gets a readable id
    assert got["行政规范性文件备案率"].clause == "一（二）"
    assert result.meta["document"] == "某政办〔2025〕7号" and result.meta["issued"] == "2025-03-10"
    duties = {r.name for r in result.rules if r.kind == "mention"}
    assert "行政执法全过程记录制度" in duties and "配备专职法制审核人员" in duties
    assert any(r.description == "时限：2025年6月底前" for r in result.rules)
    reviewed = out.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    out.write_text(reviewed, encoding="utf-8")
    assert validate([out]).ok
    results, problems, missing = run_examples([out])
    assert not problems and not missing and all(r.ok for r in results)


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
    result = draft_pack(_doc(f"某县2025年法治政府建设工作要点\n一、总体要求\n1.{sentence}。\n"))
    r = next(r for r in result.rules if r.name == name)
    text = r.target["text"] if isinstance(r.target, dict) else r.target
    assert (text, r.kind, r.clause) == (target, kind, "1")


def test_bad_pack_id_is_refused():
    with pytest.raises(RulePackError):
        draft_pack(_doc(OTHER_PLAN), pack_id="某县")
