"""Folding for matching: traditional -> simplified, full-width -> half-width, character for character.

Reports are matched folded; quotes come from the original at the same offsets.
"""
from __future__ import annotations

import re
from functools import lru_cache

CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
FULLWIDTH[0x2002] = 0x20
FULLWIDTH[0x2003] = 0x20
FULLWIDTH[0xA0] = 0x20


@lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold(original: str) -> tuple[str, str]:
    """(text for matching, script). Same length as `original`, character for character."""
    half = original.translate(FULLWIDTH)
    conv = t2s().convert(half)
    if len(conv) != len(half):  # a phrase mapping changed the length: fall back to characters
        cc = t2s()
        conv = "".join(c if len(s := cc.convert(c)) != 1 else s for c in half)
    sample = slice(0, 6000)  # the script shows in any stretch of text; no need to count it all
    changed = sum(map(str.__ne__, half[sample], conv[sample]))
    cjk = len(CJK_CHAR.findall(half, 0, 6000)) or 1
    script = "traditional" if changed / cjk > 0.03 else "simplified"
    return conv, script
