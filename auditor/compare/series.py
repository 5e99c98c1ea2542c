"""series: reports -> one jurisdiction's years (compare), or every jurisdiction's (batch).

Two reports are the same jurisdiction by division code and level (keys.py), never by file name; a report whose
code is unknown joins a series by its name, and the series says so. Two reports of one jurisdiction and one year
are duplicates: the first is kept (command-line order, or file name in batch) and the other is named.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..errors import UsageError
from ..report.vocab import level_label
from .keys import jurisdiction_key, unit_name
from .model import Duplicate, Series, YearReport


def key_of(r: YearReport) -> Optional[tuple]:
    return jurisdiction_key(r.division_code, r.level, r.jurisdiction, (r.province, r.prefecture, r.county))


def label_of(r: YearReport) -> str:
    name = r.jurisdiction or r.county or r.prefecture or r.province or "（未识别地区）"
    return name


def describe(r: YearReport) -> str:
    """How a refusal names a report: 某县（县（市、区）级，行政区划代码 632126）."""
    bits = [level_label(r.level)] if r.level else []
    if r.division_code:
        bits.append(f"行政区划代码 {r.division_code}")
    return label_of(r) + (f"（{'，'.join(bits)}）" if bits else "")


def group(reports: Iterable[YearReport]) -> tuple[dict, list[YearReport]]:
    """{key: [reports]} in input order, and the reports no key fits (no jurisdiction, or no year).
    A report without a code joins the coded group of the same level whose own name it shares."""
    groups: dict[tuple, list[YearReport]] = {}
    loose: list[YearReport] = []
    pending: list[tuple[tuple, YearReport]] = []
    for r in reports:
        k = key_of(r)
        if k is None or r.year is None:
            loose.append(r)
            continue
        if k[0] == "code":
            groups.setdefault(k, []).append(r)
        else:
            pending.append((k, r))
    by_name: dict[tuple, tuple] = {}  # (own name, level) -> coded key, only when some report has no code
    for k, rs in groups.items() if pending else ():
        for r in rs:
            by_name.setdefault((unit_name(r.jurisdiction, (r.province, r.prefecture, r.county)), r.level or ""), k)
    for k, r in pending:
        groups.setdefault(by_name.get((k[1], k[2]), k), []).append(r)
    return groups, loose


def make_series(key: tuple, reports: list[YearReport]) -> Series:
    kept: dict[int, YearReport] = {}
    dups = []
    for r in reports:
        if r.year in kept:
            dups.append(Duplicate(r, kept[r.year]))
        else:
            kept[r.year] = r
    notes = []
    coded = [r for r in kept.values() if r.division_code]
    for r in kept.values():
        if key[0] == "code" and not r.division_code:
            notes.append(f"{r.file}：未识别出行政区划代码，按地区名称“{label_of(r)}”归入本序列")
    if key[0] == "name":
        notes.append("各报告均未识别出行政区划代码，按地区名称比较")
    label = label_of(max(coded or kept.values(), key=lambda r: r.year))
    return Series(key, label, dict(sorted(kept.items())), tuple(dups), tuple(notes))


def single_series(reports: list[YearReport]) -> Series:
    """The reports given to `auditor compare`: one jurisdiction, or a UsageError naming what differs."""
    missing_year = [r for r in reports if r.year is None]
    if missing_year:
        r = missing_year[0]
        raise UsageError("无法识别该报告所涵盖的年度，不能参与年度比较", r.file,
                         hint="请确认标题或开头写明了年度，如“××县2024年度法治政府建设情况报告”")
    groups, loose = group(reports)
    if loose:
        raise UsageError("无法识别该报告所属的地区，不能参与年度比较", loose[0].file,
                         hint="请确认标题、开头或落款写明了地区名称")
    if len(groups) > 1:
        firsts = [rs[0] for rs in groups.values()]
        listing = "；".join(f"{r.file} 为 {describe(r)}" for r in firsts)
        raise UsageError(f"这些报告不属于同一地区（按行政区划代码和层级判断）：{listing}。年度比较只能比较同一地区不同年度的报告")
    (key, rs), = groups.items()
    series = make_series(key, rs)
    if len(series.reports) < 2:  # the same report twice, or copies of one year: nothing to compare
        raise UsageError(f"这些报告都是 {rs[0].year} 年度的，年度比较至少需要两个不同年度的报告", rs[-1].file,
                         hint="同一地区同一年度的多份报告视为重复；请加入其他年度的报告")
    return series


def all_series(reports: Iterable[YearReport]) -> list[Series]:
    """Batch: every jurisdiction's series, of two years or more."""
    groups, _ = group(reports)
    out = [make_series(k, rs) for k, rs in groups.items()]
    return [s for s in out if len(s.reports) > 1]
