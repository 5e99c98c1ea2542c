"""promises: last year's plan against this year's report. Each commitment of year N-1 is met, not met, not
mentioned, or — when the match is partial or the figure is missing — for a person to review.

A figure tied to an indicator is judged by this year's value of that indicator; any other commitment is looked
for by its key terms among this year's sentences outside its own plan (a sentence of the shortcomings part, or
one that says it was not done, never counts as done).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..grammar import comparisons, units
from ..grammar.quantities import find_quantities
from ..grammar.targets import compare
from ..models import MENTIONED, Quantity, Target
from ..report.vocab import fmt_number
from .commitments import alternation, vocabulary
from .model import Commitment, Promise, Series, Statement, YearReport
from .said import Said

_PART_RANK = {"achievements": 0, "first_responsible": 1, "preamble": 2, "other": 2, "shortcomings": 4}
_BOUND_BEFORE = 8  # a bound word this close before a figure makes it a threshold, not a result
# Share of a commitment's character pairs one sentence must have: all but a stray pair is the same thing; half
# is perhaps the same thing, for a person to decide; less is something else.
WHOLE, PART = 0.85, 0.5


def check_series(series: Series) -> tuple[Promise, ...]:
    """Every commitment of each report whose next year is in the series."""
    out = []
    for y, prev in sorted(series.reports.items()):
        cur = series.reports.get(y + 1)
        if cur is None or not cur.has_digest:
            continue
        out += [check(c, prev, cur) for c in prev.commitments if c.checkable]
    return tuple(out)


def _fmt(v: float, unit: Optional[str]) -> str:
    return fmt_number(v) + (unit or "")


def _judge(c: Commitment, value: float, prev_value: Optional[float]) -> tuple[Optional[bool], str]:
    if c.change:
        if prev_value is None:
            return None, "上一年度报告未给出该指标数值，无法判断变化幅度"
        delta = value - prev_value
        want = c.value if c.op in (">=", ">") else -(c.value or 0)
        ok = delta >= want if want >= 0 else delta <= want
        word = "提高" if delta >= 0 else "降低"
        return ok, f"较上年{word}{fmt_number(abs(round(delta, 2)))}个百分点，承诺{c.target_text}"
    target = c.target_text
    ok = compare(value, Target(target, c.op or ">=", c.value, c.unit))
    return ok, f"本年度为{_fmt(value, c.unit)}，承诺{target}"


def check(c: Commitment, prev: YearReport, cur: YearReport) -> Promise:
    base = dict(commitment=c, planned_year=prev.year, checked_year=cur.year)
    if c.kind == "figure" and c.indicator and c.indicator in cur.points:
        p = cur.points[c.indicator]
        if p.number is not None:
            pp = prev.points.get(c.indicator)
            ok, note = _judge(c, p.number, pp.number if pp else None)
            status = "review" if ok is None or p.status == "review" else "met" if ok else "not_met"
            if p.status == "review" and ok is not None:
                note += "；本年度数值需人工核实"
            return Promise(**base, status=status, quote=p.quote, found=p.number, found_unit=p.unit, note=note)
        if p.value == MENTIONED:
            return Promise(**base, status="review", quote=p.quote, note="本年度报告提到了该指标，但没有给出数字")
    if c.kind == "deliverable" and c.indicator and c.indicator in cur.points:
        p = cur.points[c.indicator]
        if p.value is not None and p.value != "absent" and p.status in ("met", "review"):
            return Promise(**base, status="met" if p.status == "met" else "review", quote=p.quote,
                           note=f"本年度报告：{p.name}{p.value_text if p.number is not None else '已开展'}")
    return _by_terms(c, cur, base)


def _best(terms: tuple[str, ...], said: Optional[Said]) -> tuple[Optional[Statement], float]:
    """The sentence naming most of the terms; achievements before shortcomings, then the earliest."""
    if said is None:
        return None, 0
    found = said.sentences_with(terms, PART)
    if not found:
        return None, 0
    m = max(found.values())
    best = [span for span, share in found.items() if share == m]  # the part's rank is looked up for these only
    span = min(best, key=lambda span: (_PART_RANK.get(said.kind_at(span[0]), 3), span)) if len(best) > 1 else best[0]
    return said.statement(span), m


def _strength(share: float) -> str:
    if share >= WHOLE:
        return "all"
    return "partial" if share >= PART else "none"


@lru_cache(maxsize=16)
def _words(words: tuple[str, ...]):
    """One search for any of the words (a scan per word cost a promise's sentence dozens)."""
    return alternation(words)


def _has(text: str, words: tuple[str, ...]) -> bool:
    return _words(words).search(text) is not None


def _not_done(s: Statement) -> bool:
    return s.kind == "shortcomings" or _has(s.text, vocabulary().not_done_words)


def _figure_in(s: Statement, c: Commitment) -> Optional[Quantity]:
    """The figure of the commitment's kind in a sentence, nearest its first key term; thresholds skipped."""
    first = min((s.text.find(t) for t in c.terms if t in s.text), default=0)
    best = None
    for q in find_quantities(s.text):
        if not _same_unit(q.unit, c.unit):
            continue
        before = s.text[max(0, q.start - _BOUND_BEFORE):q.start]
        if any(w in before for w in comparisons.BOUND_WORDS):
            continue
        if best is None or abs(q.start - first) < abs(best.start - first):
            best = q
    return best


def _same_unit(a: Optional[str], b: Optional[str]) -> bool:
    if a == b:
        return True
    return a in units.EVENT_UNITS and b in units.EVENT_UNITS


def _by_terms(c: Commitment, cur: YearReport, base: dict) -> Promise:
    if not c.terms:
        return Promise(**base, status="not_mentioned", note="本年度报告未报告该指标")
    s, share = _best(c.terms, cur.said)
    strength = _strength(share)
    if s is None or strength == "none":
        return Promise(**base, status="not_mentioned", note="本年度报告中没有找到“" + "、".join(c.terms) + "”")
    words = "、".join(c.terms)
    if strength == "partial":
        return Promise(**base, status="review", quote=s.quote, part_kind=s.kind,
                       note=f"只找到部分关键词（{words}），请人工核实是否为同一事项")
    if c.kind == "figure" and not c.change:
        q = _figure_in(s, c)
        if q is not None and not _not_done(s):
            ok, note = _judge(c, q.value, None)
            return Promise(**base, status="met" if ok else "not_met", quote=s.quote, part_kind=s.kind,
                           found=q.value, found_unit=q.unit, note=note)
    if _not_done(s):
        where = "存在的不足部分" if s.kind == "shortcomings" else "报告"
        return Promise(**base, status="not_met", quote=s.quote, part_kind=s.kind, note=f"{where}写明该事项未完成或不到位")
    if c.kind == "figure":
        return Promise(**base, status="review", quote=s.quote, part_kind=s.kind,
                       note="本年度报告提到了该事项，但没有给出可比的数字")
    v = vocabulary()
    if c.complete and _has(s.text, v.done_words) and not _has(s.text, v.completed_words):
        # 建成……平台 promised, 稳步开展……平台建设，取得初步成效 reported: under way is not done
        return Promise(**base, status="review", quote=s.quote, part_kind=s.kind,
                       note="本年度报告写明正在推进，但没有说明是否已经完成")
    if _has(s.text, v.done_words):
        return Promise(**base, status="met", quote=s.quote, part_kind=s.kind, note="本年度报告写明已开展或完成")
    return Promise(**base, status="review", quote=s.quote, part_kind=s.kind,
                   note="本年度报告提到了该事项，但没有说明是否完成")

