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
    s = _summary(base, [replace(row, score=80.0, jurisdiction="甲县"), replace(row, score=90.0, jurisdiction="乙县"),
                        replace(row, score=80.0, jurisdiction="丙县")])
    assert [(rank, r.score) for rank, r in s.ranked] == [(1, 90.0), (2, 80.0), (2, 80.0)]


def test_ranked_by_level_then_year(base):
    _, row, _, _ = base
    rows = [replace(row, jurisdiction="甲县", level="county", year=2024, score=50.0),
            replace(row, jurisdiction="乙州", level="prefecture", year=2024, score=40.0),
            replace(row, jurisdiction="丙县", level="county", year=2023, score=90.0),
            replace(row, jurisdiction="丁县", level="county", year=2024, score=70.0)]
    s = _summary(base, rows)
    assert [label for label, _ in s.groups] == ["市（州）级 · 2024年度", "县（市、区）级 · 2024年度",
                                                "县（市、区）级 · 2023年度"]
    assert [[(rank, r.row.jurisdiction) for rank, r in g] for _, g in s.groups] == \
        [[(1, "乙州")], [(1, "丁县"), (2, "甲县")], [(1, "丙县")]]


def test_duplicates_are_flagged_and_ranked_once(base):
    _, _, rules, folder = base
    _, row, _, _ = base
    reports = [Report("a.txt", "a", replace(row, jurisdiction="甲县"), sha256="x"),
               Report("b.txt", "b", replace(row, jurisdiction="乙县"), sha256="x"),  # same bytes
               Report("c.txt", "c", replace(row, jurisdiction="甲县"), sha256="y"),  # same county and year
               Report("d.txt", "d", replace(row, jurisdiction="丙县"), sha256="z")]
    s = Summary(BatchResult(reports=reports), rules, folder, date(2025, 4, 1))
    assert sorted(r.rel for _, r in s.ranked) == ["a.txt", "d.txt"]
    assert [(d.rel, kept.rel, why[:4]) for d, kept, why in s.duplicates] == [("b.txt", "a.txt", "内容完全"),
                                                                              ("c.txt", "a.txt", "同一地区")]


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
