"""commitments: what a report's next-year plan promises, and the sentences where the next report can answer.

A commitment is a clause of the plan (the `next_year` sections of the outline, and sentences of facts marked
`planned`) that states a figure to reach (力争出庭应诉率达到95%, 举办3次法治讲座, 败诉率控制在10%以内, 提高5个百分点)
or a thing to deliver (完成……制度的制定, 建成……平台). A figure is tied to an indicator by the rule set's names and
aliases; every commitment keeps its specific key terms, so one without a figure or an indicator can still be
looked for next year. The words are in commitments.yaml; this module is the grammar.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

import yaml

from ..grammar import comparisons, units
from ..grammar.aliases import compile_alias, has_gap
from ..grammar.quantities import find_quantities
from ..identify import short_name
from ..models import Audit, Quantity
from ..packs.model import Rule, RuleSet
from .keys import indicator_key
from .model import Commitment, Statement

DIGEST_VERSION = 1
_SENT = re.compile(r"[。!?;\n]")  # folded text: full-width marks are half-width
_CLAUSE = re.compile(r"[,:。!?;\n]")
_MARKER = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|[一二三四五六七八九十]{1,2}是)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Deadlines (30日内报送) and durations are not figures the next report states as achieved.
_TIME_UNITS = ("天", "日", "小时")
STATEMENT_MAX = 300  # characters per stored sentence; longer ones are cut at commas
SHORT_CLAUSE = 10  # a clause this short is quoted with the one before it ("…出庭应诉率，力争达到95%")
MAX_TERMS = 6
_BOUNDS = re.compile("|".join(re.escape(w) for w in sorted(
    comparisons.BOUND_WORDS + comparisons.ABOVE + comparisons.BELOW + comparisons.AFTER_AT_LEAST
    + comparisons.AFTER_AT_MOST, key=len, reverse=True) if not w[0] in "<>=≤≥"))


@dataclass(frozen=True)
class Vocabulary:
    deliverable_verbs: tuple[str, ...]
    deliverable_objects: tuple[str, ...]
    lead_words: frozenset
    generic_terms: frozenset
    done_words: tuple[str, ...]
    not_done_words: tuple[str, ...]
    lower_words: tuple[str, ...]
    plan_words: tuple[str, ...]
    rise_words: tuple[str, ...]
    fall_words: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(resources.files("auditor.compare").joinpath("commitments.yaml").read_text(encoding="utf-8"))
    t = lambda k: tuple(data[k])  # noqa: E731
    return Vocabulary(t("deliverable_verbs"), t("deliverable_objects"), frozenset(data["lead_words"]),
                      frozenset(data["generic_terms"]), t("done_words"), t("not_done_words"), t("lower_words"),
                      t("plan_words"), t("rise_words"), t("fall_words"))


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def key_terms(text: str, drop: Iterable[str] = ()) -> tuple[str, ...]:
    """The specific words of a clause (folded): no intent words, verbs of delivery, generic nouns, figures,
    nor words of the report's own name (`drop`), which every sentence of it may contain."""
    v = vocabulary()
    drop = tuple(d for d in drop if d)
    text = _BOUNDS.sub(" ", text)  # 控制在10%以内: the comparison is grammar, not a term
    out: list[str] = []
    for w in _jieba().lcut(text):
        w = w.strip()
        if len(w) < 2 or not _CJK.search(w) or re.search(r"[0-9]", w):
            continue
        if w in v.lead_words or w in v.generic_terms or w in v.deliverable_verbs:
            continue
        if any(w in d for d in drop) or w in out:
            continue
        out.append(w)
    return tuple(out[:MAX_TERMS])


# ---------------------------------------------------------------- where the plan is

def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def plan_spans(audit: Audit) -> list[tuple[int, int]]:
    """The next-year sections, and the sentences of planned facts outside them."""
    spans = [(s.start, s.end) for s in audit.outline.sections if s.kind == "next_year"]
    merged = _merge(spans)
    extra = []
    text = audit.document.text
    plan_word = re.compile("|".join(map(re.escape, vocabulary().plan_words)))
    for facts in audit.facts.by_indicator.values():
        for f in facts:
            if f.planned and not any(s <= f.evidence.start < e for s, e in merged):
                # "全年举办讲座2次，力争明年更多": the plan starts at its word, the result before it stays a result
                m = plan_word.search(text, f.evidence.start, f.evidence.end)
                extra.append((m.start() if m else f.evidence.start, f.evidence.end))
    return _merge(merged + extra)


def _pieces(text: str, start: int, end: int, sep: re.Pattern) -> Iterable[tuple[int, int]]:
    pos = start
    for m in sep.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if end > pos:
        yield pos, end


# ---------------------------------------------------------------- indicators named in a clause

@dataclass(frozen=True)
class _Named:
    rule: Rule
    patterns: tuple  # compiled gap aliases
    literals: tuple[str, ...]


def _indicators(ruleset: RuleSet) -> tuple[_Named, ...]:
    from ..text import literal

    out = []
    for r in ruleset.rules:
        if r.kind not in ("metric", "count", "mention") or not (r.aliases or r.any_of):
            continue
        names = tuple(r.aliases) or tuple(r.any_of)
        out.append(_Named(r, tuple(compile_alias(a) for a in names if has_gap(a)),
                          tuple(sorted({literal(a) for a in names if not has_gap(a) and literal(a)}, key=len,
                                       reverse=True))))
    return tuple(out)


def _hits(named: tuple[_Named, ...], clause: str, kinds: tuple[str, ...]) -> list[tuple[int, int, Rule]]:
    """(start, end, rule) of every indicator name in the clause, longest name first at a position."""
    hits = []
    for n in named:
        if n.rule.kind not in kinds:
            continue
        if n.rule.exclude and any(x in clause for x in n.rule.exclude):
            continue
        for lit in n.literals:
            i = clause.find(lit)
            if i >= 0:
                hits.append((i, i + len(lit), n.rule))
                break
        else:
            for p in n.patterns:
                m = p.search(clause)
                if m:
                    hits.append((m.start(), m.end(), n.rule))
                    break
    return sorted(hits, key=lambda h: (h[0], -(h[1] - h[0])))


def _nearest(hits: list[tuple[int, int, Rule]], q: Quantity) -> Optional[Rule]:
    before = [h for h in hits if h[1] <= q.start]
    if before:
        return before[-1][2]
    after = [h for h in hits if h[0] >= q.end]
    return after[0][2] if after else None


# ---------------------------------------------------------------- the figure's comparison

def _op(clause: str, q: Quantity, rule: Optional[Rule]) -> str:
    v = vocabulary()
    before = clause[max(0, q.start - 14):q.start]
    after = clause[q.end:q.end + 4]
    if after.startswith(comparisons.AFTER_AT_MOST):
        return "<="
    if after.startswith(comparisons.AFTER_AT_LEAST):
        return ">="
    if any(w in before for w in v.lower_words):
        return "<="
    last = None
    for m in re.finditer("|".join(map(re.escape, sorted(comparisons.BOUND_WORDS + comparisons.ABOVE
                                                         + comparisons.BELOW, key=len, reverse=True))), before):
        last = m
    if last is not None:
        return comparisons.op_of(last.group(0))
    if rule is not None and rule.target is not None and rule.target.op in ("<", "<="):
        return "<="  # a rate where lower is better (败诉率): the plan's figure is a ceiling
    return ">="


def _change_op(clause: str, q: Quantity) -> Optional[str]:
    v = vocabulary()
    before = clause[max(0, q.start - 16):q.start]
    rise = max((before.rfind(w) for w in v.rise_words), default=-1)
    fall = max((before.rfind(w) for w in v.fall_words), default=-1)
    if rise < 0 and fall < 0:
        return None
    return ">=" if rise > fall else "<="


# ---------------------------------------------------------------- commitments

class _Reader:
    def __init__(self, audit: Audit, ruleset: RuleSet):
        self.doc = audit.document
        self.text, self.original = self.doc.text, self.doc.original
        self.named = _indicators(ruleset)
        names = [x for x in (self.doc.jurisdiction, self.doc.county, self.doc.prefecture, self.doc.province) if x]
        self.own = tuple(dict.fromkeys(names + [short_name(x) for x in names]))

    def quote(self, cs: int, ce: int, prev: Optional[tuple[int, int]]) -> str:
        if prev is not None and len(_CJK.findall(self.text, cs, ce)) < SHORT_CLAUSE:
            cs = prev[0]
        q = self.original[cs:ce].strip()
        return _MARKER.sub("", q)

    def clause(self, cs: int, ce: int, prev: Optional[tuple[int, int]]) -> list[Commitment]:
        clause = self.text[cs:ce]
        body = _MARKER.sub("", clause)
        lead = len(clause) - len(body)
        out: list[Commitment] = []
        qs = list(find_quantities(body))
        if any(q.unit in _TIME_UNITS for q in qs):
            return []  # 30日内报送备案: a standing procedure with its deadline, not a result to report
        for q in qs:
            c = self.figure(body, q, cs + lead, prev)
            if c is not None:
                out.append(c)
        if not out:
            c = self.deliverable(body, cs + lead, prev)
            if c is not None:
                out.append(c)
        return out

    def figure(self, body: str, q: Quantity, at: int, prev) -> Optional[Commitment]:
        if q.start > 0 and body[q.start - 1] in "第":
            return None
        kinds = ("metric",) if q.unit in ("%", "个百分点") else ("count",)
        hits = _hits(self.named, body, kinds)
        rule = _nearest(hits, q)
        if rule is not None and rule.kind == "count" and q.unit not in (rule.units or units.EVENT_UNITS):
            rule = None
        change = q.unit == "个百分点"
        op = _change_op(body, q) if change else _op(body, q, rule)
        if op is None:
            return None
        rest = body[:q.start] + " " + body[q.end:]
        terms = key_terms(rest, self.own)
        if rule is None and not terms:
            return None  # a figure of nothing the next report could be asked about
        return Commitment(self.quote(at, at + len(body), prev), "figure", indicator_key(rule.id) if rule else None,
                          rule.name if rule else "", op, q.value, "%" if change else q.unit, change, terms,
                          at + q.start)

    def deliverable(self, body: str, at: int, prev) -> Optional[Commitment]:
        v = vocabulary()
        verb = next((m for m in re.finditer("|".join(map(re.escape, v.deliverable_verbs)), body)), None)
        if verb is None or not any(o in body[verb.end():] for o in v.deliverable_objects):
            return None
        terms = key_terms(body, self.own)
        hits = _hits(self.named, body, ("metric", "count", "mention"))
        rule = hits[0][2] if hits else None
        if not terms and rule is None:
            return None  # 完善工作机制: nothing specific to look for
        return Commitment(self.quote(at, at + len(body), prev), "deliverable",
                          indicator_key(rule.id) if rule else None, rule.name if rule else "", terms=terms,
                          start=at + verb.start())


def commitments(audit: Audit, ruleset: RuleSet) -> list[Commitment]:
    """Every commitment of the report's next-year plan, in text order."""
    r = _Reader(audit, ruleset)
    out: list[Commitment] = []
    for s, e in plan_spans(audit):
        for ss, se in _pieces(r.text, s, e, _SENT):
            prev = None
            for cs, ce in _pieces(r.text, ss, se, _CLAUSE):
                if r.text[cs:ce].strip():
                    out += r.clause(cs, ce, prev)
                    prev = (cs, ce)
    return out


def statements(audit: Audit) -> list[Statement]:
    """The report's sentences outside its plan, with their part kind; long ones cut at commas."""
    doc, outline = audit.document, audit.outline
    text, original = doc.text, doc.original
    plan = plan_spans(audit)
    out = []
    for ss, se in _pieces(text, 0, len(text), _SENT):
        if any(s <= ss < e for s, e in plan) or len(text[ss:se].strip()) < 4:
            continue
        kind = outline.kind_at(ss)
        for a, b in _chunks(text, ss, se):
            out.append(Statement(kind, text[a:b], original[a:b]))
    return out


def _chunks(text: str, ss: int, se: int) -> Iterable[tuple[int, int]]:
    while se - ss > STATEMENT_MAX:
        cut = text.rfind(",", ss + STATEMENT_MAX // 2, ss + STATEMENT_MAX)
        cut = cut if cut > ss else ss + STATEMENT_MAX
        yield ss, cut
        ss = cut + 1 if text[cut:cut + 1] == "," else cut
    if se > ss:
        yield ss, se


def digest(audit: Audit, ruleset: RuleSet) -> dict:
    """What a later comparison needs of this report and cannot read from its findings: the plan's commitments
    and the sentences outside the plan. Stored under `trend` in batch results (docs/json.md)."""
    sts = statements(audit)
    return {"version": DIGEST_VERSION,
            "commitments": [c.to_dict() for c in commitments(audit, ruleset)],
            "statements": [[s.kind, s.text] + ([s.quote] if s.quote != s.text else []) for s in sts]}


def from_digest(d: Optional[dict]) -> tuple[tuple[Commitment, ...], tuple[Statement, ...], bool]:
    """(commitments, statements, whether the digest was there) from a stored digest."""
    if not isinstance(d, dict) or d.get("version") != DIGEST_VERSION:
        return (), (), False
    cs = tuple(Commitment.from_dict(c) for c in d.get("commitments") or () if isinstance(c, dict))
    sts = []
    for s in d.get("statements") or ():
        if isinstance(s, list) and len(s) >= 2:
            sts.append(Statement(str(s[0]), str(s[1]), str(s[2]) if len(s) > 2 else str(s[1])))
    return cs, tuple(sts), True
