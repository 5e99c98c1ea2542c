"""authoring/draft/save.py and `auditor rules draft`: written atomically, checked, never over a reviewed pack."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from auditor.authoring.tools import validate
from auditor.cli import app
from auditor.packs.loader import load_rules
from draft_helpers import WORKPLAN, drafted_huzhu

runner = CliRunner()


@pytest.fixture
def drafted():
    return drafted_huzhu()


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


def test_a_document_without_targets_or_duties_writes_nothing(tmp_path):
    doc = tmp_path / "通知.txt"
    doc.write_text("关于召开会议的通知\n各单位：\n定于下周一上午九时在三楼会议室召开会议，请准时参加。\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = runner.invoke(app, ["rules", "draft", str(doc), "-o", str(out)])
    assert r.exit_code == 4 and "没有找到量化目标" in r.output and not out.exists()


def test_draft_that_cannot_be_written_exits_5(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "-o", str(blocker / "x.yaml")])
    assert r.exit_code == 5 and "无法写出规则包" in r.output and "File exists" not in r.output


def test_check_audits_a_report_with_the_draft(tmp_path):
    report = WORKPLAN.parent.parent / "reports" / "002_eea7e65a8f4bc6f8.txt"
    if not report.exists():
        report = next((WORKPLAN.parent.parent / "reports").glob("002_*.txt"))
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "--check", str(report)])
    assert r.exit_code == 0, r.output
    assert "用草稿规则包" in r.output and "得分" in r.output and "行政机关负责人出庭应诉率" in r.output
    assert not list(tmp_path.iterdir())  # nothing written without -o


def test_drafting_an_annual_report_warns(tmp_path):
    report = next((WORKPLAN.parent.parent / "reports").glob("001_*.txt"))
    r = runner.invoke(app, ["rules", "draft", str(report), "-o", str(tmp_path / "x.yaml")])
    assert "看起来是年度报告" in r.output
