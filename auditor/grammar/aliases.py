"""How a rule's phrase (alias) is matched: literally, or with `*` / `…` gaps of a few characters within a clause.

A phrase may have at most MAX_GAPS gaps: each gap is a bounded lazy run that cannot cross a clause mark, so matching
stays linear in the text for any phrase a pack can hold.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import rx

GAP_MARKS = rx.compile(r"\*|…+|\.\.\.")
MAX_GAPS = 2
GAP_CHARS = 30
MAX_PHRASE = 60
_GAP = rf"[^,;:。!?\n]{{0,{GAP_CHARS}}}?"


def has_gap(alias: str) -> bool:
    return bool(GAP_MARKS.search(alias))


@lru_cache(maxsize=8192)
def pieces(alias: str) -> tuple[str, ...]:
    from ..fold import fold  # reports are matched folded (simplified, half-width); so are aliases

    return tuple(p.strip() for p in GAP_MARKS.split(fold(alias)[0]) if p.strip())


@lru_cache(maxsize=8192)
def alias_problem(alias: str) -> Optional[str]:
    """Why a phrase cannot be used (Chinese), or None."""
    if len(alias) > MAX_PHRASE:
        return f"说法过长（{len(alias)} 字，最多 {MAX_PHRASE} 字）"
    if not pieces(alias):
        return "说法只有间隔符号，会匹配任何文字"
    gaps = len(GAP_MARKS.findall(alias.strip(" *….")))
    if gaps > MAX_GAPS:
        return f"说法中的间隔符号（* 或 …）过多：{gaps} 个，最多 {MAX_GAPS} 个"
    return None


# A phrase opening with a one-character verb (作 of "作…专题培训", to give a talk) does not start inside a word that
# ends with that character (工作, 操作, 合作 …): "工作人员开展专题培训" has no talk given in it.
_WORD_ENDING_IN = {"作": "工操合协制创运写动振当看称视耕"}


@lru_cache(maxsize=8192)
def compile_alias(alias: str) -> re.Pattern:
    """`*` or `…` in an alias: up to GAP_CHARS characters within the same clause."""
    parts = pieces(alias)[: MAX_GAPS + 1]
    body = _GAP.join(re.escape(p) for p in parts)
    before = _WORD_ENDING_IN.get(parts[0][:1]) if parts else None
    return rx.compile(f"(?<![{before}])" + body if before else body)
