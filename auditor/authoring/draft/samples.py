"""Example sentences for drafted rules that have none: one sentence that meets the target, so `rules test` runs
on the draft at once. The reviewer replaces them with sentences from real reports.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ...grammar.targets import TargetError, parse_target
from ...models import Target
from ...packs.loader import DEFAULT_COUNT_UNITS


def parsed_target(target: Any, unit: Optional[str] = None) -> Optional[Target]:
    if target is None:
        return None
    try:
        return parse_target(target, default_unit=unit)
    except (TargetError, KeyError, TypeError):
        return None


def _plain(term: str) -> str:
    return re.sub(r"\*|…+|\.\.\.", "", term)


def _mention_example(r) -> list[dict]:
    if r.all_of:
        second = _plain(r.all_of[1][0]) if len(r.all_of) > 1 else ""
        return [{"text": f"{_plain(r.all_of[0][0])}已按要求{second}。", "status": "met"}]
    return [{"text": f"全面落实{_plain(r.any_of[0])}。", "status": "met"}] if r.any_of else []


def _meeting_value(t: Target, kind: str) -> float:
    """A value that meets the target, as a report would state it."""
    v = t.value or 0
    if t.op in (">=", ">"):
        if kind == "metric":
            return min(100.0, v + 5) if v < 100 else 100.0
        return v + 1
    if t.op in ("<=", "<"):
        return max(0.0, v - 1 if kind == "count" else v - 5)
    return v


def _relative_example(r, t: Target, lead: str, alias: str, ref) -> list[dict]:
    if ref is None:
        return []
    ref_alias = next((a for a in ref.aliases if "*" not in a), ref.name)
    a, b = (20, 10) if t.op in (">", ">=") else (10, 20)
    return [{"text": f"{lead}{alias}为{a}%，{ref_alias}为{b}%。", "value": a, "status": "met"}]


def generate_examples(r, by_id: dict, known) -> list[dict]:
    """One example that meets the drafted rule `r` (a DraftRule; `known` the Known it may compare with); [] when
    none can be made."""
    if r.kind == "mention":
        return _mention_example(r)
    alias = next((a for a in r.aliases if "*" not in a and "…" not in a), None) or _plain(r.aliases[0])
    lead = f"{r.context[0]}工作中，" if r.context and not any(c in alias for c in r.context) else ""
    if r.kind == "metric" and r.target is None:
        return [{"text": f"{lead}{alias}为9%。", "value": 9}]
    t = parsed_target(r.target, "%" if r.kind == "metric" else "次")
    if t is None:
        return []
    if t.relative_to:
        ref = by_id.get(t.relative_to)
        if ref is None or ref.indicator:
            ref = known.rule(ref.indicator if ref is not None else t.relative_to)
        return _relative_example(r, t, lead, alias, ref)
    good = _meeting_value(t, r.kind)
    if r.kind == "metric":
        return [{"text": f"{lead}全年{alias}为{good:g}%。", "value": good, "status": "met"}]
    units = list(r.units) or list(DEFAULT_COUNT_UNITS)
    unit = t.unit if t.unit in units else units[0]
    return [{"text": f"{lead}全年{alias}{good:g}{unit}。", "value": good, "status": "met"}]
