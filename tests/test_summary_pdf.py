"""summary_pdf.py: 汇总.pdf's view model and HTML. Untrusted names stay text; alerts are listed."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from audit_factory import ERROR_ALERT, make_audit

from auditor.batch.rows import BatchResult, Report, ReportRow
from auditor.batch.stats import Summary
from auditor.batch.summary_pdf import summary_context, summary_html, write_summary_pdf
from auditor.packs.loader import load_rules
from auditor.report.json import audit_dict

EVIL = '<script>alert(1)</script><img src="file:///etc/passwd">'


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("factory")
    row = ReportRow.from_audit_dict(audit_dict(make_audit(alerts=(ERROR_ALERT,), workdir=str(folder))))
    res = BatchResult(reports=[Report("a.docx", "船營區-2023", row),
                               Report("evil.txt", "evil", replace(row, jurisdiction=EVIL, score=30.0, alerts=()))])
    return Summary(res, load_rules([str(folder / "hostile.yaml")]), folder, date(2025, 4, 1))


def test_untrusted_names_are_escaped(summary):
    html = summary_html(summary)
    assert "<script>alert" not in html and "<img src" not in html and "&lt;script&gt;" in html


def test_alerts_are_flagged_in_the_ranking_and_listed(summary):
    ctx = summary_context(summary)
    flagged = {r["jurisdiction"]: r["alert"] for g in ctx["ranking"] for r in g["rows"]}
    assert flagged["船營區"] == "警示" and flagged[EVIL] == ""
    assert [(a["jurisdiction"], a["severity"]) for a in ctx["alerts"]] == [("船營區", "error")]
    assert "&lt;b&gt;报告" in summary_html(summary)  # the alert's own markup is text


def test_summary_pdf_is_written(summary, tmp_path):
    out = tmp_path / "汇总.pdf"
    write_summary_pdf(summary, out)
    assert out.read_bytes()[:5] == b"%PDF-"
