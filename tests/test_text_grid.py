"""text_grid.py: fields land on their columns when tabs advance to the next stop, as Pango sets them."""
from __future__ import annotations

import html
import math

import pytest
from markupsafe import Markup

from auditor.report import text_grid
from auditor.report.text_grid import TAB_PX, em_width


def starts(line: Markup, font_px: float) -> list[float]:
    """Where each run of text between tabs starts, in px, a tab going to the next stop past the pen."""
    text = html.unescape(line.striptags() if "<" in line else str(line))
    pen, out, fresh = 0.0, [], True
    for ch in text:
        if ch == "\t":
            pen, fresh = (math.floor(pen / TAB_PX) + 1) * TAB_PX, True
            continue
        if fresh and ch != " ":
            out.append(pen)
            fresh = False
        pen += em_width(ch) * font_px
    return out


RECORDS = [("1", "98.5", "城关镇"), ("12", "7", "互助土族自治县"), ("103", "100", "（未识别）"),
           ("7", "64.25", "Ａ区 Street 9"), ("", "", "")]


def test_every_field_starts_at_its_column():
    grid = text_grid.plan(RECORDS, ("名次", "得分", "地区"), width_mm=174, font_pt=9)
    assert grid.per_line >= 2
    for line in text_grid.lines(grid, [r for r in RECORDS if r[0]]):
        got = starts(line, grid.font_px)
        want = [(k * grid.span + s) * TAB_PX for k in range(len(got) // 3) for s in grid.stops]
        assert got == pytest.approx(want)


def test_a_text_ending_on_a_stop_is_moved_clear_of_it():
    font_px = 9 * text_grid.PX_PER_PT
    # a field exactly TAB_PX wide ends on a stop: a space first, so Pango's tab cannot land on either side
    assert text_grid._tabs(3 * TAB_PX, 5, font_px) == " \t\t"
    assert text_grid._tabs(3 * TAB_PX + 5, 5, font_px) == "\t\t"


def test_records_fit_the_width_and_the_header_follows_them():
    wide = [("1", "50", "某" * 40)]
    grid = text_grid.plan(wide * 3, ("名次", "得分", "地区"), width_mm=174, font_pt=9)
    assert grid.per_line == 1
    narrow = text_grid.plan([("1", "50", "县")] * 30, ("名次", "得分", "地区"), width_mm=174, font_pt=9)
    last = (narrow.per_line - 1) * narrow.span * TAB_PX + narrow.stops[-1] * TAB_PX + em_width("地区") * narrow.font_px
    assert narrow.per_line > 3 and last <= 174 * text_grid.PX_PER_MM
    assert text_grid.header(narrow, ("名次", "得分", "地区"), 2).count("名次") == 2


def test_bands_keep_lines_apart_without_raw_newlines_and_escape_text():
    grid = text_grid.plan([("1", "2", "<b>县</b>")] * 9, ("a", "b", "c"), width_mm=40, font_pt=9)
    bands = text_grid.bands(grid, [("1", "2", "<b>县</b>")] * 9, per_band=2)
    assert all("\n" not in b and "<b>" not in b for b in bands)  # pdf.py drops newlines between tags
    assert html.unescape(str(bands[0])).count("\n") == 1 and "&lt;b&gt;县" in bands[0]
