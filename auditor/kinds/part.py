"""part: a component of the report that Article 25 requires (present / partial / absent).

met:    一、主要举措和成效 … (a heading of its own)
review: （二）一是严格履行推进法治建设第一责任人职责 (only inside another part)
"""
from __future__ import annotations

from dataclasses import replace

from ..models import PART_LABELS
from ..packs.model import Rule
from .base import EvalContext, SpecProblem, finding, no_facts

KIND = "part"
LABEL = "组成部分"
DEFAULT_UNIT = None
TARGETS = False
DEFAULTS: dict = {}
VALUES = ("present", "partial", "absent")
facts = no_facts


def check(rule: Rule, ctx: EvalContext):
    own = [s for s in ctx.outline.sections if s.level > 0 and s.kind == rule.part]
    t = ctx.text
    if own:
        top = min(s.level for s in own)
        first = next(s for s in own if s.level == top)
        heading = f"{first.marker}{first.heading}"
        ev = replace(t.evidence(first.start, first.heading_end), quote=heading, start=first.start,
                     end=first.heading_end, part=heading, part_kind=rule.part, page=ctx.doc.page_of(first.start),
                     highlight=None)
        return finding(rule, "met", "present", (ev,), note=f"报告有单独部分：{heading}")
    for hs, he in t.hits(rule.partial_aliases or rule.aliases):
        if rule.part != "next_year" and t.kind_at(hs) == "next_year":
            continue
        return finding(rule, "review", "partial", (t.evidence(hs, he),),
                       note=f"“{PART_LABELS.get(rule.part, rule.name)}”的内容只出现在其他部分中，没有单独成部分")
    status = "not_reported" if rule.informational else "not_met"
    return finding(rule, status, "absent", note=f"报告中没有“{PART_LABELS.get(rule.part, rule.name)}”部分")


def validate(spec: dict, target) -> list[SpecProblem]:
    return []
