"""authoring/tools.py (`auditor rules check`): every problem of every file, each with file, line and field."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.authoring.tools import validate
from auditor.cli import app
from auditor.errors import RulePackError
from auditor.packs.loader import load_rules, load_waivers

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "rulepacks"
RULES = ROOT / "rules"
HUZHU = str(RULES / "qinghai" / "huzhu-2024.yaml")
TAILORED = str(FIX / "tailored.ok.yaml")
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
    assert re.fullmatch(r"已校验 4 个规则包、\d+ 条规则，未发现问题\n", r.output)  # the catalog is a pack too


def test_check_defaults_to_rules_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no rules/ here: the bundled packs are checked
    r = runner.invoke(app, ["rules", "check"])
    assert r.exit_code == 0 and "已校验 4 个规则包" in r.output


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
