"""The national indicator catalog (rules/catalog/indicators.yaml): each indicator once, with its kind, name, unit
and vocabulary. A pack rule that says `indicator: court_appearance_rate` inherits all of it and adds its target,
clause, weight and advice, and may add local phrases (aliases, exclude, context are joined, not replaced).

The catalog is itself a rule pack (pack: catalog/indicators): checked by the same validator, loadable as a profile
of every indicator. It is found like any pack reference: the project's rules/catalog first, then the bundled one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from ..errors import RulePackError

CATALOG_REF = "catalog/indicators"
# What a rule takes from its indicator. Target, weight, clause, advice, informational stay the pack's own.
INHERITED = ("kind", "name", "unit", "units", "description", "category", "aliases", "terms", "exclude", "context",
             "doubtful", "audiences", "derive", "zero_when", "full_when", "rate_with", "review_if", "within", "all_of", "any_of",
             "examples")
JOINED = ("aliases", "exclude", "context")  # local phrases add to the catalog's


def catalog_path(pack_path: Path) -> Optional[Path]:
    from .refs import resolve_ref

    try:
        return resolve_ref(CATALOG_REF, pack_path)
    except RulePackError:
        return None


def entries(pack_path: Path) -> tuple[Optional[dict], Optional[str]]:
    """The catalog's specs by id for a pack at pack_path, or (None, why)."""
    from .validate import checked_file

    path = catalog_path(pack_path)
    if path is None:
        return None, "找不到指标目录（rules/catalog/indicators.yaml）"
    if path == Path(pack_path).resolve():
        return None, "指标目录中的指标不能再引用指标（indicator）"
    checked = checked_file(path)
    if not checked.clean:
        return None, f"指标目录 {checked.path} 本身有错误，请先运行 auditor rules check"
    specs = checked.source.data.get("rules") or []
    return {s["id"]: s for s in specs if isinstance(s, dict) and isinstance(s.get("id"), str)}, None


def effective(raw: dict, found: Optional[dict]) -> dict:
    """The rule as it applies: the indicator's definition under the pack's own fields."""
    entry = found.get(raw["indicator"]) if found else None
    if entry is None:
        return raw
    spec: dict[str, Any] = {k: entry[k] for k in INHERITED if k in entry}
    for k, v in raw.items():
        if k in JOINED and isinstance(v, list) and isinstance(spec.get(k), list):
            spec[k] = spec[k] + [x for x in v if x not in spec[k]]
        else:
            spec[k] = v
    spec.setdefault("id", raw["indicator"])
    return spec


def kind_fields(schema: dict, kind: str) -> Optional[set]:
    """The fields a rule of this kind may have, from the schema's block for the kind."""
    for block in schema.get("definitions", {}).get("rule", {}).get("allOf", ()):
        if block.get("if", {}).get("properties", {}).get("kind", {}).get("const") == kind:
            return set(block.get("then", {}).get("propertyNames", {}).get("enum", ())) or None
    return None
