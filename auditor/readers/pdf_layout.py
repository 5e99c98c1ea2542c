"""One PDF page's characters -> lines in reading order, with what is not running text set apart.

- Lines are grouped by baseline (the text matrix's origin), with a tolerance relative to the font
  size: Chromium's Type 3 CJK fonts give digits and ideographs different glyph tops on one baseline.
- Superscripts and subscripts are told apart by a smaller size and a raised or lowered baseline;
  footnote marks (¹ ² [3] *) are dropped, so 出庭应诉率¹85% reads 85%, never 185%.
- Footnote areas (smaller type at the foot of the page, opening with a mark) leave the running text.
- Two columns, and two pages printed on one sheet, are found by an empty vertical band that almost
  no line crosses, and read column by column.
- Ruled tables are read by their cell boxes: a label that wraps inside its cell stays one cell,
  and the row stays one line, its cells joined by tabs.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .. import rx
from .repair import BARE_NUMBER, PAGE_NUMBER

_CJKISH = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_IS_CJK = rx.compile(rf"[{_CJKISH}]")
_CJK = rx.compile(r"[\u4e00-\u9fff]")
_MARK = rx.compile(r"^[\d*＊†‡§\[\]［］()（）①-⑳]+$")
NOTE_START = rx.compile(r"^\s*(?:[\[［(（]?\d{1,3}[\]］)）.、]?|[①-⑳*＊†‡]|注\s*[:：\d])")
SUP, SUB = 1, -1


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, growing down the page like `top`
    size: float
    script: int = 0  # SUP, SUB or 0


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 0-based index of the page (a half sheet counts as a page)
    size: float = 0.0
    block: int = 0  # column within the page: margins are per (page, block)
    row: bool = False  # a table row: never joined with its neighbours
    lead_mark: bool = False  # opened with a superscript mark (a footnote's number)


@dataclass
class PageText:
    lines: list[Line]
    notes: list[Line] = field(default_factory=list)
    height: float = 0.0
    found_cjk: int = 0


def chars_of(page) -> list[Char]:
    """Upright characters (watermarks and stamps set at an angle are not running text)."""
    out = []
    height = float(page.height)
    for c in page.chars:
        text = c.get("text") or ""
        if not text or not c.get("upright", True):
            continue
        m = c.get("matrix")
        if m and (abs(m[1]) > 1e-3 or abs(m[2]) > 1e-3):
            continue  # rotated or skewed
        size = float(c.get("size") or 0) or float(c["bottom"]) - float(c["top"])
        base = height - float(m[5]) if m else float(c["bottom"])
        out.append(Char(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), base, max(size, 1.0)))
    return out


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters on one baseline (within 0.25 of the larger size) form a line; a smaller run
    raised or lowered beside a line joins it as a superscript or subscript."""
    clusters: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: (c.base, c.x0)):
        if clusters:
            last = clusters[-1]
            ref = last[0]
            if abs(c.base - ref.base) <= 0.25 * max(c.size, ref.size):
                last.append(c)
                continue
        clusters.append([c])
    sizes = [_size(cl) for cl in clusters]
    merged: list[Optional[list[Char]]] = list(clusters)
    for i, cl in enumerate(clusters):
        size = sizes[i]
        best, best_d = None, None
        for j in (i - 1, i + 1, i - 2, i + 2):
            if not 0 <= j < len(clusters) or merged[j] is None or j == i:
                continue
            host = clusters[j]
            if size > 0.8 * sizes[j]:
                continue
            d = cl[0].base - host[0].base
            if not (-0.7 * sizes[j] <= d <= 0.45 * sizes[j]):
                continue
            if not _touches(cl, host, sizes[j]):
                continue
            if best_d is None or abs(d) < abs(best_d):
                best, best_d = j, d
        if best is not None:
            for c in cl:
                c.script = SUP if best_d < 0 else SUB
            merged[best].extend(cl)
            merged[i] = None
    out = [sorted(cl, key=lambda c: c.x0) for cl in merged if cl]
    for cl in out:  # a smaller character set a little off the baseline, inside one cluster
        size = _size(cl)
        base = statistics.median(c.base for c in cl)
        for c in cl:
            if c.script == 0 and c.size <= 0.75 * size and abs(c.base - base) > 0.1 * size:
                c.script = SUP if c.base < base else SUB
    return out


def _size(cl: list[Char]) -> float:
    return statistics.median(c.size for c in cl)


def _touches(small: list[Char], host: list[Char], em: float) -> bool:
    """The small run sits within or right next to the host line horizontally."""
    x0, x1 = min(c.x0 for c in small), max(c.x1 for c in small)
    return any(c.x0 - em <= x1 and x0 <= c.x1 + em for c in host)


def split_at(chars: list[Char], gutter: Optional[tuple[float, float]]) -> list[list[Char]]:
    """A line in two at the gutter, if it has a gap there (a centred title across it stays whole)."""
    if gutter is None:
        return [chars]
    mid = (gutter[0] + gutter[1]) / 2
    left = [c for c in chars if (c.x0 + c.x1) / 2 < mid]
    right = [c for c in chars if (c.x0 + c.x1) / 2 >= mid]
    if left and right and right[0].x0 - left[-1].x1 < 0.5 * (gutter[1] - gutter[0]):
        return [chars]
    return [part for part in (left, right) if part]


def line_text(chars: list[Char]) -> tuple[str, bool]:
    """(text, opened with a superscript mark). No space between Chinese characters set close
    together (justified text), a space between Latin words, a tab across a wide gap (table cells);
    footnote marks in superscript are dropped."""
    out: list[str] = []
    prev: Optional[Char] = None
    lead_mark = False
    body = [c for c in chars if c.script == 0]
    em = max((c.size for c in body), default=chars[0].size if chars else 10.0)
    for c in chars:
        t = c.text
        if c.script == SUP and _MARK.match(t):
            if not out:
                lead_mark = True
            elif prev is not None:
                prev = c  # spacing after the mark is measured from it: no space where it was
            continue
        if t.isspace():
            if out and out[-1] not in (" ", "\t"):
                out.append(" ")
            continue
        if prev is not None and out and out[-1] not in (" ", "\t"):
            size = max(prev.size, c.size, 1.0) if c.script == 0 else em
            gap = c.x0 - prev.x1
            if gap > 1.5 * size:
                out.append("\t")
            elif gap > 0.25 * size and not (_IS_CJK.match(prev.text[-1]) and _IS_CJK.match(t[0])):
                out.append(" ")
        out.append(t)
        prev = c
    text = "".join(out).strip()
    tokens = re.split(r"[ \t]+", text)
    if len(tokens) >= 3 and all(len(tok) == 1 for tok in tokens):
        return "".join(tokens), lead_mark  # a title set with letter spacing: 法 治 政 府
    return text, lead_mark


def find_gutter(lines: list[list[Char]], width: float) -> Optional[tuple[float, float]]:
    """An empty vertical band in the middle half of the page that at most a few lines cross, with
    full lines of text on both sides: two columns, or two pages on one sheet."""
    body = [l for l in lines if len(l) >= 6]
    if len(body) < 10:
        return None
    em = statistics.median(_size(l) for l in body)
    step = max(1.0, em / 4)
    bins = int(width / step) + 1
    crossing = [0] * bins
    for l in body:
        x0, x1 = l[0].x0, l[-1].x1
        segments, start = [], x0
        for a, b in zip(l, l[1:]):
            if b.x0 - a.x1 > 1.2 * em:  # a wide gap inside the line is not text across the band
                segments.append((start, a.x1))
                start = b.x0
        segments.append((start, x1))
        for s0, s1 in segments:
            for k in range(max(0, int(s0 / step)), min(bins, int(s1 / step) + 1)):
                crossing[k] += 1
    allowed = max(1, int(0.08 * len(body)))
    lo, hi = int(0.25 * width / step), int(0.75 * width / step)
    best = None
    k = lo
    while k < hi:
        if crossing[k] <= allowed:
            j = k
            while j < hi and crossing[j] <= allowed:
                j += 1
            if (j - k) * step >= 0.8 * em and (best is None or j - k > best[1] - best[0]):
                best = (k, j)
            k = j
        k += 1
    if best is None:
        return None
    g0, g1 = best[0] * step, best[1] * step
    mid = (g0 + g1) / 2
    left = [p for l in body if len(p := [c for c in l if (c.x0 + c.x1) / 2 < mid]) >= 6]
    right = [p for l in body if len(p := [c for c in l if (c.x0 + c.x1) / 2 >= mid]) >= 6]
    if len(left) < 5 or len(right) < 5:
        return None
    # Columns of prose run up to the gutter; a table's label column stops well short of it.
    left_x0 = min(p[0].x0 for p in left)
    widths = sorted(p[-1].x1 - p[0].x0 for p in left)
    if widths[len(widths) // 2] < 0.6 * (g0 - left_x0):
        return None
    return g0, g1


def body_size(pages_chars: list[list[Char]]) -> float:
    counts = Counter(round(c.size * 2) / 2 for cs in pages_chars for c in cs if _CJK.match(c.text))
    if not counts:
        counts = Counter(round(c.size * 2) / 2 for cs in pages_chars for c in cs)
    return counts.most_common(1)[0][0] if counts else 10.0


def split_notes(lines: list[Line], height: float, size: float) -> tuple[list[Line], list[Line]]:
    """Footnotes: a run of lines in smaller type at the foot of the column, its first line opening
    with a mark (a superscript number, ①, [1], *, 注:). Page numbers below them stay where they are."""
    if not lines:
        return lines, []
    i = len(lines) - 1
    while i >= 0 and lines[i].top > 0.8 * height and (PAGE_NUMBER.match(t := lines[i].text.replace(" ", ""))
                                                       or BARE_NUMBER.match(t)):
        i -= 1  # the page number under the notes
    end = i + 1
    start = end
    while start > 0 and lines[start - 1].size <= 0.88 * size and lines[start - 1].top > 0.45 * height:
        start -= 1
    if start == end:
        return lines, []
    first = lines[start]
    if not (first.lead_mark or NOTE_START.match(first.text)):
        return lines, []
    return lines[:start] + lines[end:], lines[start:end]


def order_blocks(lines: list[Line], gutter: Optional[tuple[float, float]]) -> list[Line]:
    """Reading order: between lines that span both columns, the left column, then the right."""
    if gutter is None:
        return sorted(lines, key=lambda l: (l.top, l.x0))
    mid = (gutter[0] + gutter[1]) / 2
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        if line.x0 < mid < line.x1:
            out += left + right + [line]
            left, right = [], []
        elif line.x1 <= mid:
            line.block = 0
            left.append(line)
        else:
            line.block = 1
            right.append(line)
    return out + left + right


def table_rows(page, chars: list[Char], index: int) -> tuple[list[Line], list[Char]]:
    """Rows of ruled tables, one line each, cells by their boxes; the characters left outside."""
    if len(page.rects) + len(page.lines) + len(page.edges) < 8:
        return [], chars
    try:
        tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    except Exception:  # noqa: BLE001 - a page whose drawing confuses the table finder is read as text
        return [], chars
    rows: list[Line] = []
    used: set[int] = set()
    for table in tables:
        for row in table.rows:
            cells = []
            for box in row.cells:
                if box is None:
                    continue
                x0, top, x1, bottom = box
                inside = [c for c in chars if id(c) not in used and x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1
                          and top - 1 <= (c.top + c.bottom) / 2 <= bottom + 1]
                used.update(id(c) for c in inside)
                cells.append(_cell_text(inside))
            cells = [c for c in cells if c]
            if cells:
                x0, top, x1, bottom = row.bbox
                rows.append(Line("\t".join(cells), x0, x1, top, bottom, index, row=True))
    return rows, [c for c in chars if id(c) not in used]


def _cell_text(chars: list[Char]) -> str:
    parts = []
    for cl in group_lines(chars):
        text, _ = line_text(cl)
        if parts and parts[-1][-1:].isascii() and parts[-1][-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
            parts.append(" ")
        parts.append(text.replace("\t", " "))
    return "".join(parts).strip()
