"""stats.py: the ranking (ties share a rank) and the batch's --fail-on (the same rule as check's)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from audit_factory import ERROR_ALERT, make_audit

from auditor.batch.rows import BatchResult, ErrorRow, Report, ReportRow
from auditor.batch.stats import Summary
from auditor.fail_on import audit_fails
from auditor.packs.loader import load_rules
from auditor.report.json import audit_dict


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("factory")
    audit = make_audit(workdir=str(folder))
    return audit, ReportRow.from_audit_dict(audit_dict(audit)), load_rules([str(folder / "hostile.yaml")]), folder


def _summary(base, rows, errors=()):
    _, _, rules, folder = base
    res = BatchResult(reports=[Report(f"{i}.txt", f"r{i}", r) for i, r in enumerate(rows)], errors=list(errors))
    return Summary(res, rules, folder, date(2025, 4, 1))


def test_ties_share_a_rank(base):
    _, row, _, _ = base
    s = _summary(base, [replace(row, score=80.0), replace(row, score=90.0), replace(row, score=80.0)])
    assert [(rank, r.score) for rank, r in s.ranked] == [(1, 90.0), (2, 80.0), (2, 80.0)]


@pytest.mark.parametrize("fail_on", ["not_met", "not_reported", "review", "never"])
def test_batch_fails_like_check_on_each_report(base, fail_on):
    audit, row, _, _ = base
    assert _summary(base, [row]).fails(fail_on) == audit_fails(audit, fail_on)
    with_alert = replace(audit, alerts=(ERROR_ALERT,))
    row2 = ReportRow.from_audit_dict(audit_dict(with_alert))
    assert _summary(base, [row2]).fails(fail_on) == audit_fails(with_alert, fail_on) == (fail_on != "never")


def test_an_unreadable_file_fails_unless_never(base):
    _, row, _, _ = base
    clean = replace(row, findings=tuple(f for f in row.findings if f.status in ("met", "waived")))
    s = _summary(base, [clean], [ErrorRow("x.txt", "InputError", "空文件")])
    assert s.fails("not_met") and not s.fails("never")
    assert not _summary(base, [clean]).fails("review")
