"""Folding for matching: traditional -> simplified, full-width -> half-width, character for character.

Reports are matched folded; quotes come from the original at the same offsets. A text holding nothing OpenCC's
t2s could change (most simplified reports) is not given to it: assets/t2s_changes.json lists what can change.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

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


CHANGES = Path(__file__).with_name("assets") / "t2s_changes.json"  # scripts/build_t2s_changes.py
_ASTRAL = rx.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def t2s_files() -> tuple[Path, tuple[Path, ...]]:
    """The configuration file t2s reads and the dictionary files it names (normalisation first)."""
    config = Path(t2s().config)
    stage = json.loads(config.read_text(encoding="utf-8"))

    def leaves(d: dict):
        for sub in d.get("dicts", ()) if d.get("type") == "group" else (d,):
            yield from (leaves(sub) if sub.get("type") == "group" else (sub["file"],))

    steps = [*stage.get("normalization", ()), *stage.get("conversion_chain", ())]
    return config, tuple(config.parent / f for step in steps for f in leaves(step["dict"]))


def t2s_fingerprint() -> Optional[str]:
    """A digest of the configuration and dictionaries t2s converts with (None when they cannot be read)."""
    import opencc

    h = hashlib.sha256(str(opencc.__version__).encode())
    try:
        config, dicts = t2s_files()
        for path in (config, *dicts):
            h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return h.hexdigest()


@lru_cache(maxsize=1)
def _changes() -> Optional[tuple]:
    """(a pattern of the characters t2s may change, those it changes alone, phrases by the character they change)
    from the table built for these very dictionaries; None when it was built for others (then every text converts)."""
    try:
        data = json.loads(CHANGES.read_text(encoding="utf-8"))
        if data["fingerprint"] != t2s_fingerprint():
            return None
        alone, phrases = data["chars"], data["phrases"]
        # one class: its BMP characters a bitmap (a look-up per position, and the search scans for it), any character
        # past U+FFFF (rare in a report) taken and looked up below, as listing those would make a list tried in turn;
        # in the file's order (a fixed pattern text, which rx keeps), not sorted again in every process (1.5 ms)
        bmp = _ASTRAL.sub("", alone + "".join(phrases))
        pattern = rx.compile("[" + re.escape(bmp) + "\U00010000-\U0010ffff]")
    except (OSError, ValueError, KeyError, TypeError, re.error):
        return None
    return pattern, frozenset(alone), {c: tuple(ps) for c, ps in phrases.items()}


def t2s_may_change(text: str) -> bool:
    """Could t2s change the text? False only when it certainly returns it as it is: the text holds no key of its
    dictionaries whose value differs at some position (see scripts/build_t2s_changes.py)."""
    got = _changes()
    if got is None:
        return True
    pattern, alone, phrases = got
    for m in pattern.finditer(text):
        c, i = m.group(), m.start()
        if c in alone:
            return True
        for p in phrases.get(c, ()):  # 覆 keeps its form alone and in 覆盖; 反覆 becomes 反复
            j = p.find(c)
            while j >= 0:
                if i >= j and text.startswith(p, i - j):
                    return True
                j = p.find(c, j + 1)
    return False


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
    if not t2s_may_change(half):  # most simplified reports: nothing for OpenCC to do
        return half, "simplified"
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
