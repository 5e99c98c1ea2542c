"""mention: the report says a duty was carried out (all_of terms in one sentence).

met:          制定公布州政府2023年重大行政决策事项目录11项
not_reported: 对列入重大行政决策目录的决策事项严格实行集体讨论决定制度   (not published)
"""
from __future__ import annotations

from ..attribution import helped_only, negated
from ..models import MENTIONED, Fact
from ..packs.model import Rule
from ..text import Text
from .base import SKIP_FOR_DONE, EvalContext, SpecProblem, actual, doubtful_off_topic, finding, planned_note, within

KIND = "mention"
LABEL = "提及"
DEFAULT_UNIT = None
TARGETS = False
DEFAULTS: dict = {}
VALUES = (MENTIONED,)
_DOUBTFUL_NOTE = "报告的说法与该事项相近但不完全相同，请人工核实"
_HELPED_NOTE = "报告写的是配合、协助或督促其他机关完成该事项，请核实本机关是否自行完成"


def facts(rule: Rule, t: Text) -> list[Fact]:
    groups = list(rule.all_of) or [tuple(rule.any_of)]
    if rule.all_of and rule.any_of:
        groups.append(tuple(rule.any_of))
    exclude, context = tuple(rule.exclude), tuple(rule.context)
    out: list[Fact] = []
    taken: set[int] = set()  # sentences with a fact: one fact per sentence

    def sentence_ok(pos: int) -> bool:  # sentence-level tests, each cached per sentence by Text
        if exclude and t.sentence_has(pos, exclude):
            return False
        if context and not t.sentence_has(pos, context):
            return False
        return all(t.sentence_has(pos, tuple(g)) for g in groups[1:])

    hits = t.tagged_hits({"": groups[0], "doubtful": rule.doubtful}, rule.exclude, terms=rule.terms)
    for hs, he, tag in hits:
        kind = t.kind_at(hs)
        if not within(rule, kind) or (not rule.within and kind in SKIP_FOR_DONE):
            continue
        ss, _ = t.sentence(hs)
        if ss in taken or negated(t, ss, hs):
            continue
        if tag == "doubtful":  # a near form stands for the whole duty; only exclusions and context apply
            if (exclude and t.sentence_has(hs, exclude)) or (context and not t.sentence_has(hs, context)):
                continue
            if doubtful_off_topic(rule, t, hs):
                continue
        elif not sentence_ok(hs):
            if not (rule.doubtful and t.sentence_has(hs, tuple(rule.doubtful))):
                continue
            tag = "doubtful"  # "印发《…决策事项目录》": the duty named in a near form (issued, not published)
        taken.add(ss)
        review = (rule.doubtful_note or _DOUBTFUL_NOTE) if tag == "doubtful" else None
        if review is None and helped_only(t, hs):
            review = _HELPED_NOTE  # "配合新区完成重大行政决策事项年度目录依法公开": another body's duty, helped with
        out.append(Fact(rule.id, MENTIONED, None, t.evidence(hs, he), planned=t.planned(hs), review=review))
    return out


def check(rule: Rule, ctx: EvalContext):
    all_facts = ctx.facts.for_indicator(rule.id)
    now = actual(all_facts)
    sure = [f for f in now if not f.review]
    if sure:
        return finding(rule, "met", MENTIONED, tuple(f.evidence for f in sure[:2]), note="报告已提及")
    if now:
        return finding(rule, "review", MENTIONED, tuple(f.evidence for f in now[:2]), note=now[0].review)
    return finding(rule, "not_reported", None, note="报告未提及" + planned_note(all_facts))


def validate(spec: dict, target) -> list[SpecProblem]:
    return []
