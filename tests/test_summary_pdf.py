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
from auditor.report.vocab import fmt_score

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
    assert "<script>alert" not in html and "file:///etc/passwd\">" not in html and "&lt;script&gt;" in html


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


def _batch(summary, n, edit):
    """n copies of the factory row, each passed through edit(i, findings) -> findings."""
    base = summary.ranked[0][1].row
    reports = []
    for i in range(n):
        row = replace(base, jurisdiction=f"县{i}", findings=tuple(edit(i, list(base.findings))))
        reports.append(Report(f"r{i}.txt", f"r{i}", row, sha256=f"{i:064x}"))
    return Summary(BatchResult(reports=reports), summary.ruleset, summary.folder, date(2025, 4, 1))


def test_implausible_verdicts_only(summary):
    base = summary.ranked[0][1].row
    metric = next(f for f in base.findings if f.kind == "metric" and f.number is not None and not f.informational)
    category = {r.id: r.category for r in summary.ruleset.rules}
    by_cat = {}
    for f in base.findings:
        if not f.informational and f.value is not None and f.value != "absent":
            by_cat.setdefault(category.get(f.id), []).append(f)
    cat, found = next((c, fs) for c, fs in by_cat.items() if c and len(fs) >= 2)
    hidden = found[0]

    def same(i, fs):  # one metric identical everywhere; another rule of a found category never found
        return [replace(f, status="not_reported", value=None) if f.id == hidden.id else f for f in fs]

    flagged = {(r["id"], r["kind"]) for r in _batch(summary, 6, same).suspicious()}
    assert (metric.id, "same_value") in flagged and (hidden.id, "never") in flagged

    def varied(i, fs):
        return [replace(f, value=float(50 + i)) if f.id == metric.id else f for f in fs]

    quiet = {(r["id"], r["kind"]) for r in _batch(summary, 6, varied).suspicious()}
    assert (metric.id, "same_value") not in quiet and (hidden.id, "never") not in quiet
    # a rule every report meets is not suspicious; nor is anything in a batch too small to tell
    assert not any(k == "always" for _, k in flagged)
    assert _batch(summary, 3, same).suspicious() == []


def test_a_large_batch_lists_every_report_compactly_and_the_matrix_its_top_and_bottom(summary, monkeypatch, tmp_path):
    from auditor.batch import summary_pdf

    monkeypatch.setattr(summary_pdf, "RANKING_FULL_UP_TO", 10)
    monkeypatch.setattr(summary_pdf, "RANKING_TOP", 3)
    monkeypatch.setattr(summary_pdf, "RANKING_BOTTOM", 2)
    big = _batch(summary, 20, lambda i, fs: fs)
    ctx = summary_context(big)
    (group,) = ctx["ranking"]
    assert ctx["ranking_compact"] and not ctx["ranking_cut"] and group["n"] == 20 and not group["rows"]
    words = " ".join(b["text"].striptags() for b in group["grid"]["bands"]).split()
    (_, ranked), = big.groups  # every county findable: its rank and score beside its name
    assert list(zip(words[0::3], words[1::3], words[2::3])) == [
        (str(rank), fmt_score(r.score), r.row.jurisdiction + summary_pdf.ALERT_MARK) for rank, r in ranked]
    assert len(ctx["matrix"]) == 1 and ctx["matrix"][0]["url"] in ctx["images"]  # the top 3 and bottom 2, one block
    out = tmp_path / "汇总.pdf"
    write_summary_pdf(big, out)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert all(f"县{i}" in text for i in range(20))

    monkeypatch.setattr(summary_pdf, "RANKING_LIST_UP_TO", 10)  # past it each group's top and bottom
    (group,) = summary_context(big)["ranking"]
    listed = [b["text"].striptags() for b in group["grid"]["bands"]]
    assert [b["gap"] for b in group["grid"]["bands"]] == [False, True, False] and "中间 15 份从略" in listed[1]
    shown = {r.row.jurisdiction for _, r in ranked[:3] + ranked[-2:]}
    assert all((name in "".join(listed)) == (name in shown) for name in (f"县{i}" for i in range(20)))
    assert "中间 15 份从略" in summary_html(big)
    small = summary_context(_batch(summary, 8, lambda i, fs: fs))
    assert not small["ranking_compact"] and sum(len(g["rows"]) for g in small["ranking"]) == 8


def test_matrix_images_are_served_only_to_the_pdf(summary, tmp_path):
    ctx = summary_context(summary)
    assert ctx["matrix"] and all(b["url"].startswith("auditor-asset:img/") for b in ctx["matrix"])
    assert all(png.startswith(b"\x89PNG") for png in ctx["images"].values())
    out = tmp_path / "汇总.pdf"
    write_summary_pdf(summary, out)
    from pypdf import PdfReader

    images = {img.data for page in PdfReader(str(out)).pages for img in page.images}  # pages share resources
    assert len(images) == len(ctx["matrix"])


def test_many_alerts_are_counted_by_kind(summary, monkeypatch):
    from auditor.batch import summary_pdf

    monkeypatch.setattr(summary_pdf, "LIST_ROWS", 2)
    ctx = summary_context(_batch(summary, 5, lambda i, fs: fs))
    assert len(ctx["alerts"]) == 2 and ctx["alerts_cut"] == 3
    assert ctx["alert_kinds"] and sum(k["n"] for k in ctx["alert_kinds"]) == 5


def test_the_trend_lists_keep_every_figure_as_text():
    from auditor.batch.summary_pdf import _trend_grids

    row = {"jurisdiction": "互助县", "code": "630126", "years": "2022—2024", "missing": "2023",
           "scores": "40 → — → 61.5", "change": 21.5, "indicators": ["法治专题讲座：8→—→12场", "复议纠错率：5→—→7%"],
           "promises": 3, "kept": 1, "broken": 1, "unmentioned": 0, "review": 1}
    moved = {"rank": 1, "jurisdiction": "互助县", "first": 2022, "last": 2024, "from": "40", "to": "61.5",
             "change": "21.5"}
    t = {"rows": [row, {**row, "jurisdiction": "<b>县</b>", "promises": 0, "indicators": []}], "improved": [moved],
         "declined": [], "fmt_score": fmt_score}
    grids = _trend_grids(t)
    assert grids["declined_grid"] is None
    (improved,) = grids["improved_grid"]["bands"]
    assert improved["text"].striptags().split() == ["1", "互助县", "2022—2024", "40", "61.5", "+21.5"]
    first, second = (b["text"] for b in grids["rows_grid"]["bands"])
    words = first.striptags().split()
    assert words[:8] == ["互助县", "630126", "2022—2024（缺", "2023）", "40", "→", "—", "→"]
    assert "+21.5" in words and "上年安排落实：共 3 项：已兑现 1，未兑现 1，未提及 0，待核实 1" in first.striptags()
    assert "主要指标：法治专题讲座：8→—→12场" in words and "主要指标：复议纠错率：5→—→7%" in words
    assert "&lt;b&gt;县" in second and "上年安排落实：无可对照的安排" in second.striptags()
