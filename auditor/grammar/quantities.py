"""The figure grammar: 95.61%, 百分之九十, 三次, 120余次, 1万余份, 5.51亿元, 近百场, 4场次.

Linear in the text: each maximal run of numerals is read once and only a bounded stretch after it is looked at
(a run of 亿 or of digits without a unit costs one step, not a rescan from every position).
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import rx
from ..models import Quantity
from . import units
from .numerals import CN_NUM_CHARS, arabic_to_number, cn_to_number

_CN = CN_NUM_CHARS
_RUN = rx.compile(rf"[0-9]+(?:,[0-9]{{3}}(?![0-9]))*(?:\.[0-9]+)?|[{_CN}]+")
_PERCENT_WORDS = rx.compile(rf"百分之(?:([0-9]+(?:\.[0-9]+)?)|([{_CN}]+(?:点[{_CN}]+)?))")
_AFTER = rx.compile(rf"[ \t]?(?P<post>余|多|来)?(?P<mult>[万亿](?!元))?(?P<post2>余|多)?[ \t]?(?P<unit>{units.pattern()})")
# The characters _AFTER can start with: a run followed by anything else is no figure, checked before the match
_AFTER_FIRST = frozenset(" \t余多来万亿" + "".join(u[0] for u in units.WRITTEN_UNITS))
_APPROX_BEFORE = ("近", "约", "超过", "逾")
_BARE_MULTIPLIERS = ("万", "亿", "千")


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every figure with a unit, in text order; target marks are added by the reader of the text (text.py)."""
    worded = {m.start(): m for m in _PERCENT_WORDS.finditer(text)}
    skip_to = 0
    for m in _RUN.finditer(text):
        s = m.start()
        if s < skip_to:
            continue
        if s >= 3 and (s - 3) in worded:
            continue  # read below as 百分之…
        if s in worded:
            q = _percent_words(worded[s])
            if q is not None:
                skip_to = q.end
                yield q
            continue
        if text[m.end():m.end() + 1] not in _AFTER_FIRST:
            continue  # no unit can follow: not a figure (一是, 统一, 十四五)
        q = _figure(text, m)
        if q is not None:
            skip_to = q.end
            yield q


def _percent_words(m: re.Match) -> Quantity | None:
    value = arabic_to_number(m.group(1)) if m.group(1) else cn_to_number(m.group(2))
    if value is None:
        return None
    return Quantity(value=float(value), unit="%", start=m.start(), end=m.end())


def _figure(text: str, run: re.Match) -> Quantity | None:
    num = run.group(0)
    start = run.start()
    if start > 0 and text[start - 1] == "第":
        return None  # an ordinal: 第三次会议
    after = _AFTER.match(text, run.end())
    if after is None:
        return None
    unit, mult = after.group("unit"), after.group("mult") or ""
    if num[0].isdigit():
        value = arabic_to_number(num, mult)
    else:
        if num in _BARE_MULTIPLIERS:
            return None  # 万余人: no numeral before the multiplier
        value = cn_to_number(num + mult)
    if value is None:
        return None
    if unit in units.MONEY_UNITS:
        value, unit = value * units.MONEY_UNITS[unit], "元"
    if unit == "‰":
        value, unit = value / 10, "%"
    approx = bool(after.group("post") or after.group("post2")) or text.endswith(_APPROX_BEFORE, max(0, start - 2), start)
    return Quantity(value=float(value), unit=units.normal(unit), start=start, end=after.end(), approx=approx)
