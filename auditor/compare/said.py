"""said: what a report says outside its next-year plan — the text where next year's report is searched for last
year's promises. Kept whole (folded for matching, original for quotes, part kinds by offset) rather than as a list
of sentences: a batch worker only slices it, and a search finds each key term with str.find and takes the
sentence around it."""
from __future__ import annotations

import bisect
import math
import operator
from itertools import accumulate
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Optional

from .model import Statement

SENTENCE_MARKS = "。!?;\n"  # folded text: full-width marks are half-width
SENTENCE_MAX = 300  # a sentence longer than this is quoted as the window around the hit
HITS_MAX = 60  # occurrences of one character pair looked at
_UNREAD = object()
# How often each pair stood in the last report it was looked for in: which pairs sentences_with reads first. The
# answer does not depend on it, only how fast it comes (a batch looks for the same plans' pairs report after report).
_TALLY: dict[str, int] = {}
TALLY_MAX = 100_000


@dataclass(frozen=True)
class Said:
    text: str  # folded, plan removed (each removed span leaves a line break)
    original: str  # the same characters as written; same length as text
    parts: tuple[tuple[int, str], ...] = ()  # (offset, part kind) in ascending order; a kind runs to the next

    @cached_property
    def _bounds(self) -> list[int]:
        """Offsets of the sentence marks, found by splitting in C (no match object per mark)."""
        return self._sentences[0]

    @cached_property
    def _long_text(self) -> str:
        """The sentences longer than SENTENCE_MAX, one a line: a hit in one is quoted as a window around it."""
        return self._sentences[1]

    @cached_property
    def _sentences(self) -> tuple[list[int], str]:
        flat = self.text
        for mark in SENTENCE_MARKS[:-1]:
            flat = flat.replace(mark, "\n")
        pieces = flat.split("\n")
        sizes = list(map(len, pieces))
        bounds = list(map(operator.add, accumulate(sizes[:-1]), range(len(pieces) - 1)))
        long = "\n".join(p for p in pieces if len(p) > SENTENCE_MAX) if max(sizes) > SENTENCE_MAX else ""
        return bounds, long

    @cached_property
    def _counts(self) -> dict[str, int]:
        return {}

    @cached_property
    def _part_starts(self) -> list[int]:
        return [p[0] for p in self.parts]

    def kind_at(self, pos: int) -> str:
        i = bisect.bisect_right(self._part_starts, pos) - 1
        return self.parts[i][1] if i >= 0 else "preamble"

    def sentence(self, pos: int) -> tuple[int, int]:
        b = self._bounds
        i = bisect.bisect_right(b, pos)
        start = b[i - 1] + 1 if i > 0 else 0
        end = b[i] if i < len(b) else len(self.text)
        if end - start > SENTENCE_MAX:  # a run-on paragraph: the window around the hit, cut at commas
            half = SENTENCE_MAX // 2
            a, b = max(start, pos - half), min(end, pos + half)
            lo, hi = self.text.find(",", a, pos), self.text.rfind(",", pos, b)
            start = lo + 1 if lo >= 0 else a
            end = hi if hi >= 0 else b
        return start, end

    def statement(self, span: tuple[int, int]) -> Statement:
        s, e = span
        return Statement(self.kind_at(s), self.text[s:e], self.original[s:e].strip())

    def sentences_with(self, terms: Iterable[str], least: float = 0.0) -> dict[tuple[int, int], float]:
        """Each sentence with at least `least` of the terms' character pairs, and the share it has:
        规范性文件集中清理 is found whole in “完成规范性文件集中清理”, in part in “规范性文件专项清理”.

        A sentence with that share holds one of any (all but `least`) of the pairs, so only the sentences holding
        one of those few are read. Which few does not change the answer while every sentence the pairs stand in is
        short and none of the few is everywhere (_covering); otherwise the rarest by count are read, a hit in a
        run-on sentence quoted as the window around it (_ranked)."""
        grams = pairs(terms)
        if not grams:
            return {}
        need = math.ceil(least * len(grams))
        long, joined = self._long_text, "".join(grams)
        if not (long and any(g in long for g in grams)) and not any(m in joined for m in SENTENCE_MARKS):
            found = self._covering(grams, need, least)
            if found is not None:
                return found
        return self._ranked(grams, need, least)

    @cached_property
    def _visits(self) -> dict[str, Optional[tuple]]:
        return {}

    def _covering(self, grams: list[str], need: int, least: float) -> Optional[dict[tuple[int, int], float]]:
        """sentences_with for pairs without a sentence mark, none of them in a run-on sentence: the sentences of any
        len(grams) - need + 1 of the pairs (those other reports had fewest of: each costs a scan and a look at
        every sentence it is in); None when one of those is in more than HITS_MAX places (_ranked then reads the
        rarest, up to HITS_MAX sentences each)."""
        ranked = sorted(range(len(grams)), key=lambda i: _TALLY.get(grams[i], 0))[:len(grams) - need + 1]
        spans: set = set()
        visits = self._visits
        for i in ranked:
            g = grams[i]
            v = visits.get(g, _UNREAD)
            if v is _UNREAD:
                v = visits[g] = self._sentences_of(g)
            if v is None:
                return None
            spans.update(v)
        return self._shares(spans, grams, len(grams), least)

    def _sentences_of(self, g: str) -> Optional[tuple[tuple[int, int], ...]]:
        """The sentences holding pair g, all short; None past HITS_MAX occurrences."""
        text, bounds = self.text, self._bounds
        last, size = len(bounds), len(text)
        out, seen = [], 0
        i = text.find(g)
        while i >= 0:
            k = bisect.bisect_right(bounds, i)
            end = bounds[k] if k < last else size
            out.append((bounds[k - 1] + 1 if k else 0, end))
            seen += 1 + text.count(g, i + 1, end)  # at least str.count's tally (more for a pair like 常常)
            if seen > HITS_MAX:
                break
            i = text.find(g, max(i + 1, end))
        if len(_TALLY) >= TALLY_MAX:
            _TALLY.clear()
        _TALLY[g] = seen
        return tuple(out) if seen <= HITS_MAX else None

    def _ranked(self, grams: list[str], need: int, least: float) -> dict[tuple[int, int], float]:
        """sentences_with read from the rarest pairs by count, HITS_MAX sentences each (a hit in a run-on sentence
        quoted as the window around it)."""
        text = self.text
        count = self._counts
        spare = len(grams) - need  # pairs that may be missing from the text
        for g in grams:
            n = count.get(g)
            if n is None:  # one scan per pair: the commitments of one plan share many
                n = count[g] = text.count(g)
            if not n:
                spare -= 1
                if spare < 0:
                    return {}  # too few of the pairs anywhere: the rest need not be counted
        counted = sorted([(count[g], i, g) for i, g in enumerate(grams) if count[g]])
        if not counted or len(counted) < least * len(grams):
            return {}
        present = [g for _, _, g in counted]
        bounds = self._bounds
        last, size = len(bounds), len(text)
        spans: set = set()
        for total, _, g in counted[:len(counted) - need + 1]:
            # every sentence holding the pair, to the HITS_MAX-th; a pair of two characters never overlaps
            # itself, so once `seen` reaches its count the rest of the text has none (no scan to the end)
            exact = g[0] != g[1]
            i, n, seen = text.find(g), 0, 0
            while i >= 0 and n < HITS_MAX:
                k = bisect.bisect_right(bounds, i)  # self.sentence(i), inline for the usual short sentence
                span = (bounds[k - 1] + 1 if k else 0, bounds[k] if k < last else size)
                if span[1] - span[0] > SENTENCE_MAX:
                    span = self.sentence(i)
                spans.add(span)
                n += 1
                nxt = max(i + 1, span[1])
                if exact:
                    seen += 1  # this one; the rest of its sentence is counted only when more are left to find
                    if seen < total:
                        seen += text.count(g, i + 1, nxt)
                    if seen >= total:
                        break
                i = text.find(g, nxt)  # the next sentence that has it
        return self._shares(spans, present, len(grams), least)

    def _shares(self, spans: Iterable[tuple[int, int]], grams: list[str], n_grams: int,
                least: float) -> dict[tuple[int, int], float]:
        """{span: share of the n_grams pairs it holds (looked for among `grams`)} for the spans holding `least`."""
        text, out = self.text, {}
        for span in spans:
            share = sum(map(text[span[0]:span[1]].__contains__, grams)) / n_grams
            if share >= least:
                out[span] = share
        return out

    def to_dict(self) -> dict:
        d = {"text": self.text, "parts": [list(p) for p in self.parts]}
        if self.original != self.text:
            d["original"] = self.original
        return d

    @classmethod
    def from_dict(cls, d: Optional[dict]) -> "Said":
        if not isinstance(d, dict) or not isinstance(d.get("text"), str):
            return cls("", "")
        text = d["text"]
        original = d.get("original") if isinstance(d.get("original"), str) else text
        if len(original) != len(text):
            original = text
        parts = tuple((int(p[0]), str(p[1])) for p in d.get("parts") or ()
                      if isinstance(p, list) and len(p) == 2 and isinstance(p[0], int))
        return cls(text, original, parts)

    @classmethod
    def from_sentences(cls, pairs: Iterable[tuple[str, str]]) -> "Said":
        """(part kind, sentence) pairs, one a line: for callers that hold sentences, not a report."""
        text, parts = "", []
        for kind, s in pairs:
            parts.append((len(text), kind))
            text += s + "\n"
        return cls(text, text, tuple(parts))


def pairs(terms: Iterable[str]) -> list[str]:
    """The distinct character pairs of the terms, in order: 执法平台 -> 执法, 法平, 平台."""
    return list(dict.fromkeys([t[i:i + 2] for t in terms for i in range(len(t) - 1)]))


def said_of(text: str, original: str, plan: list[tuple[int, int]], parts: list[tuple[int, int, str]]) -> Said:
    """The report outside its plan spans; `parts`: (start, end, kind) of the report's top-level parts."""
    keep, pos = [], 0
    for s, e in plan:
        if s > pos:
            keep.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        keep.append((pos, len(text)))
    out_text, out_orig, kinds = [], [], []
    at = 0
    for s, e in keep:
        for ps, pe, kind in parts:
            if ps < e and pe > s:
                kinds.append((at + max(ps, s) - s, kind))
        if not any(ps <= s < pe for ps, pe, _ in parts):
            kinds.append((at, "preamble"))
        out_text.append(text[s:e])
        out_orig.append(original[s:e])
        at += e - s + 1
    kinds.sort()
    return Said("\n".join(out_text), "\n".join(out_orig), tuple(kinds))
