"""commitments: what a report's next-year plan promises, and the text outside it where the next report answers.

A commitment is a clause of the plan (the `next_year` sections of the outline, and sentences of facts marked
`planned`) that states a figure to reach (力争出庭应诉率达到95%, 举办3次法治讲座, 败诉率控制在10%以内, 提高5个百分点)
or a thing to deliver (完成……制度的制定, 建成……平台). A figure is tied to an indicator by the rule set's names and
aliases; every commitment keeps its specific key terms, so one without a figure or an indicator can still be
looked for next year. The words are in commitments.yaml; this module is the grammar.
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Iterable, NamedTuple, Optional

import yaml

from .. import rx
from ..fold import cjk_count
from ..grammar import comparisons, units
from ..grammar.aliases import compile_alias, has_gap, pieces as alias_pieces
from ..grammar.quantities import find_quantities
from ..models import Audit, Quantity
from ..packs.model import Rule, RuleSet
from .keys import indicator_key, short_name
from .model import Commitment
from .said import Said, said_of

DIGEST_VERSION = 2
_SENT_MARKS = "。!?;\n"  # folded text: full-width marks are half-width
_CLAUSE_MARKS = ",:" + _SENT_MARKS
_MARKER = rx.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|[一二三四五六七八九十]{1,2}是)\s*")
_RUN = rx.compile(r"[\u4e00-\u9fff]{2,}")
_FUNCTION_CHARS = "的和及与等并"
# A name in quotes or title marks is one thing, whatever numerals it holds (“一件事一次办”, “三项制度”, 《…三年行动…》).
_QUOTED = rx.compile(r"“[^“”]*”|《[^《》]*》|「[^「」]*」|‘[^‘’]*’|\"[^\"]*\"")
_QUOTE_OPEN = rx.compile(r"[“《「‘\"]")  # a clause without one has no quoted name (most have none)
# Deadlines (30日内报送) and durations are not figures the next report states as achieved.
_TIME_UNITS = ("天", "日", "小时")
SHORT_CLAUSE = 10  # a clause this short is quoted with the one before it ("…出庭应诉率，力争达到95%")
MAX_TERMS = 6
_BOUNDS = rx.compile("|".join(re.escape(w) for w in sorted(
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
    framing_endings: tuple[str, ...]
    completion_verbs: tuple[str, ...]
    completed_words: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(resources.files("auditor.compare").joinpath("commitments.yaml").read_text(encoding="utf-8"))
    t = lambda k: tuple(data[k])  # noqa: E731
    return Vocabulary(t("deliverable_verbs"), t("deliverable_objects"), frozenset(data["lead_words"]),
                      frozenset(data["generic_terms"]), t("done_words"), t("not_done_words"), t("lower_words"),
                      t("plan_words"), t("rise_words"), t("fall_words"),
                      t("framing_endings"), t("completion_verbs"), t("completed_words"))


def alternation(words: Iterable[str]) -> re.Pattern:
    return rx.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _patterns() -> dict:
    v = vocabulary()
    return {"verbs": alternation(v.deliverable_verbs), "objects": alternation(v.deliverable_objects),
            "plan": alternation(v.plan_words), "lower": alternation(v.lower_words),
            "bound": alternation(comparisons.BOUND_WORDS + comparisons.ABOVE + comparisons.BELOW),
            # single-character intent words (将, 要) stay: taken out of running text they would cut words apart
            # (sorted: a set's order differs per process, and the pattern would be compiled anew in each)
            "stop": alternation(sorted({w for w in v.lead_words | v.generic_terms | set(v.deliverable_verbs)
                                        if len(w) > 1} | set(_FUNCTION_CHARS)))}


def key_terms(text: str, drop: Iterable[str] = ()) -> tuple[str, ...]:
    """The specific phrases of a clause (folded): what is left once intent words, verbs of delivery, generic
    nouns, comparison words, figures and the report's own names (`drop`) are taken out. 完成行政规范性文件集中清理工作
    -> 规范性文件集中清理. Matched next year by their character pairs (said.py), so no word segmentation is needed."""
    return _terms(text, tuple(sorted((d for d in drop if d), key=len, reverse=True)))


def _terms(text: str, drop: tuple[str, ...]) -> tuple[str, ...]:
    """key_terms with `drop` already without empty names and longest first."""
    for d in drop:
        text = text.replace(d, " ")
    text = _patterns()["stop"].sub(" ", _BOUNDS.sub(" ", text))
    out: list[str] = []
    for run in _RUN.findall(text):
        if run not in out:
            out.append(run)
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
    plan_word = _patterns()["plan"]
    for facts in audit.facts.by_indicator.values():
        for f in facts:
            if f.planned and not any(s <= f.evidence.start < e for s, e in merged):
                # "全年举办讲座2次，力争明年更多": the plan starts at its word, the result before it stays a result
                m = plan_word.search(text, f.evidence.start, f.evidence.end)
                extra.append((m.start() if m else f.evidence.start, f.evidence.end))
    return _merge(merged + extra)


# ---------------------------------------------------------------- indicators named in a clause

@dataclass(frozen=True)
class _Named:
    """The indicator names of a rule set: one alternation of every literal alias, and the aliases with gaps."""

    literal: Optional[re.Pattern]
    by_literal: dict  # literal alias -> the rules it names
    gapped: tuple  # (compiled gap alias, its first piece, rule): the piece a clause must hold for it to match


_NAMED: dict = {}  # id(ruleset) -> (ruleset, names): a batch worker reads every report with one rule set


def _indicators(ruleset: RuleSet) -> _Named:
    got = _NAMED.get(id(ruleset))
    if got is not None and got[0] is ruleset:
        return got[1]
    if len(_NAMED) > 8:
        _NAMED.clear()
    names = _indicator_names(ruleset)
    _NAMED[id(ruleset)] = (ruleset, names)
    return names


def _indicator_names(ruleset: RuleSet) -> _Named:
    from ..text import literal

    by_literal: dict[str, list[Rule]] = {}
    gapped = []
    for r in ruleset.rules:
        if r.kind not in ("metric", "count", "mention") or not (r.aliases or r.any_of):
            continue
        for a in tuple(r.aliases) or tuple(r.any_of):
            if has_gap(a):
                gapped.append((compile_alias(a), (alias_pieces(a) or ("",))[0], r))
            elif literal(a):
                by_literal.setdefault(literal(a), []).append(r)
    return _Named(alternation(by_literal) if by_literal else None, by_literal, tuple(gapped))


def _by_place(h: tuple[int, int, Rule]) -> tuple[int, int]:
    return h[0], h[0] - h[1]  # first, and the longer name first at one place


def _names_in(named: _Named, clause: str) -> list[tuple[int, int, Rule]]:
    """(start, end, rule) of every indicator name in the clause, in order; rules not yet filtered by kind."""
    found = [(m.start(), m.end(), r) for m in named.literal.finditer(clause)
             for r in named.by_literal[m.group(0)]] if named.literal else []
    found += [(m.start(), m.end(), r) for p, first, r in named.gapped if first in clause and (m := p.search(clause))]
    if len(found) > 1:
        found.sort(key=_by_place)
    return found


def _hits(named: _Named, clause: str, kinds: tuple[str, ...],
          found: Optional[list[tuple[int, int, Rule]]] = None) -> list[tuple[int, int, Rule]]:
    """(start, end, rule) of every indicator name in the clause (a rule once, at its first name), in order;
    `found`: _names_in of the clause, when already read."""
    hits: dict[str, tuple[int, int, Rule]] = {}
    for s, e, r in _names_in(named, clause) if found is None else found:
        if r.kind in kinds and r.id not in hits and not (r.exclude and any(x in clause for x in r.exclude)):
            hits[r.id] = (s, e, r)
    return list(hits.values())  # in the order of `found`


def _key(rule: Optional[Rule]) -> Optional[str]:
    return indicator_key(rule.id, rule.indicator) if rule is not None else None


def _nearest(hits: list[tuple[int, int, Rule]], q: "_Figure") -> Optional[Rule]:
    before = [h for h in hits if h[1] <= q.start]
    if before:
        return before[-1][2]
    after = [h for h in hits if h[0] >= q.end]
    return after[0][2] if after else None


# ---------------------------------------------------------------- the figure's comparison

def _op(clause: str, q: "_Figure", rule: Optional[Rule]) -> str:
    before = clause[max(0, q.start - 14):q.start]
    after = clause[q.end:q.end + 4]
    if after.startswith(comparisons.AFTER_AT_MOST):
        return "<="
    if after.startswith(comparisons.AFTER_AT_LEAST):
        return ">="
    if _patterns()["lower"].search(before):
        return "<="
    last = None
    for m in _patterns()["bound"].finditer(before):
        last = m
    if last is not None:
        return comparisons.op_of(last.group(0))
    if rule is not None and rule.target is not None and rule.target.op in ("<", "<="):
        return "<="  # a rate where lower is better (败诉率): the plan's figure is a ceiling
    return ">="


def _change_op(clause: str, q: "_Figure") -> Optional[str]:
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
        self.own = tuple(d for d in sorted(set(names + [short_name(x) for x in names]), key=len, reverse=True) if d)

    def quote(self, cs: int, ce: int, prev: Optional[tuple[int, int]]) -> str:
        if prev is not None and (ce - cs < SHORT_CLAUSE or cjk_count(self.text, cs, ce) < SHORT_CLAUSE):
            cs = prev[0]
        return _unmarked(self.original[cs:ce].strip())

    def clause(self, cs: int, ce: int, prev: Optional[tuple[int, int]], found: list[Quantity]) -> list[Commitment]:
        """`found`: the figures of the clause, offsets in the report."""
        clause = self.text[cs:ce]
        body = _unmarked(clause)
        lead = len(clause) - len(body)
        at = cs + lead
        out: list[Commitment] = []
        qs = [_Figure(q.value, q.unit, q.start - at, q.end - at) for q in found if q.start >= at]
        if qs and any(q.unit in _TIME_UNITS for q in qs):
            return []  # 30日内报送备案: a standing procedure with its deadline, not a result to report
        if _framing(body):
            return []  # 2024年是……的关键之年: what the year is, not what will be done
        names = [m.span() for m in _QUOTED.finditer(body)] if _QUOTE_OPEN.search(body) else []
        if names:
            qs = [q for q in qs if not any(s <= q.start and q.end <= e for s, e in names)]
        indicators = _names_in(self.named, body) if qs else None  # read once for all the clause's figures
        for q in qs:
            c = self.figure(body, q, at, prev, indicators)
            if c is not None:
                out.append(c)
        if not out:
            c = self.deliverable(body, at, prev, names, indicators)
            if c is not None:
                out.append(c)
        return out

    def figure(self, body: str, q: "_Figure", at: int, prev, indicators: list) -> Optional[Commitment]:
        if q.start > 0 and body[q.start - 1] in "第":
            return None
        kinds = ("metric",) if q.unit in ("%", "个百分点") else ("count",)
        hits = _hits(self.named, body, kinds, indicators)
        rule = _nearest(hits, q)
        if rule is not None and rule.kind == "count" and q.unit not in (rule.units or units.EVENT_UNITS):
            rule = None
        change = q.unit == "个百分点"
        op = _change_op(body, q) if change else _op(body, q, rule)
        if op is None:
            return None
        terms = _terms(body[:q.start] + " " + body[q.end:], self.own)
        if rule is None and not terms:
            return None  # a figure of nothing the next report could be asked about
        return Commitment(self.quote(at, at + len(body), prev), "figure", _key(rule),
                          rule.name if rule else "", op, q.value, "%" if change else q.unit, change, terms,
                          at + q.start)

    def deliverable(self, body: str, at: int, prev, names: list[tuple[int, int]],
                    indicators: Optional[list]) -> Optional[Commitment]:
        """`names`: the spans of quoted names in the body; `indicators`: _names_in of the body, when read."""
        pats = _patterns()
        # the clause's own verb, not one inside a title it names (贯彻落实《…实施方案》 delivers no 方案)
        if names:
            verb = next((m for m in pats["verbs"].finditer(body) if not any(s <= m.start() < e for s, e in names)),
                        None)
        else:
            verb = pats["verbs"].search(body)
        if verb is None or not pats["objects"].search(body, verb.end()):
            return None
        terms = _terms(body, self.own)
        hits = _hits(self.named, body, ("metric", "count", "mention"), indicators)
        rule = hits[0][2] if hits else None
        if rule is None and not terms:
            return None  # 完善工作机制: nothing specific to look for
        return Commitment(self.quote(at, at + len(body), prev), "deliverable",
                          _key(rule), rule.name if rule else "", terms=terms,
                          start=at + verb.start(), complete=verb.group(0) in vocabulary().completion_verbs)


def _framing(body: str) -> bool:
    """A clause saying what the year is: 是 … 之年 / 关键一年 at its end."""
    return "是" in body and body.rstrip().endswith(vocabulary().framing_endings)


def _unmarked(clause: str) -> str:
    """The clause without its enumeration marker (（一）, 1., 一是) and the spaces around it."""
    m = _MARKER.match(clause)
    return clause[m.end():] if m else clause


class _Figure(NamedTuple):
    """A figure of a clause, offsets in the clause (cheaper to make than a Quantity)."""

    value: float
    unit: str
    start: int
    end: int


def _shifted(q: Quantity, by: int) -> Quantity:
    return Quantity(q.value, q.unit, q.start + by, q.end + by, q.approx, q.target)


_START = operator.attrgetter("start")


def commitments(audit: Audit, ruleset: RuleSet, plan: Optional[list[tuple[int, int]]] = None) -> list[Commitment]:
    """Every commitment of the report's next-year plan (`plan`: its spans, when known), in text order."""
    r = _Reader(audit, ruleset)
    text = r.text
    figures = audit.facts.quantities  # the document's figures, read once by the extraction, in text order
    pats = _patterns()
    objects = pats["objects"]
    out: list[Commitment] = []
    for s, e in plan if plan is not None else plan_spans(audit):
        if figures:
            lo, hi = bisect.bisect_left(figures, s, key=_START), bisect.bisect_left(figures, e, key=_START)
            qs = [q for q in figures[lo:hi] if q.end <= e]
        else:  # an audit made without its figure list
            qs = [_shifted(q, s) for q in find_quantities(text[s:e])]
        q_starts = [q.start for q in qs]
        verbs = [m.start() for m in pats["verbs"].finditer(text, s, e)]
        # only the clauses holding a figure or a verb are read further: found from the separators around them
        bounds = _separators(text, s, e)
        for k in sorted({bisect.bisect_right(bounds, p) for p in q_starts + verbs}):
            cs, ce = bounds[k - 1] + 1 if k else s, bounds[k] if k < len(bounds) else e
            i, j = bisect.bisect_left(q_starts, cs), bisect.bisect_left(q_starts, ce)
            if i == j and not objects.search(text, cs, ce):
                continue  # no figure, and nothing a verb could deliver: not a commitment
            out += r.clause(cs, ce, _previous(text, s, bounds, k), qs[i:j])
    return out


def _separators(text: str, s: int, e: int) -> list[int]:
    """Offsets of the clause separators (_CLAUSE_MARKS) in text[s:e], found by splitting in C (no match per mark)."""
    flat = text[s:e]
    for mark in _CLAUSE_MARKS[:-1]:
        flat = flat.replace(mark, "\n")
    pieces = flat.split("\n")
    return list(map(operator.add, accumulate(map(len, pieces[:-1])), range(s, s + len(pieces) - 1)))


def _previous(text: str, s: int, bounds: list[int], k: int) -> Optional[tuple[int, int]]:
    """The clause before clause k in the same sentence (empty pieces skipped), None at a sentence's start."""
    j = k - 1
    if j < 0:
        return None
    while True:  # the run of separators just before clause k
        if text[bounds[j]] in _SENT_MARKS:
            return None
        if j == 0 or bounds[j - 1] != bounds[j] - 1:
            break
        j -= 1
    start = bounds[j - 1] + 1 if j else s
    return (start, bounds[j]) if start < bounds[j] else None


def said(audit: Audit, plan: Optional[list[tuple[int, int]]] = None) -> Said:
    """The report outside its plan: where next year's report is searched for this year's promises."""
    doc = audit.document
    parts = [(p.start, p.end, p.kind) for p in audit.outline.parts]
    return said_of(doc.text, doc.original, plan if plan is not None else plan_spans(audit), parts)


def digest(audit: Audit, ruleset: RuleSet) -> dict:
    """What a later comparison needs of this report and cannot read from its findings: the plan's commitments
    and the sentences outside the plan. Stored under `trend` in batch results (docs/json.md)."""
    plan = plan_spans(audit)
    return {"version": DIGEST_VERSION, "commitments": [c.to_dict() for c in commitments(audit, ruleset, plan)],
            "said": said(audit, plan).to_dict()}


def from_digest(d: Optional[dict], plain: bool = False) -> tuple[tuple[Commitment, ...], Said, bool]:
    """(commitments, what the report says outside its plan, whether the digest was there) from a stored digest;
    `plain`: each commitment as the plain tuple of its fields (Commitment.fields)."""
    if not isinstance(d, dict) or d.get("version") != DIGEST_VERSION:
        return (), Said("", ""), False
    make = Commitment.fields if plain else Commitment.from_dict
    cs = tuple(make(c) for c in d.get("commitments") or () if isinstance(c, dict))
    return cs, Said.from_dict(d.get("said")), True
