"""The pipeline, read first: load -> outline -> text -> extract -> evaluate. Rendering is separate (report/)."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from .evaluate import evaluate
from .extract import extract
from .load import load_document
from .models import Audit, Document, Waiver
from .outline import build_outline
from .packs.model import RuleSet
from .text import Text


def audit_document(doc: Document, ruleset: RuleSet, waivers: Iterable[Waiver] = (),
                   today: Optional[date] = None) -> Audit:
    outline = build_outline(doc)
    text = Text(doc, outline)
    facts = extract(doc, outline, ruleset.rules, text)
    return evaluate(doc, outline, facts, ruleset, text, waivers, today)


def audit_file(path: str, ruleset: RuleSet, waivers: Iterable[Waiver] = (), today: Optional[date] = None) -> Audit:
    return audit_document(load_document(path), ruleset, waivers, today)
