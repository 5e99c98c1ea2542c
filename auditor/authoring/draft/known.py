"""What a plan's wording is linked to: the national indicator catalog first — the drafted rule then says
`indicator: <id>` and inherits the indicator's name and vocabulary — else a reviewed pack's rule of its own (its id
and phrases are copied, so a new year's pack compares with last year's).

A plan's name is matched as a report's wording is, by the reading core: `Text.tagged_hits` with the rule's phrases,
order-free key terms and excludes, on a Text of the name (法治专题讲座, 专题法治讲座 and 法制讲座 are one indicator
because the catalog says so). A match is refused when the plan qualifies the subject otherwise (行政执法事项网上办理率
is not 政务服务事项网上可办率; 行政执法人员法律知识考试 is not 国家工作人员学法用法考试), names an audience the indicator
is not for, lists several things, counts in a unit the indicator does not or over several years, or lacks the
rule's context.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from ...errors import RulePackError
from ...fold import fold
from ...grammar.aliases import has_gap
from ...grammar.plan_targets import PlanTarget
from ...models import Document, Outline
from ...packs.catalog import CATALOG_REF, catalog_path
from ...packs.loader import BUNDLED_RULES, Rule, read_pack
from ...text import Text

MIN_MATCH = 3  # characters of a name a rule's phrase must cover (率 or 讲座 alone names nothing)
_SEVERAL_AFTER = re.compile(r"^[^、]{0,6}(、|等)")  # 法治讲座、法律培训等活动: a total of several, not one indicator
_YEARS = re.compile(r"^[0-9.]+年$")  # 每五年一次: a period of several years


@dataclass
class Known:
    """The catalog's indicators, the reviewed packs' rules of their own, and what those packs set per indicator."""

    catalog: dict[str, Rule] = field(default_factory=dict)
    own: dict[str, Rule] = field(default_factory=dict)  # reviewed packs' rules on no catalog indicator
    reviewed: dict[str, list[Rule]] = field(default_factory=dict)  # indicator id -> reviewed packs' rules on it
    extended: frozenset = frozenset()  # ids the packs a draft extends define (national/…)

    def rule(self, rid: str) -> Optional[Rule]:
        return self.catalog.get(rid) or self.own.get(rid)

    def rules(self, kind: str) -> Iterator[Rule]:
        """Candidates of a kind, the catalog's first (it wins a tie)."""
        for r in list(self.catalog.values()) + list(self.own.values()):
            if r.kind == kind and not r.within:
                yield r

    def weight(self, indicator: str, default: float) -> float:
        """The weight reviewed packs gave the indicator, else the default of its kind."""
        return next((r.weight for r in self.reviewed.get(indicator, ()) if not r.informational), default)


@lru_cache(maxsize=64)
def _pack_rules(path: Path, mtime: int) -> tuple[str, tuple[Rule, ...]]:
    """(pack id, rules) of one reviewed pack file (nothing for a draft or a broken file), read once while unchanged."""
    try:
        pack, rules, _ = read_pack(path)
    except (RulePackError, KeyError, TypeError):
        return "", ()
    return ("", ()) if pack.draft else (pack.id, tuple(rules))


def _read(path: Path) -> tuple[str, tuple[Rule, ...]]:
    try:
        return _pack_rules(path.resolve(), path.stat().st_mtime_ns)
    except OSError:
        return "", ()


def load_known(output: Optional[Path] = None) -> Known:
    """The catalog a draft written to `output` will refer to (the project's, else the bundled one) and the reviewed
    packs beside it: bundled, and under the output's rules/ folder."""
    where = output if output is not None else Path.cwd() / "draft.yaml"
    cat = catalog_path(where)
    known = Known(catalog={r.id: r for r in _read(cat)[1]} if cat is not None else {})
    root = next((p for p in where.resolve().parents if p.name == "rules"), None)
    files = sorted(BUNDLED_RULES.rglob("*.yaml"))
    if root is not None and root.resolve() != BUNDLED_RULES.resolve():
        files += sorted(root.rglob("*.yaml"))
    files.sort(key=lambda f: (0 if f.parent.name == "national" else 1, str(f)))
    skipped = where.resolve()
    extended = set()
    for f in files:
        if f.resolve() == skipped:
            continue
        pack_id, rules = _read(f)
        if pack_id == CATALOG_REF:
            continue
        for r in rules:
            indicator = r.indicator or (r.id if r.id in known.catalog else None)
            if indicator is not None:
                known.reviewed.setdefault(indicator, []).append(r)
            else:
                known.own[r.id] = r
            if pack_id.startswith("national/"):
                extended.add(r.id)
    known.extended = frozenset(extended)
    return known


def text_of(s: str) -> Text:
    """A name or a plan sentence as the reading core reads a report."""
    return Text(Document(path="", format="txt", original=s, text=fold(s)[0]), Outline(()))


def sure_hits(rule: Rule, t: Text) -> list[tuple[int, int]]:
    """Where the reading core finds the rule in t (its phrases and order-free terms, minus excludes; near forms
    left out): for a mention, with its other phrase groups in the same sentence and no exclude there."""
    if rule.kind == "mention":
        first = tuple(rule.all_of[0]) if rule.all_of else tuple(rule.any_of)
        rest = [tuple(g) for g in rule.all_of[1:]] + ([tuple(rule.any_of)] if rule.all_of and rule.any_of else [])
    else:
        first, rest = tuple(rule.aliases), []
    hits = t.tagged_hits({"": first}, rule.exclude, terms=rule.terms, head_last=rule.kind == "metric")
    out = []
    for hs, he, _ in hits:
        if rule.kind == "mention" and rule.exclude and t.sentence_has(hs, tuple(rule.exclude)):
            continue
        if all(t.sentence_has(hs, g) for g in rest):
            out.append((hs, he))
    return out


def terms(rule: Rule) -> list[str]:
    """The phrases a rule is recognised by (its order-free terms aside)."""
    if rule.kind == "mention":
        return [t for g in rule.all_of for t in g] + list(rule.any_of)
    return [rule.name] + list(rule.aliases)


def _qualifier(rule: Rule) -> str:
    """政务服务事项网上可办率 -> 政务服务事项: the words of a rule's name before its shortest alias."""
    inside = [a for a in rule.aliases if "*" not in a and rule.name.endswith(a) and a != rule.name]
    return rule.name[:-len(min(inside, key=len))] if inside else ""


def qualifiers_conflict(rule: Rule, prefix: str) -> bool:
    """行政执法事项网上办理率 is not 政务服务事项网上可办率: the plan qualifies the indicator with another value of
    the same kind of word (事项, 人员, 案件 …) than the rule does."""
    own = _qualifier(rule)
    if len(own) < 4 or len(prefix) < 4 or own[-2:] != prefix[-2:]:
        return False
    return own[-4:-2] != prefix[-4:-2]  # 政务服务事项 / 行政执法事项; 国家工作人员 / 行政执法人员


@dataclass(frozen=True)
class Link:
    """What a plan's name is: a rule (catalog indicator or reviewed rule), or nothing; and a catalog indicator it
    resembles but was refused for, with why (for the reviewer)."""

    rule: Optional[Rule] = None
    near: Optional[Rule] = None
    why: str = ""


def _refusal(rule: Rule, name: str, hs: int, he: int, goal: Optional[PlanTarget]) -> str:
    """Why a hit of the rule in the plan's name does not make the name the rule's indicator ("" when it does).
    A count's target must count in the rule's units, per year or less (a report states one year)."""
    prefix = name[:hs]
    if qualifiers_conflict(rule, prefix):
        return f"原文的对象是“{prefix}”，该指标是“{_qualifier(rule)}”"
    if rule.audiences and text_of(name).sentence_has(0, tuple(rule.audiences)):
        return "原文针对的对象与该指标不同"
    if _SEVERAL_AFTER.match(name[he:]):
        return "原文是几项合计"
    if goal is not None and rule.kind == "count":
        if goal.unit not in rule.units:
            return f"原文的计数单位是“{goal.unit}”"
        if goal.per and _YEARS.match(goal.per):
            return f"原文的周期是每{goal.per}"
    return ""


def _core(rule: Rule) -> str:
    """The words every phrase of a rule ends with: 纠错率 for 行政复议纠错率, 复议纠错率, 直接纠错率, 纠错率."""
    plain = [a[::-1] for a in rule.aliases if not has_gap(a)]
    return os.path.commonprefix(plain)[::-1] if plain else ""


def _context_ok(rule: Rule, sentence: str, said: str) -> bool:
    """The rule's context words in the plan's sentence, the indicator's own core words aside: 纠错率 alone gives
    no context 纠错 (备案审查…纠错率 is not the 行政复议纠错率), 行政复议纠错率 has its 复议."""
    if not rule.context:
        return True
    core = _core(rule)
    if core and said.endswith(core):
        sentence = sentence.replace(said, said[:-len(core)] + "，")
    return text_of(sentence).sentence_has(0, tuple(rule.context))


def link_name(name: str, kind: str, sentence: str, known: Known, goal: Optional[PlanTarget] = None,
              clause: str = "") -> Link:
    """The rule a plan's name for an indicator (a metric or count, or a duty's object) is, as a report's wording
    would be read. The longest hit wins, the whole name most; a rate's phrase must end the name (its head word).
    A name the clause's words before it complete (每名行政执法人员至少参加一次|集中培训) is read in its clause: a
    hit there that ends with the name."""
    t = text_of(name)
    n = len(t.text)
    found = _scan(t, kind, sentence, known, goal,
                  lambda hs, he: he - hs >= MIN_MATCH and (kind != "metric" or he == n),
                  lambda hs, he: (he - hs) + (100 if (hs, he) == (0, n) else 0), whole=False)
    if found.rule is None and clause and kind != "metric":
        c = text_of(clause)
        at = c.text.rfind(t.text) if t.text else -1
        if at >= 0:
            inside = _scan(c, kind, sentence, known, goal, lambda hs, he: hs < at and he == at + n,
                           lambda hs, he: he - hs, whole=True)
            found = inside if inside.rule is not None or inside.near is not None else found
    return found


def _scan(t: Text, kind: str, sentence: str, known: Known, goal: Optional[PlanTarget], fits, score_of,
          whole: bool) -> Link:
    """The best-scoring rule whose hit in t fits; the best refused catalog indicator when none is taken. whole: the
    hit is the name (its qualifier inside it), else the text before the hit qualifies it."""
    best, best_score, near, near_score, why_near = None, 0, None, 0, ""
    for rule in known.rules(kind):
        for hs, he in sure_hits(rule, t):
            said = t.text[hs:he]
            if not fits(hs, he) or not _context_ok(rule, sentence, said):
                continue
            score = score_of(hs, he)
            why = _refusal(rule, said, 0, len(said), goal) if whole else _refusal(rule, t.text, hs, he, goal)
            if why:
                if rule.id in known.catalog and score > near_score:
                    near, near_score, why_near = rule, score, why
            elif score > best_score:
                best, best_score = rule, score
    return Link(best) if best is not None else Link(None, near, why_near)


def sentence_duties(sentence: str, known: Known) -> list[tuple[Rule, tuple[int, int], list[str]]]:
    """The mention rules a plan sentence names, as a report's sentence would be read: (rule, first span, the
    words matched)."""
    t = text_of(sentence)
    out = []
    for rule in known.rules("mention"):
        hits = [h for h in sure_hits(rule, t) if not rule.context or t.sentence_has(h[0], tuple(rule.context))]
        if hits:
            out.append((rule, hits[0], [t.text[s:e] for s, e in hits]))
    return out
