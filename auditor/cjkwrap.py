"""Wrapping Chinese text for a terminal: widths in cells (a Chinese character takes two), breaks between any two
Chinese characters or at spaces, never inside a Latin word or number, and the line-breaking rules of Chinese
typesetting for punctuation (no closing mark at the start of a line, no opening mark at its end).
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[A-Za-z0-9_.:/\\+\-=<>@#%'\"\[\]|…]+|\s+|.", re.S)
_NO_LINE_START = set("，。、；：？！）》」』】”’,.;:?!)]%…")
_NO_LINE_END = set("（《「『【“‘([")


def cell_width(text: str) -> int:
    """Terminal cells: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: a break may fall between any two Chinese characters or at a space, never
    inside a Latin word or number, never before closing or after opening punctuation."""
    lines: list[list[str]] = [[]]
    used = 0
    for tok in _WORD.findall(text):
        w = cell_width(tok)
        if tok.isspace():
            if lines[-1]:
                lines[-1].append(" ")
                used += 1
            continue
        if used + w > width and lines[-1]:
            carry: list[str] = []
            if tok[0] in _NO_LINE_START:
                while len(lines[-1]) > 1 and (not carry or carry[0][0] in _NO_LINE_START):
                    carry.insert(0, lines[-1].pop())
            while len(lines[-1]) > 1 and lines[-1][-1][-1] in _NO_LINE_END:
                carry.insert(0, lines[-1].pop())
            while lines[-1] and lines[-1][-1] == " ":
                lines[-1].pop()
            lines.append(carry)
            used = sum(cell_width(t) for t in carry)
        lines[-1].append(tok)
        used += w
    return ["".join(line).rstrip() for line in lines if line] or [""]
