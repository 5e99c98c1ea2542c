"""metric: a rate the report should state, against a target (or listed, for profile rules).

met:     行政机关负责人出庭应诉率达到100%            (target 不低于90%)
not_met: 经复议后被诉案件比例为35%                  (target 低于30%)
"""
from __future__ import annotations

from .base import EvalContext, actual, compare_status, finding, fmt, mentions, numbers, planned_note

KIND = "metric"


def choose(rule, ctx: EvalContext):
    facts = ctx.facts.for_indicator(rule.id)
    now = actual(facts)
    explicit = [f for f in numbers(now) if not f.derived]
    derived = [f for f in numbers(now) if f.derived]
    return facts, now, (explicit[0] if explicit else derived[0] if derived else None), explicit


def check(rule, ctx: EvalContext):
    facts, now, chosen, explicit = choose(rule, ctx)
    if chosen is None:
        seen = mentions(now)
        note = ("报告提到了该事项，但没有给出比率" if seen else "报告未报告该指标") + planned_note(facts)
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
