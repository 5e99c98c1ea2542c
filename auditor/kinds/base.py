"""What every kind shares: the evaluation context, building a Finding from a rule, and kind-level spec problems."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..attribution import off_topic
from ..grammar.targets import compare
from ..models import MENTIONED, Document, Evidence, Fact, Facts, Finding, Outline
from ..packs.model import Rule, RuleSet
from ..text import Text

# Findings in the shortcomings part describe what was not done: they never count as done.
SKIP_FOR_DONE = ("shortcomings",)


@dataclass(frozen=True)
class SpecProblem:
    """A kind's objection to a rule spec: the field inside the rule (("target",), ("deadline",)), a Chinese message."""

    field: tuple
    message: str
    hint: Optional[str] = None


@dataclass
class EvalContext:
    doc: Document
    outline: Outline
    facts: Facts
    ruleset: RuleSet
    text: Text
    today: date
    values: dict  # rule id -> the numeric value found, for relative targets


def finding(rule: Rule, status: str, value=None, evidence: tuple[Evidence, ...] = (), note: str = "",
            derived: bool = False, alternatives: tuple = (), unit: Optional[str] = None) -> Finding:
    return Finding(
        rule_id=rule.id, kind=rule.kind, name=rule.name, status=status, value=value,
        unit=unit if unit is not None else (rule.unit if isinstance(value, float) else None),
        target=rule.target.text if rule.target else None, derived=derived, alternatives=tuple(alternatives),
        evidence=tuple(evidence), note=note, advice=rule.advice, clause=rule.clause, pack=rule.pack,
        source=rule.source, weight=rule.weight, informational=rule.informational, tailored=rule.tailored,
        category=rule.category,
    )


def doubtful_off_topic(rule: Rule, t: Text, hs: int) -> bool:
    """A near form (doubtful) at hs in another sense than the rule's: attribution.off_topic, the rule's subject
    words being its `about` list, else its key terms before the head word (法治, 法律 … of 法治专题讲座)."""
    subject = rule.doubtful_about or tuple(w for group in rule.terms[:-1] for w in group)
    return off_topic(t, hs, rule.doubtful_not_with, rule.doubtful_about, subject)


def within(rule: Rule, kind: str) -> bool:
    return not rule.within or kind in rule.within


def actual(facts: tuple[Fact, ...]) -> list[Fact]:
    return [f for f in facts if not f.planned]


def numbers(facts) -> list[Fact]:
    return [f for f in facts if isinstance(f.value, float)]


def mentions(facts) -> list[Fact]:
    return [f for f in facts if f.value == MENTIONED]


def fmt(v: float, unit: Optional[str]) -> str:
    return f"{v:g}{unit or ''}"


def planned_note(facts: tuple[Fact, ...]) -> str:
    if not any(f.planned for f in facts):
        return ""
    return "（仅在下一年度安排中出现，属于计划而非本年度结果）"


def compare_status(rule: Rule, value: float, ctx: EvalContext, alternatives=()) -> tuple[str, str]:
    """met / not_met / review for a number against the rule's target, with the reason."""
    t = rule.target
    other = None
    if t.relative_to:
        other = ctx.values.get(t.relative_to)
        if other is None:
            ref = ctx.ruleset.get(t.relative_to)
            return "review", f"报告未给出{ref.name if ref else t.relative_to}，无法比较是否{t.text}"
    ok = compare(value, t, other)
    ref_txt = f"（{fmt(other, rule.unit)}）" if other is not None else ""
    if alternatives:
        alt_ok = [compare(a, t, other) for a in alternatives]
        if any(a != ok for a in alt_ok):
            return "review", f"按不同口径推算结果不一致，是否{t.text}{ref_txt}需人工核实"
    return ("met" if ok else "not_met"), (f"{fmt(value, rule.unit)}，{'达到' if ok else '未达到'}目标“{t.text}”{ref_txt}")


def no_facts(rule: Rule, text: Text) -> list[Fact]:
    """Kinds that judge the document itself (its parts, its metadata) extract nothing per rule."""
    return []


def no_problems(spec: dict, target) -> list[SpecProblem]:
    return []
