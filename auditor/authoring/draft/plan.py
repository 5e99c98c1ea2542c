"""The structure of a work plan: where its text starts, what the document says about itself (文号, issuer, date,
title), its numbered items (clauses) under their section headings, and the sentences of each item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from pathlib import Path

from ...grammar.numerals import parse_number
from ...models import Document

CN_DIGITS = "一二三四五六七八九十"
# A marker's punctuation may be doubled by a typo or a conversion (2.., 一、、, (三)、.): all of it is the marker
SECTION = re.compile(rf"^\s*([{CN_DIGITS}]{{1,3}})\s*[、.]+\s*(.*)$")
SUB = re.compile(rf"^\s*\(\s*([{CN_DIGITS}]{{1,3}})\s*\)\s*[、.]*\s*(.*)$")
ITEM = re.compile(r"^\s*(\d{1,2})\s*[.、]+(?!\d)\s*(.*)$")
ARTICLE = re.compile(rf"^\s*(第[{CN_DIGITS}百零〇]{{1,5}}条)\s*(.*)$")  # a rule document's articles: 第五条 坚持…
LEAD_UNITS = re.compile(r"\(\s*(?:牵头|责任|主责|配合|主办|协办)单位[^)]*\)")
SENTENCE_END = re.compile(r"[。;!?\n]")
_SCORE_CELL = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
CLAUSE_END = re.compile(r"[,:。;!?\n]")
# A numbered line that is an article of a rule, not a section heading: it ends a sentence, or runs on past one
_SENTENCE_HEADING = re.compile(r"[。;!?]|^[^\n]{41,}")


@dataclass
class Block:
    """One numbered item of the plan (or the text of a section that has none)."""

    clause: Optional[str]
    category: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a plan item: folded text (for matching), its offset, and the original characters."""

    block: Block
    start: int
    text: str
    original: str


def _category(heading: str) -> str:
    return re.split(r"[,;。]", heading.strip())[0][:30]


def _lines_from(text: str, start: int) -> list[tuple[int, str]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        if pos >= start:
            lines.append((pos, line))
        pos += len(line) + 1
    return lines


def plan_blocks(doc: Document, start: int = 0) -> list[Block]:
    """The plan's items in order; item numbers that restart per section are qualified by the section."""
    lines = _lines_from(doc.text, start)
    numbers = [int(m.group(1)) for _, ln in lines if (m := ITEM.match(ln))]
    restarts = any(b <= a for a, b in zip(numbers, numbers[1:]))
    blocks: list[Block] = []
    sec = sub = None
    category = ""
    cur: Optional[Block] = None

    def close(at: int) -> None:
        nonlocal cur
        if cur is not None:
            cur.end = at
            blocks.append(cur)
            cur = None

    for off, line in lines:
        if not line.strip():
            continue
        if (m := SECTION.match(line)) and not ITEM.match(line):
            close(off)
            sec, sub = m.group(1), None
            if _SENTENCE_HEADING.search(m.group(2)):  # 一、会前学法每月至少安排1次，每次…。: an article, not a heading
                category = ""
                cur = Block(f"第{sec}项", category, off, off)
            else:
                category = _category(m.group(2))
            continue
        if m := SUB.match(line):
            close(off)
            sub = m.group(1)
            category = category or _category(m.group(2))
            cur = Block(f"{sec or ''}({sub})".replace("(", "（").replace(")", "）"), category, off, off)
            continue
        if m := ARTICLE.match(line):
            close(off)
            cur = Block(m.group(1), category, off, off)
            continue
        if m := ITEM.match(line):
            close(off)
            label = m.group(1)
            if restarts and sec:
                label = f"{sec}{'（' + sub + '）' if sub else ''}第{label}项"
            cur = Block(label, category, off, off)
            continue
        if cur is None:
            cur = Block(sec, category, off, off)
    close(len(doc.text))
    return [b for b in blocks if b.end > b.start]


def plan_sentences(doc: Document, start: int = 0) -> Iterator[Sentence]:
    """Every sentence of every item, lead-unit notes (牵头单位：…) blanked, item numbers cut off."""
    blanked = LEAD_UNITS.sub(lambda m: " " * len(m.group(0)), doc.text)
    for block in plan_blocks(doc, start):
        seg = blanked[block.start:block.end]
        pos = 0
        for sm in list(SENTENCE_END.finditer(seg)) + [None]:
            end = sm.start() if sm else len(seg)
            text, s0 = seg[pos:end], block.start + pos
            pos = end + 1
            if not text.strip():
                continue
            lead = ITEM.match(text) or SUB.match(text) or SECTION.match(text) or ARTICLE.match(text)
            if lead:
                s0 += lead.start(2)
                text = text[lead.start(2):]
            yield Sentence(block, s0, text, doc.original[s0:s0 + len(text)].strip())


# --- what the document says about itself ----------------------------------------------------------

_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(]\s*\d{4}\s*[〕\])]\s*\d+\s*号")
_DATE_LINE = re.compile(r"^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d〇一二三四五六七八九十]{1,3})\s*月\s*"
                        r"([\d〇一二三四五六七八九十]{1,3})\s*日\s*$")
_ORG_END = re.compile(r"(办公室|人民政府|政府|委员会|委|局|厅|办|领导小组|管委会|司法局)$")
_PLAN_TITLE = re.compile(r"(工作要点|要点|实施方案|工作方案|工作计划|计划|工作安排|任务清单|重点任务)$")
_NOTICE = re.compile(r"关于.{2,60}(通知|意见|决定)$")


_CITED = re.compile(r"》\s*[(（]?\s*$")  # 按《…实施意见》(开江委办〔2017〕45号): the number of the document cited


def _own_docno(text: str) -> Optional[re.Match]:
    return next((m for m in _DOCNO.finditer(text) if not _CITED.search(text[max(0, m.start() - 4):m.start()])), None)


def _cn_digits(s: str) -> Optional[int]:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in s))
    v = parse_number(s)
    return int(v) if v is not None else None


def _issued(doc: Document, lines: list[str], meta: dict) -> None:
    for i, line in enumerate(lines):
        if m := _DATE_LINE.match(line):
            y, mo, d = (_cn_digits(g) for g in m.groups())
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                meta["issued"] = f"{y:04d}-{mo:02d}-{d:02d}"
                prev = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
                if _ORG_END.search(prev) and len(prev) <= 30:
                    meta["issuer"] = prev
                return
    if doc.published:
        meta["issued"] = doc.published.isoformat()


def _notice(lines: list[str], meta: dict) -> Optional[str]:
    notice = next((ln.strip() for ln in lines if _NOTICE.search(ln.strip())), None)
    if notice:
        notice = re.sub(r"^.*?号\s*[:：]?\s*", "", notice) if _DOCNO.match(notice) else notice
        if notice.startswith("关于") and meta.get("issuer"):
            notice = meta["issuer"] + notice
        meta["title"] = notice
        head = notice.split("关于")[0]
        if "issuer" not in meta and _ORG_END.search(head):
            meta["issuer"] = head
    return notice


_ISSUES = re.compile(r"现将|印发给|的通知")  # a notice issuing the plan it attaches
_PROSE = re.compile(r"^[^\n]{31,}[,;:。，；：]|[。!?]$")  # a sentence, not a title line


def _plan_title(doc: Document, lines: list[str], notice: Optional[str]) -> tuple[str, int]:
    offset = 0
    for line in lines:
        s = line.strip()
        if s.startswith("附件") and not notice and not _ISSUES.search(doc.text[:offset]):
            break  # a 制度 that attaches a 学法计划: the attachment's title is not the document's (a notice's is)
        if 6 <= len(s) <= 50 and _PLAN_TITLE.search(s) and not re.search(r"(关于|通知|印发|[。,;:])", s):
            return s, offset + len(line) + 1
        offset += len(line) + 1
    if notice and (m := re.search(r"印发(.{4,50}?)的通知", notice)):
        return m.group(1).strip("《》"), 0
    first = next((ln for ln in lines if ln.strip()), "")
    s = first.strip()
    # a title line of its own (…学法制度) is no sentence to draft rules from
    after = doc.text.index(first) + len(first) + 1 if s and len(s) <= 50 and not re.search(r"[。,;:!?]", s) else 0
    if doc.title:
        return doc.title, after if s == doc.title.strip() else 0
    if not s or SECTION.match(s) or SUB.match(s) or ITEM.match(s) or _SCORE_CELL.search(s) or _PROSE.search(s):
        # an opening that is already the body (一、…(15分), 为落实…,制定本计划。): the file's own name says what it is
        return (Path(doc.path).stem if doc.path else "") or "工作要点", 0
    return (s, after) if after else (s[:50], 0)


def document_meta(doc: Document) -> dict:
    """Document number, notice title, issuer, date, plan title, the plan's year and where its text starts."""
    lines = doc.text.split("\n")
    meta: dict = {}
    if m := _own_docno(doc.text):
        meta["document"] = doc.original[m.start():m.end()].strip()
    _issued(doc, lines, meta)
    notice = _notice(lines, meta)
    meta["plan_title"], meta["plan_start"] = _plan_title(doc, lines, notice)
    title = meta["plan_title"]
    if m := re.search(r"(20\d\d)\s*(?:年\s*)?[—–\-－~至到]\s*(20\d\d)\s*年", title):
        meta["year"], meta["last_year"] = int(m.group(1)), int(m.group(2))  # a multi-year plan: its first year
    elif m := re.search(r"(20\d\d)\s*年", title):
        meta["year"] = int(m.group(1))
    return meta


def looks_like_annual_report(doc: Document) -> bool:
    """An annual report rather than a plan: identify.py says so, and the outline finds a report's parts (its
    document kind falls back to annual_report when unsure, so the parts decide)."""
    if doc.kind != "annual_report":
        return False
    from ...outline import build_outline

    kinds = {p.kind for p in build_outline(doc).parts}
    return len(kinds & {"achievements", "shortcomings", "first_responsible", "next_year"}) >= 2
