"""wp_draw: WeasyPrint's text drawing writes the same PDF operators with less Python per glyph.

WeasyPrint (draw/text.py, draw_first_line) reads each glyph of a line through cffi, field by field (glyph id,
width, two offsets, its log cluster), and works out its emoji branches for each; a gap report draws ~13,000
glyphs. `install()` puts in a version that, for a line whose runs are all in plain outline fonts (no bitmap,
SVG, PNG or COLR glyphs, which are the emoji branches) with no empty, unknown or raised glyph and no ellipsis,
reads each run's glyphs in one block and writes the very same strings, widths and Unicode map, in the same
order; any other line, found before anything is written, is drawn by WeasyPrint's own function. Only for the
versions in TESTED, whose function's source tests/test_wp_draw.py checks; it also compares the bytes of the
seeds and of a tricky page drawn both ways.
"""
from __future__ import annotations

import struct

TESTED = frozenset({"70.0"})
INSTALLED: dict = {}  # "draw_first_line" -> the fast one (its .original is WeasyPrint's)
_GLYPH = struct.Struct("=IiiiI")  # PangoGlyphInfo: glyph, geometry (width, x_offset, y_offset), attr
# what Pango may take as the end of a paragraph (\n, \r, U+2029), and other breaks, to be safe
_PARAGRAPH_BREAKS = frozenset("\n\r\u2029\u2028\x0b\x0c\x85")


def install(weasyprint) -> bool:
    """Use the fast draw_first_line in this WeasyPrint if it is a tested version laid out as expected."""
    if getattr(weasyprint, "__version__", None) not in TESTED:
        return False
    from weasyprint.draw import text
    from weasyprint.text.ffi import ffi

    shipped = text.draw_first_line
    if getattr(shipped, "_auditor_fast", False):
        return True
    try:
        layout_ok = (ffi.sizeof("PangoGlyphInfo") == _GLYPH.size and ffi.offsetof("PangoGlyphInfo", "geometry") == 4
                     and ffi.sizeof("PangoGlyphGeometry") == 12 and ffi.sizeof("gint") == 4)
    except Exception:
        layout_ok = False
    if not layout_ok:
        return False
    fast = _fast_draw_first_line(shipped)
    fast._auditor_fast, fast.original = True, shipped
    text.draw_first_line = fast  # draw_text, in the same module, is its one caller
    INSTALLED["draw_first_line"] = fast
    return True


class _Shipped(Exception):
    """This line needs WeasyPrint's own drawing."""


def _fast_draw_first_line(shipped):
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    empty, unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    old_pango = pango.pango_version() < 14802
    unpack = _GLYPH.iter_unpack

    def runs_of(stream, textbox, first_line):
        """[(pango_font, font, font_size, glyph string)] of the line, or _Shipped."""
        out = []
        style_size = textbox.style["font_size"]
        utf8_text = None
        run = first_line.runs[0]
        while run != ffi.NULL:
            glyph_item = run.data
            run = run.next
            glyph_string = glyph_item.glyphs
            num_glyphs = glyph_string.num_glyphs
            pango_font = glyph_item.item.analysis.font
            font, font_size = stream.add_font(pango_font)
            if old_pango or font.png:
                font_size = style_size
            if font.bitmap or font.svg or font.png or font.colr:
                raise _Shipped
            infos = list(unpack(ffi.buffer(glyph_string.glyphs, num_glyphs * _GLYPH.size)))
            for glyph_id, _, _, y_offset, _ in infos:
                if glyph_id == empty or glyph_id & unknown or y_offset / 1000:
                    raise _Shipped
            widths, to_unicode = font.widths, font.to_unicode
            clusters = None
            parts = ["<"]
            for i, (glyph_id, width, x_offset, _, _) in enumerate(infos):
                if glyph_id not in to_unicode:
                    if clusters is None:
                        clusters = ffi.unpack(glyph_string.log_clusters, num_glyphs)
                        item = glyph_item.item
                        offset, length, rtl = item.offset, item.length, item.analysis.level % 2
                    t1 = clusters[i]
                    if rtl:
                        t2 = length if i == 0 else clusters[i - 1]
                    else:
                        t2 = length if i == num_glyphs - 1 else clusters[i + 1]
                    utf8_text = utf8_text or textbox.pango_layout.text.encode()
                    to_unicode[glyph_id] = utf8_text[offset + t1:offset + t2].decode()
                offset_x = x_offset / font_size
                if offset_x:
                    parts.append(f">{-offset_x}<")
                parts.append(f"{glyph_id:04x}")
                if glyph_id in widths:
                    logical_width = widths[glyph_id]
                else:
                    pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                    logical_width = widths[glyph_id] = round(
                        stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
                kerning = logical_width + offset_x - width * 1000 * FROM_UNITS / font_size
                if kerning:
                    parts.append(f">{int(kerning)}<")
            out.append((pango_font, font, font_size, "".join(parts)))
        return out

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if (text_overflow == "ellipsis" or block_ellipsis != "none" or not textbox.text.strip()
                or textbox.style["font_size"] < 1e-6):
            return shipped(stream, textbox, text_overflow, block_ellipsis, matrix)
        if not _PARAGRAPH_BREAKS.isdisjoint(textbox.pango_layout.text):
            # without a paragraph separator the mode changes nothing but would have Pango lay out a layout
            # kept from measuring the line (wp_text.keep_layouts) once more
            pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        first_line, _ = textbox.pango_layout.get_first_line()
        try:
            runs = runs_of(stream, textbox, first_line)
        except _Shipped:  # nothing written yet; the fonts met so far are registered as WeasyPrint would
            return shipped(stream, textbox, text_overflow, block_ellipsis, matrix)
        stream.set_text_matrix(*matrix.values)
        previous_pango_font = None
        string = ""
        for pango_font, font, font_size, glyphs in runs:
            if pango_font != previous_pango_font:
                previous_pango_font = pango_font
                if string:
                    stream.show_text(string)
                string = ""
                stream.set_font_size(font.hash, font_size)
            string += glyphs
            # close this run's glyphs list, dropping it when empty
            if string[-1] == "<":
                string = string[:-1]
            else:
                string += ">"
        stream.show_text(string)
        return []

    return draw_first_line
