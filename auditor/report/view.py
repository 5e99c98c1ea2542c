"""view: Audit -> the gap report's view model (plain strings, numbers and lists; no markup but the charts).

The HTML template (render.py), the Word copy and any other layout read this; none of them decides a word,
an order or a colour of its own (those come from vocab.py).
"""
from __future__ import annotations

import re
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Optional

from . import charts
from .advice import action, advice
from .vocab import (
    ALERT_LABELS, PROFILE_CLASSES, STATUS_LABELS, STATUS_ORDER, SYMBOLS, TEXT_COLORS, as_date, clause_full,
    clause_text, cn_number, finding_label, finding_symbol, finding_value, fmt_date, fmt_number, fmt_score, gaps, level_label,
    part_label, reported, status_label, with_unit,
)
from ..fold import fold
from ..models import Audit, Evidence, Finding
from ..version import tool_version

MAX_FIGURES = 120
QUOTE_CONTEXT = 150  # characters kept on each side of a highlighted figure
FIGURE_CONTEXT = 24  # the same in the list of figures: enough to say what the figure counts
TOP_GAPS = 8  # gaps listed on the first page (fewer when the header blocks are taller)
SCRIPT_LABELS = {"simplified": "简体", "traditional": "繁体"}
UNKNOWN = "（未识别）"


# ---------------------------------------------------------------- quotes

def _trim(before: str, figure: str, after: str, keep: int) -> tuple[str, str, str]:
    if len(before) > keep:
        before = "…" + before[-keep:]
    if len(after) > keep:
        after = after[:keep] + "…"
    return before, figure, after


def split_quote(quote: str, highlight: Optional[tuple[int, int]],
                keep: int = QUOTE_CONTEXT) -> tuple[str, str, str]:
    """(before, figure, after) of a quote; plain strings, escaped later by the template."""
    if highlight:
        s, e = highlight
        if 0 <= s < e <= len(quote):
            return _trim(quote[:s], quote[s:e], quote[e:], keep)
    if len(quote) > 2 * keep:
        return quote[: 2 * keep] + "…", "", ""
    return quote, "", ""


_STOPS = "。！？；!?;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding text[start:end] (its end punctuation included)."""
    s = max(text.rfind(c, 0, start) for c in _STOPS) + 1
    ends = [i for i in (text.find(c, end) for c in _STOPS) if i >= 0]
    e = min(ends) if ends else len(text)
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, max(e, end)


def segments(text: str, s: int, e: int, spans: list[tuple[int, int]], keep: int) -> list[tuple[str, bool]]:
    """text[s:e] cut into (piece, is_figure) around the given spans; long stretches of plain
    text are shortened with an ellipsis."""
    out: list[tuple[str, bool]] = []
    pos = s
    for i, (a, b) in enumerate(spans):
        plain = text[pos:a]
        if i == 0 and len(plain) > keep:
            plain = "…" + plain[-keep:]
        elif len(plain) > 2 * keep:
            plain = plain[:keep] + "…" + plain[-keep:]
        if plain:
            out.append((plain, False))
        out.append((text[a:b], True))
        pos = b
    tail = text[pos:e]
    if len(tail) > keep:
        tail = tail[:keep] + "…"
    if tail:
        out.append((tail, False))
    return out


def evidence_view(ev: Evidence) -> dict:
    before, figure, after = split_quote(ev.quote, ev.highlight)
    return {"before": before, "figure": figure, "after": after,
            "part": ev.part or "", "part_kind": part_label(ev.part_kind), "page": ev.page}


# ---------------------------------------------------------------- findings

def verdict(f: Finding) -> tuple[str, str]:
    """The checklist's last column in one run of text: the conclusion, then what the report says
    ("未达标：85%"), and the CSS class that colours it."""
    label = finding_label(f)
    shown = f.value is not None and (reported(f) or not f.informational)
    text = f"{label}：{finding_value(f)}" if shown else label
    if f.waiver is not None:
        text += f"（豁免前：{status_label(f.status_before_waiver or '') or '—'}）"
    css = PROFILE_CLASSES[reported(f)] if f.informational else f"st-{f.status}"
    return text, css


_RESTATED = re.compile(r"报告未(提及|报告该指标)")


def shown_note(f: Finding, advice_text: str) -> str:
    """The evaluator's note where it adds to the status and the advice: not a bare "报告未提及" under
    未报告, not a part's absence the advice states, not a review reason the advice quotes."""
    note = f.note or ""
    if not note or f.kind == "part" or note in advice_text:
        return ""
    if f.status == "not_reported" and _RESTATED.fullmatch(note):
        return ""
    return note


def finding_view(f: Finding, today: date) -> dict:
    waiver = None
    if f.waiver is not None:
        w = f.waiver
        waiver = {"reason": w.reason, "approver": w.approver, "expires": fmt_date(w.expires) or "长期",
                  "expired": w.expired(today), "source": w.source}
    text, css = verdict(f)
    advice_text = advice(f)
    return {
        "verdict": text, "verdict_class": css, "reported_value": f.value is not None,
        "id": f.rule_id, "kind": f.kind, "name": f.name, "status": f.status, "label": finding_label(f),
        "symbol": finding_symbol(f),
        "reported": reported(f), "target": f.target or "", "value": finding_value(f), "note": f.note,
        "shown_note": shown_note(f, advice_text), "advice": advice_text, "action": action(f),
        "clause": clause_text(f.clause), "source": f.source, "clause_full": clause_full(f.source, f.clause),
        "evidence": [evidence_view(e) for e in f.evidence], "weight": fmt_number(f.weight),
        "tailored": f.tailored, "informational": f.informational, "derived": f.derived, "waiver": waiver,
        "before_label": status_label(f.status_before_waiver or "") if f.status_before_waiver else "",
        "category": f.category or "其他",
    }


def _checklist(audit: Audit, today: date) -> list[dict]:
    """Findings grouped by pack (in pack order, scored packs first), then by category (first appearance)."""
    titles = {p.id: (p.title, p.source) for p in audit.packs}
    groups: "OrderedDict[str, OrderedDict[str, list]]" = OrderedDict((p.id, OrderedDict()) for p in audit.packs)
    for f in audit.findings:
        groups.setdefault(f.pack, OrderedDict()).setdefault(f.category or "其他", []).append(f)
    out = []
    for pid, cats in groups.items():
        if not cats:
            continue
        found = [f for fs in cats.values() for f in fs]
        profile = all(f.informational for f in found)
        known = pid in titles
        if known:
            title, source = titles[pid]
        else:
            title = "概况指标（不计分）" if profile else (found[0].source or pid or "其他规则")
            source = found[0].source if found[0].source != title else ""
        counts = {s: sum(1 for f in found if not f.informational and f.status == s) for s in STATUS_ORDER}
        out.append({"id": pid, "title": title, "source": source, "profile": profile, "known": known,
                    "counts": counts,
                    "categories": [{"name": c, "rows": [finding_view(f, today) for f in fs]} for c, fs in cats.items()]})
    out.sort(key=lambda p: p["profile"])  # stable: pure profile packs (nothing scored) last
    return out


# ---------------------------------------------------------------- the report itself

def _outline(audit: Audit) -> list[dict]:
    doc = audit.document
    rows = []
    parent_kind = None  # kind of the enclosing top-level part: sub-headings repeat it only when they differ
    for s in audit.outline.sections:
        heading = (s.heading or "导语") if s.kind == "preamble" and s.level == 0 else s.heading
        if len(heading) > 60:
            heading = heading[:60] + "…"
        kind = part_label(s.kind) or s.kind
        # the label once: not under a parent of the same kind, nor after a heading that already says it
        show = (s.level <= 1 or s.kind != parent_kind) and kind not in fold(heading)[0]
        if s.level <= 1:
            parent_kind = s.kind
        rows.append({"marker": s.marker, "heading": heading, "level": max(0, s.level), "kind": kind,
                     "show_kind": bool(kind) and show, "kind_id": s.kind, "page": doc.page_of(s.start)})
    return rows


def _figures(audit: Audit) -> tuple[list[dict], int]:
    """Figures found, grouped by the sentence they sit in (first MAX_FIGURES figures)."""
    doc = audit.document
    text = doc.original
    quantities = sorted(audit.facts.quantities, key=lambda q: (q.start, -q.end))
    groups: "OrderedDict[tuple[int, int], list]" = OrderedDict()
    last_end = -1
    for q in quantities[:MAX_FIGURES]:
        if q.start < last_end or not (0 <= q.start < q.end <= len(text)):
            continue  # nested in the previous figure, or out of range
        last_end = q.end
        groups.setdefault(sentence_bounds(text, q.start, q.end), []).append(q)
    rows = [{"figs": [("约" if q.approx else "") + with_unit(q.value, q.unit) for q in qs],
             "target": any(q.target for q in qs),
             "segments": segments(text, s, e, [(q.start, q.end) for q in qs], FIGURE_CONTEXT),
             "page": doc.page_of(s)} for (s, e), qs in groups.items()]
    return rows, len(quantities)


def _doc_view(audit: Audit) -> dict:
    doc = audit.document
    file_name = Path(doc.path).name if doc.path else ""
    title = doc.title or ""
    short = title or " ".join(x for x in (doc.jurisdiction, f"{doc.year}年度报告" if doc.year else "") if x) \
        or file_name or "法治政府建设年度报告"
    return {
        "title": title, "short": short, "file": file_name, "jurisdiction": doc.jurisdiction or UNKNOWN,
        "level": level_label(doc.level) or UNKNOWN, "year": f"{doc.year}年" if doc.year else UNKNOWN,
        "script": SCRIPT_LABELS.get(doc.script, doc.script), "published": fmt_date(doc.published),
        "format": (doc.format or "").upper(), "pages": len(doc.page_starts) or None,
    }


def alerts_view(audit: Audit) -> dict:
    """Errors (the audit may not mean what it seems) and warnings, each with its label, errors first."""
    rows = [{"code": a.code, "severity": a.severity, "label": ALERT_LABELS.get(a.severity, a.severity),
             "message": a.message} for a in audit.alerts]
    rows.sort(key=lambda a: a["severity"] != "error")
    return {"errors": [a for a in rows if a["severity"] == "error"],
            "warnings": [a for a in rows if a["severity"] != "error"]}


def context(audit: Audit, today: Optional[date] = None, style: str = "gongwen") -> dict:
    """Everything the template shows; `style` picks the layout (STYLES in render.py)."""
    today = today or date.today()
    counts = audit.counts()
    gap_list = gaps(audit.findings)
    profile = [f for f in audit.findings if f.informational]
    names = {f.rule_id: f.name for f in audit.findings}
    expired = [{"rule": w.rule_id, "name": names.get(w.rule_id, w.rule_id), "reason": w.reason,
                "approver": w.approver, "expires": fmt_date(w.expires), "source": w.source}
               for w in audit.expired_waivers]
    differs = abs(audit.score_before_waivers - audit.score) >= 0.05
    figures, n_figures = _figures(audit)
    doc = _doc_view(audit)
    generated = as_date(audit.meta.get("generated")) or today
    alerts = alerts_view(audit)
    n_alert_lines = len(alerts["errors"]) + len(alerts["warnings"])
    return {
        "doc": doc, "header": (doc["short"] if len(doc["short"]) <= 40 else doc["short"][:39] + "…") + " · 审核意见",
        "alerts": alerts,
        "packs": [{"title": p.title, "source": p.source, "issued": p.issued or "", "draft": p.draft, "path": p.path}
                  for p in audit.packs],
        "score": fmt_score(audit.score), "score_before": fmt_score(audit.score_before_waivers),
        "score_differs": differs, "gauge": charts.gauge(audit.score, audit.score_before_waivers if differs else None),
        "counts": [{"status": s, "label": STATUS_LABELS[s], "symbol": SYMBOLS[s], "n": counts[s]} for s in STATUS_ORDER],
        "total": sum(counts.values()), "n_gaps": len(gap_list),
        "n_fix": counts["not_met"] + counts["not_reported"], "n_review": counts["review"],
        "gaps": [dict(finding_view(f, today), cn_no=cn_number(i)) for i, f in enumerate(gap_list, 1)],
        "checklist": _checklist(audit, today),
        "profile_reported": sum(1 for f in profile if reported(f)), "profile_total": len(profile),
        "waived": [finding_view(f, today) for f in audit.findings if f.waiver is not None],
        "tailored": [finding_view(f, today) for f in audit.findings if f.tailored],
        "expired": expired, "outline": _outline(audit),
        "figures": figures, "n_figures": n_figures, "max_figures": MAX_FIGURES,
        "has_pages": bool(audit.document.page_starts), "n_listed": sum(len(r["figs"]) for r in figures),
        # what fits on page 1 next to the header blocks
        "top_n": max(3, TOP_GAPS - max(0, len(audit.packs) - 3) - (2 if expired else 0) - n_alert_lines),
        "generated": fmt_date(generated), "generated_iso": generated.isoformat(),
        "version": audit.meta.get("version") or tool_version(),
        "status_colors": TEXT_COLORS, "style": style,
    }
