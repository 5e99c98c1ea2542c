"""terminal.py: alerts first, every gap (parts included) in one ordered list, the one wording per value."""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from audit_factory import ERROR_ALERT, WARNING_ALERT, make_audit

from auditor.report import terminal, vocab


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    audit = make_audit(alerts=(WARNING_ALERT, ERROR_ALERT), workdir=str(tmp_path_factory.mktemp("factory")))
    buf = io.StringIO()
    terminal.print_audit(audit, Console(file=buf, width=120, highlight=False, color_system=None))
    return audit, buf.getvalue()


def test_alerts_come_first_errors_before_warnings(output):
    _, text = output
    lines = text.splitlines()
    assert lines[1].startswith("警示：") and ERROR_ALERT.message in lines[1]  # markup in it stays text
    assert lines[2].startswith("注意：") and WARNING_ALERT.message in lines[2]


def test_every_gap_in_one_list_parts_included(output):
    audit, text = output
    todo = text.split("需要处理的问题", 1)[1].split("全部检查项", 1)[0]
    names = [f.name for f in vocab.gaps(audit.findings)]
    assert any(f.kind == "part" for f in vocab.gaps(audit.findings))
    positions = [todo.index(n) for n in names]
    assert positions == sorted(positions)


def test_values_use_the_vocabulary(output):
    audit, text = output
    assert "已提及，无数字" in text and "至少3次（本地定制）" in text
    assert "已提及（mentioned）" not in text and "（裁剪）" not in text


def test_readable_at_80_columns_with_hanging_indents():
    from auditor.cjkwrap import cell_width

    audit = make_audit()
    buf = io.StringIO()
    terminal.print_audit(audit, Console(file=buf, width=80, highlight=False, color_system=None))
    text = buf.getvalue()
    lines = text.splitlines()
    assert max(cell_width(line) for line in lines) <= 80
    todo = text.split("需要处理的问题", 1)[1].split("全部检查项", 1)[0].splitlines()[1:]
    numbered = [line for line in todo if line[:6].strip().rstrip(".").isdigit()]
    assert len(numbered) == len(vocab.gaps(audit.findings))  # one numbered entry per gap, parts included
    for line in todo:  # every other line of an entry hangs under its name, never at column 0
        if line.strip():
            assert line.startswith("  ")
    part = next(f for f in vocab.gaps(audit.findings) if f.kind == "part")
    assert any(part.name[:10] in line for line in numbered)
