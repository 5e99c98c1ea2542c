"""auditor rules check|test|list|show, tailoring and waivers: what people who write packs rely on."""
from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor import api
from auditor.cli import app
from auditor.errors import RulePackError
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.pipeline import audit_document
from auditor.packs.loader import load_rules, load_waivers
from auditor.authoring.tools import run_examples, validate

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "rulepacks"
RULES = ROOT / "rules"
HUZHU = str(RULES / "qinghai" / "huzhu-2024.yaml")
TAILORED = str(FIX / "tailored.ok.yaml")
SEED_001 = str(ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt")  # 双河街道 (a township)
SEED_003 = str(ROOT / "seeds" / "reports" / "003_24e0d09e96a209c6.txt")  # 汤郎乡
runner = CliRunner()


def write(path: Path, body: str) -> Path:
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def expectations(path: Path) -> list[tuple[int, str | None, str]]:
    """(line, field or None, text) from the `# expect: field text` comments of a fixture."""
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := re.search(r"#\s*expect:\s*(\S+)\s+(.+)$", line):
            out.append((i, None if m.group(1) == "-" else m.group(1), m.group(2).strip()))
    return out


# --- rules check ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in FIX.glob("*.fail.yaml")))
def test_every_expected_problem_is_reported_with_file_line_field(name):
    path = FIX / name
    want = expectations(path)
    assert want, "fixture without expectations"
    problems = validate([path]).problems
    for line, key, text in want:
        hits = [p for p in problems if p.line == line and (key is None or p.key == key) and text in str(p)]
        assert hits, f"{name}:{line}: expected “{text}” (field {key}); got:\n" + "\n".join(map(str, problems))
        assert str(hits[0]).startswith(f"tests/rulepacks/{name}:{line}: ") or f"{name}:{line}: " in str(hits[0])
    unexpected = [p for p in problems if p.line not in {w[0] for w in want}]
    assert not unexpected, "\n".join(map(str, unexpected))


@pytest.mark.parametrize("name", sorted(p.name for p in FIX.glob("*.ok.yaml")))
def test_ok_fixtures_are_clean(name):
    result = validate([FIX / name])
    assert result.ok, "\n".join(map(str, result.problems))


def test_unknown_key_suggests_the_intended_one():
    p = next(p for p in validate([FIX / "problems.fail.yaml"]).problems if p.key == "targt")
    assert "是否想写“target”" in str(p) and "filing_rate" in str(p) and p.line == 14


def test_check_reports_all_problems_of_all_files_and_exits_3():
    total = sum(len(expectations(p)) for p in FIX.glob("*.fail.yaml"))
    r = runner.invoke(app, ["rules", "check", str(FIX)])
    assert r.exit_code == 3, r.output
    for p in FIX.glob("*.fail.yaml"):
        assert p.name in r.output
    assert f"发现 {total} 个问题" in r.output


def test_check_bundled_packs_is_clean_with_a_one_line_summary():
    r = runner.invoke(app, ["rules", "check", str(RULES)])
    assert r.exit_code == 0, r.output
    assert re.fullmatch(r"已校验 3 个规则包、\d+ 条规则，未发现问题\n", r.output)


def test_check_defaults_to_rules_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no rules/ here: the bundled packs are checked
    r = runner.invoke(app, ["rules", "check"])
    assert r.exit_code == 0 and "已校验 3 个规则包" in r.output


def test_check_waiver_files_given_with_option():
    r = runner.invoke(app, ["rules", "check", TAILORED, "--waivers", str(FIX / "waivers.fail.yaml")])
    assert r.exit_code == 3
    assert "court_apperance_rate" in r.output and "是否想写“court_appearance_rate”" in r.output
    r = runner.invoke(app, ["rules", "check", TAILORED, "--waivers", str(FIX / "waivers.ok.yaml")])
    assert r.exit_code == 0 and "1 个豁免文件，未发现问题" in r.output


def test_missing_path_and_empty_folder(tmp_path):
    r = runner.invoke(app, ["rules", "check", str(tmp_path / "nope.yaml"), str(tmp_path)])
    assert r.exit_code == 3 and "找不到文件或文件夹" in r.output and "文件夹中没有规则文件" in r.output


def test_duplicate_key_draft_flag_and_target_on_mention(tmp_path):
    p = write(tmp_path / "pack.yaml", """\
        pack: test/dup
        title: 重复字段
        draft: true
        rules:
          - id: lectures
            kind: count
            name: 法治专题讲座
            aliases: [法治专题讲座]
            target: 至少2次
            target: 至少3次
          - id: catalog
            kind: mention
            name: 决策事项目录公开
            any_of: [决策事项目录]
            target: 至少1次
        """)
    problems = validate([p]).problems
    got = {(x.line, x.key) for x in problems}
    assert (3, "draft") in got and (10, "target") in got and (15, "target") in got, "\n".join(map(str, problems))
    assert any("重复出现（第 9 行已写过）" in str(x) for x in problems)


def test_extends_cycle_and_relative_path(tmp_path):
    write(tmp_path / "a.yaml", "pack: test/a\ntitle: 甲规则包\nextends: [./b.yaml]\n")
    write(tmp_path / "b.yaml", "pack: test/b\ntitle: 乙规则包\nextends: [./a.yaml]\n")
    problems = validate([tmp_path]).problems
    assert any("循环继承" in str(p) for p in problems)
    write(tmp_path / "b.yaml", "pack: test/b\ntitle: 乙规则包\nextends: [qinghai/huzhu-2024]\n")
    write(tmp_path / "a.yaml", "pack: test/a\ntitle: 甲规则包\nextends: [./b.yaml]\ntargets: {law_exams: 不少于6次}\n")
    assert validate([tmp_path]).ok


def test_waiver_with_impossible_date_is_a_chinese_error(tmp_path):
    p = write(tmp_path / "w.yaml", """\
        waivers:
          - rule: court_appearance_rate
            jurisdiction: 双河街道
            reason: 没有应诉职责
            approver: 县委依法治县办
            expires: 2025-02-30
        """)
    with pytest.raises(RulePackError) as e:
        load_waivers(p)
    assert e.value.line == 6 and "2025-02-30" in str(e.value)


# --- rules test ----------------------------------------------------------------------------------

def test_bundled_examples_all_pass_and_every_rule_has_examples():
    results, problems, missing = run_examples([RULES])
    assert not problems and not missing
    failed = [f"{r.path}:{r.line} {r.rule_id} {r.text} {r.actual}" for r in results if not r.ok]
    assert not failed, "\n".join(failed)
    assert len(results) > 60
    r = runner.invoke(app, ["rules", "test", str(RULES)])
    assert r.exit_code == 0 and "全部通过" in r.output


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = Path(HUZHU).read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "huzhu-broken.yaml"
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p


def test_rules_test_catches_a_broken_alias(tmp_path):
    p = _broken_copy(tmp_path, "aliases: [行政机关负责人出庭应诉率, 负责人出庭应诉率, 出庭应诉率, 负责人出庭率, 出庭率]",
                     "aliases: [出庭应诉律]")
    r = runner.invoke(app, ["rules", "test", str(p)])
    assert r.exit_code == 1, r.output
    assert "全年行政机关负责人出庭应诉率达到95.5%。" in r.output and "court_appearance_rate" in r.output
    assert re.search(r"huzhu-broken\.yaml:\d+: 规则“court_appearance_rate”", r.output)
    assert "期望：数值 95.5" in r.output and "实际：未报告" in r.output


def test_rules_test_catches_a_rule_that_matches_too_much(tmp_path):
    p = _broken_copy(tmp_path, "aliases: [行政复议典型案例, 复议典型案例, 复议*典型案例, 典型案例*复议]", "aliases: [典型案例]")
    r = runner.invoke(app, ["rules", "test", str(p)])
    assert r.exit_code == 1 and "发布营商环境典型案例5个。" in r.output and "不应识别为本指标" in r.output


def test_rules_test_runs_examples_in_the_pack_context():
    results, problems, _ = run_examples([Path(TAILORED)])
    assert not problems and results and all(r.ok for r in results)


def test_rules_test_on_an_invalid_pack_exits_3():
    r = runner.invoke(app, ["rules", "test", str(FIX / "problems.fail.yaml")])
    assert r.exit_code == 3 and "错误：" in r.output


# --- tailoring -----------------------------------------------------------------------------------

REPORT_93 = """某县2024年度法治政府建设情况报告
一、2024年法治政府建设主要举措和成效
全年行政机关负责人出庭应诉率为93%。组织领导干部旁听庭审2次。行政规范性文件备案率达到100%。
"""


def _audit(text: str, packs: list[str], **kw):
    doc = document_from_raw("测试报告.txt", RawText(text=text, format="txt"))
    return audit_document(doc, load_rules(packs), **kw)


def test_tailored_target_flips_a_finding():
    base = {f.rule_id: f for f in _audit(REPORT_93, [HUZHU]).findings}
    assert base["court_appearance_rate"].status == "met" and not base["court_appearance_rate"].tailored
    tailored = {f.rule_id: f for f in _audit(REPORT_93, [TAILORED]).findings}
    f = tailored["court_appearance_rate"]
    assert f.status == "not_met" and f.tailored and f.target == "不低于95%" and f.value == 93
    assert "trial_observation" in base and "trial_observation" not in tailored  # disabled
    assert tailored["normative_doc_filing_rate"].status == "met"  # the child pack's own rule


@pytest.mark.parametrize("field,body,word", [
    ("targets", "targets: {court_apperance_rate: 不低于95%}", "是否想写“court_appearance_rate”"),
    ("disable", "disable: [trial_observaton]", "是否想写“trial_observation”"),
])
def test_tailoring_an_unknown_id_is_an_error(tmp_path, field, body, word):
    p = write(tmp_path / "t.yaml", f"pack: test/t\ntitle: 裁剪测试\nextends: [qinghai/huzhu-2024]\n{body}\n")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert word in str(e.value) and e.value.line == 4 and e.value.key == field
    problems = validate([p]).problems
    assert len(problems) == 1 and word in str(problems[0]) and problems[0].line == 4


def test_list_marks_tailored_targets_and_disabled_rules():
    r = runner.invoke(app, ["rules", "list", "--rules", TAILORED])
    assert r.exit_code == 0, r.output
    assert "不低于95%（裁剪，原：不低于90%）" in r.output and "已停用：trial_observation" in r.output
    assert "互政办〔2024〕18号" in r.output and "normative_doc_filing_rate" in r.output


# --- waivers -------------------------------------------------------------------------------------

def _waivers(tmp_path: Path, *items: tuple[str, str, str]) -> str:
    body = "waivers:\n" + "".join(
        f"  - rule: {rule}\n    jurisdiction: {where}\n    reason: 乡镇没有该项职责\n    approver: 县委依法治县办\n"
        f"    expires: {expires}\n" for rule, where, expires in items)
    p = tmp_path / "waivers.yaml"
    p.write_text(body, encoding="utf-8")
    return str(p)


def test_township_waiver_keeps_status_before_and_both_scores():
    audit = api.check(SEED_001, rules=[HUZHU], waivers=str(FIX / "waivers.ok.yaml"), today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived" and f.status_before_waiver == "not_reported" and f.waiver.jurisdiction == "双河街道"
    assert audit.score > audit.score_before_waivers
    assert not audit.expired_waivers


def test_waiver_for_another_township_does_not_apply(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "汤郎乡", "2099-12-31"))
    f = next(x for x in api.check(SEED_001, rules=[HUZHU], waivers=w).findings if x.rule_id == "court_appearance_rate")
    assert f.status == "not_reported" and f.waiver is None
    f = next(x for x in api.check(SEED_003, rules=[HUZHU], waivers=w).findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived"


def test_expired_waiver_is_flagged_not_applied(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "双河街道", "2024-12-31"))
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "not_reported" and "到期" in f.note
    assert [x.rule_id for x in audit.expired_waivers] == ["court_appearance_rate"]
    assert audit.score == audit.score_before_waivers
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2024, 6, 1))
    assert next(x for x in audit.findings if x.rule_id == "court_appearance_rate").status == "waived"


def test_current_waiver_wins_over_an_expired_one(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "双河街道", "2024-12-31"),
                 ("court_appearance_rate", "双河街道", "2099-12-31"))
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived" and f.waiver.expires == date(2099, 12, 31)


# --- list / show / help --------------------------------------------------------------------------

def test_show_prints_source_clause_and_document():
    r = runner.invoke(app, ["rules", "show", "court_appearance_rate", "--rules", HUZHU])
    assert r.exit_code == 0, r.output
    for text in ("行政机关负责人出庭应诉率", "不低于90%", "条款：22", "互政办〔2024〕18号", "huzhu-2024.yaml:", "例句"):
        assert text in r.output, text


def test_show_unknown_rule_suggests_and_exits_2():
    r = runner.invoke(app, ["rules", "show", "court_apperance_rate", "--rules", HUZHU])
    assert r.exit_code == 2 and "court_appearance_rate" in r.output


def test_list_default_packs():
    r = runner.invoke(app, ["rules", "list"])
    assert r.exit_code == 0 and "part_achievements" in r.output and "厅字〔2019〕28号" in r.output


@pytest.mark.parametrize("cmd", ["check", "test", "draft", "list", "show"])
def test_every_rules_command_has_help(cmd):
    r = runner.invoke(app, ["rules", cmd, "--help"])
    assert r.exit_code == 0 and "例" in r.output


def test_rules_group_has_help():
    r = runner.invoke(app, ["rules", "--help"])
    assert r.exit_code == 0
    for cmd in ("check", "test", "draft", "list", "show"):
        assert cmd in r.output
