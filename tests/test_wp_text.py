"""wp_text.py: text layouts sharing their Pango context draw exactly what WeasyPrint's own Layout.setup draws."""
from __future__ import annotations

import hashlib
import inspect
import threading
from contextlib import contextmanager

import pytest

from auditor.report import pdf, wp_text

# sha256 of Layout.setup's source in the versions wp_text.TESTED names; a WeasyPrint that changes it must be read
# again before it is added there.
SETUP_SOURCE = {"70.0": "fb227a55094f41d4"}


def test_patched_function_is_the_one_read():
    wp = pdf.load_weasyprint()
    from weasyprint.text import line_break

    assert set(SETUP_SOURCE) == wp_text.TESTED
    setup = line_break.Layout.setup
    if wp.__version__ not in wp_text.TESTED:
        assert not getattr(setup, "_auditor_shared", False)  # as shipped
        return
    assert setup._auditor_shared
    source = inspect.getsource(setup.original)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == SETUP_SOURCE[wp.__version__]


def test_shared_contexts_draw_the_same(monkeypatch):
    wp = pdf.load_weasyprint()
    from weasyprint.text import line_break

    setup = line_break.Layout.setup
    if not getattr(setup, "_auditor_shared", False):
        return
    page = ("<html lang='zh-CN'><body><h1 style='letter-spacing: .1em'>差距审核报告</h1>"
            "<p style='text-align: justify'>法治政府建设 2024 年度报告 the rule of law, 出庭應訴率 100%。</p>"
            "<p lang='en' style='direction: rtl'>mixed مرحبا text</p><p style='text-decoration: underline'>"
            "<b>粗体</b> <i>斜体</i> <small>小字</small></p></body></html>")
    monkeypatch.setattr(pdf, "_thread", threading.local())
    shared = pdf.pdf_bytes(page)
    monkeypatch.setattr(line_break.Layout, "setup", setup.original)
    monkeypatch.setattr(pdf, "_thread", threading.local())
    assert pdf.pdf_bytes(page) == shared
    assert wp.__version__ in wp_text.TESTED


# sha256 of what keep_layouts relies on: the Layout methods it replaces, and set_text, whose justify=True is the
# only difference between the layout measured and the one drawn
KEEP_SOURCES = {"70.0": {"deactivate": "bfec3ec8406e1c82", "reactivate": "0b89ee097104b713",
                         "set_text": "fe23ca9937dbf520"}}


def _kept() -> bool:
    wp = pdf.load_weasyprint()
    from weasyprint.text import line_break

    return wp.__version__ in wp_text.TESTED and getattr(line_break.Layout.reactivate, "_auditor_kept", False)


@contextmanager
def _shipped_layouts():
    from weasyprint.text import line_break

    layout = line_break.Layout
    kept = layout.deactivate, layout.reactivate
    layout.deactivate, layout.reactivate = kept[0].original, kept[1].original
    try:
        yield
    finally:
        layout.deactivate, layout.reactivate = kept


def test_kept_layouts_replace_the_methods_read():
    wp = pdf.load_weasyprint()
    from weasyprint.text import line_break

    assert set(KEEP_SOURCES) == wp_text.TESTED
    layout = line_break.Layout
    if wp.__version__ not in wp_text.TESTED:
        assert not getattr(layout.reactivate, "_auditor_kept", False)
        return
    for name, fn in (("deactivate", layout.deactivate.original), ("reactivate", layout.reactivate.original),
                     ("set_text", layout.set_text)):
        assert hashlib.sha256(inspect.getsource(fn).encode()).hexdigest()[:16] == KEEP_SOURCES[wp.__version__][name]


def test_kept_layouts_draw_the_same_tricky_page():
    if not _kept():
        pytest.skip("WeasyPrint version not tested: layouts set up anew")
    from test_wp_draw import page

    html = page() + ("<p style='text-align: justify; width: 40mm'>justified words with spaces between them, "
                     "法治 政府 建设 word spacing</p><p style='word-spacing: 3pt'>spaced words 有 空格</p>")
    kept = pdf.pdf_bytes(html)
    with _shipped_layouts():
        assert pdf.pdf_bytes(html) == kept


def test_a_line_is_drawn_from_its_kept_layout_unless_drawing_sets_it_differently(monkeypatch):
    if not _kept():
        pytest.skip("WeasyPrint version not tested: layouts set up anew")
    from weasyprint.text import line_break

    shipped = line_break.Layout.reactivate.original
    set_up = []

    def counting(self, style):
        set_up.append(self.text)
        return shipped(self, style)

    monkeypatch.setattr(line_break.Layout, "reactivate", wp_text._reactivate(counting))
    pdf.pdf_bytes("<p>法治政府建设 plain text，<b>粗体</b> 100%</p>")
    assert set_up == []
    pdf.pdf_bytes("<p style='text-align: justify; width: 30mm'>words with spaces to justify across lines</p>"
                  "<p style='letter-spacing: 1pt'>字距</p>")
    assert "字距" in set_up and any(" " in t for t in set_up)


@pytest.mark.slow
def test_kept_layouts_draw_the_same_seed_reports():
    if not _kept():
        pytest.skip("WeasyPrint version not tested: layouts set up anew")
    from datetime import date

    from test_wp_layout import ROOT, RULES

    from auditor import api
    from auditor.report import render

    for style in render.STYLES:
        for seed in sorted((ROOT / "seeds" / "reports").glob("*.txt")):
            html = render.render_html(api.check(str(seed), rules=[str(RULES)]), today=date(2026, 12, 1), style=style)
            kept = render.pdf_bytes(html)
            with _shipped_layouts():
                assert render.pdf_bytes(html) == kept, (style, seed.name)
