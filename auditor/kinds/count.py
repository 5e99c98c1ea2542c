"""count: how many times something was done, against a target.

met:    全年举办法治专题讲座3次                  (target 至少2次)
review: 到各社区开展法治专题讲座                 (target 至少2次; no number given)
"""
from __future__ import annotations

from ..attribution import count_near, negated
from ..grammar import units
from ..models import MENTIONED, Fact
from ..packs.model import Rule
from ..text import Text
from .base import (SKIP_FOR_DONE, EvalContext, SpecProblem, actual, compare_status, finding, fmt, mentions, numbers,
                   planned_note, within)

KIND = "count"
LABEL = "次数"
DEFAULT_UNIT = "次"
TARGETS = True  # a rule of this kind may carry a target (and packs may tailor it)
DEFAULTS = {"units": units.EVENT_UNITS}
VALUES = "number"
_SHARED_NOTE = "报告中的数字是多项活动的合计，无法单独计数"


def facts(rule: Rule, t: Text) -> list[Fact]:
    out: list[Fact] = []
    context = tuple(rule.context)
    for hs, he in t.hits(rule.aliases, rule.exclude):
        kind = t.kind_at(hs)
        if kind in SKIP_FOR_DONE or not within(rule, kind):
            continue
        if context and not t.sentence_has(hs, context):
            continue
        cs, _ = t.clause(hs)
        if negated(t, cs, hs):
            continue
        planned = t.planned(hs)
        chosen, shared = count_near(t, hs, he, rule.units)
        if chosen is not None and not shared:
            mark = (min(hs, chosen.start), max(he, chosen.end))
            out.append(Fact(rule.id, chosen.value, chosen.unit, t.evidence(hs, he, mark), planned=planned,
                            approx=chosen.approx))
        else:
            out.append(Fact(rule.id, MENTIONED, None, t.evidence(hs, he), planned=planned,
                            review=_SHARED_NOTE if shared else None))
    return out


def check(rule: Rule, ctx: EvalContext):
    all_facts = ctx.facts.for_indicator(rule.id)
    now = actual(all_facts)
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
            return finding(rule, "met", MENTIONED, ev, note="报告提及已开展，未给出次数")
        if t.op in (">=", ">") and (t.value or 0) <= (1 if t.op == ">=" else 0):
            return finding(rule, "met", MENTIONED, ev, note=f"报告提及已开展（未给出次数），可认定达到“{t.text}”")
        note = f"报告提及已开展，但没有给出次数，无法判断是否达到“{t.text}”"
        if seen[0].review:
            note += "；" + seen[0].review
        return finding(rule, "review", MENTIONED, ev, note=note)
    return finding(rule, "not_reported", None, note="报告未提及" + planned_note(all_facts))


def validate(spec: dict, target) -> list[SpecProblem]:
    if target is not None and not target.relative_to and target.unit == "%":
        return [SpecProblem(("target",), f"次数（count）规则的目标应为次数，而不是“{target.text}”", "比率请用 kind: metric")]
    return []
