"""One validator: `auditor check --rules` and `auditor rules check` give the same verdict on every fixture."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import RulePackError
from auditor.packs import assemble, load_rules
from auditor.packs.validate import check_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests").rglob("*.yaml"))
SEED = str(ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt")
HUZHU = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")
runner = CliRunner()


def _is_waivers(path: Path) -> bool:
    text = "\n" + path.read_text(encoding="utf-8")
    return "\nwaivers:" in text and "\npack:" not in text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_check_and_rules_check_agree(path):
    rules_check = runner.invoke(app, ["rules", "check", str(path)])
    if _is_waivers(path):
        check = runner.invoke(app, ["check", SEED, "--rules", HUZHU, "--waivers", str(path), "--fail-on", "never"])
    else:
        check = runner.invoke(app, ["check", SEED, "--rules", str(path), "--fail-on", "never"])
    assert rules_check.exit_code in (0, 3) and check.exit_code in (0, 3), (rules_check.output, check.output)
    assert (rules_check.exit_code == 3) == (check.exit_code == 3), (rules_check.output, check.output)


def test_mention_with_target_is_refused_by_both_with_file_line_field():
    path = ROOT / "tests" / "rulepacks" / "mention_target.fail.yaml"
    with pytest.raises(RulePackError) as e:
        load_rules([str(path)])
    loaded = [p for p in e.value.errors if p.key == "target"]
    assert loaded and loaded[0].line == 9 and "mention_target.fail.yaml" in loaded[0].path
    out = runner.invoke(app, ["rules", "check", str(path)]).output
    assert "mention_target.fail.yaml:9: " in out and "（字段：target）" in out


def test_every_bundled_pack_is_clean_and_loads():
    for f in sorted((ROOT / "rules").rglob("*.yaml")):
        c = check_file(f)
        assert c.clean, "\n".join(map(str, c.problems))
        got = assemble([str(f)])
        assert got.ruleset is not None and not got.problems


def test_parent_with_problems_is_named_at_the_extends_line(tmp_path):
    (tmp_path / "base.yaml").write_text("pack: test/base\ntitle: 基础\nrules:\n  - {id: a, kind: metrik, name: 某某}\n",
                                        encoding="utf-8")
    (tmp_path / "child.yaml").write_text("pack: test/child\ntitle: 子规则包\nextends: [./base.yaml]\n", encoding="utf-8")
    got = assemble([str(tmp_path / "child.yaml")])
    assert got.ruleset is None
    mine = [p for p in got.problems if p.path.endswith("child.yaml")]
    assert [(p.line, p.key) for p in mine] == [(3, "extends")] and "本身有错误" in mine[0].message
    assert any(p.path.endswith("base.yaml") and p.key == "kind" for p in got.problems)


def test_kind_checks_run_in_the_validator(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("pack: test/p\ntitle: 测试\nrules:\n  - {id: r, kind: metric, name: 某某率, aliases: [某某率],"
                 " target: 至少2次}\n", encoding="utf-8")
    c = check_file(p)
    assert [(x.line, x.key) for x in c.problems] == [(4, "target")] and "百分比" in c.problems[0].message
