"""trends: each indicator across a series — values and statuses by year, the change between consecutive reports
(↑/↓ in percentage points for rates), whether that is better, and gaps that opened or closed."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..grammar.targets import TargetError, parse_target
from ..models import STATUS_SEVERITY
from ..report.vocab import GAP_STATUSES
from .model import NUMERIC_KINDS, Change, Point, Series, Trend


@lru_cache(maxsize=1024)
def higher_is_better(target: Optional[str]) -> Optional[bool]:
    """From the rule's target as written: 不低于90% -> True, 低于30% -> False; None without one (a profile rate)."""
    if not target:
        return None
    try:
        t = parse_target(target)
    except (TargetError, ValueError):
        return None
    if t.relative_to:
        return True if t.op in (">", ">=") else False if t.op in ("<", "<=") else None
    return True if t.op in (">", ">=") else False if t.op in ("<", "<=") else None


def change_unit(unit: Optional[str]) -> str:
    return "个百分点" if unit == "%" else (unit or "")


def change(a: Point, b: Point, ya: int, yb: int) -> Change:
    delta = None
    if b.kind in NUMERIC_KINDS and a.number is not None and b.number is not None:
        delta = round(b.number - a.number, 2)
    arrow = "" if delta is None else "↑" if delta > 0 else "↓" if delta < 0 else "→"
    better: Optional[bool] = None
    up = higher_is_better(b.target or a.target)
    if delta is not None and delta != 0 and up is not None:
        better = (delta > 0) == up
    elif not b.informational:
        sa, sb = STATUS_SEVERITY.get(a.status, 0), STATUS_SEVERITY.get(b.status, 0)
        better = None if sa == sb else sb < sa
    gap = None
    if not b.informational:
        if a.status == "met" and b.status in GAP_STATUSES:
            gap = "new"
        elif a.status in GAP_STATUSES and b.status == "met":
            gap = "closed"
    return Change(ya, yb, delta, change_unit(b.unit or a.unit), arrow, better, gap, a.status, b.status)


def indicator_trends(series: Series, kinds: Optional[tuple[str, ...]] = None) -> tuple[Trend, ...]:
    """Every indicator of the series (or those of `kinds`), in the latest report's order."""
    years = sorted(series.reports)
    by_year = [(y, series.reports[y].points) for y in years]
    order: dict[str, None] = {}
    for _, pts in reversed(by_year):  # the latest report's order, then what only earlier ones have
        order.update(dict.fromkeys(pts if kinds is None else [k for k, p in pts.items() if p.kind in kinds]))
    out = []
    for key in order:
        points = {y: pts[key] for y, pts in by_year if key in pts}
        last = points[max(points)]
        out.append(Trend(key, last.name, last.kind, last.unit or next((p.unit for p in points.values() if p.unit),
                                                                       None),
                         last.informational, last.target, points))
    return tuple(out)


def changes(points: dict) -> tuple[Change, ...]:
    """`points`: year -> Point of one indicator."""
    present = sorted(points)
    return tuple(change(points[a], points[b], a, b) for a, b in zip(present, present[1:]))
