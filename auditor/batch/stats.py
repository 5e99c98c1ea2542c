"""stats: the fleet view of a batch, computed once: the ranking, per-rule counts, indicator statistics and
rules whose verdict looks implausible across the batch. The tables and the summary PDF read it."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from .rows import BatchResult, FindingRow, Report
from ..fail_on import fails
from ..packs.loader import RuleSet
from ..report.vocab import STATUSES, fmt_number

INDICATOR_KINDS = ("metric", "count")
SAME_VALUE_MIN = 5  # reports giving a number before "all the same" means anything
NEVER_FOUND_MIN = 5  # reports in the batch before "never found" means anything
NEVER_FOUND_SHARE = 0.5  # of the reports that report other rules of the same category


LEVEL_ORDER = ("province", "prefecture", "county", "township", "department")


def split_duplicates(reports: list[Report]) -> tuple[list[Report], list[tuple[Report, Report, str]]]:
    """Reports ranked once: the same text twice, or the same jurisdiction and year twice, keeps the first
    file (by name); the others are (duplicate, the one kept, why)."""
    kept: list[Report] = []
    by_text: dict[str, Report] = {}
    by_who: dict[tuple, Report] = {}
    dups = []
    for r in sorted(reports, key=lambda r: r.rel):
        who = (r.row.jurisdiction, r.row.year, r.row.level) if r.row.jurisdiction and r.row.year else None
        if r.sha256 and r.sha256 in by_text:
            dups.append((r, by_text[r.sha256], "内容完全相同"))
        elif who and who in by_who:
            dups.append((r, by_who[who], f"同一地区、同一年度（{r.row.jurisdiction}，{r.row.year}年）"))
        else:
            kept.append(r)
            if r.sha256:
                by_text[r.sha256] = r
            if who:
                by_who[who] = r
    return kept, dups


def group_label(level: Optional[str], year: Optional[int], years: int) -> str:
    from ..report.vocab import level_label

    label = level_label(level) or "层级未识别"
    return label + (f" · {year}年度" if years > 1 and year else (" · 年度未识别" if years > 1 else ""))


def rank_groups(reports: list[Report]) -> list[tuple[str, list[tuple[int, Report]]]]:
    """Rankings by level, and by year where the batch holds several: a county is not ranked against a
    province or last year's reports. Ties share a rank."""
    years = len({r.row.year for r in reports})
    order = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    keyed: dict[tuple, list[Report]] = {}
    for r in reports:
        keyed.setdefault((order.get(r.row.level or "", len(order)), -(r.row.year or 0), r.row.level, r.row.year), []).append(r)
    out = []
    for (_, _, level, year), rows in sorted(keyed.items(), key=lambda kv: kv[0][:2]):
        rows.sort(key=lambda r: (-r.score, r.row.jurisdiction or "", r.rel))
        ranked, prev, rank = [], None, 0
        for i, r in enumerate(rows, 1):
            if r.score != prev:
                rank, prev = i, r.score
            ranked.append((rank, r))
        out.append((group_label(level, year, years), ranked))
    return out


@dataclass
class RuleMeta:
    id: str
    kind: str
    name: str
    unit: Optional[str]
    target: Optional[str]
    informational: bool


class Summary:
    """Everything the XLSX, CSV and PDF show."""

    trend = None  # compare.fleet.Trends, set by the batch when the folder holds several years of a jurisdiction

    def __init__(self, result: BatchResult, ruleset: RuleSet, folder: Path, today: date):
        self.result, self.ruleset, self.folder, self.today = result, ruleset, folder, today
        unique, self.duplicates = split_duplicates(result.reports)
        self.groups = rank_groups(unique)
        self.ranked: list[tuple[int, Report]] = [x for _, rows in self.groups for x in rows]
        reports = [r for _, r in self.ranked]
        self.errors = sorted(result.errors, key=lambda e: (e.rel, e.stage))
        self.read_errors = sorted({e.rel for e in result.errors if e.stage != "生成 PDF"})
        self.rules = self._rules(reports)
        self.indicators = [m for m in self.rules if m.kind in INDICATOR_KINDS]
        self.status = {r.rel: {f.id: f for f in r.row.findings} for r in reports}

    def _rules(self, reports: list[Report]) -> list[RuleMeta]:
        metas = {r.id: RuleMeta(r.id, r.kind, r.name, r.unit, r.target.text if r.target else None, r.informational)
                 for r in self.ruleset.rules}
        seen: dict[str, RuleMeta] = {}
        for rep in reports:  # order, and any rule the packs did not list, as the findings have them
            for f in rep.row.findings:
                if f.id not in seen:
                    seen[f.id] = metas.get(f.id) or RuleMeta(f.id, f.kind, f.name, f.unit, f.target, f.informational)
                    if f.target and not seen[f.id].target:
                        seen[f.id].target = f.target
        return list(seen.values()) if seen else list(metas.values())

    def finding(self, rel: str, rule_id: str) -> Optional[FindingRow]:
        return self.status.get(rel, {}).get(rule_id)

    def rule_counts(self) -> list[tuple[RuleMeta, dict]]:
        out = []
        for m in self.rules:
            counts = {s: 0 for s in STATUSES}
            for _, r in self.ranked:
                f = self.finding(r.rel, m.id)
                if f is not None:
                    counts[f.status] += 1
            out.append((m, counts))
        return out

    def suspicious(self) -> list[dict]:
        """Rules whose verdict is implausible across the batch, worded for the assessor (what to check, not how
        to fix the rule). Two signs, each needing enough reports to mean something:
        - a figure rule whose reported numbers are all the same across SAME_VALUE_MIN reports or more (real
          counties differ: the tool is likely reading a target or one shared sentence as the value);
        - a rule no report is found to meet or mention while most reports do report other rules of its category
          (the reports likely word it in a way the rule does not recognise)."""
        out: list[dict] = []
        reports = [r for _, r in self.ranked]
        if len(reports) < NEVER_FOUND_MIN:
            return out
        category = {r.id: r.category or "" for r in self.ruleset.rules}
        found: dict[str, set] = {}  # category -> reports with at least one other rule of it found
        by_rule = {m.id: [self.finding(r.rel, m.id) for r in reports] for m in self.rules if not m.informational}
        for rid, fs in by_rule.items():
            for r, f in zip(reports, fs):
                if f is not None and f.value is not None and f.value != "absent":
                    found.setdefault(category.get(rid, ""), set()).add((rid, r.rel))
        for m in self.rules:
            fs = [f for f in by_rule.get(m.id, ()) if f is not None]
            numbers = [f.number for f in fs if f.number is not None]
            if m.kind in INDICATOR_KINDS and len(numbers) >= SAME_VALUE_MIN and len(set(numbers)) == 1:
                value = fmt_number(numbers[0]) + (m.unit or "")
                out.append({"id": m.id, "name": m.name, "kind": "same_value", "label": f"数值全部为 {value}",
                            "hint": f"给出数值的 {len(numbers)} 份报告数值完全相同，各地实际情况通常不会一致："
                                    "可能是把目标值或同一句套话当成了报告值。请抽查几份报告原文核对该项结论。"})
                continue
            cat = category.get(m.id, "")
            if not fs or any(f.value is not None and f.value != "absent" for f in fs) or not cat:
                continue
            others = {rel for rid, rel in found.get(cat, ()) if rid != m.id}
            if len(others) >= NEVER_FOUND_SHARE * len(reports):
                out.append({"id": m.id, "name": m.name, "kind": "never", "label": "全部未找到",
                            "hint": f"本批没有一份报告被认定写了该项，而同属“{cat}”的其他事项有 {len(others)} 份报告"
                                    "写了：可能是报告的说法与规则不同而未被识别。请抽查几份报告原文，确认确实未写后再据此扣分。"})
        return out

    def indicator_stats(self) -> list[dict]:
        out = []
        for m in self.indicators:
            values, c = [], {s: 0 for s in STATUSES}
            for _, r in self.ranked:
                f = self.finding(r.rel, m.id)
                if f is None:
                    continue
                c[f.status] += 1
                if f.number is not None:
                    values.append(f.number)
            unit = m.unit or ""
            row = {"id": m.id, "name": m.name, "unit": unit, "target": m.target or "", "n": len(values),
                   "total": len(self.ranked), "median": "", "min": "", "max": "", **c}
            if values:
                row.update(median=fmt_number(round(statistics.median(values), 2)) + unit,
                           min=fmt_number(min(values)) + unit, max=fmt_number(max(values)) + unit)
            out.append(row)
        return out

    def scores(self) -> list[float]:
        return [r.score for _, r in self.ranked]

    def fails(self, fail_on: str) -> bool:
        """--fail-on for the batch: a file that could not be audited, or any report that fails on its own."""
        if fail_on != "never" and self.errors:
            return True
        return any(fails(((f.status, f.informational) for f in r.row.findings), (a.severity for a in r.row.alerts),
                         fail_on) for _, r in self.ranked)
