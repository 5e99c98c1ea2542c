"""count: how many times something was done, against a target.

met:    全年举办法治专题讲座3次                  (target 至少2次)
review: 到各社区开展法治专题讲座                 (target 至少2次; no number given)
"""
from __future__ import annotations

from .base import EvalContext, actual, compare_status, finding, fmt, mentions, numbers, planned_note

KIND = "count"


def check(rule, ctx: EvalContext):
    facts = ctx.facts.for_indicator(rule.id)
    now = actual(facts)
    nums = numbers(now)
    if nums:
        best = max(nums, key=lambda f: f.value)
        if rule.target is None:
            return finding(rule, "met", best.value, (best.evidence,), note=f"报告值 {fmt(best.value, best.unit)}",
                           unit=best.unit)
        status, note = compare_status(rule, best.value, ctx)
        return finding(rule, status, best.value, (best.evidence,), note=note, unit=best.unit)
    seen = mentions(now)
    if seen:
        ev = tuple(f.evidence for f in seen[:2])
        t = rule.target
        if t is None:
            return finding(rule, "met", "mentioned", ev, note="报告提及已开展，未给出次数")
        if t.op in (">=", ">") and (t.value or 0) <= (1 if t.op == ">=" else 0):
            return finding(rule, "met", "mentioned", ev, note=f"报告提及已开展（未给出次数），可认定达到“{t.text}”")
        note = f"报告提及已开展，但没有给出次数，无法判断是否达到“{t.text}”"
        if seen[0].review:
            note += "；" + seen[0].review
        return finding(rule, "review", "mentioned", ev, note=note)
    return finding(rule, "not_reported", None, note="报告未提及" + planned_note(facts))
