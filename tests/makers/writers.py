"""The project's own writers: a seed report written as .docx, .html and .pdf (python-docx, WeasyPrint), and faithful
copies of shapes real tools write, for tests that must run where those tools are not installed."""
from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))

H1 = re.compile(r"^[一二三四五六七八九十]{1,3}[、.]")
H2 = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|件|次|人|项|个)")


def heading_level(line: str):
    if len(line) <= 40 and H1.match(line):
        return 1
    if len(line) <= 40 and H2.match(line):
        return 2
    return None


def table_line(lines: list[str]) -> int:
    """Index of a body line with a figure, to be put into a table cell."""
    for i, line in enumerate(lines):
        if i >= 2 and heading_level(line) is None and 30 <= len(line) <= 400 and FIGURE.search(line):
            return i
    raise AssertionError("no line with a figure")


# --- .docx --------------------------------------------------------------------------------------

def write_docx(lines: list[str], title: str | None, out: Path) -> int:
    """Body lines as paragraphs, short numbered lines as headings, one line inside a table.

    Returns the index of the line that sits in the table."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉内部资料"
    d.core_properties.title = title or ""
    in_table = table_line(lines)
    for i, line in enumerate(lines):
        if i == 0 and title and line == title:
            d.add_paragraph(line, style="Title")
        elif i == in_table:
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text, t.cell(0, 1).text = "项目", "内容"
            t.cell(1, 0).text, t.cell(1, 1).text = "情况说明", line
        elif (lvl := heading_level(line)) is not None:
            d.add_paragraph(line, style=f"Heading {lvl}")
        else:
            d.add_paragraph(line)
    d.save(out)
    return in_table


# --- .html --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>{meta}
<title>{title}_某某人民政府门户网站</title>
<style>.nav li {{ float: left }}</style>
<script>var crumbs = "首页 > 政务公开 > 索引号";</script>
</head><body>
<div class="header"><div class="logo">某某人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/zjmx/">走进某某</a></li></ul></div>
<div class="position">您当前所在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; 法治政府建设</div>
<div class="main">
<table class="xxgk_table" border="1">
<tr><td>索引号：</td><td>115323000151673132-/2024-0118001</td><td>主题分类：</td><td>法治政府情况报告</td></tr>
<tr><td>发布机构：</td><td>某某人民政府办公室</td><td>成文日期：</td><td>{written}</td></tr>
<tr><td>文号：</td><td></td><td>发布日期：</td><td>{published}</td></tr>
</table>
<h1 class="article-title">{title}</h1>
<div class="info"><span>来源：某某司法局</span> <span>浏览次数：1024</span> <span>字号：[ 大 中 小 ]</span></div>
{body}
<div class="share">分享到：<a>微信</a> <a>微博</a> 【打印本页】 【关闭窗口】</div>
</div>
<div class="side"><h3>相关链接</h3><ul>
<li><a href="/a/1.html">关于印发某某县2024年法治政府建设工作要点的通知</a></li>
<li><a href="/a/2.html">某某县人民政府2022年度法治政府建设情况报告</a></li>
<li><a href="/a/3.html">关于公布2023年度重大行政决策事项目录的公告</a></li>
<li><a href="/a/4.html">某某县行政执法公示制度执法全过程记录制度重大执法决定法制审核制度实施办法</a></li>
</ul></div>
<div class="footer"><p>主办单位：某某人民政府办公室 版权所有 网站标识码：5323000001</p>
<p>滇ICP备05000000号 公网安备 53230202000001号</p></div>
</body></html>
"""


def html_body(lines: list[str], style: str) -> str:
    esc = [html.escape(l) for l in lines]
    if style == "br":  # one div, lines separated by <br>
        return '<div class="article-content">' + "<br>\n".join(esc) + "</div>"
    if style == "table":  # an old layout table around <p>s
        ps = "\n".join(f'<p style="text-indent:2em">{l}</p>' for l in esc)
        return f'<table width="100%"><tr><td class="bt_content">{ps}</td></tr></table>'
    ps = "\n".join(f"<p>&nbsp;&nbsp;{l}</p>" for l in esc)
    return f'<div id="zoom"><div class="TRS_Editor"><div class="Custom_UnionStyle">{ps}</div></div></div>'


def write_html(lines: list[str], title: str, published: str, out: Path, *, encoding: str = "utf-8",
               declare: str | None = "utf-8", style: str = "p", pubdate_meta: bool = False) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declare}">' if declare else ""
    if pubdate_meta:
        meta += f'\n<meta name="PubDate" content="{published} 09:30">\n<meta name="ArticleTitle" content="{html.escape(title)}">'
    page = PAGE.format(meta=meta, title=html.escape(title), written="2024-01-10", published=published,
                       body=html_body(lines, style))
    out.write_bytes(page.encode(encoding))


# --- .pdf ---------------------------------------------------------------------------------------

PDF_CSS = """
@page { size: A4; margin: 2.5cm 2cm; font-family: "Noto Sans CJK SC";
  @top-left { content: "楚雄州人民政府文件"; font-size: 9pt }
  @bottom-center { content: "- " counter(page) " -"; font-size: 9pt } }
body { font-family: "Noto Sans CJK SC"; font-size: 12pt; line-height: 1.6 }
p { text-indent: 2em; margin: 0 }
p.title { text-align: center; font-size: 16pt; text-indent: 0; margin-bottom: 12pt }
p.flush { text-indent: 0 }
.page2 { page-break-before: always }
"""

STRESS = "行政机关负责人出庭应诉率为100%。"
TABLE_ROWS = [["单位名称", "出庭应诉情况", "案件数"], ["州司法局", "全部出庭", "23件"]]


def pdf_paragraphs(lines: list[str], page2_at: int) -> list[str]:
    """The lines, with 12 short paragraphs after lines[page2_at] that shift 出庭应诉率 along the
    line, so that some line break falls inside the word; a small table at the end."""
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == page2_at:
            out += [f'{"某" * k}{STRESS}' for k in range(24, 36)]
    return out + ["\t".join(row) for row in TABLE_ROWS]


def pdf_html(lines: list[str], title: str, page2_at: int) -> str:
    """A page whose paragraphs are pdf_paragraphs(lines, page2_at); lines[page2_at] opens page 2."""
    parts = []
    for i, line in enumerate(lines):
        cls = "title" if i == 0 and line == title else ("page2" if i == page2_at else "")
        parts.append(f'<p class="{cls}">{html.escape(line)}</p>')
        if i == page2_at:
            parts += [f'<p class="flush">{html.escape(p)}</p>' for p in pdf_paragraphs([line], 0)[1:-len(TABLE_ROWS)]]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE_ROWS)
    parts.append(f'<table style="width: 100%; border-collapse: collapse" border="1">{rows}</table>')
    return f'<html><head><meta charset="utf-8"><style>{PDF_CSS}</style></head><body>{"".join(parts)}</body></html>'


def write_pdf(page_html: str, out: Path) -> None:
    from weasyprint import HTML

    # full_fonts: subsetting the big CJK font takes seconds; embedding it whole does not.
    HTML(string=page_html).write_pdf(out, full_fonts=True)


def write_blank_pdf(out: Path) -> None:
    from weasyprint import HTML

    HTML(string='<html><body><svg width="400" height="300"><rect width="400" height="300" fill="#888"/>'
                "</svg></body></html>").write_pdf(out)


# --- faithful copies of what real tools write ------------------------------------------------------

def libreoffice_html(lines: list[str], header: str = "某某单位文件", note: tuple[int, str] | None = None) -> str:
    """The shape of LibreOffice Writer's "save as HTML" (tests/makers/office.py makes the real one):
    paragraphs directly under <body>, header and footer as <div title=...>, footnote anchors as
    <sup> links and the notes in <div id="sdfootnoteN"> at the end."""
    ps = []
    for i, line in enumerate(lines):
        text = html.escape(line)
        if note and i == note[0]:
            cut = min(10, len(line))
            text = (html.escape(line[:cut]) + '<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym">'
                    "<sup>1</sup></a>" + html.escape(line[cut:]))
        if heading_level(line):
            text = f"<b>{text}</b>"
        ps.append(f'<p style="line-height: 150%; text-indent: 0.33in; margin-bottom: 0in">\n{text}</p>')
    notes = ""
    if note:
        notes = ('<div id="sdfootnote1"><p class="sdfootnote-western"><a class="sdfootnotesym" name="sdfootnote1sym" '
                 f'href="#sdfootnote1anc">1</a>{html.escape(note[1])}</p>\n</div>')
    return ('<!DOCTYPE html>\n<html>\n<head>\n\t<meta http-equiv="content-type" content="text/html; charset=utf-8"/>\n'
            '\t<title></title>\n\t<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>\n'
            '\t<style type="text/css">\n\t\tp { line-height: 115%; margin-bottom: 0.1in; background: transparent }\n'
            "\t</style>\n</head>\n<body lang=\"zh-CN\" link=\"#000080\" vlink=\"#800000\" dir=\"ltr\">\n"
            f'<div title="header"><p align="center"><font size="2" style="font-size: 9pt">{html.escape(header)}</font></p>\n</div>'
            + "\n".join(ps) + notes
            + '<div title="footer"><p align="center"><font size="2" style="font-size: 9pt">第 <sdfield type=PAGE '
              "subtype=RANDOM format=PAGE>2</sdfield> 页 共 <sdfield type=DOCSTAT subtype=PAGE format=PAGE>9</sdfield> 页"
              "</font></p>\n</div>\n</body>\n</html>\n")


def chromium_mhtml(page_html: str, title: str) -> bytes:
    """The shape of Chromium's "save as single file" (tests/makers/browser.py makes the real one):
    a long Subject in folded encoded words before MIME-Version, the page quoted-printable."""
    import quopri
    from email.header import Header

    subject = Header(title + "_某某人民政府门户网站", "utf-8").encode(maxlinelen=76)
    body = quopri.encodestring(page_html.encode("utf-8")).decode("ascii")
    boundary = "----MultipartBoundary--yc6hZ1OY7B2UgTRnSatoZTeHi6ytBiJyl3Q6TOyOck----"
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/2024/1/15/art_1.html\r\n"
            f"Subject: {subject}\r\nDate: Mon, 15 Jan 2024 01:02:03 -0000\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: http://www.example.gov.cn/art/2024/1/15/art_1.html\r\n\r\n{body}\r\n"
            f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: cid:css-1@mhtml.blink\r\n\r\n.nav {{ float: left }}\r\n--{boundary}--\r\n").encode("ascii")
