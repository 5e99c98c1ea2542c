"""The county × rule matrix of 汇总.pdf as page-sized PNG images (Pillow).

As SVG the matrix cost WeasyPrint ~17 ms per row (1,000 reports: 17 s of a summary meant to take 5); a raster
block costs it almost nothing. Each cell carries its status twice, as a light fill and as a drawn symbol
(✓ × ○ ? –), so the matrix reads in black-and-white print; column names are written upright, one character
under another, above the column numbers. The data itself is in 汇总.xlsx (明细).
"""
from __future__ import annotations

import io
from functools import lru_cache
from typing import Mapping, Optional, Sequence

from . import fonts
from .vocab import FILLS

DPI = 120  # enough for print (labels ~2 mm high, symbols drawn); WeasyPrint decodes and re-encodes every pixel
WIDTH_MM = 176  # the summary page's text width (summary.css: A4, 18 + 16 mm margins)
ROWS_PER_BLOCK = 50
NAME_CHARS = 8  # of a rule's name, written upright above its column
_MM = DPI / 25.4


def _px(mm: float) -> int:
    return round(mm * _MM)


@lru_cache(maxsize=4)
def _font(size: int):
    """A CJK font Pillow can draw with: the system's full Noto Sans CJK (every county name), else our
    pre-subset copy, else Pillow's own (no CJK: labels then show boxes, the symbols are drawn, not typed)."""
    from PIL import ImageFont

    src = fonts.find_source("sans-regular")
    candidates = [(str(src[0]), src[1])] if src else []
    have = fonts.installed().get("sans-regular")
    if have:
        candidates.append((str(have), 0))
    for path, index in candidates:
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _rgb(hex6: str) -> tuple[int, int, int]:
    return tuple(int(hex6[i:i + 2], 16) for i in (0, 2, 4))


def _symbol(draw, status: str, x0: int, y0: int, w: int, h: int, font) -> None:
    """The status symbol drawn in black in the cell's middle (shapes, so no font is needed for it)."""
    s = min(w, h) * 0.28
    cx, cy = x0 + w / 2, y0 + h / 2
    lw = max(2, round(min(w, h) / 14))
    if status == "met":
        draw.line([(cx - s, cy), (cx - s * 0.3, cy + s * 0.7), (cx + s, cy - s * 0.8)], fill=0, width=lw, joint="curve")
    elif status == "not_met":
        draw.line([(cx - s, cy - s), (cx + s, cy + s)], fill=0, width=lw)
        draw.line([(cx - s, cy + s), (cx + s, cy - s)], fill=0, width=lw)
    elif status == "not_reported":
        draw.ellipse([cx - s, cy - s, cx + s, cy + s], outline=0, width=lw)
    elif status == "review":
        draw.text((cx, cy), "?", fill=0, font=font, anchor="mm")
    elif status == "waived":
        draw.line([(cx - s, cy), (cx + s, cy)], fill=0, width=lw)


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _tile(status: str, cw: int, rh: int, font):
    from PIL import Image, ImageDraw

    tile = Image.new("RGB", (cw, rh), "white")
    d = ImageDraw.Draw(tile)
    d.rectangle([0, 0, cw - 2, rh - 2], fill=_rgb(FILLS[status]))
    _symbol(d, status, 0, 0, cw - 1, rh - 1, font)
    return tile


def _repeat(tile, across: int, down: int):
    """tile repeated across × down times, by doubling (a few pastes, not one per cell)."""
    from PIL import Image

    w, h = tile.size
    strip = Image.new("RGB", (w * across, h))
    strip.paste(tile, (0, 0))
    n = 1
    while n < across:
        strip.paste(strip.crop((0, 0, w * min(n, across - n), h)), (w * n, 0))
        n *= 2
    out = Image.new("RGB", (w * across, h * down))
    out.paste(strip, (0, 0))
    n = 1
    while n < down:
        out.paste(out.crop((0, 0, w * across, h * min(n, down - n))), (0, h * n))
        n *= 2
    return out


def _header(columns: Sequence[str], names: Mapping[str, str], label_w: int, cw: int, rh: int, font):
    """Column names, upright one character under another (as CJK is written in columns), over the numbers."""
    from PIL import Image, ImageDraw

    char_h = round(cw * 0.62) if names else 0
    name_chars = min(NAME_CHARS, max((len(names.get(c, "")) for c in columns), default=0)) if names else 0
    head = char_h * name_chars + round(rh * 1.2)
    img = Image.new("RGB", (label_w + cw * len(columns) + 2, head), "white")
    draw = ImageDraw.Draw(img)
    for j, rid in enumerate(columns):
        x = label_w + j * cw + cw / 2
        for n, ch in enumerate(names.get(rid, "")[:name_chars]):
            draw.text((x, n * char_h + char_h / 2), ch, fill=0, font=font, anchor="mm")
        draw.text((x, head - rh * 0.55), str(j + 1), fill=0, font=font, anchor="mm")
    return img


def matrix_pngs(rows: Sequence[tuple[str, Mapping[str, str]]], columns: Sequence[str],
                names: Optional[Mapping[str, str]] = None, per_block: int = ROWS_PER_BLOCK) -> list[bytes]:
    """One PNG per block of `per_block` rows; `rows` are (label, {rule id: status}), `columns` rule ids.

    Cells are laid per status at once: a mask of the cells in that status (one pixel per cell, scaled up)
    through which the status's tile, repeated, is pasted."""
    from PIL import Image, ImageDraw

    names = names or {}
    width = _px(WIDTH_MM)
    label_w = _px(30)
    k = max(1, len(columns))
    cw = max(_px(2.5), min(_px(6), (width - label_w) // k))
    rh = _px(4.2)
    small, label_font = _font(max(11, round(cw * 0.55))), _font(round(rh * 0.62))
    header = _header(columns, names, label_w, cw, rh, small)
    head = header.height
    tiles = {st: _tile(st, cw, rh, small) for st in FILLS}
    patterns: dict[tuple, object] = {}
    out = []
    for b in range(0, len(rows), per_block):
        block = rows[b:b + per_block]
        n = len(block)
        img = Image.new("RGB", (label_w + cw * k + 2, head + rh * n + 2), "white")
        img.paste(header, (0, 0))
        draw = ImageDraw.Draw(img)
        for i, (label, _) in enumerate(block):
            y = head + i * rh
            if i % 2:
                draw.rectangle([0, y, label_w - 3, y + rh - 1], fill=(242, 242, 242))
            draw.text((4, y + rh / 2), _fit(draw, label, label_font, label_w - 8), fill=0, font=label_font,
                      anchor="lm")
        for st, tile in tiles.items():
            cells = bytes(255 if sts.get(rid) == st else 0 for _, sts in block for rid in columns)
            if not any(cells):
                continue
            mask = Image.frombytes("L", (k, n), cells).resize((k * cw, n * rh), Image.Resampling.NEAREST)
            if (st, n) not in patterns:
                patterns[(st, n)] = _repeat(tile, k, n)
            img.paste(patterns[(st, n)], (label_w, head), mask)
        buf = io.BytesIO()
        img.save(buf, "PNG", compress_level=1, dpi=(DPI, DPI))  # fast: WeasyPrint decodes and re-encodes it anyway
        out.append(buf.getvalue())
    return out
