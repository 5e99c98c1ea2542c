"""render: Audit -> the gap report as HTML (screen) or PDF (print), from one template.

Report and rule text are data: Jinja autoescapes everything, highlights are split in Python (view.py:
before / figure / after) and escaped piece by piece, and the PDF engine (pdf.py) refuses every URL except
the package's own font files. Every file is written atomically.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from markupsafe import Markup

from . import pdf
from .view import context
from ..atomic import replacing
from ..messages import os_reason
from ..errors import RenderError
from ..models import Audit
from ..resources import templates_dir

TEMPLATE_DIR = templates_dir()
TEMPLATE = "report.html.j2"
# Layouts of the gap report: 公文 (GB/T 9704, the default) and the earlier dashboard look.
STYLES = {"gongwen": "gongwen.css", "modern": "report.css"}
DEFAULT_STYLE = "gongwen"
# Which elements each face sets in a layout (its stylesheet decides; keep the two in step: the PDF tests fail
# if a character falls back to a system font). An empty tuple: the layout never uses the face (it is not
# loaded). Without libharfbuzz-subset (pdf.py), a face listed is cut to those elements' characters only, and
# a face not listed gets every character of the page.
FACE_TEXT = {"gongwen": {
    "serif-bold": ("<h1", "<b>", '<td class="st-not_met"', '<p class="row st-not_met"', '<p class="alert-head"',
                   '<table class="counts"', '<p class="lv1'),
    "sans-regular": ("<h2", "<th"),
    "sans-bold": (),
    "kai-regular": ("<h3", "<blockquote", '<p class="subtitle"', '<p class="cat"', '<p class="group'),
}}
STYLESHEET = STYLES[DEFAULT_STYLE]
ASSET_SCHEME = pdf.ASSET_SCHEME
REPORT_UA = pdf.REPORT_UA



@lru_cache(maxsize=1)
def template_env():
    """The one Jinja2 environment (autoescape on) for the gap report and the batch summary."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       bytecode_cache=_bytecode_cache())


def _bytecode_cache():
    """Compiled templates kept in our cache folder: compiling the gap report costs a new process ~80 ms, loading
    it ~2 ms. Jinja keys each entry by the template's name and a checksum of its source and checks its own and
    Python's version, so an edited template or an upgrade compiles again. None when caching is off
    (AUDITOR_NO_CACHE=1) or the folder cannot be made."""
    from jinja2 import FileSystemBytecodeCache

    from ..resources import remembering_dir

    base = remembering_dir()
    if base is None:
        return None
    folder = base / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=8)
def stylesheet(name: str = STYLESHEET) -> Markup:
    """One of our stylesheets, read once; it goes inside <style>, so nothing in it may close the element."""
    css = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
    if "</" in css:
        raise RenderError("样式表中含有非法内容", path=str(TEMPLATE_DIR / name))
    return Markup(css)


def style_block(style: str = DEFAULT_STYLE) -> str:
    """The <style> element exactly as the template writes it (see report.html.j2)."""
    return pdf.style_block(str(stylesheet(sheet_name(style))))


def sheet_name(style: str) -> str:
    try:
        return STYLES[style]
    except KeyError:
        raise RenderError(f"未知的版式“{style}”，可选：{'、'.join(STYLES)}") from None


def render_page(template: str, ctx: dict, css: str) -> str:
    """Any of our templates with its stylesheet inlined."""
    return template_env().get_template(template).render(**ctx, css=stylesheet(css))


def render_html(audit: Audit, today: Optional[date] = None, style: str = DEFAULT_STYLE) -> str:
    """The gap report as one self-contained HTML page (inline CSS and SVG, no external URL)."""
    return render_page(TEMPLATE, context(audit, today, style), sheet_name(style))


def pdf_bytes(html: str) -> bytes:
    """HTML to PDF; our gap report's stylesheet (either layout) is recognised and parsed once per process."""
    for style, name in STYLES.items():
        sheet = str(stylesheet(name))
        if pdf.style_block(sheet) in html:
            return pdf.pdf_bytes(html, sheet=sheet, face_text=FACE_TEXT.get(style))
    return pdf.pdf_bytes(html)


def write_file(path, produce: Callable[[], bytes], what: str) -> None:
    """Write produce() to path via a temp file beside it; errors become RenderError naming the path."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(produce())
    except RenderError:
        raise
    except OSError as exc:
        raise RenderError(f"无法写入 {what} 文件：{os_reason(exc)}", path=str(target)) from exc
    except Exception as exc:
        raise RenderError(f"生成 {what} 文件失败：{type(exc).__name__}: {exc}", path=str(target)) from exc


def write_pdf_from_html(html: str, path) -> None:
    """Write any self-contained HTML (e.g. the batch summary) as PDF, atomically, with the safe fetcher.
    Its text gets the shipped CJK font by default; a stylesheet that sets font-family should start with
    fonts.FONT_STACK."""
    write_file(path, lambda: pdf.pdf_bytes(html), "PDF")


def write_pdf(audit: Audit, path, today: Optional[date] = None, style: str = DEFAULT_STYLE) -> None:
    write_file(path, lambda: pdf_bytes(render_html(audit, today, style)), "PDF")


def write_html(audit: Audit, path, today: Optional[date] = None, style: str = DEFAULT_STYLE) -> None:
    write_file(path, lambda: render_html(audit, today, style).encode("utf-8"), "HTML")


warm_up = pdf.warm_up
