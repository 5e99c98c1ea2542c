"""text_grid: long lists for the PDF as lines of text whose columns are tab stops.

WeasyPrint pays per table cell (~2 ms each, 1,000 counties in a table: seconds) and per line box; a line of
text holding several records costs it about one cell. So a long list is written as bands of lines (one text
box each, CSS `white-space: pre-wrap; tab-size: TAB_PX px`) and each field is preceded by as many tabs as
take it from where the text before it ends, measured with the PDF's own font, to its column: the columns
line up as in a table. Records may sit several to a line (a ranking of rank, score and name).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence, Union

from markupsafe import Markup, escape

from . import fonts

TAB_PX = 12  # CSS px; the template sets the same tab-size (the grid's "tab" in its context)
PX_PER_PT = 96 / 72
PX_PER_MM = 96 / 25.4
EDGE = 0.06  # of a tab: a text ending this close to a stop may land on either side of it; a space clears it
NEWLINE = Markup("&#10;")  # not a raw newline: pdf.py drops newlines between two tags

Field = Union[str, Markup]


@dataclass(frozen=True)
class Grid:
    stops: tuple[int, ...]  # each field's column, in tabs from its record's start
    span: int  # tabs from one record's start to the next one's on the same line
    per_line: int  # records a line holds
    font_px: float


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
    about half)."""
    face = _face()
    if face is not None:
        return face.getlength(text) / 1000
    return sum(_ESTIMATE.get(c, 0.55) if ord(c) < 0x2E80 else 1.0 for c in text)


def _visible(field: Field) -> str:
    return field.striptags() if isinstance(field, Markup) else field


def plan(records: Sequence[Sequence[Field]], header: Sequence[Field], width_mm: float, font_pt: float,
         gap_em: float = 1.2, per_line: Optional[int] = None) -> Grid:
    """Columns as wide as their widest field (header included) plus a gap, and as many records to a line as
    fit `width_mm` (at most `per_line`)."""
    px = font_pt * PX_PER_PT
    widths = [max(em_width(_visible(f)) for f in column) * px for column in zip(header, *records)]
    stops, x = [], 0
    for w in widths:
        stops.append(x)
        x = math.ceil((x * TAB_PX + w + gap_em * px) / TAB_PX)
    room = width_mm * PX_PER_MM - stops[-1] * TAB_PX - widths[-1]  # the last record needs no gap after it
    fit = max(1, int(room // (x * TAB_PX)) + 1)
    return Grid(tuple(stops), x, min(fit, per_line or fit), px)


def _tabs(end_px: float, stop: int, font_px: float) -> str:
    pos = end_px / TAB_PX
    lead = ""
    if pos - math.floor(pos) < EDGE or math.ceil(pos) - pos < EDGE:
        lead, pos = " ", pos + em_width(" ") * font_px / TAB_PX
    return lead + "\t" * max(1, stop - math.floor(pos))


def line(grid: Grid, records: Sequence[Sequence[Field]], indent: int = 0) -> Markup:
    """One line of up to grid.per_line records, each field escaped unless Markup; `indent` in tabs."""
    out, end = ["\t" * indent], indent * TAB_PX
    for k, record in enumerate(records):
        for j, field in enumerate(record):
            stop = indent + k * grid.span + grid.stops[j]
            if k or j:
                out.append(_tabs(end, stop, grid.font_px))
            out.append(str(escape(field)))
            end = stop * TAB_PX + em_width(_visible(field)) * grid.font_px
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
