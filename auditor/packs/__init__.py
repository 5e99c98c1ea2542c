"""Rule packs: reading (source), schema, the one validator (validate), references (refs), loading with extends,
targets and disable (loader), a cache of loaded rule sets (cache), waivers, and the Rule/Pack/RuleSet model.

The names below are imported from their modules when first asked for, so that `from auditor.packs.model import
Rule` does not load the validator, the schema and the YAML reader.
"""
from __future__ import annotations

import importlib

_HOMES = {"BUNDLED_RULES": "loader", "DEFAULT_PACKS": "loader", "PROFILE_PACK": "loader", "Assembly": "loader",
          "RulePackErrors": "loader", "assemble": "loader", "did_you_mean": "loader", "load_rules": "loader",
          "read_pack": "loader", "AppliesTo": "model", "Pack": "model", "Rule": "model", "RuleSet": "model",
          "SCHEMA_PATH": "schema", "WAIVER_SCHEMA_PATH": "schema", "line_of": "source", "check_waivers": "waivers",
          "load_waivers": "waivers"}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
