"""charts: every inline SVG chart (gap report and batch summary), generated in code (no JS, no network).

Every function returns markupsafe.Markup; any text placed in the SVG is escaped here.
"""
from __future__ import annotations

import math
from typing import Iterable, Mapping, Optional, Sequence

from markupsafe import Markup, escape

from .vocab import COLORS, STATUS_LABELS, STATUS_ORDER as ORDER, fmt_number, fmt_score as score_text, score_color

FONT = "'Auditor Sans', 'Noto Sans CJK SC', sans-serif"


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


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


def group_bars(rows: Sequence[tuple[str, Mapping[str, int]]], width: int = 300,
               height: int = 14, numbers: bool = True) -> list[tuple[str, int, Markup]]:
    """A small stacked bar per group (part or category): [(label, total, svg)].

    Bars share one scale (the largest group) so their lengths compare; the label stays
    in HTML, where long Chinese names wrap. `numbers=False`: no count written on the segments (where the
    counts are written beside the bar: SVG text is most of what a bar costs WeasyPrint)."""
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
            if numbers and w >= 14:
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


def histogram(scores: Sequence[float], width: int = 600, height: int = 210):
    """Distribution of scores in ten bins of 10 points; every text is a number or our own label."""
    bins = [0] * 10
    for x in scores:
        bins[min(9, max(0, int(float(x) // 10)))] += 1
    top = max(bins) or 1
    left, right, top_pad, bottom = 40, 10, 18, 40
    pw, ph = width - left - right, height - top_pad - bottom
    bw = pw / 10
    parts = [f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="得分分布">']
    step = max(1, math.ceil(top / 5))
    for t in range(0, top + 1, step):
        y = top_pad + ph - ph * t / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end" font-family="{FONT}" '
                     f'font-size="10" fill="#666">{t}</text>')
    for i, n in enumerate(bins):
        x = left + i * bw
        h = ph * n / top
        y = top_pad + ph - h
        if n:
            parts.append(f'<rect x="{x + 3:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{h:.1f}" '
                         f'fill="{score_color(i * 10 + 5)}"><title>{i * 10}–{i * 10 + 10} 分：{n} 份</title></rect>')
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-family="{FONT}" '
                         f'font-size="11" font-weight="bold" fill="#333">{n}</text>')
    for i in range(11):
        x = left + i * bw
        parts.append(f'<text x="{x:.1f}" y="{top_pad + ph + 14}" text-anchor="middle" font-family="{FONT}" '
                     f'font-size="10" fill="#666">{i * 10}</text>')
    parts.append(f'<line x1="{left}" y1="{top_pad + ph}" x2="{width - right}" y2="{top_pad + ph}" stroke="#999"/>')
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{height - 6}" text-anchor="middle" font-family="{FONT}" '
                 f'font-size="11" fill="#444">{escape("得分")}</text>')
    parts.append(f'<text x="12" y="{top_pad + ph / 2:.1f}" text-anchor="middle" font-family="{FONT}" font-size="11" '
                 f'fill="#444" transform="rotate(-90 12 {top_pad + ph / 2:.1f})">{escape("报告数（份）")}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_line(points: Sequence[tuple[int, Optional[float], Optional[str]]], unit: str = "", width: int = 168,
               height: int = 54, lo: Optional[float] = None, hi: Optional[float] = None) -> Markup:
    """One indicator (or the score) by year: a dot per year coloured by its status, the value above it, the year
    below; a year without a figure breaks the line, and a dashed line bridges it. `points`: (year, value, status)."""
    pts = sorted(points)
    if not pts:
        return Markup("")
    vals = [v for _, v, _ in pts if v is not None]
    top_pad, bottom, side = 14, 13, 18
    ph = height - top_pad - bottom
    vmin = lo if lo is not None else min(vals, default=0.0)
    vmax = hi if hi is not None else max(vals, default=1.0)
    if vmax - vmin < 1e-9:
        vmin, vmax = vmin - 1, vmax + 1
    step = (width - 2 * side) / max(1, len(pts) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = side + i * step if len(pts) > 1 else width / 2
        return x, top_pad + ph - ph * (float(v) - vmin) / (vmax - vmin)

    parts = [f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{escape("逐年变化")}">',
             f'<line x1="{side - 6}" y1="{top_pad + ph + 0.5}" x2="{width - side + 6}" y2="{top_pad + ph + 0.5}" '
             f'stroke="#ddd"/>']
    present = [(i, xy(i, v)) for i, (_, v, _) in enumerate(pts) if v is not None]
    for (i0, (x0, y0)), (i1, (x1, y1)) in zip(present, present[1:]):
        dash = ' stroke-dasharray="3,2"' if i1 - i0 > 1 else ""
        parts.append(f'<line x1="{_num(x0)}" y1="{_num(y0)}" x2="{_num(x1)}" y2="{_num(y1)}" stroke="#888" '
                     f'stroke-width="1.4"{dash}/>')
    for i, (year, v, status) in enumerate(pts):
        x = side + i * step if len(pts) > 1 else width / 2
        parts.append(f'<text x="{_num(x)}" y="{height - 2}" text-anchor="middle" font-family="{FONT}" '
                     f'font-size="8.5" fill="#777">{escape(str(year))}</text>')
        if v is None:
            parts.append(f'<text x="{_num(x)}" y="{_num(top_pad + ph - 2)}" text-anchor="middle" '
                         f'font-family="{FONT}" font-size="9" fill="#aaa">—</text>')
            continue
        _, y = xy(i, v)
        color = COLORS.get(status or "", "#555")
        parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.2" fill="{color}"/>')
        parts.append(f'<text x="{_num(x)}" y="{_num(max(9.0, y - 5))}" text-anchor="middle" font-family="{FONT}" '
                     f'font-size="8.5" fill="#333">{escape(fmt_number(v) + unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
