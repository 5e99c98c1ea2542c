"""part: a component of the report that Article 25 requires (present / partial / absent).

met:    一、主要举措和成效 … (a heading of its own)
review: （二）一是严格履行推进法治建设第一责任人职责 (only inside another part)
"""
from __future__ import annotations

from ..models import PART_LABELS
from .base import EvalContext, finding

KIND = "part"


def check(rule, ctx: EvalContext):
    own = [s for s in ctx.outline.sections if s.level > 0 and s.kind == rule.part]
    if own:
        top = min(s.level for s in own)
        first = next(s for s in own if s.level == top)
        ex = ctx.extract_ctx
        ev = ex.evidence(first.start, first.heading_end)
        ev = type(ev)(quote=f"{first.marker}{first.heading}", start=first.start, end=first.heading_end,
                      part=f"{first.marker}{first.heading}", part_kind=rule.part, page=ctx.doc.page_of(first.start),
                      highlight=None)
        return finding(rule, "met", "present", (ev,), note=f"报告有单独部分：{first.marker}{first.heading}")
    ex = ctx.extract_ctx
    for hs, he in ex.hits(rule.partial_aliases or rule.aliases):
        kind = ex.kind_at(hs)
        if rule.part != "next_year" and kind == "next_year":
            continue
        return finding(rule, "review", "partial", (ex.evidence(hs, he),),
                       note=f"“{PART_LABELS.get(rule.part, rule.name)}”的内容只出现在其他部分中，没有单独成部分")
    status = "not_reported" if rule.informational else "not_met"
    return finding(rule, status, "absent", note=f"报告中没有“{PART_LABELS.get(rule.part, rule.name)}”部分")
