"""text_grid: long lists for the PDF as lines of text whose columns are tab stops.

WeasyPrint pays per table cell (~2 ms each, 1,000 counties in a table: seconds) and per line box; a line of
text holding several records costs it about one cell. So a long list is written as bands of lines (one text
box each, CSS `white-space: pre-wrap; tab-size`) and each field is brought to its column, a tab stop, from
where the text before it ends (measured with the PDF's own font) by ideographic spaces and one tab: the
columns line up as in a table. One tab, not several: WeasyPrint draws a tab ~2% wider than Pango sets it,
so runs of tabs would drift. Records may sit several to a line (a ranking of rank, score and name).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence, Union

from markupsafe import Markup, escape

from . import fonts

PX_PER_PT = 96 / 72
PX_PER_MM = 96 / 25.4
EDGE = 0.06  # of a tab: a text ending this close to a stop may land on either side of it; a space clears it
IDEO_SPACE = "\u3000"  # one em in CJK fonts
NEWLINE = Markup("&#10;")  # not a raw newline: pdf.py drops newlines between two tags

Field = Union[str, Markup]


@dataclass(frozen=True)
class Grid:
    stops: tuple[int, ...]  # each field's column, in tab stops from its record's start
    span: int  # tab stops from one record's start to the next one's on the same line
    per_line: int  # records a line holds
    font_px: float
    tab_px: int  # the tab-size (CSS px) the text must be set with: at least an em, so one tab follows the spaces


@lru_cache(maxsize=1)
def _face():
    """The PDF's sans face (Pillow, at 1000 px: advances in font units), or None to estimate."""
    from PIL import ImageFont

    path = fonts.installed().get(fonts.REQUIRED)
    if path is not None:
        try:
            return ImageFont.truetype(str(path), 1000)
        except OSError:
            pass
    return None


_ESTIMATE = {**{d: 0.555 for d in "0123456789"}, ".": 0.278, " ": 0.224}  # Noto Sans CJK's advances


def em_width(text: str) -> float:
    """Width of `text` in em of the PDF's sans face (before its first build, an estimate: CJK whole, Latin
    about half). Summed by character: the face has no kerning (fonts.py drops the layout tables)."""
    return sum(map(_char_width, text))


@lru_cache(maxsize=8192)
def _char_width(c: str) -> float:
    face = _face()
    if face is not None:
        return face.getlength(c) / 1000
    return _ESTIMATE.get(c, 0.55) if ord(c) < 0x2E80 else 1.0


def _visible(field: Field) -> str:
    return field.striptags() if isinstance(field, Markup) else field


def plan(records: Sequence[Sequence[Field]], header: Sequence[Field], width_mm: float, font_pt: float,
         gap_em: float = 1.2, per_line: Optional[int] = None) -> Grid:
    """Columns as wide as their widest field (header included) plus a gap, and as many records to a line as
    fit `width_mm` (at most `per_line`)."""
    px = font_pt * PX_PER_PT
    tab = math.ceil(px * em_width(IDEO_SPACE) - 1e-6)
    widths = [max(em_width(_visible(f)) for f in column) * px for column in zip(header, *records)]
    stops, x = [], 0
    for w in widths:
        stops.append(x)
        x = math.ceil((x * tab + w + gap_em * px) / tab)
    room = width_mm * PX_PER_MM - stops[-1] * tab - widths[-1]  # the last record needs no gap after it
    fit = max(1, int(room // (x * tab)) + 1)
    return Grid(tuple(stops), x, min(fit, per_line or fit), px, tab)


def _pad(grid: Grid, end: float, stop: int) -> str:
    """From `end` (px) to tab stop `stop`: ideographic spaces to within a stop of it, then one tab; a
    space where the pen would stand too close to a stop for the tab to be sure which one it goes to."""
    target, tab, edge = stop * grid.tab_px, grid.tab_px, EDGE * grid.tab_px
    em, space = em_width(IDEO_SPACE) * grid.font_px, em_width(" ") * grid.font_px
    n = max(0, math.ceil((target - tab - end) / em - 1e-9))
    pen, lead = end + n * em, ""
    if n and target - pen < edge:  # just short of the target: one em less, a space more
        n, pen, lead = n - 1, pen - em + space, " "
    elif pen - (target - tab) < edge:  # just past the stop before it
        lead = " "
    return IDEO_SPACE * n + lead + "\t"


def line(grid: Grid, records: Sequence[Sequence[Field]], indent: int = 0) -> Markup:
    """One line of up to grid.per_line records, each field escaped unless Markup; `indent` in tab stops."""
    out, end = [_pad(grid, 0.0, indent) if indent else ""], indent * grid.tab_px
    for k, record in enumerate(records):
        for j, field in enumerate(record):
            stop = indent + k * grid.span + grid.stops[j]
            if k or j:
                out.append(_pad(grid, end, stop))
            out.append(str(escape(field)))
            end = stop * grid.tab_px + em_width(_visible(field)) * grid.font_px
    return Markup("".join(out))


def lines(grid: Grid, records: Sequence[Sequence[Field]]) -> list[Markup]:
    n = grid.per_line
    return [line(grid, records[i:i + n]) for i in range(0, len(records), n)]


def join(parts: Sequence[Markup]) -> Markup:
    """Lines into one text (a band)."""
    return NEWLINE.join(parts)


def bands(grid: Grid, records: Sequence[Sequence[Field]], per_band: int) -> list[Markup]:
    """The records' lines, `per_band` lines to a band (a table row of its own: rules between, breaks between)."""
    ls = lines(grid, records)
    return [join(ls[i:i + per_band]) for i in range(0, len(ls), per_band)]


def header(grid: Grid, names: Sequence[Field], records: int) -> Markup:
    """The column names over each record a line holds (fewer when there are fewer records)."""
    return line(grid, [names] * max(1, min(grid.per_line, records)))
