"""Folding for matching: traditional -> simplified, full-width -> half-width, character for character.

Reports are matched folded; quotes come from the original at the same offsets.
"""
from __future__ import annotations

from functools import lru_cache

from . import rx

CJK_CHAR = rx.compile(r"[\u4e00-\u9fff]")
FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
FULLWIDTH[0x2002] = 0x20
FULLWIDTH[0x2003] = 0x20
FULLWIDTH[0xA0] = 0x20
# str.translate looks every character up in the table; only these runs need it (2-6x faster overall)
_FULLWIDTH_RUN = rx.compile("([\uff01-\uff5e\u3000\u2002\u2003\xa0]+)")


# U+4E00-U+9FFF are the UTF-16 units whose high byte is 0x4E-0x9F (surrogates are 0xD8-0xDF: never counted)
_NOT_CJK_HIGH = bytes(b for b in range(256) if not 0x4E <= b <= 0x9F)


def cjk_count(text: str, start: int = 0, end: int = 1 << 62) -> int:
    """Ideographs in text[start:end], counted by the high bytes of its UTF-16 units (C loops over bytes, several
    times faster than any regular expression over the text)."""
    if start or end < len(text):
        text = text[start:end]
    return len(text.encode("utf-16-le", "surrogatepass")[1::2].translate(None, _NOT_CJK_HIGH))


def halfwidth(text: str) -> str:
    """Full-width forms and wide spaces as their ASCII equivalents; every other character unchanged."""
    parts = _FULLWIDTH_RUN.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = [p.translate(FULLWIDTH) for p in parts[1::2]]
    return "".join(parts)


@lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _changed(a: str, b: str, enough: int = 1 << 62, step: int = 64) -> int:
    """Positions where two strings of one length differ, counted until more than `enough`; equal stretches
    are skipped whole."""
    n = 0
    for i in range(0, len(a), step):
        x, y = a[i:i + step], b[i:i + step]
        if x != y:
            n += sum(map(str.__ne__, x, y))
            if n > enough:
                break
    return n


def fold(original: str) -> tuple[str, str]:
    """(text for matching, script). Same length as `original`, character for character."""
    half = halfwidth(original)
    conv = t2s().convert(half)
    if len(conv) != len(half):  # a phrase mapping changed the length: fall back to characters
        cc = t2s()
        conv = "".join(c if len(s := cc.convert(c)) != 1 else s for c in half)
    sample = slice(0, 6000)  # the script shows in any stretch of text; no need to count it all
    before, after = half[sample], conv[sample]
    if before == after:  # nothing changed (most simplified reports): no share to count
        return conv, "simplified"
    cjk = cjk_count(half, 0, 6000) or 1
    # counting stops once the share is certainly past 3% (a traditional text differs almost everywhere)
    changed = _changed(before, after, enough=int(0.03 * cjk) + 1)
    script = "traditional" if changed / cjk > 0.03 else "simplified"
    return conv, script
