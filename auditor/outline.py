"""outline: Document -> Outline. Headings as reports number them, and the kind of each part."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from . import rx
from .models import Document, Outline, Section

_CN = "一二三四五六七八九十"
_HEADING_PATTERNS = (
    (1, rx.compile(rf"^\s*(第[{_CN}]{{1,3}}(?:部分|章|节)|[{_CN}]{{1,3}}\s*[、.])\s*")),
    (2, rx.compile(rf"^\s*(\(\s*[{_CN}]{{1,3}}\s*\))\s*[、.]?\s*")),
    (3, rx.compile(r"^\s*(\d{1,2}\s*[、.](?!\d))\s*")),
    (4, rx.compile(r"^\s*(\(\s*\d{1,2}\s*\)|[①②③④⑤⑥⑦⑧⑨⑩])\s*[、.]?\s*")),
)
# What a heading pattern's marker starts with (or a decimal digit, \d): a line starting otherwise is none
_HEADING_FIRST = frozenset("第(" + _CN + "①②③④⑤⑥⑦⑧⑨⑩")
# "一是…", "二是…": points inside a paragraph; they name content, not parts.
INLINE_POINT = rx.compile(rf"(?:^|[。;:!?\n])\s*(?:\(\s*[{_CN}]\s*\)\s*)?([{_CN}]{{1,2}}是)")

_KIND_RULES = (
    ("shortcomings", rx.compile(r"(不足|问题|短板|差距|困难|薄弱|挑战|弱项)")),
    ("first_responsible", rx.compile(r"(第一责任人|主要负责人|主要负责同志|述法|党政主要领导)")),
    # 安排 the noun (主要安排, 工作安排), not the verb of "定期安排专题学法"
    ("next_year", rx.compile(r"(下一步|下步|下一年|下年度|明年|来年|今后|打算|计划|(?:工作|主要|具体|年度|重点|下步)安排|安排\s*$|"
                             r"思路|展望|努力方向|工作重点|重点工作|工作要点|工作举措)")),
    ("achievements", rx.compile(r"(举措|成效|成绩|工作开展|开展情况|主要工作|做法|进展|完成情况|工作情况|亮点|经验|落实情况|推进情况|建设情况)")),
    ("other", rx.compile(r"(基本情况|其他|概况|简况)")),
)
_DONE_WORDS = rx.compile(r"(完成|开展|落实|推进)情况|成效|成绩")
# A heading on the measures of a year already covered (2024年工作举措 in a report on 2024) is no plan
_YEARS_WORK = rx.compile(r"举措")
_FUTURE_WORDS = rx.compile(r"下一步|下步|下一年|下年度|明年|来年|今后|打算|计划|安排|思路|展望|努力方向|要点")
# A plan said to have been carried out ("培训计划走深走实", "学法计划落实到位"): what was done, not next year's plan
_PLAN_CARRIED_OUT = rx.compile(r"计划[^,，。;；]{0,4}?(?:走深走实|落地见效|落到实处|落实到位|有效落实|全面落实|扎实推进|有序推进|"
                               r"稳步推进|深入推进|顺利实施|有效实施|全面完成|圆满完成|如期完成|执行到位|取得(?:新)?(?:实效|成效))")
_YEAR = rx.compile(r"(20\d\d)\s*年")


def classify_heading(heading: str, report_year: Optional[int]) -> Optional[str]:
    """The part kind a heading names, whatever its wording; None when it names none."""
    h = heading
    m = _YEAR.search(h)
    if m and report_year and int(m.group(1)) > report_year and not _DONE_WORDS.search(h):
        return "next_year"  # "2024年工作重点" in a report on 2023
    for kind, pattern in _KIND_RULES:
        if pattern.search(h):
            if kind == "next_year" and not pattern.search(_PLAN_CARRIED_OUT.sub("", h)):
                continue  # its only plan word is a plan carried out
            if kind == "next_year" and _DONE_WORDS.search(h) and not re.search(r"(下一步|下步|打算|下一年|明年)", h):
                return "achievements"  # "重点工作完成情况"
            if kind == "next_year" and m and report_year and int(m.group(1)) <= report_year and \
                    not _FUTURE_WORDS.search(h) and _YEARS_WORK.search(h):
                return "achievements"  # "2024年工作举措" in a report on 2024: what was done that year
            if kind == "shortcomings" and re.search(r"(解决|化解|整改).{0,4}问题", h):
                continue
            return kind
    return None


def _heading_text(rest: str) -> tuple[str, int]:
    """Heading text of a numbered line, and its length: the whole line if short, else up to 。 or to a heading
    that runs on in the same line (一、主要举措和成效（一）加强组织领导…)."""
    nested = _NESTED.search(rest, 2)
    if nested and nested.start() <= 60:
        rest = rest[:nested.start()]
    stop = re.search(r"[。:;!?]", rest)
    if stop and stop.start() <= 60:
        return rest[: stop.start()], stop.start()
    if len(rest) <= 60:
        return rest, len(rest)
    comma = rest.find(",")
    n = comma if 0 < comma <= 40 else 40
    return rest[:n], n


# A numbered heading that starts inside a line, after a sentence's end (…取得成效。二、存在的问题…), and a
# sub-heading run on right after a heading's words (一、主要举措和成效（一）加强组织领导).
_RUN_ON = rx.compile(rf"(?<=[。!?;])\s*(?=(?:[{_CN}]{{1,3}}、|\(\s*[{_CN}]{{1,3}}\s*\)|第[{_CN}]{{1,3}}部分))")
_NESTED = rx.compile(rf"\(\s*[{_CN}]{{1,3}}\s*\)")
_NUM = {c: i for i, c in enumerate(_CN, 1)}


def _number(marker: str) -> Optional[int]:
    """一、-> 1, （十二）-> 12; None for digits and circled numbers."""
    m = re.search(rf"([{_CN}]{{1,3}})", marker)
    if not m:
        return None
    d = m.group(1)
    if d == "十":
        return 10
    if d.startswith("十"):
        return 10 + _NUM[d[1]]
    if "十" in d:
        return _NUM[d[0]] * 10 + (_NUM[d[2]] if len(d) > 2 else 0)
    return _NUM.get(d)


def _segments(text: str) -> list[tuple[int, str, bool]]:
    """(offset, text, inside a line) of each line, and of each numbered heading run on after a sentence end."""
    out, pos = [], 0
    for line in text.split("\n"):
        cuts = [0] + [m.end() for m in _RUN_ON.finditer(line)]
        for i, c in enumerate(cuts):
            seg = line[c:cuts[i + 1] if i + 1 < len(cuts) else len(line)]
            out.append((pos + c + len(seg) - len(seg.lstrip()), seg.lstrip(), i > 0))
        pos += len(line) + 1
    return out


def _headings(doc: Document) -> list[tuple[int, str, str, int, int]]:
    """(level, marker, heading, start, heading_end) of every numbered heading."""
    hints = dict(doc.heading_hints)
    raw = []
    last_number: dict[int, int] = {}
    queue = list(reversed(_segments(doc.text)))
    while queue:
        start, line, inside = queue.pop()
        if not line.strip():
            continue
        if start not in hints and line[0] not in _HEADING_FIRST and not line[0].isdecimal():
            continue  # the line (stripped) starts with nothing a heading pattern starts with
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
        heading, n = _heading_text(line[rest_at:])
        if not heading.strip():
            continue
        if level == 3 and len(line) > 200 and n >= 40:
            continue  # "1.5亿元…" or a numbered sentence, not a heading
        num = _number(marker)
        if inside and (num is None or num != last_number.get(level, 0) + 1 and not (num == 1 and level > 1)):
            continue  # 。一、二季度…: a run-on heading must continue the numbering
        if num is not None:
            last_number = {lv: k for lv, k in last_number.items() if lv < level}
            last_number[level] = num
        raw.append((level, marker, heading.strip(), start, start + rest_at + n))
        if _NESTED.match(line, rest_at + n):  # 一、主要举措和成效（一）加强组织领导: the sub-heading runs on
            queue.append((start + rest_at + n, line[rest_at + n:], True))
    return raw


def _renest_restarts(raw: list, year: Optional[int]) -> list:
    """Numbering that starts again at 一 inside a part (二、存在的问题 / 一、… 二、… / 三、下一步) is a list
    inside that part, not new parts; a number written twice (二、 二、) is a slip and stays a part."""
    out, last, nested_last = [], None, None
    for level, marker, heading, start, hend in raw:
        n = _number(marker) if level == 1 else None
        if n is None:
            out.append((level, marker, heading, start, hend))
            continue
        if nested_last is not None:
            outer = last is not None and n == last + 1
            inner = n == nested_last + 1
            if outer and (not inner or classify_heading(heading, year)):
                nested_last, last = None, n
                out.append((level, marker, heading, start, hend))
            else:
                nested_last = n if inner else nested_last
                out.append((level + 0.5, marker, heading, start, hend))
            continue
        if last is not None and n < last and n == 1:
            nested_last = 1
            out.append((level + 0.5, marker, heading, start, hend))
            continue
        last = n
        out.append((level, marker, heading, start, hend))
    return out


def build_outline(doc: Document) -> Outline:
    text = doc.text
    raw = _renest_restarts(_headings(doc), doc.year)
    sections: list[Section] = []
    first = raw[0][3] if raw else len(text)
    if first > 0:
        sections.append(Section("", doc.original[: min(first, 40)].split("\n")[0], 0, "preamble", 0, 0, first))
    kinds_by_level: dict[float, str] = {}
    top = min((r[0] for r in raw), default=1)
    seen_shortcomings = False
    for i, (level, marker, heading, start, hend) in enumerate(raw):
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
            # a sub-heading keeps its parent's kind unless it plainly names another part; duties of the first
            # responsible person told among the achievements are part of them (the part itself is missing)
            own = kind in ("next_year", "shortcomings") or kind == "first_responsible" and parent != "achievements"
            if not own or parent == "next_year":
                kind = parent
        kinds_by_level = {lv: k for lv, k in kinds_by_level.items() if lv < level}
        kinds_by_level[level] = kind
        heading_original = doc.original[hend - len(heading): hend] if hend - len(heading) >= start else heading
        sections.append(Section(marker, heading_original, int(level) if level == int(level) else int(level) + 1,
                                kind, start, hend, end))
    return Outline(tuple(_unheaded_parts(doc, sections)))


# Closing paragraphs that open a part without a heading of their own.
_SHORTCOMINGS_OPENER = rx.compile(
    r"^(?:存在的?(?:主要)?(?:问题|不足)|不足之处|问题和不足|"
    r"(?:但是?|同时|当然|然而)?[,，]?[^。\n]{0,30}?(?:还|仍|也|依然|仍然)(?:然)?存在[^。\n]{0,30}?(?:问题|不足|短板|差距|薄弱))")
_NEXT_YEAR_OPENER = rx.compile(
    r"^(?:下一步|下步|下一年度?|今后|明年|新的一年|(20\d\d)\s*年(?:度)?\s*[,，]?\s*(?:[^,，。\n]{0,12}?)(?:将|要|继续|计划|拟))")


def _opener(line: str, year: Optional[int]) -> Optional[str]:
    if _SHORTCOMINGS_OPENER.match(line):
        return "shortcomings"
    m = _NEXT_YEAR_OPENER.match(line)
    if m and (not m.group(1) or (year and int(m.group(1)) > year)):
        return "next_year"
    return None


def _unheaded_parts(doc: Document, sections: list[Section]) -> list[Section]:
    """Shortcomings and next-year plans written as closing paragraphs without a heading (但也存在…; 下一步，…;
    2025年，我们将…) become parts of their own at the top level, from that paragraph on; what they cut short
    ends there. Only for a part the headings do not already give, only in the last heading's part, and only after
    some of that part's own text (a part that opens with 下一步 keeps it as a sentence of its own)."""
    have = {s.kind for s in sections if s.level > 0}
    tops = [s for s in sections if s.level > 0]
    top = min((s.level for s in tops), default=1)
    last = max((s for s in tops if s.level == top), key=lambda s: s.start, default=None)
    last_top, body_from = (last.start, last.heading_end) if last else (0, 0)
    found: list[tuple[int, str, int]] = []  # (start, kind, heading end)
    pos = 0
    top_starts = {s.start for s in tops}
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if start < last_top or start in top_starts:
            continue
        kind = _opener(line.strip(), doc.year)
        if kind and "。" not in doc.text[body_from:start]:
            continue  # the part's first words: a plan sentence inside it, not a part after it
        if kind and kind not in have and kind not in {k for _, k, _ in found}:
            in_plan = any(s.kind == "next_year" and s.start <= start < s.end for s in tops)
            if kind == "shortcomings" and (in_plan or any(k == "next_year" for _, k, _ in found)):
                continue  # problems told after the plan are part of the plan
            stop = re.search(r"[。:;!?,]", line)
            found.append((start + len(line) - len(line.lstrip()), kind, start + (stop.start() if stop else len(line))))
    if not found:
        return sections
    cut = found[0][0]
    out = [replace(s, end=min(s.end, cut)) if s.start < cut else s for s in sections]
    for i, (start, kind, hend) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(doc.text)
        out.append(Section("", doc.original[start:hend], top, kind, start, hend, end))
    return sorted(out, key=lambda s: (s.start, s.level))


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
