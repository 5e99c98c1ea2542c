"""The JSON of `auditor compare --format json` (docs/json.md, 年度比较): stable, documented, numbers finite."""
from __future__ import annotations

import math
from typing import Any

from ..report.json import dumps
from ..report.vocab import LEVEL_LABELS, status_label
from .model import PROMISE_LABELS, Change, Comparison, Promise

SCHEMA_VERSION = 1


def _value(v: Any) -> Any:
    """As the audit JSON writes numbers: whole ones as integers, others to two decimals, never NaN."""
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 1e15 else round(v, 2)
    return v


def _change(c: Change) -> dict:
    return {"from": c.from_year, "to": c.to_year, "delta": _value(c.delta), "delta_unit": c.unit or None,
            "arrow": c.arrow or None, "better": c.better, "gap": c.gap, "status_from": c.status_from,
            "status_to": c.status_to}


def _promise(p: Promise) -> dict:
    c = p.commitment
    return {"planned_in": p.planned_year, "checked_in": p.checked_year, "kind": c.kind, "quote": c.quote,
            "indicator": c.indicator, "target": c.target_text if c.kind == "figure" else None, "op": c.op,
            "value": _value(c.value), "unit": c.unit, "change": c.change, "terms": list(c.terms),
            "status": p.status, "status_label": PROMISE_LABELS[p.status], "found": _value(p.found),
            "found_unit": p.found_unit, "evidence": p.quote or None, "part_kind": p.part_kind, "note": p.note}


def comparison_dict(cmp: Comparison) -> dict:
    s = cmp.series
    last = s.last
    years = []
    for y, r in sorted(s.reports.items()):
        years.append({
            "year": y, "file": r.file, "title": r.title, "score": _value(r.score), "counts": r.counts,
            "indicators": {k: {"value": _value(p.value), "value_label": p.value_text, "status": p.status,
                               "status_label": status_label(p.status)} for k, p in r.points.items()},
            "commitments": sum(1 for c in r.commitments if c.checkable),
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": {"name": s.label, "level": last.level, "level_label": LEVEL_LABELS.get(last.level or ""),
                         "division_code": last.division_code, "province": last.province,
                         "prefecture": last.prefecture, "county": last.county},
        "packs": [{"id": p.id, "title": p.title, "source": p.source} for p in cmp.packs],
        "years": years,
        "missing_years": s.gaps,
        "duplicates": [{"year": d.report.year, "file": d.report.file, "kept": d.kept.file} for d in s.duplicates],
        "notes": list(s.notes),
        "score_change": _value(cmp.score_change()),
        "indicators": [{"id": t.key, "name": t.name, "kind": t.kind, "unit": t.unit, "target": t.target,
                        "informational": t.informational, "changes": [_change(c) for c in t.changes]}
                       for t in cmp.trends],
        "new_gaps": [{"id": t.key, "name": t.name, **_change(c)} for t, c in cmp.new_gaps()],
        "closed_gaps": [{"id": t.key, "name": t.name, **_change(c)} for t, c in cmp.closed_gaps()],
        "promises": [_promise(p) for p in cmp.promises],
        "promise_counts": cmp.promise_counts(),
    }


def comparison_json(cmp: Comparison, indent: int | None = 2) -> str:
    return dumps(comparison_dict(cmp), indent)
