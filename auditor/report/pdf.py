"""pdf: the PDF engine. HTML (ours or any self-contained page) -> PDF bytes with WeasyPrint.

Our pre-subset faces (fonts.py) are loaded once per thread and WeasyPrint cuts each PDF's fonts to the glyphs
it set with libharfbuzz-subset; without that library each face is cut to the document's characters first
(fontTools would take seconds). Fonts are served by a URL fetcher that refuses every other URL; our gap
report's stylesheet is parsed once per process and laid out with a lean user-agent stylesheet. Callers write
the bytes (render.py, batch) atomically.
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import sys
import threading
import types
from contextlib import contextmanager
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Optional

from . import fonts, wp_draw, wp_layout, wp_startup, wp_text
from ..errors import RenderError

log = logging.getLogger(__name__)

ASSET_SCHEME = "auditor-asset:"
# Relative URLs joined to a non-hierarchical base stay relative, so WeasyPrint drops them.
BASE_URL = "auditor-none:"


def _ldconfig_lookup():
    """ctypes.util.find_library for Linux from one `ldconfig -p` listing, or None where that would not be
    the same search (another system, LD_LIBRARY_PATH or LIBRARY_PATH set, no ldconfig). ctypes asks gcc and
    ld when ldconfig does not know a name; without those paths set they search the same folders."""
    import ctypes
    import os
    import shutil
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH") or os.environ.get("LIBRARY_PATH"):
        return None
    tool = "/sbin/ldconfig" if os.path.exists("/sbin/ldconfig") else shutil.which("ldconfig")
    if not tool:
        return None
    try:
        listing = subprocess.run([tool, "-p"], capture_output=True, text=True, timeout=20, check=False,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if not listing:
        return None
    machine = os.uname().machine + ("-32" if ctypes.sizeof(ctypes.c_void_p) == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")  # as ctypes.util

    def find_library(name: str):
        m = re.search(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), re.escape(abi)), listing)
        return m.group(1) if m else None

    return find_library


class _Deferred(types.ModuleType):
    """Stands in for a module while WeasyPrint imports it, and imports the real one on first use.

    weasyprint.pdf.fonts imports fontTools.subset and fontTools.varLib.instancer at start-up (~0.15 s CPU)
    for branches our PDFs do not take: subsetting with fontTools when libharfbuzz-subset is missing, and
    variable fonts. `calls` are names the importer takes with `from … import name`: they become functions
    that call the real one. The stand-in is in sys.modules only during the import of WeasyPrint."""

    def __init__(self, name: str, calls: tuple[str, ...] = ()):
        super().__init__(name)
        for call in calls:
            setattr(self, call, self._forward(call))

    def _forward(self, call: str):
        def forward(*args, **kwargs):
            return getattr(self._real(), call)(*args, **kwargs)

        forward.__name__ = call
        return forward

    def _real(self):
        if sys.modules.get(self.__name__) is self:  # still importing WeasyPrint
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self._real(), attr)


DEFERRED = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}


@contextmanager
def _deferred_imports():
    placed = []
    for name, calls in DEFERRED.items():
        if name not in sys.modules:
            sys.modules[name] = _Deferred(name, calls)
            placed.append(name)
    try:
        yield
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), _Deferred):
                del sys.modules[name]


@lru_cache(maxsize=1)
def load_weasyprint():
    """Import WeasyPrint once, without its storm of subprocesses nor the fontTools modules it never uses here.

    WeasyPrint tries several names per system library through cffi, which asks ctypes.util.find_library for
    each; on Linux every such call runs ldconfig, and every name that is not there runs gcc and ld too (about 50
    processes, ~0.5 s). During the import the same ldconfig search is made once, from one listing. The HTML
    user-agent sheets our reports do not use parse on first use, WeasyPrint's C declarations come compiled
    from our cache folder after the first process, and cffi builds plain C types without pycparser
    (wp_startup.py); text layouts share their Pango context and font description (wp_text.py), and the
    small layout helpers run for every box and line (wp_layout.py) and the drawing of each glyph (wp_draw.py)
    take a shorter path to the same result."""
    import ctypes.util

    real = ctypes.util.find_library
    lookup: list = []

    def find_library(name: str):  # the listing is made when first needed: compiled declarations need none
        if not lookup:
            lookup.append(_ldconfig_lookup() or real)
        return lookup[0](name)

    with _deferred_imports(), wp_startup.lazy_ua_sheets(), wp_startup.compiled_declarations():
        ctypes.util.find_library = find_library
        try:
            import weasyprint
        finally:
            ctypes.util.find_library = real
    from weasyprint.text import ffi

    wp_startup.fast_type_parser(ffi.ffi)
    wp_startup.remember_declarations(ffi.ffi)
    wp_text.share_contexts(weasyprint)
    wp_text.keep_layouts(weasyprint)
    wp_layout.apply(weasyprint)
    wp_draw.install(weasyprint)
    return weasyprint


def _font_files() -> dict[str, Path]:
    """The pre-subset font files by face key; built on first use if setup has not run."""
    have = fonts.installed()
    if len(have) < len(fonts.FACES):  # a first run, or an update that added faces (the 公文 layout's 宋 and 楷)
        try:
            if fonts.REQUIRED not in have:
                log.warning("首次生成 PDF 字体（约半分钟），以后不再需要")
            fonts.prepare()  # returns at once when the faces still missing have no system font to build from
        except RenderError as exc:
            log.warning("PDF 将使用系统字体：%s", exc)
        have = fonts.installed()
    return have


_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))


def element_text(html: str, starts: tuple[str, ...]) -> set[str]:
    """The characters inside the elements whose start tag begins with one of `starts` ("<h3", '<td class="x"'),
    up to the first end tag of that name (our templates never nest such an element in itself)."""
    out: set[str] = set()
    for start in starts:
        tag = start[1:].split(" ", 1)[0].rstrip(">")
        end, pos = f"</{tag}>", 0
        while (i := html.find(start, pos)) >= 0:
            j = html.find(end, i)
            j = len(html) if j < 0 else j
            out.update(unescape(_TAGS.sub("", html[i:j] + ">")))
            pos = j
    return out


def font_assets(html: str, face_text: Optional[dict] = None) -> tuple[dict[str, bytes], bool]:
    """Fonts for one document, by asset URL, and whether they alone cover its text.

    Each font is cut down to the characters of this document, so WeasyPrint can embed it as is (full_fonts)
    instead of re-subsetting a 10k-glyph font on every PDF. `face_text` (our templates: render.FACE_TEXT) maps
    a face to the elements it sets, so it is cut to their characters only: a 楷 face for the headings and
    quotes does not carry the whole report."""
    chars = set(unescape(html)) | _ASCII
    assets: dict[str, bytes] = {}
    alone = True
    for key, path in _font_files().items():
        family = fonts.FACES[key].family
        if family != fonts.FAMILY and family not in html:
            continue  # a family this page never names (the modern report has no serif): nothing to cut
        face_chars = chars
        if face_text is not None and key in face_text:
            if not face_text[key]:
                continue  # the layout never uses this face
            face_chars = element_text(html, face_text[key]) | _ASCII
        digest = hashlib.sha1("".join(sorted(face_chars)).encode("utf-8", "surrogatepass")).hexdigest()[:12]
        try:
            m = fonts.master(path)
            if not m.simple:
                raise ValueError("composite glyphs")
            data = m.cut(face_chars)
            alone = alone and m.covers(face_chars)
            url = f"{ASSET_SCHEME}fonts/{path.stem}-{digest}.ttf"
        except Exception as exc:  # a font we cannot cut: embed the whole file, let WeasyPrint subset
            log.debug("cannot cut %s: %s", path, exc)
            data, alone, url = path.read_bytes(), False, f"{ASSET_SCHEME}fonts/{path.name}"
        assets[url] = (key, data)
    if fonts.REQUIRED not in {k for k, _ in assets.values()}:
        alone = False
    return assets, alone


def _font_css(assets: dict) -> str:
    # A user-origin default: any HTML (the batch summary too) gets the CJK font unless its
    # own stylesheet says otherwise.
    rules = [f"html {{ font-family: {fonts.FONT_STACK}; }}"]
    for url, (key, _) in assets.items():
        face = fonts.FACES[key]
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-style: normal; '
                     f'font-weight: {face.weight}; src: url("{url}") format("truetype"); }}')
    return "\n".join(rules)


def _fetcher_class():
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        """Serves this document's font assets and the images we drew for it; refuses every other URL."""

        def __init__(self, assets: dict, images: Optional[dict] = None):
            super().__init__(allowed_protocols=())
            self.assets = dict(assets)
            self.images = dict(images or {})
            self.requested: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            if url in self.images:
                return URLFetcherResponse(url, body=self.images[url], headers={"Content-Type": "image/png"})
            asset = self.assets.get(url)
            if asset is None:
                raise ValueError(f"refused URL: {url[:200]}")
            return URLFetcherResponse(url, body=asset[1], headers={"Content-Type": "font/ttf"})

    return AssetFetcher


def make_fetcher(assets: dict, images: Optional[dict] = None):
    return _fetcher_class()(assets, images)


def image_url(name: str) -> str:
    """Where a template puts a PNG handed to pdf_bytes(images=…): our own scheme, never a file or the network."""
    return f"{ASSET_SCHEME}img/{name}.png"


@lru_cache(maxsize=8)
def _parsed_sheet(css: str):
    """A stylesheet of ours parsed once per process. WeasyPrint would otherwise re-parse the <style>
    of every report (~30 ms); our sheets have no @font-face and no URL, so one parsed copy serves every
    document."""
    load_weasyprint()
    from weasyprint import CSS

    return CSS(string=css, base_url=BASE_URL, url_fetcher=make_fetcher({}))


# Newlines alone between two tags are the template's own line breaks, never report text
# (text is escaped, so it has no "<" or ">"); dropping them saves WeasyPrint ~300 empty boxes.
_TAG_GAP = re.compile(r">\n+<")
_TAGS = re.compile(r"<[^>]*>")

# The user-agent stylesheet for our report only. WeasyPrint's own (html5_ua.css: forms, bidi,
# frames…) is matched against every element of every PDF; this keeps the defaults the
# report's elements need (report.css sets the rest). A tag the template starts using must be
# added here (tests/test_render.py checks). The batch summary uses it too; other HTML keeps the full one.
REPORT_UA = """
html, body, section, article, div, p, h1, h2, h3, h4, blockquote, ul, ol { display: block }
head, meta, title, style, script, link, template, [hidden] { display: none }
li { display: list-item }
table { display: table; box-sizing: border-box; border-spacing: 2px; border-collapse: separate;
        text-indent: initial }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group }
tbody { display: table-row-group }
tr { display: table-row }
td, th { display: table-cell; padding: 1px }
thead, tbody { vertical-align: middle }
tr, td, th { vertical-align: inherit }
table, td, th { border-color: gray }
thead, tbody, tr { border-color: inherit }
body { margin: 8px }
p, blockquote, ul, ol { margin-top: 1em; margin-bottom: 1em }
blockquote { margin-left: 40px; margin-right: 40px }
ul, ol { padding-left: 40px; counter-reset: list-item }
ul { list-style-type: disc }
ol { list-style-type: decimal }
b, strong, th, h1, h2, h3, h4 { font-weight: bold }
i, em { font-style: italic }
h1 { font-size: 2em; margin-top: .67em; margin-bottom: .67em; bookmark-level: 1 }
h2 { font-size: 1.5em; margin-top: .83em; margin-bottom: .83em; bookmark-level: 2 }
h3 { font-size: 1.17em; margin-top: 1em; margin-bottom: 1em; bookmark-level: 3 }
h4 { margin-top: 1.33em; margin-bottom: 1.33em; bookmark-level: 4 }
h1, h2, h3, h4 { bookmark-label: content(text); hyphens: manual; break-after: avoid; break-inside: avoid }
mark { background: yellow; color: black }
br::before { content: "\\A"; white-space: pre-line }
svg { overflow: hidden }
@page {
  margin: 75px;
  @top-center { text-align: center; vertical-align: middle }
  @bottom-center { text-align: center; vertical-align: middle }
}
"""


@lru_cache(maxsize=1)
def _report_html_class():
    """weasyprint.HTML with REPORT_UA as its user-agent stylesheet."""
    load_weasyprint()
    from weasyprint import CSS, HTML

    ua = CSS(string=REPORT_UA)

    class ReportHTML(HTML):
        def _ua_stylesheets(self, *args, **kwargs):
            return [ua]

    return ReportHTML


def hb_subset() -> bool:
    """Whether WeasyPrint subsets the fonts it embeds with libharfbuzz-subset (C, milliseconds) rather than
    fontTools (seconds for a CJK face). Read at each call: bench/pdf.py --fonttools switches it off."""
    load_weasyprint()
    import weasyprint.pdf.fonts as wp_fonts

    lib = getattr(wp_fonts, "harfbuzz_subset", None)
    return bool(lib) and bool(wp_fonts.harfbuzz.hb_version_atleast(4, 1, 0))


_thread = threading.local()  # WeasyPrint's font configuration (fontconfig, Pango) is not for several threads


def _page_faces(html: str, face_text: Optional[dict]) -> dict[str, Path]:
    """Our pre-subset faces this page can use: its families (ours by default) less those its layout never sets."""
    out = {}
    for key, path in _font_files().items():
        family = fonts.FACES[key].family
        if family != fonts.FAMILY and family not in html:
            continue
        if face_text is not None and face_text.get(key, True) == ():
            continue
        out[key] = path
    return out


def _shared_fonts(faces: dict[str, Path]):
    """(FontConfiguration, its font stylesheet) with the whole pre-subset `faces`, made once per thread and
    reused by every page that needs the same faces (the files' size and mtime are in the key)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    key = tuple((k, str(p), p.stat().st_mtime_ns, p.stat().st_size) for k, p in sorted(faces.items()))
    made = _thread.__dict__.setdefault("fonts", {})
    hit = made.get(key)
    if hit is None:
        if len(made) >= 4:
            made.clear()
        fc = FontConfiguration()
        assets: dict = {}
        if not _add_in_place(fc, faces):
            assets = {f"{ASSET_SCHEME}fonts/{p.name}": (k, p.read_bytes()) for k, p in faces.items()}
        css = CSS(string=_font_css(assets), base_url=BASE_URL, url_fetcher=make_fetcher(assets), font_config=fc)
        hit = made[key] = (fc, css)
    return hit


def _add_in_place(fc, faces: dict[str, Path]) -> bool:
    """Hand our pre-subset faces to the configuration's fontconfig where they lie. Their family names and weights
    are their own (fonts.py sets them), so fontconfig finds them as their @font-face rules would make it; those
    rules would have WeasyPrint read and copy each ~3 MB file to a temporary folder first (~60 ms a process).
    False, with nothing added, when this WeasyPrint's configuration is not laid out as expected or fontconfig
    refuses a file: the caller then writes the rules."""
    from weasyprint.text import ffi as wp_ffi

    config, font_map = getattr(fc, "_config", None), getattr(fc, "font_map", None)
    lib = getattr(wp_ffi, "fontconfig", None)
    if config is None or font_map is None or not hasattr(lib, "FcConfigAppFontAddFile"):
        return False
    added = []
    for path in faces.values():
        if not lib.FcConfigAppFontAddFile(config, os.fsencode(path)):
            if added:  # fontconfig cannot take back one file: start again on a clean configuration
                fc.__init__()
            return False
        added.append(path)
    wp_ffi.pangoft2.pango_fc_font_map_config_changed(wp_ffi.ffi.cast("PangoFcFontMap *", font_map))
    return True


def pdf_bytes(html: str, sheet: Optional[str] = None, face_text: Optional[dict] = None,
              images: Optional[dict] = None) -> bytes:
    """Render HTML (ours or a batch summary) to PDF bytes with the shipped font.

    `sheet`: the stylesheet our template inlined as `<style>\n{sheet}\n</style>`; the element is taken out and
    the sheet parsed once per process instead, and the lean user-agent stylesheet is used.
    `images`: {image_url(name): PNG bytes} the HTML shows.

    With libharfbuzz-subset, the whole pre-subset faces are loaded once per thread and WeasyPrint cuts each
    PDF's fonts to the glyphs it set (in C). Without it, each face is cut to this page's characters first
    (font_assets) and embedded as is, so that WeasyPrint's fontTools subsetting never runs."""
    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    shared = hb_subset()
    if not shared:
        assets, alone = font_assets(html, face_text)  # before the <style> goes: its content strings need glyphs too
    stylesheets = []
    html_class = HTML
    block = style_block(sheet) if sheet is not None else None
    if block and block in html:  # the parsed stylesheet (user origin, last, so it wins as before)
        html = _TAG_GAP.sub("><", html.replace(block, "", 1))
        stylesheets.append(_parsed_sheet(sheet))
        html_class = _report_html_class()
    if shared:
        fc, font_sheet = _shared_fonts(_page_faces(html if block is None else html + sheet, face_text))
        fetcher, full_fonts = make_fetcher({}, images), False
    else:
        fetcher, full_fonts = make_fetcher(assets, images), alone
        fc = FontConfiguration()  # per document: its fonts are cut for it
        font_sheet = CSS(string=_font_css(assets), base_url=BASE_URL, url_fetcher=fetcher, font_config=fc)
    stylesheets.insert(0, font_sheet)
    doc = html_class(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    # Cut fonts embed as is; anything else (the whole faces, a fallback font for a rare character) is subset.
    return doc.write_pdf(stylesheets=stylesheets, font_config=fc, full_fonts=full_fonts)


def style_block(css: str) -> str:
    """The <style> element exactly as our templates write it."""
    return f"<style>\n{css}\n</style>"


def warm_up() -> None:
    """Load WeasyPrint and the fonts ahead of time (benchmarks, long batch runs)."""
    pdf_bytes("<html><body><p>预热 warm-up</p></body></html>")
