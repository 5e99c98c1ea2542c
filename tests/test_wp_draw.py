"""wp_draw.py: the fast glyph drawing writes what WeasyPrint's own draw_first_line writes, down to the bytes."""
from __future__ import annotations

import hashlib
import inspect
from contextlib import contextmanager
from datetime import date

import pytest
from test_wp_layout import RULES, ROOT, tricky_page

from auditor.report import pdf, render, wp_draw

# sha256 of draw_first_line's source in the versions wp_draw.TESTED names; a WeasyPrint that changes it must be
# read again before it is added there.
SOURCE = {"70.0": "1bb8eae6d88e71b1"}
# What the fast path hands back to WeasyPrint: an ellipsis, a character no font has, an emoji, a raised glyph
# (superscript), text drawn in an SVG, right-to-left text, underlines and letter spacing.
EXTRA = """<p style="width: 30mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis">
很长很长的一行文字会被省略号截断 a long line cut with an ellipsis</p>
<p>未知字符 \U0010fffd \uffff 和表情 ✅ 😀 ，上标 x<sup>2</sup> 与 <u>下划线</u>，<span style="letter-spacing: 2pt">字 距</span></p>
<svg width="80mm" height="20mm" viewBox="0 0 200 50"><text x="10" y="30" font-size="14">图中文字 SVG text 100%</text>
</svg>
<p dir="rtl" style="direction: rtl">مرحبا بالعالم hello 法治</p>
"""


def page() -> str:
    return tricky_page().replace("</body>", EXTRA + "</body>")


@contextmanager
def shipped():
    from weasyprint.draw import text

    fast = wp_draw.INSTALLED["draw_first_line"]
    text.draw_first_line = fast.original
    try:
        yield
    finally:
        text.draw_first_line = fast


def _installed() -> bool:
    return pdf.load_weasyprint().__version__ in wp_draw.TESTED and bool(wp_draw.INSTALLED)


def _both_ways(render_pdf, html) -> tuple[bytes, bytes]:
    fast = render_pdf(html)
    with shipped():
        slow = render_pdf(html)
    return fast, slow


def test_replaced_function_is_the_one_read():
    wp = pdf.load_weasyprint()
    assert set(SOURCE) == wp_draw.TESTED
    if wp.__version__ not in wp_draw.TESTED:
        assert not wp_draw.INSTALLED
        return
    from weasyprint.draw import text

    fast = wp_draw.INSTALLED["draw_first_line"]
    assert text.draw_first_line is fast
    source = inspect.getsource(fast.original)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == SOURCE[wp.__version__]


def test_a_tricky_page_is_the_same_pdf():
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped drawing")
    fast, slow = _both_ways(pdf.pdf_bytes, page())
    assert fast == slow


def test_plain_lines_take_the_fast_path_and_others_are_handed_back(monkeypatch):
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped drawing")
    from weasyprint.draw import text

    original = wp_draw.INSTALLED["draw_first_line"].original
    handed = []

    def counting(*args, **kwargs):
        handed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(text, "draw_first_line", wp_draw._fast_draw_first_line(counting))
    pdf.pdf_bytes("<p>法治政府建设 plain text，<b>粗体</b> 100%</p>")
    assert not handed
    pdf.pdf_bytes('<p style="width: 20mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis">'
                  "很长很长的一行文字会被省略号截断</p>")
    assert handed


@pytest.mark.slow
def test_the_seed_reports_are_the_same_pdf():
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped drawing")
    from auditor import api

    for seed in sorted((ROOT / "seeds" / "reports").glob("*.txt")):
        html = render.render_html(api.check(str(seed), rules=[str(RULES)]), today=date(2026, 12, 1))
        fast, slow = _both_ways(render.pdf_bytes, html)
        assert fast == slow, seed.name
