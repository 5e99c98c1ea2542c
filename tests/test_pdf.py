"""The PDF engine (pdf.py): the URL fetcher refuses everything but our fonts; fonts cut per document."""
from __future__ import annotations

import sys

import pytest

from auditor.report import fonts, pdf


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://example.com/x.css", "https://example.com/x.css",
    "data:text/css,body{}", "ftp://example.com/x", "auditor-asset:fonts/../../../../etc/passwd",
    "auditor-asset:fonts/other.ttf",
])
def test_fetcher_refuses_everything_but_our_assets(url):
    fetcher = pdf.make_fetcher({"auditor-asset:fonts/x.ttf": ("regular", b"\0\1\0\0")})
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.fetch("auditor-asset:fonts/x.ttf").read() == b"\0\1\0\0"


def test_font_assets_are_cut_to_the_document():
    assets, alone = pdf.font_assets("<p>法治政府 出庭應訴率</p>")
    assert alone and assets
    # the default family (sans) and the families the page names: no serif or kai cut for this page
    sans = {k for k, f in fonts.FACES.items() if f.family == fonts.FAMILY}
    assert {k for k, _ in assets.values()} == sans
    served, _ = pdf.font_assets('<p style="font-family: \'Auditor Kai\'">法治政府</p>')
    assert {k for k, _ in served.values()} == sans | {"kai-regular"}
    assert all(url.startswith(pdf.ASSET_SCHEME + "fonts/") for url in assets)
    other, _ = pdf.font_assets("<p>另一份报告</p>")
    assert set(other).isdisjoint(assets)  # one cut per character set


def test_style_block_is_taken_out_and_parsed_once():
    css = "p { color: #123456 }"
    html = f"<html><head>{pdf.style_block(css)}</head><body><p>甲</p></body></html>"
    assert pdf.pdf_bytes(html, sheet=css).startswith(b"%PDF")
    before = pdf._parsed_sheet.cache_info().hits
    pdf.pdf_bytes(html, sheet=css)
    assert pdf._parsed_sheet.cache_info().hits == before + 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig")
@pytest.mark.parametrize("name", ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0",
                                  "libgobject-2.0-0", "harfbuzz-vector-0.0", "no-such-library-xyz"])
def test_library_lookup_is_ctypes_own_search(name):
    import ctypes.util

    fast = pdf._ldconfig_lookup()
    assert fast is not None and fast(name) == ctypes.util.find_library(name)


def test_weasyprint_loads_with_find_library_restored():
    import ctypes.util

    real = ctypes.util.find_library
    wp = pdf.load_weasyprint()
    assert wp.HTML and ctypes.util.find_library is real


def test_faces_missing_after_an_update_are_built_on_first_use(monkeypatch):
    """An install whose fonts predate a layout (only the sans faces on disk) builds the others before its first
    PDF rather than falling back to system fonts for good."""
    from auditor.report import fonts, pdf as pdf_module

    have = fonts.installed()
    calls = []
    partial = {k: v for k, v in have.items() if k.startswith("sans")}
    monkeypatch.setattr(fonts, "installed", lambda: partial if not calls else have)
    monkeypatch.setattr(fonts, "prepare", lambda force=False: calls.append(force))
    assert pdf_module._font_files() == have and calls == [False]
    calls.clear()
    monkeypatch.setattr(fonts, "installed", lambda: dict.fromkeys(fonts.FACES, next(iter(have.values()))))
    pdf_module._font_files()
    assert calls == []  # every face there: nothing to do


def test_fonttools_modules_weasyprint_never_uses_here_load_on_first_use():
    import importlib

    pdf.load_weasyprint()
    import weasyprint.pdf.fonts as wp_fonts

    assert not any(isinstance(sys.modules.get(name), pdf._Deferred) for name in pdf.DEFERRED)
    assert wp_fonts.subset.Subsetter is importlib.import_module("fontTools.subset").Subsetter
    stand_in = pdf._Deferred("json", ("dumps",))
    assert stand_in.dumps([1]) == "[1]" and stand_in.loads("[2]") == [2]


def _pdf_fonts(data: bytes) -> set[str]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as doc:
        return {c["fontname"].split("+")[-1] for p in doc.pages for c in p.chars}


def test_whole_faces_are_loaded_once_per_thread_and_subset_per_pdf(monkeypatch):
    import threading

    if not pdf.hb_subset():
        pytest.skip("no libharfbuzz-subset")
    monkeypatch.setattr(pdf, "_thread", threading.local())
    requested = []
    real = pdf.make_fetcher

    def recording(assets, images=None):
        f = real(assets, images)
        fetch = f.fetch
        f.fetch = lambda url, headers=None: requested.append(url) or fetch(url, headers)
        return f

    monkeypatch.setattr(pdf, "make_fetcher", recording)
    page = '<p>法治政府</p><p style="font-family: \'Auditor Kai\'">出庭應訴率</p>'
    first = pdf.pdf_bytes(page)
    assert requested == []  # the faces are handed to fontconfig where they lie, not fetched
    second = pdf.pdf_bytes(page.replace("法治", "依法"))
    assert requested == [] and len(pdf._thread.fonts) == 1  # the faces loaded for the first PDF serve it
    assert _pdf_fonts(first) == _pdf_fonts(second) == {"Auditor-Sans", "Auditor-Kai"}
    assert len(second) < 200_000  # embedded fonts are subset, not the whole 3–4 MB faces
    # where fontconfig cannot take them in place, @font-face rules serve the same faces through our fetcher
    monkeypatch.setattr(pdf, "_thread", threading.local())
    monkeypatch.setattr(pdf, "_add_in_place", lambda fc, faces: False)
    served = pdf.pdf_bytes(page)
    assert requested and all(u.startswith(pdf.ASSET_SCHEME + "fonts/") for u in requested)
    assert _pdf_fonts(served) == _pdf_fonts(first) and served == first


def test_without_harfbuzz_subset_fonts_are_cut_per_document(monkeypatch):
    pdf.load_weasyprint()
    import weasyprint.pdf.fonts as wp_fonts

    monkeypatch.setattr(wp_fonts, "harfbuzz_subset", None)
    assert not pdf.hb_subset()
    cut = []
    real = pdf.font_assets
    monkeypatch.setattr(pdf, "font_assets", lambda html, face_text=None: cut.append(1) or real(html, face_text))
    data = pdf.pdf_bytes("<p>法治政府 出庭應訴率</p>")
    assert cut and _pdf_fonts(data) == {"Auditor-Sans"}
