"""The pipeline, read first: load -> outline -> extract -> evaluate. Rendering is separate (report/)."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from .evaluate import evaluate
from .extract import extract, make_context
from .load import load_document
from .models import Audit, Document
from .outline import build_outline
from .packs.loader import RuleSet
from .models import Waiver


def audit_document(doc: Document, ruleset: RuleSet, waivers: Iterable[Waiver] = (),
                   today: Optional[date] = None) -> Audit:
    outline = build_outline(doc)
    ctx = make_context(doc, outline)
    facts = extract(doc, outline, ruleset.rules, ctx)
    return evaluate(doc, outline, facts, ruleset, ctx, waivers, today)


def audit_file(path: str, ruleset: RuleSet, waivers: Iterable[Waiver] = (), today: Optional[date] = None) -> Audit:
    return audit_document(load_document(path), ruleset, waivers, today)
