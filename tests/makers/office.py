"""LibreOffice (the Debian package, headless) as the office makes documents: a report written as a
Flat ODT (styles, headings, footnotes, tables, columns, header and page number), then saved by
LibreOffice itself as .docx, .doc, .odt, .rtf, .html or .pdf."""
from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

FILTERS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf:Rich Text Format",
           "html": "html:HTML (StarWriter)", "pdf": "pdf:writer_pdf_Export", "txt": "txt:Text (encoded):UTF8"}


def soffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, out: Path, timeout: float = 180) -> Path:
    """LibreOffice's own "save as" of `src` in format `fmt`, written to `out`."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={(work / 'p').as_uri()}",
                        "--convert-to", FILTERS[fmt], "--outdir", str(work), str(src)],
                       check=True, capture_output=True, timeout=timeout, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
        made = work / (src.stem + "." + fmt.split(":")[0])
        shutil.move(str(made), out)
    return out


@dataclass
class Para:
    text: str
    style: str = "Body"  # Body, Title, H1, H2
    notes: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, footnote text)


@dataclass
class Table:
    rows: list[list[str]]
    widths_cm: list[float]


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
       'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"')


def _styles(columns: int, font: str) -> str:
    cols = (f'<style:columns fo:column-count="{columns}" fo:column-gap="1cm"/>' if columns > 1 else "")
    return f"""
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="&apos;{font}&apos;"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/>
  <style:text-properties style:font-name="{font}" style:font-name-asian="{font}" fo:font-size="12pt" style:font-size-asian="12pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.85cm" fo:line-height="150%"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="18pt" style:font-size-asian="18pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.2cm" fo:text-indent="0.85cm"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:text-indent="0.85cm"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:text-indent="0cm"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm">{cols}</style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="cellbox" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p text:style-name="Header">{{header}}</text:p></style:header>
 <style:footer><text:p text:style-name="Header">第 <text:page-number text:select-page="current">1</text:page-number> 页 共 <text:page-count>1</text:page-count> 页</text:p></style:footer>
</style:master-page></office:master-styles>"""


def _para(p: Para, note_id: list[int]) -> str:
    out, last = [], 0
    for at, note in sorted(p.notes):
        note_id[0] += 1
        out.append(html.escape(p.text[last:at]))
        out.append(f'<text:note text:id="ftn{note_id[0]}" text:note-class="footnote"><text:note-citation>{note_id[0]}'
                   f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">{html.escape(note)}'
                   "</text:p></text:note-body></text:note>")
        last = at
    out.append(html.escape(p.text[last:]))
    body = "".join(out)
    if p.style in ("H1", "H2"):
        return f'<text:h text:style-name="{p.style}" text:outline-level="{p.style[1]}">{body}</text:h>'
    return f'<text:p text:style-name="{p.style}">{body}</text:p>'


def _table(t: Table, n: int) -> str:
    cols = "".join(f'<table:table-column table:style-name="t{n}c{i}"/>' for i in range(len(t.widths_cm)))
    rows = "".join("<table:table-row>" + "".join(
        f'<table:table-cell table:style-name="cellbox" office:value-type="string"><text:p text:style-name="Cell">'
        f"{html.escape(c)}</text:p></table:table-cell>" for c in row) + "</table:table-row>" for row in t.rows)
    return f'<table:table table:name="T{n}" table:style-name="t{n}">{cols}{rows}</table:table>'


def _table_styles(blocks) -> str:
    out = []
    for n, b in enumerate(blocks):
        if isinstance(b, Table):
            out.append(f'<style:style style:name="t{n}" style:family="table"><style:table-properties '
                       f'style:width="{sum(b.widths_cm)}cm" table:align="left"/></style:style>')
            out += [f'<style:style style:name="t{n}c{i}" style:family="table-column"><style:table-column-properties '
                    f'style:column-width="{w}cm"/></style:style>' for i, w in enumerate(b.widths_cm)]
    return "".join(out)


def write_fodt(blocks: list, out: Path, *, header: str = "", columns: int = 1,
               font: str = "Noto Serif CJK SC") -> Path:
    note_id = [0]
    body = "".join(_para(b, note_id) if isinstance(b, Para) else _table(b, n) for n, b in enumerate(blocks))
    styles = _styles(columns, font).replace("{header}", html.escape(header))
    styles = styles.replace("</office:automatic-styles>", _table_styles(blocks) + "</office:automatic-styles>")
    out.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
                   f'office:mimetype="application/vnd.oasis.opendocument.text">{styles}'
                   f"<office:body><office:text>{body}</office:text></office:body></office:document>", encoding="utf-8")
    return out


def report_blocks(lines: list[str], title: Optional[str]) -> list:
    """A seed's lines as paragraphs with heading styles (一、 and （一） lines that are short)."""
    import re

    h1 = re.compile(r"^[一二三四五六七八九十]{1,3}[、.]")
    h2 = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
    out = []
    for i, line in enumerate(lines):
        if i == 0 and title and line == title:
            out.append(Para(line, "Title"))
        elif len(line) <= 40 and h1.match(line):
            out.append(Para(line, "H1"))
        elif len(line) <= 40 and h2.match(line):
            out.append(Para(line, "H2"))
        else:
            out.append(Para(line))
    return out
