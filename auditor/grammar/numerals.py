"""Chinese and Arabic numerals as reports write them: 九十, 两, 一百二十, 1万, 2.5万, 5.51亿."""
from __future__ import annotations

import re
from typing import Optional

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"
CN_NUMBER = re.compile(rf"[{CN_NUM_CHARS}]+(?:点[零〇一二三四五六七八九]+)?")


def cn_to_number(s: str) -> Optional[float]:
    """Parse a Chinese numeral; None if it is not one."""
    if not s:
        return None
    frac = 0.0
    if "点" in s:
        s, f = s.split("点", 1)
        digits = "".join(str(_DIGITS.get(c, "")) for c in f)
        if len(digits) != len(f):
            return None
        frac = float("0." + digits) if digits else 0.0
    total = section = number = 0
    if s and s[0] in _SMALL:  # "十五" = 15, "百" = 100
        number = 1
    for c in s:
        if c in _DIGITS:
            number = _DIGITS[c]
        elif c in _SMALL:
            section += (number or 1) * _SMALL[c]
            number = 0
        elif c in _LARGE:
            total = (total + section + number) * _LARGE[c]
            section = number = 0
        else:
            return None
    # "一千二" style abbreviations are rare in reports; read digits literally.
    return float(total + section + number) + frac


def parse_number(s: str) -> Optional[float]:
    """Arabic (with 万/亿/千 multiplier) or Chinese numeral."""
    s = s.replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万亿千]?)", s)
    if m:
        mult = {"": 1, "千": 1000, "万": 10_000, "亿": 100_000_000}[m.group(2)]
        return float(m.group(1)) * mult
    return cn_to_number(s)
