"""trends.py: the change between consecutive reports, whether it is better, gaps that open or close."""
from __future__ import annotations

from auditor.compare.model import Point, Series, YearReport
from auditor.compare.trends import change, higher_is_better, indicator_trends


def pt(value, status="met", kind="metric", unit="%", target="不低于90%", informational=False):
    return Point("x", "x", "某指标", kind, unit, status, value, informational, target)


def test_a_rate_changes_in_percentage_points_and_its_target_says_which_way_is_better():
    c = change(pt(85.0, "not_met"), pt(96.0), 2022, 2023)
    assert (c.delta, c.unit, c.arrow, c.better, c.gap) == (11.0, "个百分点", "↑", True, "closed")
    lower = change(pt(12.0, target="低于10%"), pt(8.0, target="低于10%"), 2022, 2023)
    assert (lower.arrow, lower.better) == ("↓", True)


def test_a_profile_rate_has_no_better_direction():
    c = change(pt(90.0, target=None, informational=True), pt(95.0, target=None, informational=True), 2022, 2023)
    assert (c.arrow, c.better, c.gap) == ("↑", None, None)
    assert higher_is_better(None) is None and higher_is_better("不少于2次") is True


def test_a_part_that_disappears_is_a_new_gap():
    c = change(pt("present", kind="part", unit=None, target=None), pt("absent", "not_met", kind="part", unit=None,
                                                                       target=None), 2023, 2024)
    assert (c.delta, c.arrow, c.better, c.gap) == (None, "", False, "new")


def test_a_year_is_no_figure_to_change():
    c = change(pt(2022.0, kind="metadata", unit=None), pt(2023.0, kind="metadata", unit=None), 2022, 2023)
    assert c.delta is None and c.arrow == ""


def test_changes_skip_a_missing_year():
    def rep(y, v):
        return YearReport(f"{y}", y, "某县", "county", "1", 50.0, {"x": pt(v)})

    s = Series(("code", "1", "county"), "某县", {2021: rep(2021, 80.0), 2023: rep(2023, 92.0)})
    (t,) = indicator_trends(s)
    assert [(c.from_year, c.to_year, c.delta) for c in t.changes] == [(2021, 2023, 12.0)] and t.numeric
