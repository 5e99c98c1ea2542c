"""annotate: the marked-up report. The report's own text, each sentence and figure behind a finding highlighted by
status, a margin note per finding (the rule, the verdict, the advice), and the parts outlined with their kind: what
an officer fixes the draft from.

The report text is untrusted: the highlight spans are computed here, in Python, as (text, classes, note numbers)
segments; the template escapes every piece (autoescape) and the only classes it writes are ours.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from .advice import advice
from .view import alerts_view
from .vocab import (
    STATUS_LABELS, STATUS_ORDER, STATUS_SEVERITY, SYMBOLS, finding_value, fmt_date, fmt_score, gap_key, level_label,
    part_label, target_text,
)
from ..models import Audit, Finding

TEMPLATE = "annotated.html.j2"
STYLESHEET = "annotated.css"
PARAGRAPH_MAX = 4000  # a paragraph longer than this (a page without line breaks) is cut into pieces of it


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    note: int  # the note number (1-based)
    status: str
    figure: bool  # the figure itself, not only its sentence


def _findings(audit: Audit) -> list[Finding]:
    """Scored findings with evidence, in the order their first quote appears in the report."""
    text = audit.document.original
    found = [f for f in audit.findings if not f.informational and any(_located(e, text) for e in f.evidence)]
    return sorted(found, key=lambda f: min(e.start for e in f.evidence if _located(e, text)))


def _located(ev, text: str) -> bool:
    return 0 <= ev.start < ev.end <= len(text)


def spans(audit: Audit) -> tuple[list[Span], list[Finding]]:
    """Every sentence and figure behind a finding, as spans of the original text; the findings by note number."""
    text = audit.document.original
    noted = _findings(audit)
    out = []
    for n, f in enumerate(noted, 1):
        for ev in f.evidence:
            if not _located(ev, text):
                continue
            out.append(Span(ev.start, ev.end, n, f.status, False))
            if ev.highlight and text[ev.start:ev.end] == ev.quote:  # the figure, where the quote is the text
                a, b = ev.highlight
                if 0 <= a < b <= len(ev.quote):
                    out.append(Span(ev.start + a, ev.start + b, n, f.status, True))
    return out, noted


def segments(text: str, start: int, end: int, marks: list[Span], heading_end: int = -1) -> list[dict]:
    """text[start:end] cut at every span boundary: [{text, status (the worst covering), figure, notes, heading}];
    notes are attached to the segment where a finding's sentence starts; `heading` marks the pieces before
    heading_end (a run-in heading "（一）组织领导持续强化。" is bold, the text after it is not)."""
    inside = [s for s in marks if s.start < end and s.end > start]
    cuts = sorted({start, end} | {max(start, min(end, x)) for s in inside for x in (s.start, s.end)}
                  | ({heading_end} if start < heading_end < end else set()))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [s for s in inside if s.start <= a and s.end >= b]
        worst = max(cover, key=lambda s: STATUS_SEVERITY.get(s.status, 0), default=None)
        starts = sorted({s.note for s in cover if s.start == a and not s.figure})
        out.append({"text": text[a:b], "status": worst.status if worst else "",
                    "figure": any(s.figure for s in cover), "notes": starts, "heading": a < heading_end})
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line; a very long line in pieces."""
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if line.strip():
            out.extend((a, min(e, a + PARAGRAPH_MAX)) for a in range(s, e, PARAGRAPH_MAX))
    return out


def _note(n: int, f: Finding) -> dict:
    return {"no": n, "status": f.status, "symbol": SYMBOLS.get(f.status, ""), "label": STATUS_LABELS[f.status],
            "name": f.name, "target": target_text(f.target, f.tailored) if f.target else "",
            "value": finding_value(f) if f.value is not None else "", "advice": advice(f)}


def _parts(audit: Audit) -> list[tuple[int, int, str, str]]:
    """Top-level parts as (start, end, kind, label)."""
    out = []
    for s in audit.outline.sections:
        if s.level <= 1:
            out.append((s.start, s.end, s.kind, part_label(s.kind) or ("导语" if s.kind == "preamble" else "")))
    return out


def annotated_context(audit: Audit, today: Optional[date] = None) -> dict:
    doc = audit.document
    text = doc.original
    marks, noted = spans(audit)
    notes = {n: _note(n, f) for n, f in enumerate(noted, 1)}
    heads = {s.start: s for s in audit.outline.sections}
    parts = _parts(audit)
    blocks: list[dict] = []
    for a, b in _paragraphs(text):
        part = next((p for p in parts if p[0] <= a < p[1]), None)
        kind, label = (part[2], part[3]) if part else ("none", "")
        if not blocks or blocks[-1]["start"] != (part[0] if part else -1):
            blocks.append({"start": part[0] if part else -1, "kind": kind or "none", "label": label,
                           "paragraphs": []})
        head = heads.get(a) if a in heads and heads[a].level >= 1 else None
        segs = segments(text, a, b, marks, head.heading_end if head else -1)
        own = sorted({n for sg in segs for n in sg["notes"]})
        blocks[-1]["paragraphs"].append({"segments": segs, "notes": [notes[n] for n in own],
                                         "heading": head is not None})
    text_less = sorted((f for f in audit.findings if not f.informational and f.status in ("not_met", "not_reported",
                                                                                           "review")
                        and f not in noted), key=gap_key)
    counts = audit.counts()
    return {
        "title": doc.title or doc.jurisdiction or "年度报告", "jurisdiction": doc.jurisdiction or "（未识别）",
        "level": level_label(doc.level), "year": f"{doc.year}年" if doc.year else "",
        "score": fmt_score(audit.score), "generated": fmt_date(audit.meta.get("generated") or (today or date.today())),
        "alerts": alerts_view(audit), "blocks": blocks,
        "missing": [{"symbol": SYMBOLS[f.status], "status": f.status, "label": STATUS_LABELS[f.status],
                     "name": f.name, "advice": advice(f)} for f in text_less],
        "legend": [(s, SYMBOLS[s], STATUS_LABELS[s], counts.get(s, 0)) for s in STATUS_ORDER if s != "waived"],
        "n_notes": len(notes),
    }


def annotated_html(audit: Audit, today: Optional[date] = None) -> str:
    """The marked-up report as one self-contained HTML page (for a download, or a file: write_annotated)."""
    from .render import render_page

    return render_page(TEMPLATE, annotated_context(audit, today), STYLESHEET)


def annotated_pdf(audit: Audit, today: Optional[date] = None) -> bytes:
    from . import pdf

    return pdf.pdf_bytes(annotated_html(audit, today))


def write_annotated(audit: Audit, path, today: Optional[date] = None) -> None:
    """HTML, or PDF when the file name ends in .pdf; atomically."""
    from pathlib import Path

    from .render import write_file

    if Path(path).suffix.lower() == ".pdf":
        write_file(path, lambda: annotated_pdf(audit, today), "PDF")
    else:
        write_file(path, lambda: annotated_html(audit, today).encode("utf-8"), "HTML")
