"""text: a Document and its Outline read for extraction: clauses, sentences, figures, phrase hits, evidence, plans.

One Text per audit; every kind's `facts()` reads it. Lookups are by bisection over offsets computed once, and every
window looked at around a hit is bounded, so one long unbroken sentence costs linear time.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Optional

from .grammar import comparisons
from .grammar.aliases import GAP_CHARS, MAX_GAPS, MAX_PHRASE, compile_alias, has_gap
from .grammar.quantities import find_quantities
from .models import Document, Evidence, Outline, Quantity

_CLAUSE_SEP = re.compile(r"(?<![0-9]),|,(?![0-9])|[;:。!?\n]")
_SENT_SEP = re.compile(r"[。!?\n]")
_INTENT_WORDS = ("要求", "目标", "力争", "确保", "争取", "计划", "预计", "任务", "标准")
_TARGET_BEFORE = re.compile("|".join(comparisons.BOUND_WORDS + _INTENT_WORDS))
_TARGET_AFTER = re.compile(r"(以上|及以上|以内|以下)?的?(目标|要求|标准|任务)")
_PLAN_WORDS = re.compile(r"下一步|下步|明年|来年|今后一个时期|力争")
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
            if _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(self.text, q.end, q.end + 8):
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

    def kind_at(self, pos: int) -> str:
        return self.outline.kind_at(pos)

    def planned(self, pos: int) -> bool:
        """In the next-year part, or a sentence that states an intention (下一步…, 力争…, 2025年将…)."""
        if self.kind_at(pos) == "next_year":
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
            s = self.text[ss:se]
            got = any((compile_alias(p).search(s) is not None) if has_gap(p) else literal(p) in s for p in phrases)
            self._sentence_cache[key] = got
        return got

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

    def phrase_spans(self, phrase: str) -> list[tuple[int, int]]:
        """Where one phrase occurs (a literal is found with str.find; a phrase with gaps by its bounded regex)."""
        text = self.text
        if not has_gap(phrase):
            lit = literal(phrase)
            out, i = [], text.find(lit) if lit else -1
            while i >= 0:
                out.append((i, i + len(lit)))
                i = text.find(lit, i + len(lit))
            return out
        return [(m.start(), m.end()) for m in compile_alias(phrase).finditer(text)]

    def hits(self, aliases: Iterable[str], exclude: Iterable[str] = ()) -> list[tuple[int, int]]:
        """Non-overlapping alias matches (longest first), minus those inside an exclude phrase."""
        found: list[tuple[int, int]] = []
        for alias in sorted(set(aliases), key=len, reverse=True):
            found += self.phrase_spans(alias)
        if not found:
            return []
        bad = sorted(span for ex in set(exclude) for span in self.phrase_spans(ex))
        bad_starts = [b[0] for b in bad]
        found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if out and s < out[-1][1]:
                continue
            if _overlaps(bad, bad_starts, s, e):
                continue
            out.append((s, e))
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
        bs, be = spans[j]
        if bs < e and s < be:
            return True
        j -= 1
    return False
