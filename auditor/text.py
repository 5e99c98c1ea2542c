"""text: a Document and its Outline read for extraction: clauses, sentences, figures, phrase hits, evidence, plans.

One Text per audit; every kind's `facts()` reads it. Lookups are by bisection over offsets computed once, and every
window looked at around a hit is bounded, so one long unbroken sentence costs linear time. The literal phrases of
every rule are found in one pass over the text (PhraseIndex), not one scan per phrase.
"""
from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Optional

from . import rx
from .grammar import comparisons
from .grammar.aliases import GAP_CHARS, MAX_GAPS, MAX_PHRASE, compile_alias, has_gap, pieces
from .grammar.quantities import find_quantities
from .models import Document, Evidence, Outline, Quantity

# a comma unless between two digits (1,000); the comma matched first, then looked around: the engine then skips
# to the next separator character instead of trying a lookbehind at every position
_CLAUSE_SEP = rx.compile(r"[;:。!?\n]|,(?:(?<![0-9],)|(?![0-9]))")
_SENT_SEP = rx.compile(r"[。!?\n]")
_INTENT_WORDS = ("要求", "目标", "力争", "确保", "争取", "计划", "预计", "任务", "标准")
_TARGET_BEFORE = rx.compile("|".join(comparisons.BOUND_WORDS + _INTENT_WORDS))
_TARGET_AFTER = rx.compile(r"(以上|及以上|以内|以下)?的?(目标|要求|标准|任务)")
# 力争 the word, not the 力争 of 全力争创/全力争取 (全力 + 争创): "…完成评查2轮次，全力争创示范市" reports what was done
_PLAN_WORDS = rx.compile(r"下一步|下步|明年|来年|今后一个时期|(?<!全)力争")
# In one clause: an intention to do something (计划举办3次, 拟于年底前完成), wherever the clause stands.
_PLAN_CLAUSE = rx.compile(r"(?:计划|拟|准备|打算)(?:于|在|年内|年底前)?[^,;。]{0,8}?"
                          r"(?:举办|开展|组织|召开|完成|实现|达到|发布|建成|出台|提升|提高)")
# Right before a figure: not what was reached ("尚未达到90%", "不足80%") or someone's average ("全省平均水平（88%）").
_NOT_A_RESULT = rx.compile(r"(?:未|没有|尚未|未能)(?:达到|达|实现)[ \t]{0,2}$|(?:不足|不到|未满)[ \t]{0,2}$"
                           r"|(?:平均[^,;。0-9%]{0,4}|均值[^,;。0-9%]{0,2}|水平[ \t]?[(（])[ \t]{0,2}$")
# The start of an enumerated point inside a paragraph: 一是…, （二）…, 3. …
_POINT_START = rx.compile(r"(?:^|(?<=[。;:\n]))[ \t]*(?:[一二三四五六七八九十]{1,3}是|[(][一二三四五六七八九十0-9]{1,3}[)]|"
                          r"[0-9]{1,2}[.、](?![0-9])|[一二三四五六七八九十]{1,3}、)")
POINT_REACH = 300  # how far back the point a phrase stands in is read
TERM_WINDOW = 30  # how far apart order-free key terms may stand (as a `*` gap)
RATE_TERM_WINDOW = 14  # a rate's name is short: 负责人出庭应诉率
TARGET_WINDOW = 40  # how far before a figure a bound or intent word makes it a target
EVIDENCE_MAX = 160


@dataclass
class Text:
    doc: Document
    outline: Outline

    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def clause_bounds(self) -> list[int]:
        return [m.start() for m in _CLAUSE_SEP.finditer(self.text)]

    @cached_property
    def sentence_bounds(self) -> list[int]:
        return [m.start() for m in _SENT_SEP.finditer(self.text)]

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Every figure, marked `target` when the clause states it as a requirement (不低于90%, 90%的目标)."""
        out = []
        for q in find_quantities(self.text):
            cs, _ = self.clause(q.start)
            before = self.text[max(cs, q.start - TARGET_WINDOW):q.start]
            if (_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(self.text, q.end, q.end + 8)
                    or _NOT_A_RESULT.search(before[-8:])):
                q = replace(q, target=True)
            out.append(q)
        return out

    @cached_property
    def _quantity_starts(self) -> list[int]:
        return [q.start for q in self.quantities]

    def _span(self, bounds: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos - 1)
        start = bounds[i - 1] + 1 if i > 0 else 0
        end = bounds[i] if i < len(bounds) else len(self.text)
        return start, end

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(self.clause_bounds, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._span(self.sentence_bounds, pos)

    @cached_property
    def _kind_cuts(self) -> tuple[list[int], list[str]]:
        """The outline's part kind is constant between two section boundaries: each stretch's kind, read once."""
        cuts = sorted({0, *(s.start for s in self.outline.sections), *(s.end for s in self.outline.sections)})
        return cuts, [self.outline.kind_at(c) for c in cuts]

    def kind_at(self, pos: int) -> str:
        cuts, kinds = self._kind_cuts
        i = bisect.bisect_right(cuts, pos) - 1
        return kinds[i] if i >= 0 else self.outline.kind_at(pos)

    def planned(self, pos: int) -> bool:
        """In the next-year part, a sentence that states an intention (下一步…, 力争…, 2025年将…), or a clause that
        plans something (计划举办3次)."""
        if self.kind_at(pos) == "next_year":
            return True
        cs, ce = self.clause(pos)
        if _PLAN_CLAUSE.search(self.text, cs, min(ce, cs + 200)):
            return True
        ss, se = self.sentence(pos)
        got = self._plan_cache.get(ss)
        if got is None:
            s = self.text[ss:se]
            year = self.doc.year
            got = bool(_PLAN_WORDS.search(s)) or bool(year and re.search(rf"{year + 1}\s*年", s) and "将" in s)
            self._plan_cache[ss] = got
        return got

    @cached_property
    def _plan_cache(self) -> dict:
        return {}

    @cached_property
    def _sentence_cache(self) -> dict:
        return {}

    def sentence_has(self, pos: int, phrases: tuple[str, ...]) -> bool:
        """Does the sentence at pos contain one of the phrases? Each sentence is read once per phrase list."""
        if not phrases:
            return False
        ss, se = self.sentence(pos)
        key = (ss, phrases)
        got = self._sentence_cache.get(key)
        if got is None:
            got = self._sentence_cache[key] = contains(self.text[ss:se], phrases)
        return got

    def near_has(self, pos: int, phrases: tuple[str, ...], reach: int = 50) -> bool:
        """Does one of the phrases stand within `reach` characters of pos, in its sentence (the topic of an event)?"""
        ss, se = self.sentence(pos)
        window = self.text[max(ss, pos - reach):min(se, pos + reach)]
        return any(literal(p) in window for p in phrases)

    def point_before(self, pos: int, reach: int = POINT_REACH) -> str:
        """The text of the point pos stands in, up to pos: from its 一是/（二）/3. or the start of its paragraph,
        at most `reach` characters back. A point's first sentence often states what the rest is about
        ("三是持续开展网络学法。…参加专题考试6场次")."""
        text = self.text
        lo = max(0, pos - reach)
        nl = text.rfind("\n", lo, pos)
        lo = nl + 1 if nl >= 0 else lo
        starts = [m.start() for m in _POINT_START.finditer(text, lo, pos)]
        return text[starts[-1] if starts else lo:pos]

    def point_has(self, pos: int, phrases: tuple[str, ...]) -> bool:
        """Does the point pos stands in name one of the phrases before pos?"""
        return contains(self.point_before(pos), phrases)

    def topic_has(self, pos: int, phrases: tuple[str, ...]) -> bool:
        """Does the sentence at pos, or the point it stands in before it, name one of the phrases?"""
        return self.sentence_has(pos, phrases) or self.point_has(pos, phrases)

    def sentence_text(self, pos: int) -> str:
        ss, se = self.sentence(pos)
        return self.text[ss:se]

    def quantities_in(self, start: int, end: int, limit: int = 1 << 30) -> list[Quantity]:
        """Figures starting in [start, end), at most `limit` of them (from the left)."""
        i = bisect.bisect_left(self._quantity_starts, start)
        out = []
        qs = self.quantities
        while i < len(qs) and qs[i].start < end and len(out) < limit:
            out.append(qs[i])
            i += 1
        return out

    def quantities_before(self, start: int, end: int, limit: int = 1) -> list[Quantity]:
        """The last `limit` figures starting in [start, end), in text order."""
        i = bisect.bisect_left(self._quantity_starts, end) - 1
        out = []
        qs = self.quantities
        while i >= 0 and qs[i].start >= start and len(out) < limit:
            out.insert(0, qs[i])
            i -= 1
        return out

    @cached_property
    def _occurrences(self) -> tuple[dict, frozenset]:
        """Where every phrase the process has looked for occurs in the text (overlaps included), found in one
        pass; and which phrases that covers."""
        return PHRASES.occurrences(self.text)

    def phrase_spans(self, phrase: str) -> list[tuple[int, int]]:
        """Where one phrase occurs, left to right without overlaps (a literal from the one-pass index, or with
        str.find the first time a process looks for it; a phrase with gaps by its bounded regex)."""
        text = self.text
        lit = _literal_form(phrase)
        if lit is None:
            return self._gapped_spans(phrase)
        if not lit:
            return []
        n = len(lit)
        occ, covered = self._occurrences
        if lit in covered:
            out, free = [], 0
            for i in occ.get(lit, ()):
                if i >= free:
                    out.append((i, i + n))
                    free = i + n
            return out
        PHRASES.learn(lit)
        out, i = [], text.find(lit)
        while i >= 0:
            out.append((i, i + n))
            i = text.find(lit, i + n)
        return out

    def _gapped_spans(self, phrase: str) -> list[tuple[int, int]]:
        """A phrase with gaps: its regex tried only where its first piece occurs, and not at all when the text
        lacks a piece (the one-pass index knows; a piece it does not hold yet is learnt for the next text)."""
        pattern, parts = compile_alias(phrase), pieces(phrase)[: MAX_GAPS + 1]
        occ, covered = self._occurrences
        if not parts or not all(p in covered for p in parts):
            for p in parts:
                PHRASES.learn(p)
            return [(m.start(), m.end()) for m in pattern.finditer(self.text)]
        if not all(p in occ for p in parts):
            return []
        out, free = [], 0
        for i in occ[parts[0]]:  # every match starts with the first piece: where finditer would find it
            if i >= free and (m := pattern.match(self.text, i)) is not None:
                out.append((i, m.end()))
                free = m.end()
        return out

    def hits(self, aliases: Iterable[str], exclude: Iterable[str] = ()) -> list[tuple[int, int]]:
        """Non-overlapping alias matches (longest first), minus those inside an exclude phrase."""
        return [(s, e) for s, e, _ in self.tagged_hits({"": aliases}, exclude)]

    def tagged_hits(self, groups: dict, exclude: Iterable[str] = (), terms: tuple = (), terms_tag: str = "",
                    head_last: bool = False) -> list[tuple[int, int, str]]:
        """Non-overlapping matches of several phrase groups, each tagged with its group's key, and of order-free
        `terms` (tagged terms_tag); longest first at a position, earlier groups first on a tie; minus excludes."""
        ranked: list[list[tuple[int, int, str]]] = []
        for rank, (tag, phrases) in enumerate(groups.items()):
            spans = [(s, e, tag) for phrase in set(phrases) for s, e in self.phrase_spans(phrase)]
            if rank == 0 and terms:
                spans += [(s, e, terms_tag) for s, e in self.term_spans(terms, head_last)]
            ranked.append(spans)
        if not any(ranked):
            return []
        bad = sorted(span for ex in set(exclude) for span in self.phrase_spans(ex))
        bad_starts = [b[0] for b in bad]
        taken: list[tuple[int, int, str]] = []  # sorted by start, non-overlapping
        for spans in ranked:  # a higher group's match wins over a lower group's it overlaps
            spans.sort(key=lambda h: (h[0], -(h[1] - h[0])))
            keep: list[tuple[int, int, str]] = []
            starts = [h[0] for h in taken]
            for s, e, tag in spans:
                if keep and s < keep[-1][1]:
                    continue
                if _overlaps(bad, bad_starts, s, e) or _overlaps(taken, starts, s, e):
                    continue
                keep.append((s, e, tag))
            taken = sorted(taken + keep)
        return taken

    def term_spans(self, terms: tuple, head_last: bool = False, window: Optional[int] = None) -> list[tuple[int, int]]:
        """Order-free key terms: one phrase of each group near a phrase of the last group (the head word), in
        one clause. head_last: the others stand before the head (a rate's name ends in 率); else on either side.
        A window never reaches past a neighbouring head, so 出庭应诉率、胜诉率 gives one name, not two."""
        text = self.text
        window = window or (RATE_TERM_WINDOW if head_last else TERM_WINDOW)
        heads = sorted(span for p in set(terms[-1]) for span in self.phrase_spans(p))
        out = []
        for k, (hs, he) in enumerate(heads):
            cs, ce = self.clause(hs)
            lo = max(cs, hs - window, heads[k - 1][1] if k else 0)
            if not head_last and (q := _open_quote(text, cs, hs)) is not None:
                lo = max(cs, q - window, heads[k - 1][1] if k else 0)  # "骨干参加“…能力建设专题培训班”": from the title's start
            hi = min(ce, he + window)
            if not head_last and _COVERED.match(text, ce):
                hi = min(self.clause(ce + 1)[1], ce + 1 + window)  # "专题培训12场次，覆盖民辅警200余人次"
            # a term between this head and a near next one belongs to the next ("培训和执法人员专项培训")
            if head_last or (k + 1 < len(heads) and heads[k + 1][0] < hi):
                hi = he
            start, end = hs, he
            for group in terms[:-1]:
                pos = _find_any(text, group, lo, hs)
                if pos is not None:
                    start = min(start, pos[0])
                    continue
                pos = _find_any(text, group, he, hi) if not head_last else None
                if pos is None or len(terms) == 2 and _JOINER_BETWEEN.search(text, he, pos[0]):
                    break  # "干部教育培训和执法人员日常学习": a modifier after 和 is the next item's (not in a list of equals)
                end = max(end, pos[1])
            else:
                out.append((start, end))
        return out

    def evidence(self, start: int, end: int, mark: Optional[tuple[int, int]] = None) -> Evidence:
        """The sentence around [start, end), trimmed to a readable window, quoted in original characters."""
        ss, se = self.sentence(start)
        while ss < se and self.text[ss] in " \t,;:、":
            ss += 1
        if se - ss > EVIDENCE_MAX:
            cs, ce = self.clause(start)
            ss = max(ss, min(cs, start) - 60, start - EVIDENCE_MAX)
            se = min(se, max(ce, end) + 60, end + EVIDENCE_MAX)
            cs2 = self.text.rfind(",", ss, min(cs, start))
            ss = cs2 + 1 if cs2 > ss else ss
        if se < len(self.text) and self.text[se] == "。":
            se += 1
        section = self.outline.part_at(start)
        hl = mark or (start, end)
        return Evidence(
            quote=self.doc.quote(ss, se), start=ss, end=se,
            part=(f"{section.marker}{section.heading}" if section and section.level > 0 else None),
            part_kind=self.kind_at(start), page=self.doc.page_of(start),
            highlight=(max(0, hl[0] - ss), max(0, min(se, hl[1]) - ss)),
        )


class PhraseIndex:
    """The literal phrases a process looks for, found in a text in one pass (an Aho–Corasick automaton) rather
    than one str.find scan of the whole text per phrase and per rule.

    It learns: a phrase not yet in the automaton is found with str.find and added for the next text (a batch
    asks for the same rule set's phrases in every report, so after the first report every phrase is in it).
    What it finds does not depend on what it has learned, only how fast: the spans are the same either way."""

    MAX = 50_000  # phrases learned at most (a server auditing many packs); past it the rest use str.find

    def __init__(self):
        self._known: set[str] = set()
        self._built: tuple = (None, frozenset())  # (automaton, the phrases it holds)
        self._lock = threading.Lock()  # threads of one server may audit at once

    def learn(self, lit: str) -> None:
        with self._lock:
            if len(self._known) < self.MAX:
                self._known.add(lit)

    def _automaton(self) -> tuple:
        auto, covered = self._built
        if len(covered) != len(self._known):
            import ahocorasick

            with self._lock:
                covered = frozenset(self._known)
            auto = ahocorasick.Automaton()
            for lit in covered:
                auto.add_word(lit, (lit, len(lit) - 1))
            auto.make_automaton()
            self._built = (auto, covered)
        return auto, covered

    def occurrences(self, text: str) -> tuple[dict, frozenset]:
        """(phrase -> start of every occurrence, in text order; the phrases looked for)."""
        auto, covered = self._automaton()
        occ: dict[str, list[int]] = {}
        if auto is not None:
            for end, (lit, back) in auto.iter(text):
                got = occ.get(lit)
                if got is None:
                    occ[lit] = [end - back]
                else:
                    got.append(end - back)
        return occ, covered


PHRASES = PhraseIndex()


_JOINER_BETWEEN = rx.compile(r"[和及与、]")
# The clause after a count that names who took part: ",覆盖民辅警200余人次", ",参训执法人员120人"
_COVERED = rx.compile(r",[ \t]{0,2}(?:共)?(?:覆盖|参训|参学|培训)")


def _open_quote(text: str, lo: int, pos: int) -> Optional[int]:
    """Where the quoted title that `pos` stands in opens (“…培训班”), within text[lo:pos]; None outside a quote."""
    q = text.rfind("“", lo, pos)
    return q if q >= 0 and "”" not in text[q:pos] else None


def _find_any(text: str, phrases, lo: int, hi: int) -> Optional[tuple[int, int]]:
    """The first occurrence in text[lo:hi] of any of the phrases, as a span."""
    best = None
    for p in phrases:
        lit = literal(p)
        i = text.find(lit, lo, hi) if lit else -1
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(lit))
    return best


def contains(s: str, phrases: tuple[str, ...]) -> bool:
    """Does s contain one of the phrases (gaps read as in aliases)?"""
    return any((compile_alias(p).search(s) is not None) if has_gap(p) else literal(p) in s for p in phrases)


@lru_cache(maxsize=8192)
def _literal_form(phrase: str) -> Optional[str]:
    """The literal a phrase is found by, or None for a phrase with gaps (matched by its regex)."""
    return None if has_gap(phrase) else literal(phrase)


@lru_cache(maxsize=8192)
def literal(phrase: str) -> str:
    """A phrase without gaps as it is matched: folded like the report text."""
    from .fold import fold

    return fold(phrase)[0].strip()


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does [s, e) overlap a span of the sorted list? Spans are phrases, so only those starting shortly before count."""
    j = bisect.bisect_left(starts, e) - 1
    reach = s - 2 * (MAX_PHRASE + GAP_CHARS * MAX_GAPS)
    while j >= 0 and starts[j] >= reach:
        bs, be = spans[j][0], spans[j][1]
        if bs < e and s < be:
            return True
        j -= 1
    return False
