"""evaluate: rules x facts -> findings, waivers, and the weighted score."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Optional

from . import kinds
from .kinds.base import EvalContext
from .models import Audit, Document, Facts, Finding, Outline, Waiver
from .packs.model import RuleSet
from .text import Text

CREDIT = {"met": 1.0, "review": 0.5, "not_met": 0.0, "not_reported": 0.0}


def score(findings: Iterable[Finding], waived_out: bool = True) -> float:
    num = den = 0.0
    for f in findings:
        status = f.status if waived_out else (f.status_before_waiver or f.status)
        if f.informational or status == "waived":
            continue
        den += f.weight
        num += f.weight * CREDIT.get(status, 0.0)
    return round(100.0 * num / den, 1) if den else 100.0


def _waiver_applies(w: Waiver, doc: Document) -> bool:
    if w.jurisdiction in ("*", "全部"):
        return True
    from .identify import short_name

    a, b = short_name(w.jurisdiction), short_name(doc.jurisdiction or "")
    return bool(b) and (a in b or b in a)


def judge(ruleset: RuleSet, ctx: EvalContext) -> list[Finding]:
    """One finding per rule, in pack order; a rule whose target compares with another rule is judged after it."""
    relative = {r.id for r in ruleset.rules if r.target and r.target.relative_to}
    by_id: dict[str, Finding] = {}
    for rule in ruleset.rules:
        if rule.id not in relative:
            by_id[rule.id] = f = kinds.check(rule, ctx)
            if isinstance(f.value, float):
                ctx.values[rule.id] = f.value
    for rule in ruleset.rules:
        if rule.id in relative:
            by_id[rule.id] = kinds.check(rule, ctx)
    return [by_id[r.id] for r in ruleset.rules]


def apply_waivers(findings: list[Finding], waivers: Iterable[Waiver], doc: Document,
                  today: date) -> tuple[list[Finding], list[Waiver]]:
    expired = []
    waivers = [w for w in waivers if _waiver_applies(w, doc)]
    out = list(findings)
    for i, f in enumerate(out):
        mine = [w for w in waivers if w.rule_id == f.rule_id]
        valid = [w for w in mine if not w.expired(today)]
        if valid:  # a current waiver wins over an expired one for the same rule
            w = valid[0]
            out[i] = replace(f, status="waived", status_before_waiver=f.status, waiver=w,
                             note=f"不适用：{w.reason}（批准：{w.approver}）")
        elif mine:
            w = mine[0]
            expired += mine
            out[i] = replace(f, note=f"{f.note}；豁免已于{w.expires:%Y年%m月%d日}到期，不再适用", waiver=w)
    return out, expired


def evaluate(doc: Document, outline: Outline, facts: Facts, ruleset: RuleSet, text: Optional[Text] = None,
             waivers: Iterable[Waiver] = (), today: Optional[date] = None) -> Audit:
    today = today or date.today()
    ctx = EvalContext(doc, outline, facts, ruleset, text or Text(doc, outline), today, {})
    findings = judge(ruleset, ctx)
    before = score(findings)
    findings, expired = apply_waivers(findings, waivers, doc, today)
    return Audit(document=doc, outline=outline, facts=facts, packs=tuple(p.info() for p in ruleset.packs),
                 findings=tuple(findings), score=score(findings), score_before_waivers=before,
                 expired_waivers=tuple(expired), alerts=doc.alerts)
