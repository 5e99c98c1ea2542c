"""wp_text.py: text layouts sharing their Pango context draw exactly what WeasyPrint's own Layout.setup draws."""
from __future__ import annotations

import hashlib
import inspect
import threading

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
