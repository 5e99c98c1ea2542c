"""mention: the report says a duty was carried out (all_of terms in one sentence).

met:          制定公布州政府2023年重大行政决策事项目录11项
not_reported: 对列入重大行政决策目录的决策事项严格实行集体讨论决定制度   (not published)
"""
from __future__ import annotations

from .base import EvalContext, actual, finding, planned_note

KIND = "mention"


def check(rule, ctx: EvalContext):
    facts = ctx.facts.for_indicator(rule.id)
    now = actual(facts)
    if now:
        return finding(rule, "met", "mentioned", tuple(f.evidence for f in now[:2]), note="报告已提及")
    return finding(rule, "not_reported", None, note="报告未提及" + planned_note(facts))
