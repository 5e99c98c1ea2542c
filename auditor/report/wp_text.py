"""wp_text: WeasyPrint's text layouts share their Pango context and font description instead of making new ones.

WeasyPrint (text/line_break.py, Layout.setup) makes a new PangoContext and PangoFontDescription for every text
layout: each line it breaks, each line it draws, each strut (~830 a gap report, ~18 µs each of the ~28 µs a
layout costs before any text is set). `share_contexts()` replaces Layout.setup with the same steps, taking the
context from a cache per font configuration and (direction, language) — every context made for that key is set
up the same way and never changed after — and the description from a cache per font (Pango copies it into
each layout). `keep_layouts()` keeps each line's final Pango layout for its drawing: WeasyPrint deactivates the layout
once the line is measured (dropping the PangoLayout) and, to draw the line, sets up a new one with the same
style and text and lays it out again (~345 layouts a gap report). Kept, the PangoLayout is handed back when
the line is drawn with the very style it was measured with and nothing in that style or the line makes
drawing set its text differently from measuring (justification spacing, word or letter spacing); any other
line is set up anew as shipped. Applied only to the WeasyPrint versions whose Layout.setup, deactivate,
reactivate and set_text this was written from (tests/test_wp_text.py checks the installed source, and the
bytes of the seeds and a tricky page both ways); any other runs as shipped.
"""
from __future__ import annotations

TESTED = frozenset({"70.0"})
_CACHE = "_auditor_shared_pango"  # attribute of the FontConfiguration the caches live on (per document or thread)


def share_contexts(weasyprint) -> bool:
    """Patch Layout.setup of this WeasyPrint if it is a tested version; True if patched."""
    if getattr(weasyprint, "__version__", None) not in TESTED:
        return False
    from weasyprint.text import line_break

    if getattr(line_break.Layout.setup, "_auditor_shared", False):
        return True
    setup = _shared_setup(line_break)
    setup.original = line_break.Layout.setup
    line_break.Layout.setup = setup
    return True


def _shared_setup(line_break):
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p

    font_features, get_font_description = line_break.font_features, line_break.get_font_description

    def setup(self, style):
        self.style = style
        self.first_line_direction = 0

        font_config = style.font_config
        cache = font_config.__dict__.get(_CACHE)
        if cache is None:
            cache = font_config.__dict__[_CACHE] = {}
        if style['font_language_override'] != 'normal':
            lang = LST_TO_ISO.get(style['font_language_override'].lower(), style['font_language_override'])
        else:
            lang = style['lang'] or None
        context_key = ("context", style['direction'], lang)
        shared = cache.get(context_key)
        if shared is None:
            pango_context = ffi.gc(pango.pango_font_map_create_context(font_config.font_map),
                                   gobject.g_object_unref)
            pango.pango_context_set_round_glyph_positions(pango_context, False)
            pango.pango_context_set_base_dir(pango_context, PANGO_DIRECTION[style['direction']])
            language = pango.pango_language_get_default()
            if lang is not None:
                lang_p, lang_bytes = unicode_to_char_p(lang)
                if lang_bytes:
                    language = pango.pango_language_from_string(lang_p)
                    pango.pango_context_set_language(pango_context, language)
            shared = cache[context_key] = (pango_context, language)
        pango_context, self.language = shared

        assert not isinstance(style['font_family'], str), 'font_family should be a list'
        font_key = ("font", tuple(style['font_family']), style['font_style'], style['font_stretch'],
                    style['font_weight'], style['font_size'], style['font_variant_caps'],
                    style['font_variation_settings'])
        try:
            font_description = cache.get(font_key)
        except TypeError:  # a value that cannot be a key: made for this layout alone
            font_key, font_description = None, None
        if font_description is None:
            font_description = get_font_description(style)
            if font_key is not None:
                cache[font_key] = font_description
        self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(self.layout, False)
        pango.pango_layout_set_font_description(self.layout, font_description)

        text_decoration = style['text_decoration_line']
        if text_decoration != 'none':
            metrics = ffi.gc(pango.pango_context_get_metrics(pango_context, font_description, self.language),
                             pango.pango_font_metrics_unref)
            self.ascent = FROM_UNITS * (pango.pango_font_metrics_get_ascent(metrics))
            self.underline_position = FROM_UNITS * (pango.pango_font_metrics_get_underline_position(metrics))
            self.strikethrough_position = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_position(metrics))
            self.underline_thickness = FROM_UNITS * (pango.pango_font_metrics_get_underline_thickness(metrics))
            self.strikethrough_thickness = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_thickness(metrics))
        else:
            self.ascent = None
            self.underline_position = None
            self.strikethrough_position = None

        features = font_features(
            style['font_kerning'], style['font_variant_ligatures'],
            style['font_variant_position'], style['font_variant_caps'],
            style['font_variant_numeric'], style['font_variant_alternates'],
            style['font_variant_east_asian'], style['font_feature_settings'])
        if features:
            features = ','.join(f'{key} {value}' for key, value in features.items()).encode()
            attr = style.font_config.font_features.setdefault(features, pango.pango_attr_font_features_new(features))
            attr_list = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attr_list, attr)
            pango.pango_layout_set_attributes(self.layout, attr_list)

    setup._auditor_shared = True
    return setup


def keep_layouts(weasyprint) -> bool:
    """Patch Layout.deactivate/reactivate of this WeasyPrint if it is a tested version; True if patched."""
    if getattr(weasyprint, "__version__", None) not in TESTED:
        return False
    from weasyprint.text import line_break

    layout_class = line_break.Layout
    if getattr(layout_class.reactivate, "_auditor_kept", False):
        return True
    shipped_deactivate, shipped_reactivate = layout_class.deactivate, layout_class.reactivate

    def deactivate(self):
        self._auditor_kept = (self.layout, self.language, self.style)
        del self.layout, self.language, self.style

    reactivate = _reactivate(shipped_reactivate)
    for fn, original in ((deactivate, shipped_deactivate), (reactivate, shipped_reactivate)):
        fn._auditor_kept, fn.original = True, original
    layout_class.deactivate, layout_class.reactivate = deactivate, reactivate
    return True


def _reactivate(shipped):
    """Layout.reactivate handing back the kept layout where `shipped` (a new setup and set_text) would make the same."""
    def reactivate(self, style):
        kept = self.__dict__.get("_auditor_kept")
        # set_text(justify=True) adds justification spacing and, with word or letter spacing, attributes at
        # positions of this text; without them the kept layout is the one a new setup and set_text would make
        if (kept is None or kept[2] is not style or self.justification_spacing
                or style["word_spacing"] or style["letter_spacing"] not in ("normal", 0)):
            return shipped(self, style)
        self.layout, self.language, self.style = kept
        self.first_line_direction = 0

    return reactivate
