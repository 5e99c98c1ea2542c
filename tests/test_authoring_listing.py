"""authoring/listing.py (`auditor rules list|show`): rules by pack, tailoring marked, readable at 80 columns."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "rulepacks"
RULES = ROOT / "rules"
HUZHU = str(RULES / "qinghai" / "huzhu-2024.yaml")
TAILORED = str(FIX / "tailored.ok.yaml")
runner = CliRunner()


def test_list_marks_tailored_targets_and_disabled_rules():
    r = runner.invoke(app, ["rules", "list", "--rules", TAILORED])
    assert r.exit_code == 0, r.output
    assert "不低于95%（本地定制，原：不低于90%）" in r.output and "已停用：trial_observation" in r.output
    assert "互政办〔2024〕18号" in r.output and "normative_doc_filing_rate" in r.output


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


def test_list_reads_at_80_columns_and_never_splits_an_id():
    from auditor.authoring.listing import rule_listing
    from auditor.cjkwrap import cell_width
    from auditor.packs.loader import load_rules

    rs = load_rules([TAILORED])
    lines = rule_listing(rs, width=80)
    assert all(cell_width(line) <= 80 for line in lines), [line for line in lines if cell_width(line) > 80]
    starts = {line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("    ")}
    assert {r.id for r in rs.rules} <= starts
    assert "不低于95%（本地定制，原：不低于90%）" in "".join(lines)


def test_show_wraps_at_80_columns():
    from auditor.authoring.listing import rule_details
    from auditor.cjkwrap import cell_width
    from auditor.packs.loader import load_rules

    lines = rule_details(load_rules([HUZHU]), "court_appearance_rate", width=80)
    assert all(cell_width(line) <= 80 for line in lines)
    assert any(line.startswith("条款：22") for line in lines)
