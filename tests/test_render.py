"""The gap report (render.py): HTML/PDF content, alerts on page 1, escaping, atomic writes.

The audits come from the real pipeline (audit_factory). Renders three PDFs at most (each ~1–3 s)."""
from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_factory import (  # noqa: E402
    ERROR_ALERT, HOSTILE, IMG, LINK, STYLE, TRAD_QUOTE, WARNING_ALERT, make_audit,
)

from auditor.report import pdf, render, view  # noqa: E402
from auditor.errors import RenderError  # noqa: E402
from auditor.version import tool_version  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reports" / "000_fc5a606910346e4f.txt"
HUZHU = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"


def pdf_text(path: Path) -> tuple[str, set[str]]:
    """All text of a PDF with whitespace removed (lines wrap anywhere), and its font names."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
        fontnames = {c["fontname"] for p in pdf.pages for c in p.chars}
    return re.sub(r"\s+", "", text), fontnames


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    return make_audit(alerts=(ERROR_ALERT, WARNING_ALERT), workdir=str(tmp_path_factory.mktemp("factory")))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, audit):
    """One PDF of the factory audit, with every URL the renderer asked for recorded."""
    requested: list[str] = []
    mp = pytest.MonkeyPatch()
    mp.setattr(pdf, "make_fetcher", recording_fetcher(requested))
    mp.setattr(pdf, "_thread", threading.local())  # the faces are fetched again, through the recording fetcher
    out = tmp_path_factory.mktemp("pdf") / "差距报告.pdf"
    try:
        render.write_pdf(audit, out)
    finally:
        mp.undo()
    text, fontnames = pdf_text(out)
    return out, text, fontnames, requested


def recording_fetcher(requested: list):
    real = pdf.make_fetcher

    def recording(assets, images=None):
        fetcher = real(assets, images)
        orig = fetcher.fetch

        def fetch(url, headers=None):
            requested.append(url)
            return orig(url, headers)

        fetcher.fetch = fetch
        return fetcher

    return recording


# ---------------------------------------------------------------- PDF content

def test_pdf_shows_who_score_and_every_gap(rendered, audit):
    out, text, _, _ = rendered
    assert out.read_bytes().startswith(b"%PDF")
    assert audit.document.jurisdiction in text
    assert "县（市、区）级" in text and "2023年" in text
    assert view.fmt_score(audit.score) in text and view.fmt_score(audit.score_before_waivers) in text
    assert audit.score != audit.score_before_waivers  # the waiver counts
    assert "互政办〔2024〕18号" in text
    gaps = [f for f in audit.findings if f.status in ("not_met", "not_reported", "review") and not f.informational]
    assert len(gaps) >= 5
    for f in gaps:
        assert squash(f.name) in text, f.name
    for label in ("达标", "未达标", "未报告", "待核实", "不适用"):
        assert label in text
    assert "—1—" in text and "—2—" in text  # 公文 page numbers
    assert f"法治报告审核工具{tool_version()}" in text  # the version line is filled


def test_alerts_are_on_page_one_errors_before_warnings(rendered):
    import pdfplumber

    out = rendered[0]
    with pdfplumber.open(str(out)) as doc:
        first = squash(doc.pages[0].extract_text() or "")
        rest = squash("".join(p.extract_text() or "" for p in doc.pages[1:]))
    error, warning = squash("警示：" + ERROR_ALERT.message), squash("注意：" + WARNING_ALERT.message)
    assert error in first and warning in first and first.index(error) < first.index(warning)
    assert error not in rest
    assert "<b>" in ERROR_ALERT.message and "<b>报告" in first  # an alert's text is text too


def test_alert_blocks_in_html(audit):
    html = render.render_html(audit)
    assert html.count('<div class="alert">') == 1 and html.count('<div class="notice">') == 1
    assert html.index('class="alert"') < html.index('class="notice"') < html.index('class="facts"')
    assert "&lt;b&gt;报告" in html
    from dataclasses import replace

    plain = render.render_html(replace(audit, alerts=()))
    assert '<div class="alert">' not in plain and '<div class="notice">' not in plain


def test_pdf_keeps_traditional_quote_and_uses_only_shipped_font(rendered):
    _, text, fontnames, _ = rendered
    assert squash(TRAD_QUOTE) in text
    # Every glyph comes from the pre-subset font: nothing fell back (or to a blank box).
    assert fontnames and all("Auditor" in n for n in fontnames), fontnames


def test_injected_markup_is_literal_text_and_never_fetched(rendered):
    _, text, _, requested = rendered
    for hostile in HOSTILE:
        assert squash(hostile) in text, hostile
    # the shipped faces are handed to fontconfig in place (pdf._add_in_place) or served as our assets
    assert all(u.startswith(render.ASSET_SCHEME + "fonts/") for u in requested), requested
    assert not any("passwd" in u or "example.com" in u or "hosts" in u for u in requested)


def test_waivers_tailored_and_profile_rows_are_visible(rendered):
    _, text, _, _ = rendered
    # table cells wrap, so look for short pieces
    assert "本区考试由市" in text and "李某" in text and "2099年12月" in text
    assert "已过期" in text and "机构改革期间暂缓" in text
    assert "本地定制" in text
    assert "已报告" in text  # informational profile row
    assert "报告结构识别" in text and "存在的不足和原因" in text
    assert "报告中的数字" in text


# ---------------------------------------------------------------- HTML

def test_html_escapes_report_and_rule_text(audit):
    html = render.render_html(audit)
    assert "&lt;img src=" in html
    assert IMG not in html and LINK not in html and STYLE not in html
    assert "<img" not in html and "<link" not in html
    assert html.count("<style") == 1  # ours only
    assert "<script" not in html
    # the figure is highlighted, the quote around it stays text
    assert '<mark class="fig">法治專題講座1次</mark>' in html
    assert "較上年減少1次" in html


def test_pdf_path_reuses_the_parsed_stylesheet_and_lean_user_agent_sheet(audit):
    """pdf_bytes recognises our <style> (and swaps in the stylesheet parsed once per process);
    the lean user-agent sheet it then uses must know every tag the template writes."""
    html = render.render_html(audit)
    assert render.style_block() in html
    body = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    tags = set(re.findall(r"<([a-z][a-z0-9]*)", body)) - {"span"}  # span: inline, the initial value
    known = set(re.findall(r"[a-z][a-z0-9]*", re.sub(r"\{[^}]*\}", "", pdf.REPORT_UA)))
    assert tags <= known, tags - known


def test_report_stays_cheap_to_lay_out():
    """WeasyPrint pays about a millisecond per element (block, table cell or inline span),
    inline-blocks and flex far more: keep the report lean (see the template's header)."""
    css = (render.TEMPLATE_DIR / render.STYLESHEET).read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # declarations only, not the comments
    assert "inline-block" not in css and "flex" not in css
    def elements(audit) -> int:
        body = render.render_html(audit).split("<body>", 1)[1]
        return len(re.findall(r"<[a-z]", re.sub(r"<svg.*?</svg>", "<svg>", body, flags=re.S)))

    base, more = make_audit(), make_audit(many=40)
    per_row = (elements(more) - elements(base)) / (len(more.findings) - len(base.findings))
    assert per_row <= 6, per_row  # a checklist row is <tr> and three cells; the pack adds its table
    assert elements(base) < 700, elements(base)  # 36 rules, 24 gaps with quotes, 120 figures


def test_write_html_is_atomic_and_self_contained(tmp_path, audit):
    out = tmp_path / "report.html"
    render.write_html(audit, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["report.html"]
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<[a-zA-Z][^>]*\s(src|href)\s*=", html)  # no tag loads anything
    style = html[html.index("<style>"):html.index("</style>")]
    assert "url(" not in style and "@import" not in style


# ---------------------------------------------------------------- atomic writes

def test_failed_render_leaves_nothing(tmp_path, audit, monkeypatch):
    def boom(html):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(render, "pdf_bytes", boom)
    out = tmp_path / "out.pdf"
    with pytest.raises(RenderError) as err:
        render.write_pdf(audit, out)
    assert str(out) in str(err.value)
    assert os.listdir(tmp_path) == []
    # an existing file is left as it was
    out.write_bytes(b"old")
    with pytest.raises(RenderError):
        render.write_pdf(audit, out)
    assert out.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.pdf"]


def test_io_error_is_render_error_naming_the_path(tmp_path, audit):
    target = tmp_path / "a-directory.html"
    target.mkdir()
    with pytest.raises(RenderError) as err:
        render.write_html(audit, target)
    assert str(target) in str(err.value) and "无法写入" in str(err.value)
    assert sorted(os.listdir(tmp_path)) == ["a-directory.html"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError):
        render.write_html(audit, blocker / "sub" / "r.html")


def test_rendered_pdf_write_left_no_temp_file(rendered):
    out = rendered[0]
    assert os.listdir(out.parent) == [out.name]


# ---------------------------------------------------------------- a real audit

def test_real_seed_audit_renders_traditional_quotes(tmp_path):
    from auditor import api

    audit = api.check(str(SEED), rules=[str(HUZHU)])
    out = tmp_path / "seed.pdf"
    render.write_pdf(audit, out)
    text, fontnames = pdf_text(out)
    assert all("Auditor" in n for n in fontnames), fontnames
    quoted = [e for f in audit.findings for e in f.evidence if e.highlight]
    assert quoted
    ev = quoted[0]
    a, b = ev.highlight
    assert squash(ev.quote[max(0, a - 8):b]) in text
    assert "機關" in text or "區" in text  # traditional characters kept as written


def test_minimal_audit_renders(tmp_path):
    from auditor.models import Audit, Document, Facts, Outline

    doc = Document(path="r.txt", format="txt", original="无标题的短文", text="无标题的短文", page_starts=(0,))
    audit = Audit(document=doc, outline=Outline(sections=()), facts=Facts(by_indicator={}), packs=(),
                  findings=(), score=100.0, score_before_waivers=100.0)
    html = render.render_html(audit)
    assert "未发现需要整改的问题" in html and "（未识别）" in html and "未识别出任何标题" in html
    assert '<section class="gaps">' not in html and "报告中的数字" in html


def test_summary_html_gets_font_and_its_urls_are_refused(tmp_path, monkeypatch):
    requested: list[str] = []
    monkeypatch.setattr(pdf, "make_fetcher", recording_fetcher(requested))
    html = ('<html><head><link rel="stylesheet" href="http://example.com/x.css"></head><body>'
            '<h1>批量汇总</h1><p>船營區 互助县</p><img src="file:///etc/passwd"></body></html>')
    out = tmp_path / "summary.pdf"
    render.write_pdf_from_html(html, out)
    text, fontnames = pdf_text(out)
    assert "批量汇总" in text and "船營區" in text
    assert all("Auditor" in n for n in fontnames), fontnames
    # the markup's URLs reached the fetcher and were refused (nothing else was served)
    assert any("passwd" in u for u in requested)
    assert os.listdir(tmp_path) == ["summary.pdf"]


# ---------------------------------------------------------------- layouts

def test_gongwen_layout_margins_fonts_and_page_numbers(rendered):
    """GB/T 9704: A4, text block 28 mm from the left, 26 mm from the right, 37 mm below the top and 35 mm above
    the bottom; 宋 body at 3号 16 pt, 黑 level-1 and 楷 level-2 headings; "— N —" on the outer side."""
    import pdfplumber

    mm = 72 / 25.4
    with pdfplumber.open(str(rendered[0])) as doc:
        pages = doc.pages
        assert (round(pages[0].width / mm), round(pages[0].height / mm)) == (210, 297)
        # visible glyphs only: a separating 全角空格 may hang past the line's end, as in Word
        body = [c for p in pages for c in p.chars if c["bottom"] < 262 * mm + 1 and c["text"].strip()]
        left = min(c["x0"] for c in body) / mm
        right = 210 - max(c["x1"] for c in body) / mm
        top = min(c["top"] for c in body) / mm
        assert 27.5 <= left <= 28.6 and 25.4 <= right <= 26.6, (left, right)
        assert 37 <= top <= 40, top  # the first line's glyphs, inside its line box
        faces = {(round(c["size"]), c["fontname"].split("+")[-1]) for c in body}
        assert {(16, "Auditor-Serif"), (16, "Auditor-Sans"), (16, "Auditor-Kai"), (22, "Auditor-Serif-Bold")} <= faces
        for i in (0, 1):
            number = [w for w in pages[i].extract_words() if w["top"] > 262 * mm]
            assert "".join(w["text"] for w in number) == f"—{i + 1}—"
            x = number[0]["x0"] / mm
            assert (x > 150) if i == 0 else (x < 40)  # odd pages right, even pages left


def test_gongwen_status_has_a_symbol_and_black_text(audit):
    html = render.render_html(audit)
    assert "gongwen" in html or render.style_block("gongwen") in html
    assert '<span class="st-not_met">× 未达标</span>' in html or "× 未达标" in html
    css = str(render.stylesheet("gongwen.css"))
    assert "color: #000" in css and "break-before: page" not in css  # no forced near-empty pages


def test_modern_style_keeps_the_dashboard(audit):
    html = render.render_html(audit, style="modern")
    assert render.style_block("modern") in html and 'class="gauge"' in html
    assert render.style_block("gongwen") not in html
    with pytest.raises(RenderError):
        render.render_html(audit, style="fancy")


def test_gap_note_not_repeated_by_status_or_advice(audit):
    ctx = view.context(audit)
    for g in ctx["gaps"]:
        assert not g["shown_note"] or g["shown_note"] not in g["advice"]
        if g["status"] == "not_reported":
            assert g["shown_note"] != "报告未提及"


def test_compiled_templates_are_kept_in_the_cache_folder(tmp_path, monkeypatch):
    """A new process loads the compiled gap report instead of compiling it (Jinja checks the source's checksum);
    nothing is kept when caching is off."""
    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    render.template_env.cache_clear()
    try:
        render.template_env().get_template(render.TEMPLATE)
        kept = list((tmp_path / "auditor" / "templates").iterdir())
        assert len(kept) == 1
        render.template_env.cache_clear()
        env = render.template_env()
        loaded = []
        real = env.bytecode_cache.load_bytecode
        monkeypatch.setattr(env.bytecode_cache, "load_bytecode", lambda b: real(b) or loaded.append(b.code))
        env.get_template(render.TEMPLATE)
        assert loaded and loaded[0] is not None
        monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
        assert render._bytecode_cache() is None
    finally:
        render.template_env.cache_clear()


def test_gongwen_checklist_has_one_line_per_rule():
    """The 公文 checklist is one ruled line per finding (no table); a gap's line points to its item under 一."""
    audit = make_audit(many=40)
    html = render.render_html(audit, style="gongwen")
    section = re.search(r'<section class="checklist">.*?</section>', html, re.S).group(0)
    assert "<table" not in section
    rows = re.findall(r'<p class="row[^"]*">(.*?)</p>', section, re.S)
    assert len(rows) == len(audit.findings)
    gaps = [f for f in audit.findings if f.status in ("not_met", "not_reported", "review") and not f.informational]
    assert sum("，见一（" in r for r in rows) == len(gaps)
    modern = render.render_html(audit, style="modern")
    assert '<table class="list">' in re.search(r'<section class="checklist">.*?</section>', modern, re.S).group(0)
