"""outline: Document -> Outline. Headings as reports number them, and the kind of each part."""
from __future__ import annotations

import re
from typing import Optional

from .models import Document, Outline, Section

_CN = "一二三四五六七八九十"
_HEADING_PATTERNS = (
    (1, re.compile(rf"^\s*(第[{_CN}]{{1,3}}(?:部分|章|节)|[{_CN}]{{1,3}}\s*[、.])\s*")),
    (2, re.compile(rf"^\s*(\(\s*[{_CN}]{{1,3}}\s*\))\s*[、.]?\s*")),
    (3, re.compile(r"^\s*(\d{1,2}\s*[、.](?!\d))\s*")),
    (4, re.compile(r"^\s*(\(\s*\d{1,2}\s*\)|[①②③④⑤⑥⑦⑧⑨⑩])\s*[、.]?\s*")),
)
# "一是…", "二是…": points inside a paragraph; they name content, not parts.
INLINE_POINT = re.compile(rf"(?:^|[。;:!?\n])\s*(?:\(\s*[{_CN}]\s*\)\s*)?([{_CN}]{{1,2}}是)")

_KIND_RULES = (
    ("shortcomings", re.compile(r"(不足|问题|短板|差距|困难|薄弱|挑战|弱项)")),
    ("first_responsible", re.compile(r"(第一责任人|主要负责人|主要负责同志|述法|党政主要领导)")),
    ("next_year", re.compile(r"(下一步|下步|下一年|下年度|明年|来年|今后|打算|计划|安排|思路|展望|努力方向|工作重点|重点工作|工作要点|工作举措)")),
    ("achievements", re.compile(r"(举措|成效|成绩|工作开展|开展情况|主要工作|做法|进展|完成情况|工作情况|亮点|经验|落实情况|推进情况|建设情况)")),
    ("other", re.compile(r"(基本情况|其他|概况|简况)")),
)
_DONE_WORDS = re.compile(r"(完成|开展|落实|推进)情况|成效|成绩")
_YEAR = re.compile(r"(20\d\d)\s*年")


def classify_heading(heading: str, report_year: Optional[int]) -> Optional[str]:
    """The part kind a heading names, whatever its wording; None when it names none."""
    h = heading
    m = _YEAR.search(h)
    if m and report_year and int(m.group(1)) > report_year and not _DONE_WORDS.search(h):
        return "next_year"  # "2024年工作重点" in a report on 2023
    for kind, pattern in _KIND_RULES:
        if pattern.search(h):
            if kind == "next_year" and _DONE_WORDS.search(h) and not re.search(r"(下一步|下步|打算|下一年|明年)", h):
                return "achievements"  # "重点工作完成情况"
            if kind == "shortcomings" and re.search(r"(解决|化解|整改).{0,4}问题", h):
                continue
            return kind
    return None


def _heading_text(rest: str) -> tuple[str, int]:
    """Heading text of a numbered line, and its length: the whole line if short, else up to 。"""
    stop = re.search(r"[。:;!?]", rest)
    if stop and stop.start() <= 60:
        return rest[: stop.start()], stop.start()
    if len(rest) <= 60:
        return rest, len(rest)
    comma = rest.find(",")
    n = comma if 0 < comma <= 40 else 40
    return rest[:n], n


def build_outline(doc: Document) -> Outline:
    text = doc.text
    hints = dict(doc.heading_hints)
    raw: list[tuple[int, str, str, int, int, int]] = []  # (level, marker, heading, start, heading_end, body)
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        level, marker, rest_at = None, "", 0
        for lvl, pattern in _HEADING_PATTERNS:
            m = pattern.match(line)
            if m:
                level, marker, rest_at = lvl, m.group(1).strip(), m.end()
                break
        if start in hints:
            level = hints[start]
        if level is None:
            continue
        rest = line[rest_at:]
        heading, n = _heading_text(rest)
        if not heading.strip():
            continue
        if level == 3 and len(line) > 200 and n >= 40:
            continue  # "1.5亿元…" or a numbered sentence, not a heading
        raw.append((level, marker, heading.strip(), start, start + rest_at + n, start))

    # Levels as used: the shallowest numbered level is the part level.
    sections: list[Section] = []
    first = raw[0][3] if raw else len(text)
    if first > 0:
        sections.append(Section("", doc.original[: min(first, 40)].split("\n")[0], 0, "preamble", 0, 0, first))
    kinds_by_level: dict[int, str] = {}
    top = min((r[0] for r in raw), default=1)
    seen_shortcomings = False
    for i, (level, marker, heading, start, hend, _) in enumerate(raw):
        end = len(text)
        for nxt in raw[i + 1:]:
            if nxt[0] <= level:
                end = nxt[3]
                break
        kind = classify_heading(heading, doc.year)
        if level == top:
            if kind is None:
                kind = "other" if seen_shortcomings else "achievements"
            if kind == "shortcomings":
                seen_shortcomings = True
        else:
            parent = kinds_by_level.get(max((lv for lv in kinds_by_level if lv < level), default=top), "achievements")
            # a sub-heading keeps its parent's kind unless it plainly names another part
            if kind not in ("first_responsible", "next_year", "shortcomings") or parent == "next_year":
                kind = parent
        kinds_by_level = {lv: k for lv, k in kinds_by_level.items() if lv < level}
        kinds_by_level[level] = kind
        heading_original = doc.original[hend - len(heading): hend] if hend - len(heading) >= start else heading
        sections.append(Section(marker, heading_original, level, kind, start, hend, end))
    return Outline(tuple(sections))


def inline_points(doc: Document, outline: Outline) -> list[tuple[int, int, str]]:
    """(start, end, kind or '') of inline points "一是…" whose lead sentence names a part kind."""
    out = []
    for m in INLINE_POINT.finditer(doc.text):
        s = m.start(1)
        stop = re.search(r"[。;!?\n]", doc.text[s:])
        e = s + (stop.start() if stop else min(60, len(doc.text) - s))
        kind = classify_heading(doc.text[m.end(1):e], doc.year) or ""
        out.append((s, e, kind))
    return out
