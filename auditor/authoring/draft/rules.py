"""A drafted rule and the set being drafted: ids that stay unique, rules in the order of the plan."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ...grammar.numerals import parse_number
from .known import Known
from .plan import CN_DIGITS

WEIGHTS = {"metric": 5, "count": 3, "mention": 2}


@dataclass
class DraftRule:
    id: str
    kind: str
    name: str
    clause: Optional[str]
    sentence: str  # source sentence, as written
    indicator: Optional[str] = None  # the catalog indicator it refers to: its name and phrases are the catalog's
    category: str = ""
    target: Any = None
    aliases: list = field(default_factory=list)
    any_of: list = field(default_factory=list)
    all_of: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    context: list = field(default_factory=list)
    units: list = field(default_factory=list)
    derive: Optional[dict] = None
    review_if: Optional[dict] = None
    zero_when: list = field(default_factory=list)
    informational: bool = False
    weight: float = 1
    advice: str = ""
    description: str = ""
    examples: list = field(default_factory=list)
    examples_note: str = ""
    known: bool = False
    pos: int = 0
    goal: Any = None  # the target as read (grammar.plan_targets.PlanTarget), whatever the rule's kind
    note: str = ""  # what the reviewer should check, written above the rule
    scored: bool = False  # the weight is the item's points in a scoring table
    years: dict = field(default_factory=dict)  # later years' targets: ("year", 2025) / ("index", 2) -> target
    year_goals: dict = field(default_factory=dict)  # the same, as read


def _slug(clause: Optional[str]) -> str:
    """A clause label as id digits: "22" -> 22, "一（二）" -> 1_2."""
    if not clause:
        return "0"
    if clause.isdigit():
        return clause
    parts = [ch if ch.isdigit() else str(int(parse_number(ch) or 0))
             for ch in re.findall(rf"[{CN_DIGITS}]+|\d+", clause)]
    return "_".join(parts) or "0"


class Draft:
    """The rules drafted so far, the ids taken, the catalog and reviewed rules they may refer to, and warnings for
    the reviewer."""

    def __init__(self, known: Known):
        self.known = known
        self.rules: list[DraftRule] = []
        self.ids: set[str] = set()
        self.counters: dict[str, int] = {}
        self.warnings: list[str] = []

    def new_id(self, prefix: str, clause: Optional[str]) -> str:
        slug = _slug(clause)
        while True:
            k = self.counters.get(slug, 0) + 1
            self.counters[slug] = k
            rid = f"{prefix}_{slug}_{k}"
            if rid not in self.ids:
                return rid

    def add(self, r: DraftRule) -> DraftRule:
        self.ids.add(r.id)
        self.rules.append(r)
        return r

    def get(self, rid: str) -> Optional[DraftRule]:
        return next((r for r in self.rules if r.id == rid), None)
