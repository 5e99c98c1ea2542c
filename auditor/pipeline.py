"""The pipeline, read first: load -> outline -> text -> extract -> evaluate. Rendering is separate (report/)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Optional

from .applicability import pack_alerts, refuse_if_not_report
from .evaluate import evaluate
from .extract import extract
from .load import load_document
from .models import Audit, Document, Waiver
from .outline import build_outline
from .packs.model import RuleSet
from .text import Text


def audit_document(doc: Document, ruleset: RuleSet, waivers: Iterable[Waiver] = (),
                   today: Optional[date] = None, as_report: bool = False) -> Audit:
    kind = refuse_if_not_report(doc, as_report)  # a work plan is not audited as a report unless forced
    outline = build_outline(doc)
    text = Text(doc, outline)
    facts = extract(doc, outline, ruleset.rules, text)
    audit = evaluate(doc, outline, facts, ruleset, text, waivers, today)
    return replace(audit, alerts=audit.alerts + kind + pack_alerts(doc, ruleset))


def audit_file(path: str, ruleset: RuleSet, waivers: Iterable[Waiver] = (), today: Optional[date] = None,
               as_report: bool = False) -> Audit:
    return audit_document(load_document(path), ruleset, waivers, today, as_report)
