"""rows: what the batch keeps of each audit, as typed rows (small enough to send between processes).

A ReportRow is read from the audit's JSON (docs/json.md), so a report the batch skips (its result on disk
still holds) and one it audits now give the same row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..messages import os_reason
from ..models import Alert, Value
from ..report import vocab

QUOTE_MAX = 200  # characters of evidence kept per finding for the summary


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: str
    kind: str
    name: str
    status: str
    value: Value
    unit: Optional[str]
    target: Optional[str]
    quote: str  # the first evidence sentence, cut to QUOTE_MAX
    informational: bool
    tailored: bool = False
    derived: bool = False

    def __reduce__(self):
        # pickled as the constructor's arguments: a worker sends 40 of these per report, and the slots
        # dataclass default (its Python-level __getstate__/__setstate__) cost the serial parent 0.3 ms a report
        return FindingRow, (self.id, self.kind, self.name, self.status, self.value, self.unit, self.target, self.quote,
                            self.informational, self.tailored, self.derived)

    @property
    def label(self) -> str:
        """The conclusion as every output words it (a profile row says whether it is reported)."""
        if self.informational:
            return vocab.PROFILE_LABELS[self.value is not None and self.value != "absent"]
        return vocab.status_label(self.status)

    @property
    def value_text(self) -> str:
        return vocab.value_text(self.value, self.unit, self.kind, self.derived)

    @property
    def number(self) -> Optional[float]:
        v = self.value
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


@dataclass(frozen=True, slots=True)
class ReportRow:
    jurisdiction: Optional[str]
    level: Optional[str]
    year: Optional[int]
    title: Optional[str]
    format: Optional[str]
    score: float
    score_before_waivers: float
    counts: dict
    findings: tuple[FindingRow, ...]
    alerts: tuple[Alert, ...] = ()
    division_code: Optional[str] = None  # with the level, what makes two years the same jurisdiction (compare/)
    province: Optional[str] = None
    prefecture: Optional[str] = None
    county: Optional[str] = None
    trend: Optional[dict] = None  # the digest year-over-year comparison needs (compare/commitments.py)

    def __reduce__(self):
        return ReportRow, (self.jurisdiction, self.level, self.year, self.title, self.format, self.score,
                           self.score_before_waivers, self.counts, self.findings, self.alerts, self.division_code,
                           self.province, self.prefecture, self.county, self.trend)

    @property
    def level_label(self) -> str:
        return vocab.level_label(self.level)

    @property
    def errors(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.severity == "error")

    @property
    def alert_text(self) -> str:
        """All alerts in one cell: errors first, each with its label."""
        ordered = sorted(self.alerts, key=lambda a: a.severity != "error")
        return "；".join(f"{vocab.ALERT_LABELS.get(a.severity, a.severity)}：{a.message}" for a in ordered)

    @classmethod
    def from_audit_dict(cls, d: dict) -> "ReportRow":
        r = d["report"]
        findings = []
        for f in d["findings"]:
            quote = f["evidence"][0]["quote"] if f.get("evidence") else ""
            if len(quote) > QUOTE_MAX:
                quote = quote[:QUOTE_MAX] + "…"
            findings.append(FindingRow(f["id"], f["kind"], f["name"], f["status"], _value(f["value"]), f.get("unit"),
                                       f.get("target"), quote, bool(f.get("informational")),
                                       bool(f.get("tailored")), bool(f.get("derived"))))
        alerts = tuple(Alert(a["code"], a["message"], a.get("severity", "error")) for a in d.get("alerts") or ())
        score = float(d.get("score") or 0.0)
        return cls(r.get("jurisdiction"), r.get("level"), r.get("year"), r.get("title"), r.get("format"), score,
                   float(d.get("score_before_waivers", score) or 0.0), dict(d["counts"]), tuple(findings), alerts,
                   r.get("division_code"), r.get("province"), r.get("prefecture"), r.get("county"), d.get("trend"))


def _value(v: Any) -> Value:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


@dataclass(frozen=True, slots=True)
class ErrorRow:
    rel: str
    error_type: str
    message: str  # Chinese, without the path (the file is its own column)
    stage: str = "读取"


@dataclass
class Report:
    """One audited file in this batch: its input, its output stem and its row."""

    rel: str  # path relative to the folder, POSIX style: the manifest key and the 文件 column
    name: str  # output stem
    row: ReportRow
    pdf: bool = False
    sha256: str = ""  # of the input's bytes: the same text twice is a duplicate

    @property
    def score(self) -> float:
        return round(self.row.score, 1)


@dataclass
class BatchResult:
    reports: list = field(default_factory=list)  # Report
    errors: list = field(default_factory=list)  # ErrorRow
    notices: list = field(default_factory=list)  # str: what the user should know (stale files removed …)
    audited: int = 0
    skipped: int = 0
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)  # seconds per phase: plan, audit, tables, summary_pdf
    summary: Any = None
    details: Any = None  # details.DetailSpool: every finding's 明细 row, on disk
    pdf: bool = False
    out: str = ""


def error_text(err: BaseException) -> str:
    """The Chinese message of an error without its path (the file is its own column)."""
    from ..errors import AuditorError

    if isinstance(err, AuditorError):
        text = err.message
        if err.key:
            text += f"（字段：{err.key}）"
        if err.hint:
            text += f"。{err.hint}"
        return text
    if isinstance(err, OSError) and err.errno:
        return f"无法读写文件：{os_reason(err)}"
    detail = str(err).strip()
    return f"程序内部错误（{type(err).__name__}）" + (f"：{detail[:300]}" if detail else "")
