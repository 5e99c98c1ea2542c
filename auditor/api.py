"""Library entry points used by the CLI, batch mode and other tools."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Optional, Sequence

from .models import Audit, Waiver
from .pipeline import audit_file
from .packs.loader import RuleSet, load_rules


def waiver_warnings(waivers: Iterable[Waiver], ruleset: RuleSet) -> list[str]:
    """Waivers that name a rule no loaded pack defines: most likely a typo."""
    known = {r.id for r in ruleset.rules}
    return [f"豁免文件 {w.source} 中的规则“{w.rule_id}”不在所用规则包中，该豁免未生效"
            for w in waivers if w.rule_id not in known]


def check(path: str, rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None,
          today: Optional[date] = None, ruleset: Optional[RuleSet] = None, as_report: bool = False) -> Audit:
    """Audit one report file against rule packs (default: the national annual-report pack). A work plan or
    other non-report is refused (NotAReportError) unless `as_report`."""
    ruleset = ruleset or load_rules(rules)
    if waivers:
        from .packs.waivers import load_waivers

        w = load_waivers(waivers)
    else:
        w = ()
    audit = audit_file(path, ruleset, w, today, as_report)
    warnings = waiver_warnings(w, ruleset)
    return replace(audit, meta={**audit.meta, "warnings": warnings}) if warnings else audit
