"""metric: a rate the report should state, against a target (or listed, for profile rules).

met:     行政机关负责人出庭应诉率达到100%            (target 不低于90%)
not_met: 经复议后被诉案件比例为35%                  (target 低于30%)
"""
from __future__ import annotations

from typing import Optional

from ..attribution import (labelled_count, ours_after, rate_after, rate_before, rate_beside, share_after,
                           wider_scope, zero_after)
from ..grammar import units
from ..models import MENTIONED, Fact, Quantity
from ..packs.model import Rule
from ..text import Text
from .base import (EvalContext, SpecProblem, actual, compare_status, doubtful_off_topic, finding, fmt, mentions, numbers,
                   planned_note, within)

KIND = "metric"
LABEL = "比率"
DEFAULT_UNIT = "%"
TARGETS = True  # a rule of this kind may carry a target (and packs may tailor it)
DEFAULTS: dict = {}
DERIVE_UNITS = units.CASE_UNITS  # numerator and denominator units when derive.units is not given
VALUES = "number"
_CHANGE_NOTE = "报告提到了该指标的变化，但没有给出本年度数值"
_SUBSET_NOTE = "该数值可能只针对部分情形，请人工核实"
_DOUBTFUL_NOTE = "报告的说法与该指标相近但不完全相同，请人工核实是否为同一指标"
_FULL_NOTE = "报告以“没有一件……不……”等说法表明全部达到，视为100%，请人工核实"


def facts(rule: Rule, t: Text) -> list[Fact]:
    out: list[Fact] = []
    context = tuple(rule.context)
    review_words = tuple(rule.review_if["any_of"]) if rule.review_if else ()

    def context_ok(pos: int) -> bool:
        return not context or t.sentence_has(pos, context)

    def review_note(pos: int, tag: str) -> Optional[str]:
        if review_words and t.sentence_has(pos, review_words):
            return rule.review_if.get("note") or _SUBSET_NOTE
        return (rule.doubtful_note or _DOUBTFUL_NOTE) if tag == "doubtful" else None

    hits = t.tagged_hits({"": rule.aliases, "doubtful": rule.doubtful}, rule.exclude, terms=rule.terms, head_last=True)
    for hs, he, tag in hits:
        if not context_ok(hs) or not within(rule, t.kind_at(hs)):
            continue
        if tag == "doubtful" and doubtful_off_topic(rule, t, hs):
            continue
        out.append(_stated(rule, t, hs, he, review_note(hs, tag)))
    named = [(s, e) for s, e, _ in hits]
    beside = rule.rate_with and ("%" in t.text or "百分之" in t.text)  # no percentage, nothing to read
    for hs, he in (t.hits(rule.rate_with, rule.exclude) if beside else ()):  # "负责人100%出庭应诉"
        if any(s < he and hs < e for s, e in named) or not context_ok(hs) or not within(rule, t.kind_at(hs)):
            continue
        q = rate_beside(t, hs, he, rule.rate_with)
        if q is None:
            continue
        wider = wider_scope(t, hs)
        ev = t.evidence(hs, max(he, q.end), (q.start, q.end))
        if wider:
            out.append(Fact(rule.id, MENTIONED, None, ev, planned=t.planned(hs),
                            review=f"报告中的 {q.value:g}% 是{wider}的数值，不是本报告主体的数值"))
        else:
            out.append(Fact(rule.id, q.value, "%", ev, planned=t.planned(hs), review=review_note(hs, ""),
                            approx=q.approx))
    derive = rule.derive or {}
    for hs, he in t.hits(derive.get("complement", ()), rule.exclude):
        if not context_ok(hs):
            continue
        q, _ = rate_after(t, hs, he)
        if q is not None and not wider_scope(t, hs):
            out.append(Fact(rule.id, round(100.0 - q.value, 2), "%", t.evidence(hs, q.end, (q.start, q.end)),
                            derived=True, planned=t.planned(hs), review=review_note(hs, "")))
    for hs, he in t.hits(rule.zero_when):  # "行政机关无败诉案件": a rate of zero, said in words
        if context_ok(hs) and within(rule, t.kind_at(hs)):
            out.append(Fact(rule.id, 0.0, "%", t.evidence(hs, he), derived=True, planned=t.planned(hs)))
    for hs, he in t.hits(rule.full_when):  # "没有一起案件负责人不出庭": every case, said as a double negation
        if context_ok(hs) and within(rule, t.kind_at(hs)):
            out.append(Fact(rule.id, 100.0, "%", t.evidence(hs, he), derived=True, planned=t.planned(hs),
                            review=_FULL_NOTE))
    if derive.get("numerator") and derive.get("denominator"):
        out += _ratio_facts(rule, t, context_ok)
    return out


def _stated(rule: Rule, t: Text, hs: int, he: int, note: Optional[str]) -> Fact:
    """What a rate's name at [hs, he) says: its value, a change without a level, another body's figure, or nothing."""
    planned = t.planned(hs)
    q, why = rate_after(t, hs, he)
    if q is None and why != "change":
        q = rate_before(t, hs)  # "100%“网上可办”"
    if q is None and why != "change" and zero_after(t, he):  # "败诉率为零"
        return Fact(rule.id, 0.0, "%", t.evidence(hs, he), planned=planned, review=note)
    wider = wider_scope(t, hs)
    if q is not None and wider:
        ours = ours_after(t, q.end)  # "全市…85.3%，本区为97%"
        if ours is None:
            return Fact(rule.id, MENTIONED, None, t.evidence(hs, q.end, (q.start, q.end)), planned=planned,
                        review=f"报告中的 {q.value:g}% 是{wider}的数值，不是本报告主体的数值")
        q = ours
    if q is not None:
        return Fact(rule.id, q.value, "%", t.evidence(hs, q.end, (q.start, q.end)), planned=planned, review=note,
                    approx=q.approx)
    return Fact(rule.id, MENTIONED, None, t.evidence(hs, he), planned=planned,
                review=_CHANGE_NOTE if why == "change" else note)


def _ratio_facts(rule: Rule, t: Text, context_ok) -> list[Fact]:
    derive = rule.derive
    count_units = tuple(derive.get("units") or DERIVE_UNITS)
    out = []
    labelled = [(h, labelled_count(t, h[0], h[1], count_units)) for h in t.hits(derive["numerator"], rule.exclude)]
    numerators = {q.start for _, q in labelled if q is not None}  # a count a numerator labels is never a base
    denominators = t.hits(derive["denominator"])
    starts = [d[0] for d in denominators]
    import bisect

    for (hs, he), nq in labelled:
        if nq is None or not context_ok(hs):
            continue
        ss, se = t.sentence(hs)
        share = share_after(t, nq.end, se)
        if share is not None:  # "复议后起诉的11件，占审结案件的22.4%": the report states the rate itself
            out.append(Fact(rule.id, share.value, "%", t.evidence(hs, share.end, (share.start, share.end)),
                            planned=t.planned(hs)))
            continue
        dens: list[Quantity] = []
        lo, hi = bisect.bisect_left(starts, max(ss, hs - 400)), bisect.bisect_left(starts, min(se, hs + 400))
        for ds, de in denominators[lo:hi][:12]:
            dq = labelled_count(t, ds, de, (nq.unit,))
            if dq is None or dq.start in numerators or dq.value < nq.value or dq.value == 0:
                continue
            if all(d.start != dq.start for d in dens):
                dens.append(dq)
        if not dens:
            continue
        dens.sort(key=lambda d: d.start)
        values = [round(nq.value / d.value * 100, 2) for d in dens]
        ev = t.evidence(min(dens[0].start, nq.start), max(dens[0].end, nq.end), (nq.start, nq.end))
        review = None
        if len(values) > 1:
            review = ("比率的分母有多种可能（" + "、".join(f"{d.value:g}{d.unit}" for d in dens) +
                      "），推算值分别为 " + "、".join(f"{v:g}%" for v in values))
        out.append(Fact(rule.id, values[0], "%", ev, derived=True, alternatives=tuple(values[1:]),
                        planned=t.planned(hs), review=review))
    return out


def choose(rule: Rule, ctx: EvalContext):
    """(all facts, facts of this year, the value to judge, explicit values)."""
    all_facts = ctx.facts.for_indicator(rule.id)
    now = actual(all_facts)
    explicit = [f for f in numbers(now) if not f.derived]
    derived = [f for f in numbers(now) if f.derived]
    plain = [f for f in explicit if not f.review]  # a value read without doubt wins over a doubtful one
    chosen = plain[0] if plain else explicit[0] if explicit else derived[0] if derived else None
    return all_facts, now, chosen, explicit


def check(rule: Rule, ctx: EvalContext):
    all_facts, now, chosen, explicit = choose(rule, ctx)
    if chosen is None:
        seen = mentions(now)
        note = ("报告提到了该事项，但没有给出比率" if seen else "报告未报告该指标") + planned_note(all_facts)
        if seen and seen[0].review:
            note = seen[0].review
        return finding(rule, "not_reported", None, tuple(f.evidence for f in seen[:1]), note=note)
    value = chosen.value
    evidence = (chosen.evidence,)
    reviews = [chosen.review] if chosen.review else []
    distinct = sorted({round(f.value, 2) for f in explicit})
    if len(distinct) > 1:
        reviews.append("报告中该指标出现多个不同数值（" + "、".join(fmt(v, "%") for v in distinct) + "），请核实哪个是本年度全口径数值")
        evidence += tuple(f.evidence for f in explicit[1:3])
    if rule.target is None:
        status = "met"
        note = f"报告值 {fmt(value, '%')}" + ("（由报告中的数字推算）" if chosen.derived else "")
    else:
        status, note = compare_status(rule, value, ctx, chosen.alternatives)
        if chosen.derived:
            note = "由报告中的数字推算：" + note
    if reviews:
        if status != "not_met" or chosen.derived or len(distinct) > 1:
            status = "review"
        note = note + "；" + "；".join(reviews)
    return finding(rule, status, value, evidence, note=note, derived=chosen.derived, alternatives=chosen.alternatives,
                   unit="%")


def validate(spec: dict, target) -> list[SpecProblem]:
    if target is not None and not target.relative_to and target.unit not in (None, "%"):
        return [SpecProblem(("target",), f"比率（metric）规则的目标应为百分比，而不是“{target.text}”")]
    return []
