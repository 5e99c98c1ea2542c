"""Plain, frozen data types at the edges of the pipeline stages.

file ─load─▶ Document ─outline─▶ Outline ─extract─▶ Facts ─evaluate─▶ Audit ─render─▶ PDF/HTML/JSON
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Optional, Union

STATUSES = ("met", "not_met", "not_reported", "review", "waived")
STATUS_LABELS = {
    "met": "达标",
    "not_met": "未达标",
    "not_reported": "未报告",
    "review": "待核实",
    "waived": "不适用",
}
# Severity used by --fail-on and for ordering gaps: higher is worse.
STATUS_SEVERITY = {"waived": 0, "met": 0, "review": 1, "not_reported": 2, "not_met": 3}

PART_KINDS = ("achievements", "shortcomings", "first_responsible", "next_year", "other")
PART_LABELS = {
    "achievements": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "党政主要负责人履行第一责任人职责情况",
    "next_year": "下一年度主要安排",
    "other": "其他情况",
    "preamble": "导语",
}
LEVEL_LABELS = {
    "province": "省级",
    "prefecture": "市（州）级",
    "county": "县（市、区）级",
    "township": "乡镇（街道）级",
    "department": "政府部门",
}

# What a document is (dockind.read_kind); only annual reports are audited unless forced.
DOCUMENT_KIND_LABELS = {
    "annual_report": "法治政府建设年度报告",
    "work_plan": "工作要点（工作计划、实施方案）",
    "scoring_system": "考核指标体系（考核办法、评分标准）",
    "rules": "制度（学法制度、管理办法等）",
    "news": "介绍文件的新闻报道",
    "other": "其他文件（意见、决定等）",
}

ALERT_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Alert:
    """Something to know before trusting the audit: the wrong pack for this report, text lost in reading,
    a document that is not an annual report. Errors are shown first everywhere (page 1, terminal, JSON
    `alerts`, a batch column) and make the exit code 1 unless --fail-on never; warnings are shown only."""

    code: str  # stable machine id: wrong_year, wrong_level, other_jurisdiction, national_only, text_loss, ...
    message: str  # Chinese, for people
    severity: str = "error"  # one of ALERT_SEVERITIES


Value = Union[float, str, None]  # a number, "mentioned", or None (not reported)
MENTIONED = "mentioned"


@dataclass(frozen=True)
class RawText:
    """What a format reader (txt, docx, pdf, html) hands to the loader."""

    text: str
    format: str
    encoding: Optional[str] = None
    page_starts: tuple[int, ...] = ()  # offsets in `text` where pages 1, 2, ... start
    heading_hints: tuple[tuple[int, int], ...] = ()  # (offset of a line, heading level) from styles
    published: Optional[date] = None  # publication date from page metadata
    title_hint: Optional[str] = None  # title from document metadata / <h1>
    alerts: tuple[Alert, ...] = ()  # what the reader could not keep (text loss, replaced characters …)
    # Chinese characters of all the running text the reader found, before it chose what to keep
    # (the article of a web page, the body of a PDF page); None: the reader kept everything it read.
    source_cjk: Optional[int] = None


@dataclass(frozen=True)
class Document:
    """A report as clean text.

    `original` keeps the characters as written (traditional, full-width) for quotes;
    `text` is the same string folded for matching (simplified, half-width). Both have the
    same length, so an offset found in `text` quotes `original` exactly.
    """

    path: str
    format: str
    original: str
    text: str
    title: Optional[str] = None
    jurisdiction: Optional[str] = None
    level: Optional[str] = None
    year: Optional[int] = None
    script: str = "simplified"
    encoding: Optional[str] = None
    published: Optional[date] = None
    page_starts: tuple[int, ...] = ()
    heading_hints: tuple[tuple[int, int], ...] = ()
    alerts: tuple[Alert, ...] = ()  # from reading and identifying the document
    year_basis: Optional[str] = None  # title, opening (stated); plan, published, doc_number (inferred)
    division_code: Optional[str] = None  # 民政部 6-digit code of the most specific division known (gazetteer)
    province: Optional[str] = None  # official names of the parent chain, e.g. 四川省 / 广安市 / 华蓥市
    prefecture: Optional[str] = None
    county: Optional[str] = None
    issuer: Optional[str] = None  # 发布机构 of the web page, as printed
    doc_number: Optional[str] = None  # 文号
    kind: str = "annual_report"  # a key of DOCUMENT_KIND_LABELS
    kind_certain: bool = True  # False: the evidence is mixed; audited as a report, with a warning
    kind_signs: tuple[str, ...] = ()  # what the kind was read from, in Chinese

    def quote(self, start: int, end: int) -> str:
        return self.original[start:end]

    def page_of(self, offset: int) -> Optional[int]:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)  # 1-based


@dataclass(frozen=True)
class Section:
    """One heading of the report and the text it governs."""

    marker: str  # "一、", "（一）", "1.", "(1)", or "" for the preamble
    heading: str  # heading text in original characters
    level: int  # 1 = top level
    kind: str  # one of PART_KINDS or "preamble"
    start: int  # offset of the heading line
    heading_end: int  # end of the heading text
    end: int  # end of the section (start of the next sibling or ancestor)


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]  # in document order, all levels

    @cached_property
    def parts(self) -> tuple[Section, ...]:
        """Top-level sections (the report's parts), preamble included."""
        top = min((s.level for s in self.sections if s.level > 0), default=1)
        return tuple(s for s in self.sections if s.level in (0, top))

    def part_at(self, offset: int) -> Optional[Section]:
        for s in self.parts:
            if s.start <= offset < s.end:
                return s
        return None

    def kind_at(self, offset: int) -> str:
        """The part kind at an offset; a sub-heading's own kind wins for next_year."""
        part = self.part_at(offset)
        kind = part.kind if part else "preamble"
        for s in self.sections:
            if s.start <= offset < s.end and s.kind == "next_year":
                return "next_year"
        return kind


@dataclass(frozen=True)
class Evidence:
    quote: str  # the sentence, in original characters
    start: int  # offsets of the sentence in the document
    end: int
    part: Optional[str] = None  # heading of the part it sits in
    part_kind: Optional[str] = None
    page: Optional[int] = None
    highlight: Optional[tuple[int, int]] = None  # span of the figure/alias, relative to quote


@dataclass(frozen=True)
class Quantity:
    """A figure as the report writes it: 95.61%, 三次, 120余次, 1万余份, 近百场."""

    value: float
    unit: str
    start: int
    end: int
    approx: bool = False
    target: bool = False  # stated as a requirement/target, not a result


@dataclass(frozen=True)
class Fact:
    """A value the report states (or implies) for one indicator."""

    indicator: str
    value: Value
    unit: Optional[str]
    evidence: Evidence
    derived: bool = False
    alternatives: tuple[float, ...] = ()
    planned: bool = False  # sits in the next-year plan: an intention, not a result
    review: Optional[str] = None  # why a human should look (ambiguous basis, subset …)
    approx: bool = False


@dataclass(frozen=True)
class Facts:
    by_indicator: dict  # indicator id -> tuple[Fact, ...] (all, planned included)
    quantities: tuple[Quantity, ...] = ()  # every figure found, for the figure list

    def for_indicator(self, indicator: str) -> tuple[Fact, ...]:
        return self.by_indicator.get(indicator, ())


@dataclass(frozen=True)
class Target:
    """A target as the work plan writes it (`不低于90%`), parsed."""

    text: str
    op: str  # ">=", ">", "<=", "<", "=="
    value: Optional[float] = None
    unit: Optional[str] = None
    relative_to: Optional[str] = None  # compare with another indicator's value


@dataclass(frozen=True)
class Waiver:
    rule_id: str
    jurisdiction: str
    reason: str
    approver: str
    expires: Optional[date]
    source: str = ""  # waiver file

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass(frozen=True)
class Finding:
    rule_id: str
    kind: str
    name: str
    status: str
    value: Value = None
    unit: Optional[str] = None
    target: Optional[str] = None
    derived: bool = False
    alternatives: tuple[float, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # why this status, in Chinese
    advice: str = ""
    clause: Optional[str] = None
    pack: str = ""
    source: str = ""  # the pack's source document
    weight: float = 1.0
    informational: bool = False
    tailored: bool = False
    category: str = ""  # grouping in the checklist (part or theme)
    waiver: Optional[Waiver] = None
    status_before_waiver: Optional[str] = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def position(self) -> int:
        return self.evidence[0].start if self.evidence else 1 << 30


@dataclass(frozen=True)
class PackInfo:
    id: str
    title: str
    path: str
    source: str = ""
    issued: Optional[str] = None
    draft: bool = False


@dataclass(frozen=True)
class Audit:
    document: Document
    outline: Outline
    facts: Facts
    packs: tuple[PackInfo, ...]
    findings: tuple[Finding, ...]
    score: float
    score_before_waivers: float
    expired_waivers: tuple[Waiver, ...] = ()
    alerts: tuple[Alert, ...] = ()  # the document's own alerts, then applicability of the packs
    meta: dict = field(default_factory=dict)

    def counts(self) -> dict:
        out = {s: 0 for s in STATUSES}
        for f in self.findings:
            if not f.informational:
                out[f.status] += 1
        return out
