"""extract: Document + Outline + rules -> Facts.

Figures are read once per document by the grammar (grammar/quantities.py) into a Text (text.py); each rule's kind
then attributes them to its indicator (kinds/<kind>.facts, with attribution.py): by the rule's names and aliases,
within the clause. Implied rates (排查纠纷544件,化解527件) and complements (胜诉率100% -> 败诉率0%) are derived and
marked so.
"""
from __future__ import annotations

from typing import Iterable, Optional

from . import kinds
from .models import Document, Facts, Outline
from .packs.model import Rule
from .text import Text


def make_text(doc: Document, outline: Outline) -> Text:
    return Text(doc, outline)


def extract(doc: Document, outline: Outline, rules: Iterable[Rule], text: Optional[Text] = None) -> Facts:
    text = text or Text(doc, outline)
    by = {rule.id: tuple(kinds.get(rule.kind).facts(rule, text)) for rule in rules}
    return Facts(by_indicator=by, quantities=tuple(text.quantities))
