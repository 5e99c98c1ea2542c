"""charts.py: inline SVG, text escaped, colours from the vocabulary."""
from __future__ import annotations

from auditor.report import charts, vocab


def test_gauge_is_inline_svg_with_the_score():
    g = charts.gauge(72.5, 68)
    assert g.startswith("<svg") and ">72.5<" in g and "<script" not in g
    assert vocab.score_color(72.5) in g


def test_group_bars_escape_labels_and_share_one_scale():
    rows = charts.group_bars([("<b>类别</b>", {"met": 1, "not_met": 1}), ("乙", {"met": 4})])
    assert "&lt;b&gt;" in rows[0][2] and "<b>" not in rows[0][2]
    assert [total for _, total, _ in rows] == [2, 4]
    assert vocab.COLORS["not_met"] in rows[0][2]
    big = [("甲", {"met": 40, "not_met": 20})]
    assert ">40<" in charts.group_bars(big)[0][2] and "<text" not in charts.group_bars(big, numbers=False)[0][2]


def test_histogram_bins_and_counts():
    svg = charts.histogram([5, 15, 15, 95, 100])
    assert svg.startswith("<svg") and svg.count("<rect") == 3  # bins 0, 10 and 90 (100 falls in the top bin)
    assert ">2<" in svg
