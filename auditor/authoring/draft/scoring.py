"""Scoring tables (考核指标, 评分细则): an item's points are its rule's weight, and its deductions (扣1分, 不得分)
are described on the rule; neither is ever a target.

    每年召开专题工作会议不少于1次(3分)          target 不少于1次, weight 3
    未开展的，扣2分；少报送一条扣0.25分          description 评分：…
"""
from __future__ import annotations

import re

from ...grammar.plan_targets import PlanTarget
from .rules import DraftRule

_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
SCORE_WORDS = re.compile(r"扣\s*\d+(?:\.\d+)?\s*分|得\s*\d+(?:\.\d+)?\s*分|不得分|计\s*\d+(?:\.\d+)?\s*分|酌情扣分")
_MAX_DESCRIPTION = 160


def points(text: str, targets: list[PlanTarget], rules: list[DraftRule]) -> None:
    """(3分) after a rule's target, before the next target: the rule's weight."""
    starts = sorted(t.start for t in targets)
    for r in rules:
        if r.goal is None:
            continue
        stop = next((s for s in starts if s > r.goal.start), len(text))
        if m := _POINTS.search(text, r.goal.end, stop):
            r.weight = float(m.group(1))
            r.scored = True


def deductions(rules: list[DraftRule], sentences: list[str]) -> None:
    """The scoring sentences of an item, described on the item's rules."""
    said = "；".join(s.strip() for s in sentences if SCORE_WORDS.search(s))
    if not said:
        return
    if len(said) > _MAX_DESCRIPTION:
        said = said[:_MAX_DESCRIPTION] + "…"
    for r in rules:
        r.description = "；".join(x for x in (r.description, f"评分：{said}") if x)
        r.scored = True
