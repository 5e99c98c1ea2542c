"""How well a draft recovers a plan's labelled targets (bench/corpus/gold/plans.yaml): for bench/drafting.py
and the tests. A labelled target is recovered when a drafted rule from the sentence that holds its quote read
the same op, value and unit (a count per period written as 次/年, a cycle as 年); wrong when a target was read
there but differently; missed when none was. A recovered target's rule refers to the right catalog indicator when
it names the entry's `indicator`; for an entry without one, referring to an indicator the labels know is wrong.
An entry with `expect: none` marks words that hold a figure but no target (a deduction, a cap on deductions, a
telephone number): a target read from those words is false.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ...fold import fold
from .drafter import DraftResult


@dataclass(frozen=True)
class Goal:
    """One target a draft read: the rule it went to and the sentence it came from."""

    rule_id: str
    name: str
    sentence: str
    text: str
    op: str
    value: Optional[float]
    unit: str  # 次/年, 小时/年, 日, %, 年 …
    indicator: Optional[str] = None  # the catalog indicator the rule refers to


@dataclass
class PlanScore:
    plan: str
    gold: int = 0
    recovered: list = field(default_factory=list)  # (gold entry, goal)
    wrong: list = field(default_factory=list)  # (gold entry, goals read from its words)
    missed: list = field(default_factory=list)  # gold entries
    review_gold: int = 0  # entries marked `expect: review`: reported, not required
    review_recovered: int = 0
    links_right: int = 0  # recovered targets whose rule refers to the labelled catalog indicator
    links_wrong: list = field(default_factory=list)  # (gold entry, goal) referring to another indicator
    links_missed: list = field(default_factory=list)  # (gold entry, goal) labelled with an indicator, not referring
    false: list = field(default_factory=list)  # (gold entry, goal): a target read from words that set none


def _unit(unit: Optional[str], per: Optional[str]) -> str:
    if not unit:
        return ""
    if unit in ("%", "‰") or not per:
        return unit
    return f"{unit}/{per}"


def draft_goals(result: DraftResult) -> list[Goal]:
    out = []
    for r in result.rules:
        goals = ([r.goal] if r.goal is not None else []) + list(r.year_goals.values())
        for g in dict.fromkeys(goals):
            out.append(Goal(r.id, r.name, r.sentence, g.text, g.op, g.value, _unit(g.unit, g.per), r.indicator))
    return out


def _norm(s: str) -> str:
    return fold(s)[0].replace(" ", "").replace("\t", "")


def _same(entry: dict, g: Goal) -> bool:
    value = entry.get("value")
    return (entry.get("op") == g.op and g.value is not None and value is not None and abs(float(value) - g.value) < 0.06
            and str(entry.get("unit", "")) == g.unit)


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


def _link(score: PlanScore, entry: dict, g: Goal, labelled: frozenset) -> None:
    want = entry.get("indicator")
    if want and g.indicator == want:
        score.links_right += 1
    elif want:
        (score.links_wrong if g.indicator else score.links_missed).append((entry, g))
    elif g.indicator in labelled:
        score.links_wrong.append((entry, g))


def score_plan(plan: str, entries: Iterable[dict], result: DraftResult, labelled: frozenset = frozenset()) -> PlanScore:
    """labelled: the indicator ids the labels know (an entry without `indicator` is none of them)."""
    goals = draft_goals(result)
    used: set[int] = set()
    score = PlanScore(plan)
    entries = list(entries)
    for entry in (e for e in entries if e.get("expect") == "none"):
        quote = _norm(str(entry.get("quote", "")))
        score.false += [(entry, g) for g in goals if g.value is not None and quote and quote in _norm(g.sentence)
                        and _norm(g.text) and _norm(g.text) in quote]
    # Entries quoting the same words compete for the goals read there: each goal goes to the entry whose phrase it
    # shares most with (the two 100% rates of 报备率及审核率百分之百 are not credited to 重大决策听证 before them)
    wanted = [e for e in entries if e.get("expect") != "none"]
    pairs = []
    for n, entry in enumerate(wanted):
        quote = _norm(str(entry.get("quote", "")))
        for i, g in enumerate(goals):
            if quote and quote in _norm(g.sentence) and (_norm(g.text) in quote or quote in _norm(g.text)):
                pairs.append((n, i, _same(entry, g), _overlap(g.name, str(entry.get("phrase", "")))))
    match: dict[int, int] = {}
    for n, i, _, _ in sorted((p for p in pairs if p[2]), key=lambda p: (-p[3], p[0], p[1])):
        if n not in match and i not in used:
            match[n] = i
            used.add(i)
    for n, entry in enumerate(wanted):
        review = entry.get("expect") == "review"
        score.gold += not review
        score.review_gold += review
        if n in match:
            if review:
                score.review_recovered += 1
            else:
                score.recovered.append((entry, goals[match[n]]))
                _link(score, entry, goals[match[n]], labelled)
        elif not review:
            cands = [goals[i] for m, i, _, _ in pairs if m == n and i not in used]
            (score.wrong.append((entry, cands)) if cands else score.missed.append(entry))
    return score
