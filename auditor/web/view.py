"""Audit -> what the result page shows, as plain JSON-able data (built in a worker, kept with the upload).

The gap list, checklist, alerts, labels and wording are the gap report's own (report.view.context); this adds the
report's whole text cut into pieces around every quoted sentence, so the page can mark each finding in place
and jump from a gap to its sentence. Text stays text: the template escapes every piece.
"""
from __future__ import annotations

from typing import Optional

from ..models import Audit
from ..report.view import context

VIEW_FORMAT = 1
# Marks in the text take the colour of the worst finding that quotes them; met findings are marked too.
MARK_ORDER = ("not_met", "not_reported", "review", "waived", "met")


def _spans(audit: Audit) -> dict[str, list[tuple[int, int, Optional[tuple[int, int]]]]]:
    """Quoted sentences by rule id: (start, end, figure span in document offsets)."""
    n = len(audit.document.original)
    out: dict[str, list] = {}
    for f in audit.findings:
        for e in f.evidence:
            if not (0 <= e.start < e.end <= n):
                continue
            fig = None
            if e.highlight and 0 <= e.highlight[0] < e.highlight[1] <= e.end - e.start:
                fig = (e.start + e.highlight[0], e.start + e.highlight[1])
            out.setdefault(f.rule_id, []).append((e.start, e.end, fig))
    return out


def text_pieces(text: str, spans: dict[str, list], statuses: dict[str, str]) -> list[list]:
    """The text cut at every sentence and figure boundary: [piece, rule ids, status class, is figure]."""
    cuts = {0, len(text)}
    for items in spans.values():
        for s, e, fig in items:
            cuts.update((s, e))
            if fig:
                cuts.update(fig)
    bounds = sorted(cuts)
    # Few quotes per report: a scan per piece is cheap and keeps overlapping quotes exact.
    flat = [(s, e, fig, rid) for rid, items in spans.items() for s, e, fig in items]
    pieces: list[list] = []
    for a, b in zip(bounds, bounds[1:]):
        ids, figure = [], False
        for s, e, fig, rid in flat:
            if s <= a and b <= e:
                if rid not in ids:
                    ids.append(rid)
                if fig and fig[0] <= a and b <= fig[1]:
                    figure = True
        status = ""
        if ids:
            status = min((statuses[r] for r in ids), key=lambda st: MARK_ORDER.index(st) if st in MARK_ORDER else 99)
        if pieces and not ids and not pieces[-1][1]:
            pieces[-1][0] += text[a:b]
        else:
            pieces.append([text[a:b], ids, status, figure])
    return pieces


def build(audit: Audit) -> dict:
    ctx = context(audit)
    spans = _spans(audit)
    statuses = {f.rule_id: f.status for f in audit.findings}
    first = {rid: min(s for s, _, _ in items) for rid, items in spans.items()}
    doc = audit.document
    return {
        "format": VIEW_FORMAT,
        "doc": ctx["doc"],
        "packs": ctx["packs"],
        "alerts": ctx["alerts"]["errors"] + ctx["alerts"]["warnings"],  # errors first, each with its label
        "warnings": list(audit.meta.get("warnings", ())),
        "score": ctx["score"], "score_before": ctx["score_before"], "score_differs": ctx["score_differs"],
        "gauge": str(ctx["gauge"]),
        "counts": ctx["counts"], "total": ctx["total"], "n_gaps": ctx["n_gaps"],
        "gaps": ctx["gaps"],
        "checklist": ctx["checklist"],
        "quoted": sorted(first, key=first.get),  # rule ids with a sentence in the text, in text order
        "pieces": text_pieces(doc.original, spans, statuses),
    }
