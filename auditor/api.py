"""Library entry points used by the CLI, batch mode and other tools."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional, Sequence

from .models import Audit
from .pipeline import audit_file
from .rules import RuleSet, load_rules, load_waivers


def check(path: str, rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None,
          today: Optional[date] = None, ruleset: Optional[RuleSet] = None) -> Audit:
    """Audit one report file against rule packs (default: the national annual-report pack)."""
    ruleset = ruleset or load_rules(rules)
    w = load_waivers(waivers) if waivers else ()
    return audit_file(path, ruleset, w, today)
