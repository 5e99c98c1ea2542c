"""Chinese and Arabic numerals as reports write them: 九十, 两, 一百二十, 1万, 2.5万, 5.51亿.

Every value is finite and bounded (MAX_VALUE): a run of forty 亿 or four hundred nines is not a number.
"""
from __future__ import annotations

import math
from typing import Optional

from .. import rx

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"": 1, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"
MAX_VALUE = 1e13  # no figure in a report is larger (ten thousand 亿); past it the text is not a number
_MAX_DIGITS = 16
_ARABIC = rx.compile(r"([0-9]{1,16}(?:\.[0-9]{1,8})?)[ \t]?([万亿千]?)")


def bounded(value: float) -> Optional[float]:
    """The value, or None when it is not a finite number a report could state."""
    return value if math.isfinite(value) and abs(value) <= MAX_VALUE else None


def cn_to_number(s: str) -> Optional[float]:
    """Parse a Chinese numeral; None if it is not one (or too large)."""
    if not s or len(s) > 24:
        return None
    frac = 0.0
    if "点" in s:
        s, f = s.split("点", 1)
        digits = "".join(str(_DIGITS.get(c, "")) for c in f)
        if len(digits) != len(f) or len(f) > 8:
            return None
        frac = float("0." + digits) if digits else 0.0
        if not s or not digits:
            return None
    total = section = number = 0
    for c in s:
        if c in _DIGITS:
            number = _DIGITS[c]
        elif c in _SMALL:
            section += (number or 1) * _SMALL[c]
            number = 0
        elif c in _LARGE:
            total = (total + section + number) * _LARGE[c]
            section = number = 0
            if total > MAX_VALUE:
                return None
        else:
            return None
    # "一千二" style abbreviations are rare in reports; read digits literally.
    return bounded(float(total + section + number) + frac)


def arabic_to_number(digits: str, multiplier: str = "") -> Optional[float]:
    """'1,200' / '2.5' with an optional 万/亿/千; None past MAX_VALUE or with too many digits."""
    digits = digits.replace(",", "")
    if len(digits.split(".")[0]) > _MAX_DIGITS:
        return None
    try:
        return bounded(float(digits) * MULTIPLIERS[multiplier])
    except (ValueError, KeyError):
        return None


def parse_number(s: str) -> Optional[float]:
    """Arabic (with 万/亿/千 multiplier) or Chinese numeral."""
    s = s.replace(",", "").strip()
    m = _ARABIC.fullmatch(s)
    if m:
        return arabic_to_number(m.group(1), m.group(2))
    return cn_to_number(s)
