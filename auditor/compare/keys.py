"""keys: what makes two reports the same jurisdiction, and two findings the same indicator, across years.

Jurisdiction: the 民政部 division code with the level (a township or a department shares its county's code, so
its own name, without the parent's, tells it apart); by name only where the code is unknown.
Indicator: the national catalog id when the rule carries one, else the rule id (ids are stable across packs).
"""
from __future__ import annotations

from typing import Optional

from functools import lru_cache

from .. import rx
from ..identify import short_name as _short_name

_ORGAN_SUFFIX = rx.compile(r"(人民政府|政府|办事处|行政公署|管理委员会|管委会)$")
COUNTY_OR_ABOVE = ("province", "prefecture", "county")
short_name = lru_cache(maxsize=8192)(_short_name)  # a batch names the same places over and over


def indicator_key(rule_id: str, catalog_id: Optional[str] = None) -> str:
    return catalog_id or rule_id


def catalog_ids(ruleset) -> dict[str, str]:
    """Rule id -> the catalog indicator it checks, for the rules that name one (`indicator:` in a pack)."""
    return {r.id: r.indicator for r in ruleset.rules if getattr(r, "indicator", None)} if ruleset else {}


def unit_name(jurisdiction: Optional[str], parents: tuple[Optional[str], ...] = ()) -> str:
    """A jurisdiction's own name, folded, without its organ suffix or the names of the divisions above it:
    华蓥市司法局 -> 司法局, 双河街道办事处 -> 双河街道, 互助土族自治县 -> 互助县."""
    name = short_name(_ORGAN_SUFFIX.sub("", (jurisdiction or "").strip()))
    for p in parents:
        if not p:
            continue
        full = short_name(p)
        for form in (full, full[:-1] if len(full) > 2 else ""):  # 互助县司法局, then 互助司法局
            if form and name.startswith(form) and len(name) > len(form) + 1:
                name = name[len(form):]
                break
    return name


def jurisdiction_key(division_code: Optional[str], level: Optional[str], jurisdiction: Optional[str],
                     parents: tuple[Optional[str], ...] = ()) -> Optional[tuple]:
    """("code", code, level[, own name]) or ("name", name, level); None when the report names no one."""
    if division_code and level in COUNTY_OR_ABOVE:
        return ("code", division_code, level)
    own = unit_name(jurisdiction, parents)
    if division_code:
        return ("code", division_code, level or "", own)
    if own:
        return ("name", own, level or "")
    return None
