"""count: how many times something was done, against a target.

met:    全年举办法治专题讲座3次                  (target 至少2次)
review: 到各社区开展法治专题讲座                 (target 至少2次; no number given)
"""
from __future__ import annotations

from ..attribution import (count_near, effort_only, held, in_cited_document, means_only, names_a_system, negated,
                           rate_stated, routine, shared_before)
from ..grammar import units
from ..models import MENTIONED, Fact
from ..packs.model import Rule
from ..text import Text
from .base import (SKIP_FOR_DONE, EvalContext, SpecProblem, actual, compare_status, doubtful_off_topic, finding, fmt,
                   mentions, numbers, planned_note, within)

KIND = "count"
LABEL = "次数"
DEFAULT_UNIT = "次"
TARGETS = True  # a rule of this kind may carry a target (and packs may tailor it)
DEFAULTS = {"units": units.EVENT_UNITS}
VALUES = "number"
_SHARED_NOTE = "报告中的数字是多项活动的合计，无法单独计数"
_DOUBTFUL_NOTE = "报告的说法与该事项相近但不完全相同，请人工核实是否属于该事项"
_AUDIENCE_NOTE = "该活动可能面向群众、学生或企业等，而不是本指标所指的对象，请人工核实"
_FORMS_NOTE = "报告只把该事项列为开展活动的形式之一，没有单独的次数"
_EFFORT_NOTE = "报告只写了加强（强化）该项工作，没有写明已举办的活动或次数，请核实是否已开展"


def facts(rule: Rule, t: Text) -> list[Fact]:
    out: list[Fact] = []
    context = tuple(rule.context)
    audiences = tuple(rule.audiences)
    hits = t.tagged_hits({"": rule.aliases, "doubtful": rule.doubtful}, rule.exclude, terms=rule.terms)
    for hs, he, tag in hits:
        kind = t.kind_at(hs)
        if kind in SKIP_FOR_DONE or not within(rule, kind):
            continue
        if context and not t.sentence_has(hs, context):
            continue
        cs, _ = t.clause(hs)
        if negated(t, cs, hs) or in_cited_document(t, hs, he) or names_a_system(t, he):
            continue  # "未开展案卷评查"; "学习《案卷评查标准》"; "落实学法考法制度"
        means = means_only(t, hs, he)
        if means:
            continue  # "通过集体学法、学法考试等手段，提高…": a means named, nothing held
        notes = []
        if tag == "doubtful":
            if doubtful_off_topic(rule, t, hs):
                continue  # "宣讲二十大精神": a near form in another sense
            notes.append(rule.doubtful_note or _DOUBTFUL_NOTE)
        if audiences and t.sentence_has(hs, audiences):
            notes.append(rule.audience_note or _AUDIENCE_NOTE)
        planned = t.planned(hs)
        chosen, shared = (None, False) if means is False else count_near(t, hs, he, rule.units)
        if tag == "doubtful" and chosen is None and means is None and not held(t, hs) and not rate_stated(t, he):
            continue  # a near form with neither a count nor a verb that holds it ("坚持…共同宣讲")
        if chosen is None and routine(t, hs):
            continue  # "组织干部常态化学法考法": a standing practice, no occasion reported
        if chosen is None and effort_only(t, hs):
            notes.append(_EFFORT_NOTE)  # "加强执法人员日常学习培训": a practice strengthened, no occasion stated
        shared = shared or (chosen is not None and shared_before(t, hs))
        if means is False:
            notes.append(_FORMS_NOTE)
        if shared:
            notes.append(_SHARED_NOTE)
        review = "；".join(dict.fromkeys(notes)) or None
        if chosen is not None and not shared:
            mark = (min(hs, chosen.start), max(he, chosen.end))
            out.append(Fact(rule.id, chosen.value, chosen.unit, t.evidence(hs, he, mark), planned=planned,
                            approx=chosen.approx, review=review))
        else:
            out.append(Fact(rule.id, MENTIONED, None, t.evidence(hs, he), planned=planned, review=review))
    return out


def check(rule, ctx: EvalContext):
    all_facts = ctx.facts.for_indicator(rule.id)
    now = actual(all_facts)
    nums = numbers(now)
    sure = [f for f in nums if not f.review]  # counts read without doubt win over doubtful ones
    if nums:
        best = max(sure or nums, key=lambda f: f.value)
        doubt = "" if sure else "；" + best.review
        if rule.target is None:
            return finding(rule, "review" if doubt else "met", best.value, (best.evidence,),
                           note=f"报告值 {fmt(best.value, best.unit)}" + doubt, unit=best.unit)
        status, note = compare_status(rule, best.value, ctx)
        return finding(rule, "review" if doubt else status, best.value, (best.evidence,), note=note + doubt,
                       unit=best.unit)
    seen = mentions(now)
    if seen:
        ev = tuple(f.evidence for f in seen[:2])
        t = rule.target
        doubtful = all(f.review and f.review != _SHARED_NOTE for f in seen)  # a shared count leaves no doubt it was held
        if t is None:
            if doubtful:
                return finding(rule, "review", MENTIONED, ev, note="报告提及，但需核实：" + seen[0].review)
            return finding(rule, "met", MENTIONED, ev, note="报告提及已开展，未给出次数")
        if not doubtful and t.op in (">=", ">") and (t.value or 0) <= (1 if t.op == ">=" else 0):
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
