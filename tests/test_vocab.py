"""vocab.py: one colour per status in every stylesheet, one wording per value."""
from __future__ import annotations

import re

import pytest

from auditor.models import Finding
from auditor.report import vocab
from auditor.resources import templates_dir


def _rules(css: str) -> list[tuple[str, dict]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = []
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        out.append((sel.strip(), decls))
    return out


@pytest.mark.parametrize("sheet", ["report.css", "summary.css"])
def test_stylesheet_status_colours_equal_the_vocabulary(sheet):
    rules = _rules((templates_dir() / sheet).read_text(encoding="utf-8"))
    seen = set()
    for sel, decls in rules:
        for status in vocab.STATUSES:
            if re.search(rf"\.st-{status}\b", sel) and "color" in decls:
                assert decls["color"].lower() == vocab.TEXT_COLORS[status], (sheet, sel)
                seen.add(status)
            if re.search(rf"\.sb-{status}\b", sel):
                for key in ("border-left-color", "color"):
                    if key in decls:
                        want = vocab.COLORS if key.startswith("border") else vocab.TEXT_COLORS
                        assert decls[key].lower() == want[status], (sheet, sel, key)
    assert seen == set(vocab.STATUSES), sheet


def test_every_status_has_label_colour_fill_symbol_and_style():
    for table in (vocab.STATUS_LABELS, vocab.COLORS, vocab.TEXT_COLORS, vocab.FILLS, vocab.SYMBOLS,
                  vocab.TERMINAL_STYLES):
        assert set(table) == set(vocab.STATUSES)
    assert len(set(vocab.SYMBOLS.values())) == len(vocab.STATUSES)  # tells statuses apart without colour


def _f(kind, value, unit=None, **kw):
    return Finding(rule_id="x", kind=kind, name="某指标", status="met", value=value, unit=unit, **kw)


def test_value_words():
    assert vocab.finding_value(_f("metric", 96.875, "%")) == "96.88%"
    assert vocab.finding_value(_f("count", 12.0, "次")) == "12次"
    assert vocab.finding_value(_f("metric", 27.9, "%", derived=True, alternatives=(26.1,))) == \
        "27.9%（推算，也可能为 26.1%）"
    assert vocab.finding_value(_f("mention", "mentioned")) == "已提及"
    assert vocab.finding_value(_f("count", "mentioned")) == "已提及，无数字"
    assert vocab.finding_value(_f("part", "partial")) == "仅在其他部分提及"
    assert vocab.finding_value(_f("metric", None)) == vocab.NO_VALUE
    assert vocab.fmt_number(float("inf")) == "—" and vocab.fmt_number(1e20) == "1e+20"


def test_scores_dates_and_clauses():
    assert vocab.fmt_score(72.5) == "72.5" and vocab.fmt_score(68.0) == "68" and vocab.fmt_score(99.96) == "100"
    assert vocab.fmt_date("2025-04-01") == "2025年4月1日" and vocab.fmt_date(None) == ""
    assert vocab.clause_text("22") == "第22项" and vocab.clause_text("第二十五条") == "第二十五条"
    assert vocab.target_text("不低于95%", tailored=True) == "不低于95%（本地定制）"
    assert vocab.score_color(95) == vocab.COLORS["met"] and vocab.score_color(10) == vocab.COLORS["not_met"]


def test_gap_order():
    fs = [Finding("a", "count", "甲", "review", weight=5), Finding("b", "count", "乙", "not_met", weight=1),
          Finding("c", "count", "丙", "not_reported", weight=1), Finding("d", "count", "丁", "not_reported", weight=3),
          Finding("e", "count", "戊", "met", weight=9), Finding("f", "count", "己", "not_met", informational=True)]
    assert [f.rule_id for f in vocab.gaps(fs)] == ["b", "d", "c", "a"]
