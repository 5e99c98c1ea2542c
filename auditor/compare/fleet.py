"""fleet: the batch's year-over-year view. When a folder holds several years of one jurisdiction (by division
code, not file name), each such series is compared as `auditor compare` would, and the summary gains a 趋势
sheet and section: score and key indicators by year, the most improved and the most declined, promises kept.

Built from the rows the batch already holds (their `trend` digests), so it costs no second reading of a report.
"""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from .build import compare_series, year_report
from .commitments import from_digest
from .keys import catalog_ids
from .model import NUMERIC_KINDS, PROMISE_STATUSES, Comparison, Duplicate, Series
from .series import all_series
from .spool import DigestSpool

RANK_SIZE = 10  # most improved / most declined listed


@dataclass(frozen=True)
class KeyIndicator:
    key: str
    name: str
    unit: Optional[str]


@dataclass(frozen=True)
class Trends:
    comparisons: tuple[Comparison, ...]  # one per jurisdiction with two years or more, by name
    indicators: tuple[KeyIndicator, ...]  # metric/count indicators some series gives a figure for
    duplicates: tuple[Duplicate, ...]

    def score_change(self, c: Comparison) -> float:
        return c.score_change() or 0.0

    def improved(self, n: int = RANK_SIZE) -> list[Comparison]:
        up = [c for c in self.comparisons if self.score_change(c) > 0]
        return sorted(up, key=lambda c: (-self.score_change(c), c.series.label))[:n]

    def declined(self, n: int = RANK_SIZE) -> list[Comparison]:
        down = [c for c in self.comparisons if self.score_change(c) < 0]
        return sorted(down, key=lambda c: (self.score_change(c), c.series.label))[:n]

    def promise_counts(self, c: Comparison) -> dict:
        return c.promise_counts()

    def totals(self) -> dict:
        out = {s: 0 for s in PROMISE_STATUSES}
        for c in self.comparisons:
            for s, n in c.promise_counts().items():
                out[s] += n
        return out


def _key_indicators(comparisons: Iterable[Comparison]) -> tuple[KeyIndicator, ...]:
    seen: dict[str, KeyIndicator] = {}
    for c in comparisons:
        for t in c.trends:
            if t.key not in seen and t.kind in NUMERIC_KINDS and t.numeric:
                seen[t.key] = KeyIndicator(t.key, t.name, t.unit)
    informational = {t.key for c in comparisons for t in c.trends if t.informational}
    return tuple(sorted(seen.values(), key=lambda k: k.key in informational))  # judged ones first


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """The step allocates many small objects and makes no cycles; collecting the batch's rows again and again
    while it runs would cost a fifth of it. What it keeps (the comparisons, tens of thousands of objects) lives
    as long as the batch's summary: it goes straight to the oldest generation (freeze, then unfreeze: no walk),
    not to the young one, whose first collection would walk all of it (~7% of the step). Not when the process
    froze objects of its own (launch.py): unfreezing would hand those back to the collector."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if was:
            gc.enable()


def _compare(series: Series, rows: dict, catalog: dict, digests: Optional[DigestSpool]) -> Comparison:
    """One series compared: its reports read in full (findings, digests) for this series only; the comparison
    keeps them without their digests (the text of every report is not held to the end). Of the findings, only
    the points the trends (figures) and the promises (the indicators the plans name) read."""
    decoded = {y: digests.get(r.file) if digests is not None else None for y, r in series.reports.items()}
    decoded = {y: d if d is not None else from_digest(getattr(rows[series.reports[y].file], "trend", None))
               for y, d in decoded.items()}
    named = {c.indicator for d in decoded.values() for c in d[0] if c.indicator}
    full = {y: year_report(r.file, rows[r.file], catalog, decoded=decoded[y], kinds=NUMERIC_KINDS, also=named)
            for y, r in series.reports.items()}
    cmp = compare_series(_with(series, reports=full), kinds=NUMERIC_KINDS)
    bare = {y: _with(r, commitments=(), said=None) for y, r in full.items()}
    return _with(cmp, series=_with(series, reports=bare))


def _with(obj, **changes):
    """dataclasses.replace for these frozen types (no __post_init__, no cached values), without running their
    __init__ again: the step makes one per report."""
    assert changes.keys() <= obj.__dataclass_fields__.keys()
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)
    return new


def build_trends(reports: Iterable, ruleset=None, digests: Optional[DigestSpool] = None) -> Optional[Trends]:
    """`reports`: the batch's Report objects (rel, row); `ruleset`: the rules they were audited with (for the
    catalog ids of their indicators); `digests`: where the rows' digests were put aside (else they are in the
    rows). None when no jurisdiction has two years."""
    with no_collection():
        return _build(reports, catalog_ids(ruleset), digests)


def _build(reports: Iterable, catalog: dict, digests: Optional[DigestSpool]) -> Optional[Trends]:
    reports = sorted(reports, key=lambda r: r.rel)
    # who and which year first: most reports of a batch are in no series and need no more than that
    series = all_series([year_report(r.rel, r.row, points=False, digest={}) for r in reports])
    if not series:
        return None
    rows = {r.rel: r.row for r in reports}
    comparisons = tuple(sorted((_compare(s, rows, catalog, digests) for s in series),
                               key=lambda c: (c.series.label, c.series.key)))
    dups = tuple(d for s in series for d in s.duplicates)
    return Trends(comparisons, _key_indicators(comparisons), dups)
