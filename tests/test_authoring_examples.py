"""authoring/examples.py (`auditor rules test`): examples run through the pipeline in their pack's context."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from auditor.authoring.examples import run_examples
from auditor.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "rulepacks"
RULES = ROOT / "rules"
HUZHU = str(RULES / "qinghai" / "huzhu-2024.yaml")
TAILORED = str(FIX / "tailored.ok.yaml")
runner = CliRunner()


def test_bundled_examples_all_pass_and_every_rule_has_examples():
    run = run_examples([RULES])
    assert not run.problems and not run.missing
    failed = [f"{r.path}:{r.line} {r.rule_id} {r.text} {r.actual}" for r in run.failed]
    assert not failed, "\n".join(failed)
    assert len(run.results) > 60
    r = runner.invoke(app, ["rules", "test", str(RULES)])
    assert r.exit_code == 0 and "全部通过" in r.output


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = Path(HUZHU).read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "huzhu-broken.yaml"
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p


def test_rules_test_catches_a_broken_alias(tmp_path):
    p = _broken_copy(tmp_path, "  - indicator: court_appearance_rate\n",  # a local definition with a typo
                     "  - id: court_appearance_rate\n    kind: metric\n    name: 行政机关负责人出庭应诉率\n"
                     "    aliases: [出庭应诉律]\n")
    r = runner.invoke(app, ["rules", "test", str(p)])
    assert r.exit_code == 1, r.output
    assert "全年行政机关负责人出庭应诉率达到95.5%。" in r.output and "court_appearance_rate" in r.output
    assert re.search(r"huzhu-broken\.yaml:\d+: 规则“court_appearance_rate”", r.output)
    assert "期望：数值 95.5" in r.output and "实际：未报告" in r.output


def test_rules_test_catches_a_rule_that_matches_too_much(tmp_path):
    p = _broken_copy(tmp_path, "  - indicator: reconsideration_typical_cases\n",
                     "  - id: reconsideration_typical_cases\n    kind: count\n    name: 发布行政复议典型案例\n"
                     "    aliases: [典型案例]\n    units: [次, 批, 期, 件, 个, 篇]\n")
    r = runner.invoke(app, ["rules", "test", str(p)])
    assert r.exit_code == 1 and "发布营商环境典型案例5个。" in r.output and "不应识别为本指标" in r.output


def test_rules_test_runs_examples_in_the_pack_context():
    run = run_examples([Path(TAILORED)])
    assert not run.problems and run.results and not run.failed


def test_rules_test_on_an_invalid_pack_exits_3():
    r = runner.invoke(app, ["rules", "test", str(FIX / "problems.fail.yaml")])
    assert r.exit_code == 3 and "错误：" in r.output
