"""view.py, the comparison template and charts.trend_line: report text stays text, colours are the vocabulary's."""
from __future__ import annotations

import re

from auditor.compare.model import Commitment, Comparison, Point, Promise, Series, YearReport
from auditor.compare.trends import indicator_trends
from auditor.compare.view import change_text, comparison_html
from auditor.report import charts, vocab
from auditor.resources import templates_dir

HOSTILE = '<script>alert(1)</script>"&'


def _cmp() -> Comparison:
    def rep(y, v, status):
        p = Point("court", "court", "出庭应诉率" + HOSTILE, "metric", "%", status, v, False, "不低于90%",
                  "原文" + HOSTILE)
        return YearReport(f"{y}{HOSTILE}.txt", y, "某县" + HOSTILE, "county", "630223", 70.0 + y - 2020, {"court": p})

    s = Series(("code", "630223", "county"), "某县" + HOSTILE, {2021: rep(2021, 80.0, "not_met"),
                                                               2023: rep(2023, 95.0, "met")})
    c = Commitment("力争达到95%" + HOSTILE, "figure", "court", "出庭应诉率", ">=", 95.0, "%")
    pr = Promise(c, 2021, 2022, "met", quote="说法" + HOSTILE, note="说明")
    return Comparison(s, indicator_trends(s), {y: r.score for y, r in s.reports.items()}, (pr,))


def test_report_text_is_escaped_and_the_gap_year_shown():
    page = comparison_html(_cmp())
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "缺少 2022 年度的报告" in page and page.count("<svg") >= 2


def test_stylesheet_status_colours_equal_the_vocabulary():
    css = re.sub(r"/\*.*?\*/", "", (templates_dir() / "compare.css").read_text(encoding="utf-8"), flags=re.S)
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for status in vocab.STATUSES:
            m = re.search(r"color:\s*(#[0-9a-fA-F]{6})", body)
            if re.search(rf"\.st-{status}\b", sel) and m and "background" not in body:
                assert m.group(1).lower() == vocab.TEXT_COLORS[status], sel


def test_change_words():
    (t,) = _cmp().trends
    assert change_text(t.last_change) == "↑15个百分点"


def test_trend_line_breaks_at_a_missing_year_and_escapes():
    svg = str(charts.trend_line([(2021, 80.0, "not_met"), (2022, None, None), (2023, 95.0, "met")], unit="%"))
    assert svg.startswith("<svg") and 'stroke-dasharray="3,2"' in svg and "—" in svg
    assert vocab.COLORS["not_met"] in svg and vocab.COLORS["met"] in svg and "95%" in svg
    assert str(charts.trend_line([])) == ""
    one = str(charts.trend_line([(2024, 5.0, None)]))
    assert "<circle" in one and "<line x1" in one  # only the baseline: nothing to join
