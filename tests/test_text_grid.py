"""text_grid.py: fields land on their columns when a tab goes to the next stop past the pen, as Pango sets it."""
from __future__ import annotations

import html
import math

import pytest
from markupsafe import Markup

from auditor.report import text_grid
from auditor.report.text_grid import em_width

NAMES = ("名次", "得分", "地区")


def starts(line: Markup, grid) -> tuple[list[float], int]:
    """Where each field starts (px) and the most tabs before one of them."""
    text = html.unescape(line.striptags() if "<" in line else str(line))
    pen, out, fresh, tabs, most = 0.0, [], True, 0, 0
    for ch in text:
        if ch == "\t":
            pen, fresh, tabs = (math.floor(pen / grid.tab_px) + 1) * grid.tab_px, True, tabs + 1
            continue
        if fresh and ch not in " \u3000":
            out.append(pen)
            fresh, most, tabs = False, max(most, tabs), 0
        pen += em_width(ch) * grid.font_px
    return out, most


RECORDS = [("1", "98.5", "城关镇"), ("12", "7", "互助土族自治县"), ("103", "100", "（未识别）"),
           ("7", "64.25", "Ａ区 Street 9"), ("2", "2022—2024", "一")]


@pytest.mark.parametrize("pt", [9, 8.5, 10.5])
def test_every_field_starts_at_its_column_after_one_tab(pt):
    grid = text_grid.plan(RECORDS, NAMES, width_mm=174, font_pt=pt)
    assert grid.per_line >= 2 and grid.tab_px >= grid.font_px
    for line in text_grid.lines(grid, RECORDS):
        got, most = starts(line, grid)
        want = [(k * grid.span + s) * grid.tab_px for k in range(len(got) // 3) for s in grid.stops]
        assert got == pytest.approx(want) and most == 1  # one tab a field: WeasyPrint draws runs of tabs wide
    sub = text_grid.line(grid, [("上年安排落实",)], indent=grid.stops[2])
    assert starts(sub, grid)[0] == [grid.stops[2] * grid.tab_px]


def test_a_pen_close_to_a_stop_is_moved_clear_of_it():
    grid = text_grid.plan(RECORDS, NAMES, width_mm=174, font_pt=9)
    t, em = grid.tab_px, em_width("\u3000") * grid.font_px
    assert text_grid._pad(grid, 3 * t, 6) == "\u3000" * round(2 * t / em) + " \t"  # on the stop before
    assert text_grid._pad(grid, 3 * t + 5, 6) == "\u3000" * 2 + "\t"
    assert text_grid._pad(grid, 3 * t - 0.2, 5) == "\u3000" + " \t"  # just short of the target


def test_records_fit_the_width_and_the_header_follows_them():
    wide = [("1", "50", "某" * 40)]
    assert text_grid.plan(wide * 3, NAMES, width_mm=174, font_pt=9).per_line == 1
    narrow = text_grid.plan([("1", "50", "县")] * 30, NAMES, width_mm=174, font_pt=9)
    t = narrow.tab_px
    last = (narrow.per_line - 1) * narrow.span * t + narrow.stops[-1] * t + em_width("地区") * narrow.font_px
    assert narrow.per_line > 3 and last <= 174 * text_grid.PX_PER_MM
    assert text_grid.header(narrow, NAMES, 2).count("名次") == 2


def test_bands_keep_lines_apart_without_raw_newlines_and_escape_text():
    records = [("1", "2", "<b>县</b>")] * 9
    grid = text_grid.plan(records, ("a", "b", "c"), width_mm=40, font_pt=9)
    bands = text_grid.bands(grid, records, per_band=2)
    assert all("\n" not in b and "<b>" not in b for b in bands)  # pdf.py drops newlines between tags
    assert html.unescape(str(bands[0])).count("\n") == 1 and "&lt;b&gt;县" in bands[0]
