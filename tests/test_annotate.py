"""The marked-up report (report/annotate.py): spans computed in Python, every piece of report text escaped,
a note per finding with its rule and verdict, parts outlined, findings without a quote listed."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_factory import HOSTILE, IMG, make_audit  # noqa: E402

from auditor.report import annotate  # noqa: E402
from auditor.report.annotate import Span, segments  # noqa: E402


@pytest.fixture(scope="module")
def audit():
    return make_audit()


def test_segments_cut_at_every_boundary_with_the_worst_status():
    text = "甲乙丙丁戊己庚辛"
    marks = [Span(1, 6, 1, "met", False), Span(3, 5, 2, "not_met", False), Span(4, 5, 2, "not_met", True)]
    segs = segments(text, 0, 8, marks)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["status"], s["figure"], s["notes"]) for s in segs] == [
        ("甲", "", False, []), ("乙丙", "met", False, [1]), ("丁", "not_met", False, [2]),
        ("戊", "not_met", True, []), ("己", "met", False, []), ("庚辛", "", False, [])]


def test_a_run_in_heading_is_bold_and_its_paragraph_is_not():
    text = "（一）组织领导持续强化。州委常委会研究法治工作4次。"
    end = text.index("。") + 1
    segs = segments(text, 0, len(text), [Span(end, len(text), 1, "met", False)], heading_end=end)
    assert [(s["text"], s["heading"]) for s in segs] == [("（一）组织领导持续强化。", True),
                                                        ("州委常委会研究法治工作4次。", False)]
    assert all(not s["heading"] for s in segments(text, 0, len(text), []))


def test_spans_point_at_the_quoted_sentence_and_figure(audit):
    text = audit.document.original
    marks, noted = annotate.spans(audit)
    assert marks and noted
    for s in marks:
        f = noted[s.note - 1]
        quotes = [e for e in f.evidence if e.start <= s.start and s.end <= e.end]
        assert quotes, (f.rule_id, s)
        if s.figure:
            e = quotes[0]
            a, b = e.highlight
            assert text[s.start:s.end] == e.quote[a:b]
    # notes numbered in the order their first sentence appears
    firsts = [min(e.start for e in f.evidence) for f in noted]
    assert firsts == sorted(firsts)


def test_report_text_is_escaped_and_whole(audit):
    html = annotate.annotated_html(audit)
    assert IMG not in html and "<img" not in html and "<script" not in html
    assert html.count("<style") == 1
    body = html.split("</header>", 1)[1]
    plain = re.sub(r"<sup class=\"ref\">\[\d+\]</sup>", "", body)
    plain = re.sub(r"<aside>.*?</aside>", "", plain, flags=re.S)
    from html import unescape

    plain = unescape(re.sub(r"<[^>]+>", "", plain))
    squashed = re.sub(r"\s+", "", plain)
    for line in audit.document.original.split("\n"):
        assert re.sub(r"\s+", "", line) in squashed  # every line of the report, once marked up
    for hostile in HOSTILE:
        if hostile in audit.document.original:
            assert hostile not in body  # literal markup never survives unescaped


def test_notes_name_rule_and_verdict_and_parts_are_outlined(audit):
    ctx = annotate.annotated_context(audit)
    notes = [n for b in ctx["blocks"] for p in b["paragraphs"] for n in p["notes"]]
    _, noted = annotate.spans(audit)
    firsts = list(dict.fromkeys(n["no"] for n in notes))  # a finding quoted in two paragraphs is noted at both
    assert firsts == list(range(1, len(noted) + 1))
    assert all(n["name"] and n["label"] for n in notes)
    kinds = {b["kind"] for b in ctx["blocks"]}
    assert {"achievements", "shortcomings"} & kinds
    missing = {m["name"] for m in ctx["missing"]}
    for f in audit.findings:
        if f.status == "not_reported" and not f.informational and not f.evidence:
            assert f.name in missing


def test_write_annotated_by_suffix(tmp_path, audit):
    annotate.write_annotated(audit, tmp_path / "标注.html")
    assert (tmp_path / "标注.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    annotate.write_annotated(audit, tmp_path / "标注.pdf")
    assert (tmp_path / "标注.pdf").read_bytes().startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(str(tmp_path / "标注.pdf")) as pdf:
        names = {c["fontname"] for p in pdf.pages for c in p.chars}
    assert names and all("Auditor" in n for n in names), names
