"""Repairs any format may need, decided over a document's lines: page furniture anywhere (page
numbers such as 第2页共9页 or - 3 -, running titles repeated page after page) and hard wraps (a
document whose lines were broken at a fixed width — pdftotext output, a web page with <br> at
every line — has its paragraphs rejoined: `网上可\\n办率 99.96%` -> `网上可办率 99.96%`); and the pinyin
glosses a mirror site puts after characters (應(yīng)急), which split every word they touch.

Only decisions are made here (which lines to drop, which to join to the next); the loader applies
them and keeps offsets right.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import rx

PAGE_NUMBER = rx.compile(
    r"^(?:[-—–－~·•]+\s*\d{1,4}\s*[-—–－~·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)
BARE_NUMBER = rx.compile(r"^\d{1,4}$")
_HEADING_START = rx.compile(
    r"^\s*(?:第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[①-⑳]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,3}[，,、])"
)
_FINAL = "。！？；：!?;:"
_CLOSERS = "”’」』）)》〉】]\"' "
_SENTENCE_INSIDE = rx.compile(r"[。；！？!?;，,、]")
_TITLE_LIKE = rx.compile(r"(报告|情况|总结|工作|20\d\d)")
_CJK = rx.compile(r"[\u4e00-\u9fff]")


# Mirror noise: some sites that re-host government pages gloss characters with their pinyin, 應(yīng)急 建設(shè).
# A gloss is one syllable of pinyin letters with a tone mark, in brackets, right after a Chinese character; the
# tone mark keeps ordinary bracketed Latin (（a）, (PPP), (e)) out. The bracket is matched first and the character
# before it looked at after, so the engine skips from bracket to bracket instead of looking behind every character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = rx.compile(rf"[(（](?<=[\u4e00-\u9fff][(（])(?=[a-zü{_TONED}]{{0,5}}[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]")


def pinyin_glosses(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin glosses a mirror inserted after characters (see PINYIN_GLOSS)."""
    return [m.span() for m in PINYIN_GLOSS.finditer(text)]


@dataclass
class Plan:
    drop: set[int] = field(default_factory=set)  # line indexes of page furniture
    join: set[int] = field(default_factory=set)  # line i continues on the next kept line


def width(s: str, cap: int = 400) -> int:
    """Display width, counted up to `cap` characters (a longer line is a paragraph, not a wrapped
    line): Chinese characters and full-width forms count two, ASCII one. Taken from the UTF-8
    length (3 bytes for the wide, 1 for ASCII), which costs nothing per character in Python."""
    head = s[:cap]
    return (len(head.encode("utf-8", "surrogatepass")) + len(head)) // 2


def _norm(s: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", s))


def furniture(lines: list[str], edges: set[int]) -> set[int]:
    """Page numbers anywhere; bare numbers beside page breaks; running titles (a short line without
    sentences repeated on three pages or more; its first copy stays when it reads as the title)."""
    drop = set()
    for i, line in enumerate(lines):
        s = line.strip()
        if s and PAGE_NUMBER.match(s.replace(" ", "")):
            drop.add(i)
        elif i in edges and BARE_NUMBER.match(s):
            drop.add(i)
    stripped = [l.strip() for l in lines]
    counts = Counter(_norm(s) for s in stripped
                     if 4 <= len(s) <= 40 and "\t" not in s and not _SENTENCE_INSIDE.search(s)
                     and len(_CJK.findall(s)) >= 4 and not _HEADING_START.match(s))
    repeated = {k for k, n in counts.items() if n >= 3}
    if repeated:
        first: dict[str, int] = {}
        for i, s in enumerate(stripped):
            k = _norm(s)
            if k not in repeated:
                continue
            if k not in first:
                first[k] = i
                if i < 3 and _TITLE_LIKE.search(s):
                    continue  # the report's own title, repeated as the running header
            drop.add(i)
    return drop


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped document was broken at, or 0 when it was not."""
    widths = [width(l.strip()) for l in lines if l.strip()]
    long = sorted(w for w in widths if w >= 20)
    if len(long) < 8:
        return 0
    top = long[int(0.8 * (len(long) - 1))]
    slack = max(4, int(0.1 * top))
    near = sum(1 for w in long if top - slack <= w <= top + slack)
    over = sum(1 for w in long if w > top + slack)
    if near >= 0.4 * len(long) and over <= 0.1 * len(long) and top <= 200:
        return top
    return 0


def hard_wraps(lines: list[str], drop: set[int], keep_start: set[int]) -> set[int]:
    """Lines to join to the next kept line: full lines (near the wrap width) that end without
    sentence punctuation, when the next line neither opens a heading nor is indented."""
    target = _wrap_width([l for i, l in enumerate(lines) if i not in drop])
    if not target:
        return set()
    slack = max(6, int(0.15 * target))
    kept = [i for i, l in enumerate(lines) if i not in drop]
    join = set()
    for a, b in zip(kept, kept[1:]):
        cur, nxt = lines[a].strip(), lines[b]
        if not cur or not nxt.strip() or b in keep_start:
            continue
        if any(not lines[k].strip() for k in range(a + 1, b)):
            continue  # a blank line between them ends the paragraph
        if width(cur) < target - slack or cur.rstrip(_CLOSERS)[-1:] in _FINAL:
            continue
        if _HEADING_START.match(nxt) or nxt[:1] in (" ", "\u3000", "\t") and nxt[:2].strip() == "":
            continue
        join.add(a)
    return join


def plan(lines: list[str], page_edges: set[int], keep_start: set[int]) -> Plan:
    """`page_edges`: indexes of lines next to a page break; `keep_start`: lines that must start a
    line of their own (a heading the format marked)."""
    drop = furniture(lines, page_edges)
    return Plan(drop, hard_wraps(lines, drop, keep_start))
