"""wp_layout.py: the fast layout helpers give what WeasyPrint's own give, down to the bytes of the PDF."""
from __future__ import annotations

import hashlib
import inspect
import random
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from auditor.report import pdf, render, wp_layout

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
# sha256 of each replaced helper's source in the versions wp_layout.TESTED names; a WeasyPrint that changes one
# must be read again before it is added there.
SOURCES = {"70.0": {"resolve_one_percentage": "4cfaa9ad134e4f7b", "resolve_percentages": "71673078096fcf87",
                    "collapse_margin": "c91ad56f81717b09", "avoid_collisions": "5fc7793c573af328",
                    "strut": "b57885b70dd08efe", "_font_style_cache_key": "d6b09d54b8258d58"}}

# Tables (collapsed and separate borders, percentages, spans, a fixed height), long paragraphs, Latin and CJK
# mixed, bold spans, a float and a right-to-left block (the helpers' shipped paths), letter spacing.
TRICKY = """<html lang="zh-CN"><head><style>
@page { size: A5; margin: 10% 8%; @bottom-center { content: counter(page) } }
body { font-size: 11pt; line-height: 1.6 }
p { margin: 0.5em 0 1em; padding: 0 2% 0 3mm; text-indent: 2em; text-align: justify }
h2 { margin: 12pt 0 -4pt; letter-spacing: .1em }
table { width: 90%; border-collapse: collapse; margin: 2% auto }
table.sep { border-collapse: separate; border-spacing: 2px 4px; width: auto; max-width: 80% }
td, th { border: 0.5pt solid #000; padding: 1mm 2%; vertical-align: top }
div.box { height: 30mm; min-height: 10%; max-height: 50%; border: 1pt solid #c00; margin: -2mm 5% 4mm }
div.half { height: 40%; }
.float { float: right; width: 30%; margin: 0 0 2mm 2mm; border: 1pt solid #999 }
blockquote { margin: 1mm 0 1mm 2em; border-left: 1pt solid #000; padding-left: 2.5mm }
</style></head><body>
<h2>一、需整改的问题（Overview）</h2>
<p>{long}</p>
<p>本级行政机关负责人出庭应诉率达到<b>100%</b>，行政复议纠错率 <b>12.5%</b>，the rate of appearance in court was
<b>fully met</b> in 2023；法治政府建设 <i>mixed</i> 文本 with Latin words and 数字 1,234.56 万元。</p>
<table><colgroup><col style="width: 40%"><col><col style="width: 20%"></colgroup>
<thead><tr><th>规则（依据条款）</th><th>目标</th><th>结论</th></tr></thead><tbody>
{rows}
<tr><td colspan="3"><b>○ 经行政复议后被提起行政诉讼的案件比例：未报告</b>，见一（一）</td></tr>
</tbody></table>
<table class="sep"><tr><td>甲</td><td>乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙</td></tr></table>
<div class="box"><p>固定高度的方框 fixed height box</p></div>
<div class="half"><p>百分比高度</p></div>
<div class="float"><p>浮动的说明 floated note with some text to wrap around</p></div>
<p>{long}</p>
<blockquote>引用原文：“全年办理行政复议案件 <b>56</b> 件，纠错 <b>7</b> 件。”<span>〔第 3 页〕</span></blockquote>
<p dir="rtl" style="direction: rtl">right to left مرحبا بالعالم 法治</p>
<p style="white-space: pre-line">第一行
第二行　　缩进</p>
</body></html>"""


def tricky_page() -> str:
    rng = random.Random(17)
    words = ["法治政府建设", "行政执法", "the rule of law", "出庭應訴率", "100%", "重大行政决策", "合法性审查",
             "2024年", "公平竞争审查", "行政复议", "（一）", "、", "，", "。"]
    long = "".join(rng.choice(words) for _ in range(400))
    rows = "\n".join(f"<tr><td>规则{i}：{rng.choice(words) * rng.randint(1, 4)}（第{i}项）</td>"
                     f"<td>{'不少于' + str(i) + '次' if i % 3 else '—'}</td><td>{'√ 达标' if i % 2 else '○ 未报告'}</td></tr>"
                     for i in range(1, 40))
    return TRICKY.replace("{long}", long).replace("{rows}", rows)


@contextmanager
def shipped():
    """WeasyPrint's own helpers for the duration."""
    for fn in wp_layout.INSTALLED.values():
        wp_layout._replace(fn, fn.original)
    try:
        yield
    finally:
        for fn in wp_layout.INSTALLED.values():
            wp_layout._replace(fn.original, fn)


def _both_ways(monkeypatch, render_pdf, page) -> tuple[bytes, bytes]:
    """(fast, shipped) PDF bytes, each from fresh font configurations (their caches hold struts)."""
    monkeypatch.setattr(pdf, "_thread", threading.local())
    fast = render_pdf(page)
    monkeypatch.setattr(pdf, "_thread", threading.local())
    with shipped():
        slow = render_pdf(page)
    return fast, slow


def _installed() -> bool:
    wp = pdf.load_weasyprint()
    return wp.__version__ in wp_layout.TESTED


def test_replaced_helpers_are_the_ones_read():
    wp = pdf.load_weasyprint()
    assert set(SOURCES) == wp_layout.TESTED
    if wp.__version__ not in wp_layout.TESTED:
        assert not wp_layout.INSTALLED
        return
    assert set(wp_layout.INSTALLED) == set(SOURCES[wp.__version__])
    for name, fn in wp_layout.INSTALLED.items():
        source = inspect.getsource(fn.original)
        assert hashlib.sha256(source.encode()).hexdigest()[:16] == SOURCES[wp.__version__][name], name


def test_every_binding_is_replaced_and_restored():
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped helpers")
    from weasyprint.css import units
    from weasyprint.layout import block, inline, table

    bound = [(block, "collapse_margin"), (block, "resolve_percentages"), (inline, "resolve_one_percentage"),
             (table, "resolve_percentages"), (inline, "avoid_collisions"), (units, "strut")]
    assert all(getattr(getattr(m, n), "_auditor_fast", False) for m, n in bound)
    with shipped():
        assert not any(getattr(getattr(m, n), "_auditor_fast", False) for m, n in bound)
    assert all(getattr(getattr(m, n), "_auditor_fast", False) for m, n in bound)


def test_collapse_margin_keeps_the_first_largest_and_smallest():
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped helpers")
    fast = wp_layout.INSTALLED["collapse_margin"]
    rng = random.Random(3)
    pool = [0, 0.0, -0.0, 1, 1.0, -1, -1.0, 2.5, -2.5, 7, 3.25]
    cases = [[]] + [[rng.choice(pool) for _ in range(rng.randint(1, 5))] for _ in range(500)]
    for margins in cases:
        got, want = fast(list(margins)), fast.original(list(margins))
        assert got == want and type(got) is type(want) and str(got) == str(want), margins


def test_a_tricky_page_is_the_same_pdf(monkeypatch):
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped helpers")
    fast, slow = _both_ways(monkeypatch, pdf.pdf_bytes, tricky_page())
    assert fast == slow


@pytest.mark.slow
def test_the_seed_reports_are_the_same_pdf(monkeypatch):
    if not _installed():
        pytest.skip("WeasyPrint version not tested: shipped helpers")
    from auditor import api

    for seed in sorted((ROOT / "seeds" / "reports").glob("*.txt")):
        page = render.render_html(api.check(str(seed), rules=[str(RULES)]), today=date(2026, 12, 1))
        fast, slow = _both_ways(monkeypatch, render.pdf_bytes, page)
        assert fast == slow, seed.name
