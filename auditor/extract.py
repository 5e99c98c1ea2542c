"""extract: Document + Outline + rules -> Facts.

Figures are read once per document by the grammar (grammar/quantities.py) into a Text (text.py); each rule's kind
then attributes them to its indicator (kinds/<kind>.facts, with attribution.py): by the rule's names and aliases,
within the clause. Implied rates (排查纠纷544件,化解527件) and complements (胜诉率100% -> 败诉率0%) are derived and
marked so.
"""
from __future__ import annotations

import time
from typing import Iterable, Optional

from . import kinds
from .errors import AuditTimeout
from .models import Document, Facts, Outline
from .packs.model import Rule
from .text import Text


def make_text(doc: Document, outline: Outline) -> Text:
    return Text(doc, outline)


TIME_BUDGET = 60.0  # seconds for reading one report; every step is linear, so only a hostile input comes near it


def extract(doc: Document, outline: Outline, rules: Iterable[Rule], text: Optional[Text] = None,
            budget: float = TIME_BUDGET) -> Facts:
    text = text or Text(doc, outline)
    deadline = time.monotonic() + budget
    by = {}
    for rule in rules:
        if time.monotonic() > deadline:
            raise AuditTimeout(f"报告内容异常复杂，读取超过 {budget:g} 秒仍未完成，已停止审核", doc.path,
                               hint="请检查文件是否为正常的报告文本（例如没有大段重复的数字或符号）")
        by[rule.id] = tuple(kinds.get(rule.kind).facts(rule, text))
    return Facts(by_indicator=by, quantities=tuple(text.quantities))
