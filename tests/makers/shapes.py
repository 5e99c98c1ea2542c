"""The shapes reports arrive in, each made from a seed .txt by the tool that makes it in offices.

`SHAPES[name](lines, title, work) -> Path` writes one file. Real tools (LibreOffice, Chromium,
pdftotext) where the machine has them; a shape whose tool is missing raises ToolMissing.
bench/inputs.py runs every shape over every seed; tests/readers/test_shapes.py asserts on them.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Optional

from . import browser, office
from .writers import PAGE, html_body

NOTE = "数据来源：本单位统计台账。"
_FIGURE = re.compile(r"\d+(?:\.\d+)?%")


def published(lines: list[str]) -> str:
    """A publication date the page may carry: January after the year the report covers."""
    m = re.search(r"(20\d\d)\s*年", "\n".join(lines[:3]))
    return f"{int(m.group(1)) + 1 if m else 2024}-01-15"


class ToolMissing(Exception):
    pass


def _need(tool: Optional[str], name: str) -> None:
    if tool is None:
        raise ToolMissing(name)


def _blocks(lines: list[str], title: Optional[str], notes: bool = True) -> list:
    """A seed as LibreOffice paragraphs; a footnote on the first percentage (the mark sits between
    an indicator and its figure: 出庭应诉率¹85%) and one at the end of another paragraph."""
    blocks = office.report_blocks(lines, title)
    if notes:
        marked = 0
        for b in blocks:
            if isinstance(b, office.Para) and b.style == "Body" and (m := _FIGURE.search(b.text)) and marked < 2:
                b.notes.append((m.start(), NOTE))
                marked += 1
    return blocks


def _fodt(lines, title, work: Path, name: str, **kw) -> Path:
    _need(office.soffice(), "LibreOffice")
    return office.write_fodt(_blocks(lines, title, kw.pop("notes", True)), work / f"{name}.fodt",
                             header=kw.pop("header", "某某人民政府"), **kw)


def lo(fmt: str, **kw) -> Callable:
    def make(lines, title, work: Path) -> Path:
        src = _fodt(lines, title, work, f"lo-{fmt}-src", **kw)
        return office.convert(src, fmt, work / f"report.{fmt}")
    return make


def wps(lines, title, work: Path) -> Path:
    doc = lo("doc")(lines, title, work)
    return Path(shutil.move(str(doc), work / "report.wps"))


def two_columns(lines, title, work: Path) -> Path:
    src = _fodt(lines, title, work, "lo-2col-src", columns=2)
    return office.convert(src, "pdf", work / "two-columns.pdf")


def two_up(lines, title, work: Path) -> Path:
    """Two pages on one landscape sheet, as "pages per sheet: 2" prints them."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    pdf = lo("pdf")(lines, title, work)
    reader = PdfReader(str(pdf))
    writer = PdfWriter()
    w, h = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    scale = (w / h)  # two portrait pages side by side on a landscape sheet of the same paper
    for i in range(0, len(reader.pages), 2):
        sheet = PageObject.create_blank_page(width=h, height=w)
        for k, page in enumerate(reader.pages[i:i + 2]):
            sheet.merge_transformed_page(page, Transformation().scale(scale, scale).translate(k * h / 2, 0))
        writer.add_page(sheet)
    out = work / "two-up.pdf"
    with open(out, "wb") as f:
        writer.write(f)
    return out


def table_label(lines, title, work: Path) -> Path:
    """A figure line in a table whose label column is narrow: the label wraps inside its cell."""
    _need(office.soffice(), "LibreOffice")
    blocks = _blocks(lines, title, notes=False)
    body = [i for i, b in enumerate(blocks) if isinstance(b, office.Para) and b.style == "Body" and i > 1]
    at = next((i for i in body if _FIGURE.search(blocks[i].text)),
              next((i for i in body if re.search(r"\d+\s*(?:件|次|个|人|项)", blocks[i].text)), body[0]))
    blocks[at] = office.Table([["指标", "完成情况"], ["本年度依法行政主要指标完成情况", blocks[at].text]], [2.2, 13.8])
    src = office.write_fodt(blocks, work / "lo-table-src.fodt", header="某某人民政府")
    return office.convert(src, "pdf", work / "table.pdf")


def pdftotext(lines, title, work: Path) -> Path:
    """pdftotext's output of a LibreOffice PDF: every visual line a line, page breaks as form feeds."""
    tool = shutil.which("pdftotext")
    _need(tool, "pdftotext")
    pdf = lo("pdf", notes=False)(lines, title, work)
    out = work / "pdftotext.txt"
    subprocess.run([tool, "-enc", "UTF-8", str(pdf), str(out)], check=True, capture_output=True, timeout=120)
    return out


def cms_page(lines, title, work: Path, style: str = "p") -> Path:
    page = work / f"cms-{style}.html"
    body = lines[1:] if title and lines and lines[0] == title else lines
    page.write_text(PAGE.format(meta='<meta charset="utf-8">', title=html.escape(title or ""),
                                written=published(lines)[:8] + "10", published=published(lines), body=html_body(body, style)),
                    encoding="utf-8")
    return page


def chromium_pdf(lines, title, work: Path) -> Path:
    _need(browser.chromium(), "Chromium")
    return browser.print_to_pdf(cms_page(lines, title, work), work / "chromium.pdf")


def chromium_mhtml(lines, title, work: Path) -> Path:
    _need(browser.chromium(), "Chromium")
    return browser.save_mhtml(cms_page(lines, title, work), work / "report.mhtml")


def br_lines(lines, title, work: Path) -> Path:
    """A CMS page whose editor put a <br> at the end of every visual line (34 characters)."""
    wrapped = []
    for line in lines:
        wrapped += [line[i:i + 34] for i in range(0, len(line), 34)] or [""]
    page = work / "br.html"
    esc = "<br>\n".join(html.escape(l) for l in wrapped)
    page.write_text(PAGE.format(meta='<meta charset="utf-8">', title=html.escape(title or ""),
                                written=published(lines)[:8] + "10", published=published(lines),
                                body=f'<div class="article-content">{esc}</div>'), encoding="utf-8")
    return page


def gbk_undeclared(lines, title, work: Path) -> Path:
    page = cms_page(lines, title, work)
    text = page.read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    text = text.replace("<style>", "<style>" + ".c{margin:0 auto;color:#333}\n" * 2000)
    out = work / "gbk.html"
    out.write_bytes(text.encode("gb18030"))
    return out


def stray_byte(lines, title, work: Path) -> Path:
    data = "\n".join(lines).encode("utf-8")
    cut = data.index(b"\n") if b"\n" in data else len(data)
    out = work / "stray.txt"
    out.write_bytes(data[:cut] + b"\xff" + data[cut:])
    return out


def utf16_odd(lines, title, work: Path) -> Path:
    out = work / "utf16.txt"
    out.write_bytes("\n".join(lines).encode("utf-16") + b"\n")
    return out


SHAPES: dict[str, Callable] = {
    "txt-stray-byte": stray_byte,
    "txt-utf16-odd": utf16_odd,
    "txt-pdftotext": pdftotext,
    "html-libreoffice": lo("html"),
    "html-br-lines": br_lines,
    "html-gbk-undeclared": gbk_undeclared,
    "mhtml-chromium": chromium_mhtml,
    "docx-libreoffice": lo("docx"),
    "doc-libreoffice": lo("doc"),
    "wps": wps,
    "odt-libreoffice": lo("odt"),
    "rtf-libreoffice": lo("rtf"),
    "pdf-libreoffice-notes": lo("pdf"),
    "pdf-two-columns": two_columns,
    "pdf-two-up": two_up,
    "pdf-table-label": table_label,
    "pdf-chromium": chromium_pdf,
}
