"""charts: small inline SVG charts for the gap report, generated in code (no JS, no network).

Every function returns markupsafe.Markup; any text placed in the SVG is escaped here.
"""
from __future__ import annotations

import math
from typing import Iterable, Mapping, Optional, Sequence

from markupsafe import Markup, escape

from ..models import STATUS_LABELS

# Status colours, also used by the stylesheet (keep in sync with templates/report.css).
COLORS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "not_reported": "#ef6c00",
    "review": "#1f5fa8",
    "waived": "#9e9e9e",
}
ORDER = ("met", "not_met", "not_reported", "review", "waived")  # as the counts table
FONT = "'Auditor Sans', 'Noto Sans CJK SC', sans-serif"


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def score_text(score: float) -> str:
    s = f"{score:.1f}"
    return s[:-2] if s.endswith(".0") else s


def score_color(score: float) -> str:
    if score >= 90:
        return COLORS["met"]
    if score >= 60:
        return "#e09100"
    return COLORS["not_met"]


def gauge(score: float, before: Optional[float] = None, width: int = 220) -> Markup:
    """Semicircle gauge 0–100 with the score in the middle; `before` (score without
    waivers) is drawn as a thin marker when it differs."""
    score = max(0.0, min(100.0, float(score)))
    w, h = 220, 132
    cx, cy, r, stroke = 110, 112, 88, 20

    def point(value: float) -> tuple[float, float]:
        a = math.pi * (1 - value / 100)
        return cx + r * math.cos(a), cy - r * math.sin(a)

    def arc(v0: float, v1: float) -> str:
        (x0, y0), (x1, y1) = point(v0), point(v1)
        return f"M{_num(x0)},{_num(y0)} A{r},{r} 0 0 1 {_num(x1)},{_num(y1)}"

    parts = [
        f'<svg class="gauge" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'width="{width}" height="{_num(width * h / w)}" role="img" '
        f'aria-label="{escape("得分 " + score_text(score))}">',
        f'<path d="{arc(0, 100)}" fill="none" stroke="#e6e6e6" stroke-width="{stroke}"/>',
    ]
    if score > 0.2:
        parts.append(f'<path d="{arc(0, score)}" fill="none" stroke="{score_color(score)}" '
                     f'stroke-width="{stroke}"/>')
    for tick in (0, 60, 90, 100):
        a = math.pi * (1 - tick / 100)
        x0, y0 = cx + (r - stroke / 2 - 2) * math.cos(a), cy - (r - stroke / 2 - 2) * math.sin(a)
        x1, y1 = cx + (r - stroke / 2 - 7) * math.cos(a), cy - (r - stroke / 2 - 7) * math.sin(a)
        parts.append(f'<line x1="{_num(x0)}" y1="{_num(y0)}" x2="{_num(x1)}" y2="{_num(y1)}" '
                     f'stroke="#999" stroke-width="1.5"/>')
    if before is not None and abs(float(before) - score) >= 0.05:
        b = max(0.0, min(100.0, float(before)))
        a = math.pi * (1 - b / 100)
        x0, y0 = cx + (r - stroke / 2 - 3) * math.cos(a), cy - (r - stroke / 2 - 3) * math.sin(a)
        x1, y1 = cx + (r + stroke / 2 + 3) * math.cos(a), cy - (r + stroke / 2 + 3) * math.sin(a)
        parts.append(f'<line x1="{_num(x0)}" y1="{_num(y0)}" x2="{_num(x1)}" y2="{_num(y1)}" '
                     f'stroke="#333" stroke-width="3"/>')
    parts.append(
        f'<text x="{cx}" y="{cy - 14}" text-anchor="middle" font-family="{FONT}" font-size="44" '
        f'font-weight="bold" fill="#222">{escape(score_text(score))}</text>')
    parts.append(f'<text x="{cx}" y="{cy + 12}" text-anchor="middle" font-family="{FONT}" '
                 f'font-size="13" fill="#666">满分 100</text>')
    parts.append(f'<text x="{cx - r}" y="{cy + 16}" text-anchor="middle" font-family="{FONT}" '
                 f'font-size="11" fill="#888">0</text>')
    parts.append(f'<text x="{cx + r}" y="{cy + 16}" text-anchor="middle" font-family="{FONT}" '
                 f'font-size="11" fill="#888">100</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _segments(counts: Mapping[str, int], width: float) -> list[tuple[str, float, float, int]]:
    total = sum(max(0, int(counts.get(s, 0))) for s in ORDER)
    out, x = [], 0.0
    if total <= 0:
        return out
    for s in ORDER:
        n = max(0, int(counts.get(s, 0)))
        if n:
            w = width * n / total
            out.append((s, x, w, n))
            x += w
    return out


def status_bar(counts: Mapping[str, int], width: int = 460, height: int = 26) -> Markup:
    """One stacked bar of finding statuses, each segment labelled with its count."""
    parts = [
        f'<svg class="status-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="状态分布">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f0f0f0"/>',
    ]
    for status, x, w, n in _segments(counts, width):
        parts.append(f'<rect x="{_num(x)}" y="0" width="{_num(w)}" height="{height}" '
                     f'fill="{COLORS[status]}"><title>{escape(STATUS_LABELS[status])} {n}</title></rect>')
        if w >= 18:
            parts.append(f'<text x="{_num(x + w / 2)}" y="{_num(height / 2 + 5)}" text-anchor="middle" '
                         f'font-family="{FONT}" font-size="13" font-weight="bold" fill="#fff">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def group_bars(rows: Sequence[tuple[str, Mapping[str, int]]], width: int = 300,
               height: int = 14) -> list[tuple[str, int, Markup]]:
    """A small stacked bar per group (part or category): [(label, total, svg)].

    Bars share one scale (the largest group) so their lengths compare; the label stays
    in HTML, where long Chinese names wrap."""
    biggest = max((sum(c.get(s, 0) for s in ORDER) for _, c in rows), default=0) or 1
    out = []
    for label, counts in rows:
        total = sum(counts.get(s, 0) for s in ORDER)
        span = width * total / biggest
        parts = [f'<svg class="group-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
                 f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">']
        for status, x, w, n in _segments(counts, span):
            parts.append(f'<rect x="{_num(x)}" y="0" width="{_num(w)}" height="{height}" '
                         f'fill="{COLORS[status]}"/>')
            if w >= 14:
                parts.append(f'<text x="{_num(x + w / 2)}" y="{_num(height / 2 + 4)}" text-anchor="middle" '
                             f'font-family="{FONT}" font-size="10.5" fill="#fff">{n}</text>')
        parts.append("</svg>")
        out.append((label, total, Markup("".join(parts))))
    return out


def legend(statuses: Iterable[str] = ORDER) -> Markup:
    """A legend as HTML (not SVG) so it wraps with the text."""
    items = "".join(
        f'<span class="legend-item"><span class="swatch" style="background:{COLORS[s]}"></span>'
        f'{escape(STATUS_LABELS[s])}</span>' for s in statuses)
    return Markup(f'<span class="legend">{items}</span>')
