"""The result page's text: every quoted sentence marked in place, overlaps exact, nothing lost or added."""
from __future__ import annotations

from pathlib import Path

from auditor import api
from auditor.web.view import build, text_pieces

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "reports").glob("*.txt"))


def test_pieces_join_back_to_the_text_and_mark_overlaps():
    text = "甲乙丙丁戊己庚辛壬癸"
    spans = {"a": [(1, 5, (2, 3))], "b": [(3, 8, None)]}
    pieces = text_pieces(text, spans, {"a": "met", "b": "not_met"})
    assert "".join(p[0] for p in pieces) == text
    by_text = {p[0]: (p[1], p[2], p[3]) for p in pieces}
    assert by_text["甲"] == ([], "", False)
    assert by_text["乙"] == (["a"], "met", False)
    assert by_text["丙"] == (["a"], "met", True)  # the figure inside the sentence
    assert by_text["丁戊"] == (["a", "b"], "not_met", False)  # the worst finding colours the overlap
    assert by_text["己庚辛"] == (["b"], "not_met", False)
    assert by_text["壬癸"] == ([], "", False)


def test_view_of_a_seed_marks_every_quoted_finding():
    audit = api.check(str(SEEDS[2]), rules=["qinghai/huzhu-2024"])
    v = build(audit)
    assert "".join(p[0] for p in v["pieces"]) == audit.document.original
    marked = {rid for p in v["pieces"] for rid in p[1]}
    quoted = {f.rule_id for f in audit.findings if f.evidence}
    assert marked == quoted == set(v["quoted"])
    assert [g["id"] for g in v["gaps"]] and all(g["status"] in ("not_met", "not_reported", "review")
                                                for g in v["gaps"])
    for f in audit.findings:
        for e in f.evidence:  # each quote is exactly the text its marks cover
            covered = "".join(p[0] for p in v["pieces"] if f.rule_id in p[1])
            assert e.quote in covered or e.quote.strip() in covered
