"""build: audited reports -> YearReports -> a Comparison. `auditor compare` and the batch trend step both start
from the row a batch keeps of an audit (batch/rows.py, read from the audit's JSON), so the two cannot differ."""
from __future__ import annotations

from datetime import date
from typing import Container, Optional, Sequence

from ..models import Audit
from ..packs.model import RuleSet
from .commitments import digest, from_digest
from .keys import catalog_ids, indicator_key
from .model import Comparison, Point, Series, YearReport
from .promises import check_series
from .series import single_series
from .trends import indicator_trends


def year_report(file: str, row, catalog: Optional[dict] = None, digest: Optional[dict] = None,
                points: bool = True, decoded: Optional[tuple] = None, kinds: Optional[tuple[str, ...]] = None,
                also: Container = ()) -> YearReport:
    """From a batch ReportRow (its findings, and the digest kept under `trend` unless `digest` gives it, or
    `decoded` gives it as commitments.from_digest reads it); `catalog`: rule id -> catalog indicator id
    (keys.catalog_ids), so a rule renamed in next year's pack is still the same indicator; `points=False`: who,
    which year and the score only (enough to find the series); `kinds`: points only of these rule kinds and of
    the indicators in `also` (what the batch's trends and promises read)."""
    by_key: dict = {}
    catalog_id = (catalog or {}).get
    seen: set = set()  # an indicator is the first finding that names it
    point = tuple.__new__  # Point(...) without its Python-level __new__: a batch makes one per finding
    for f in row.findings if points else ():
        key = indicator_key(f.id, catalog_id(f.id))
        if key in seen:
            continue
        seen.add(key)
        if kinds is None or f.kind in kinds or key in also:
            by_key[key] = point(Point, (key, f.id, f.name, f.kind, f.unit, f.status, f.value, f.informational,
                                        f.target, f.quote, f.derived))
    if decoded is None:
        decoded = from_digest(digest if digest is not None else getattr(row, "trend", None))
    commitments, said, has = decoded
    return YearReport(file=file, year=row.year, jurisdiction=row.jurisdiction, level=row.level,
                      division_code=getattr(row, "division_code", None), score=round(row.score, 1), points=by_key,
                      counts=dict(row.counts), title=row.title, province=getattr(row, "province", None),
                      prefecture=getattr(row, "prefecture", None), county=getattr(row, "county", None),
                      commitments=commitments, said=said, has_digest=has)


def audit_row(audit: Audit, ruleset: RuleSet):
    """The batch row of an audit, with its digest: what a batch result on disk gives back."""
    from ..batch.rows import ReportRow
    from ..report.json import audit_dict

    d = audit_dict(audit)
    d["trend"] = digest(audit, ruleset)
    return ReportRow.from_audit_dict(d)


def compare_series(series: Series, packs: tuple = (), kinds: Optional[tuple[str, ...]] = None) -> Comparison:
    """`kinds`: only the trends of these rule kinds (the batch shows its key indicators, figures only)."""
    return Comparison(series, indicator_trends(series, kinds), {y: r.score for y, r in series.reports.items()},
                      check_series(series), packs)


def compare_files(paths: Sequence[str], rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None,
                  today: Optional[date] = None, ruleset: Optional[RuleSet] = None) -> Comparison:
    """Audit each report with the same rules and compare them as one jurisdiction's years.

    Raises InputError for a report that cannot be read, UsageError when the reports are not of one jurisdiction
    or one has no year; duplicates of a year are kept in the series and named there."""
    from ..packs.loader import load_rules, load_waivers
    from ..pipeline import audit_file

    ruleset = ruleset or load_rules(rules)
    w = load_waivers(waivers) if waivers else ()
    reports = []
    catalog = catalog_ids(ruleset)
    for p in paths:
        audit = audit_file(str(p), ruleset, w, today)
        reports.append(year_report(str(p), audit_row(audit, ruleset), catalog))
    return compare_series(single_series(reports), tuple(p.info() for p in ruleset.packs))
