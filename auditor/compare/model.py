"""model: the frozen types of a year-over-year comparison.

YearReport (what one audited report brings to a series) ─series─▶ Series (one jurisdiction, its years, gaps,
duplicates) ─compare─▶ Comparison (indicator trends, score by year, new and closed gaps, promises kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Optional

from ..grammar.comparisons import describe
from ..report.vocab import PROFILE_LABELS, fmt_number, status_label, value_text

# How a promise of last year's plan fares in this year's report.
PROMISE_STATUSES = ("met", "not_met", "not_mentioned", "review")
PROMISE_LABELS = {"met": "已兑现", "not_met": "未兑现", "not_mentioned": "未提及", "review": "待核实"}
# The status colour each borrows from report/vocab.py COLORS.
PROMISE_COLOR_OF = {"met": "met", "not_met": "not_met", "not_mentioned": "not_reported", "review": "review"}
NUMERIC_KINDS = ("metric", "count")  # kinds whose values are figures that change by an amount


class Commitment(NamedTuple):  # a named tuple: a batch makes thousands
    """One target or deliverable of a report's next-year plan: 力争出庭应诉率达到95%, 举办3次讲座, 完成某制度."""

    quote: str  # the clause as written (original characters)
    kind: str  # "figure" (a number to reach) or "deliverable" (a thing to do)
    indicator: Optional[str] = None  # indicator key it names (catalog id or rule id)
    name: str = ""  # the indicator's name, or the thing promised
    op: Optional[str] = None  # for figures: >=, <=, ...
    value: Optional[float] = None
    unit: Optional[str] = None
    change: bool = False  # the value is a change in 个百分点 (提高5个百分点), signed by op (>= rise, <= fall)
    terms: tuple[str, ...] = ()  # specific key phrases (folded) the next report must name
    start: int = 0  # offset in its report
    complete: bool = False  # a deliverable promised done (完成, 建成), not only under way (开展, 推进)

    @property
    def checkable(self) -> bool:
        """Tied to an indicator, or naming something specific enough to look for."""
        return bool(self.indicator or self.terms)

    @property
    def target_text(self) -> str:
        if self.value is None:
            return "完成"
        v = fmt_number(abs(self.value)) + (self.unit or "")
        if self.change:
            return ("提高" if self.op in (">=", ">") else "降低") + v
        return describe(self.op or ">=") + v

    def to_dict(self) -> dict:
        return {"quote": self.quote, "kind": self.kind, "indicator": self.indicator, "name": self.name,
                "op": self.op, "value": self.value, "unit": self.unit, "change": self.change,
                "terms": list(self.terms), "start": self.start, "complete": self.complete}

    @classmethod
    def from_dict(cls, d: dict) -> "Commitment":
        return cls._make(cls.fields(d))

    @staticmethod
    def fields(d: dict) -> tuple:
        """The fields of a stored commitment (to_dict's), checked, as a plain tuple (what the spool pickles)."""
        get = d.get
        value = get("value")
        return (str(get("quote") or ""), str(get("kind") or "deliverable"), get("indicator"), str(get("name") or ""),
                get("op"), float(value) if isinstance(value, (int, float)) else None, get("unit"),
                bool(get("change")), tuple(map(str, get("terms") or ())), int(get("start") or 0),
                bool(get("complete")))


@dataclass(frozen=True)
class Statement:
    """A sentence of a report outside its next-year plan, found by a search for a promise's key terms."""

    kind: str  # part kind (achievements, shortcomings, ...)
    text: str  # folded (simplified, half-width), for matching
    quote: str  # as written; same length as text


class Point(NamedTuple):
    """One indicator in one year's report (a named tuple: a batch makes one per finding of every report)."""

    key: str  # indicator key: catalog id when the rule has one, else the rule id
    rule_id: str
    name: str
    kind: str
    unit: Optional[str]
    status: str
    value: object  # float, "mentioned", a part's presence, or None
    informational: bool
    target: Optional[str]
    quote: str = ""  # the sentence behind the value
    derived: bool = False

    @property
    def label(self) -> str:
        """The conclusion as every output words it (a profile row says whether it is reported)."""
        if self.informational:
            return PROFILE_LABELS[self.value is not None and self.value != "absent"]
        return status_label(self.status)

    @property
    def value_text(self) -> str:
        return value_text(self.value, self.unit, self.kind, self.derived)

    @property
    def number(self) -> Optional[float]:
        v = self.value
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


@dataclass(frozen=True)
class YearReport:
    """What one audited report brings to a series."""

    file: str
    year: Optional[int]
    jurisdiction: Optional[str]
    level: Optional[str]
    division_code: Optional[str]
    score: float
    points: dict  # key -> Point, in the audit's order
    counts: dict = field(default_factory=dict)
    title: Optional[str] = None
    province: Optional[str] = None
    prefecture: Optional[str] = None
    county: Optional[str] = None
    commitments: tuple[Commitment, ...] = ()
    said: object = None  # said.Said: the report outside its plan, searched for last year's promises
    has_digest: bool = True  # False: a result written before commitments were kept (no promises can be checked)


@dataclass(frozen=True)
class Duplicate:
    report: YearReport
    kept: YearReport


@dataclass(frozen=True)
class Series:
    """One jurisdiction's reports by year; a missing year is a gap, not an error."""

    key: tuple
    label: str  # the jurisdiction as people name it
    reports: dict  # year -> YearReport
    duplicates: tuple[Duplicate, ...] = ()
    notes: tuple[str, ...] = ()  # what the user should know (a report matched by name only …)

    @property
    def years(self) -> list[int]:
        """Every year from the first to the last report, gaps included."""
        ys = sorted(self.reports)
        return list(range(ys[0], ys[-1] + 1)) if ys else []

    @property
    def gaps(self) -> list[int]:
        return [y for y in self.years if y not in self.reports]

    @property
    def first(self) -> YearReport:
        return self.reports[min(self.reports)]

    @property
    def last(self) -> YearReport:
        return self.reports[max(self.reports)]


class Change(NamedTuple):  # a named tuple: a batch makes thousands
    """An indicator between two reports of the series (consecutive present years)."""

    from_year: int
    to_year: int
    delta: Optional[float]  # value difference (percentage points for rates); None when either is not a number
    unit: str  # 个百分点, 次, ...
    arrow: str  # ↑ ↓ → or "" when not comparable
    better: Optional[bool]  # None: no direction is better for this indicator, or not comparable
    gap: Optional[str] = None  # "new" (met -> a gap) or "closed" (a gap -> met)
    status_from: str = ""
    status_to: str = ""


@dataclass(frozen=True)
class Trend:
    """One indicator across the series."""

    key: str
    name: str
    kind: str
    unit: Optional[str]
    informational: bool
    target: Optional[str]
    points: dict  # year -> Point (present years that report on this indicator)

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        """Between consecutive reports that give the indicator; worked out when read (the batch never does)."""
        from .trends import changes

        return changes(self.points)

    @cached_property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS and any(p.number is not None for p in self.points.values())

    @property
    def last_change(self) -> Optional[Change]:
        return self.changes[-1] if self.changes else None


class Promise(NamedTuple):  # a named tuple: a batch makes thousands
    """A commitment of year N-1's plan, checked against year N's report."""

    commitment: Commitment
    planned_year: int
    checked_year: int
    status: str  # a key of PROMISE_LABELS
    quote: str = ""  # what year N's report says (as written)
    part_kind: Optional[str] = None
    found: Optional[float] = None  # the figure year N reports
    found_unit: Optional[str] = None
    note: str = ""  # why, in Chinese

    @property
    def label(self) -> str:
        return PROMISE_LABELS[self.status]


@dataclass(frozen=True)
class Comparison:
    series: Series
    trends: tuple[Trend, ...]
    scores: dict  # year -> score
    promises: tuple[Promise, ...] = ()
    packs: tuple = ()  # PackInfo of the rules used

    @property
    def years(self) -> list[int]:
        return self.series.years

    def new_gaps(self) -> list[tuple[Trend, Change]]:
        return [(t, c) for t in self.trends for c in t.changes if c.gap == "new"]

    def closed_gaps(self) -> list[tuple[Trend, Change]]:
        return [(t, c) for t in self.trends for c in t.changes if c.gap == "closed"]

    def score_change(self) -> Optional[float]:
        ys = sorted(self.scores)
        return round(self.scores[ys[-1]] - self.scores[ys[0]], 1) if len(ys) > 1 else None

    def promise_counts(self, checked_year: Optional[int] = None) -> dict:
        out = {s: 0 for s in PROMISE_STATUSES}
        for p in self.promises:
            if checked_year is None or p.checked_year == checked_year:
                out[p.status] += 1
        return out
