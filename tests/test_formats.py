"""Reports as users have them: Word, PDF and saved web pages give the same text as the .txt seeds.

Fixtures are generated from the seed texts once per module (PDF rendering is slow: two PDFs only).
"""
from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import date

import pytest

from auditor.errors import InputError
from auditor.readers import read_raw
from auditor.readers.pdf import Line, join_lines
from auditor.readers.pdf_layout import Char, line_text
from auditor.load import document_from_raw, load_document
from makers.writers import (SEEDS, STRESS, TABLE_ROWS, heading_level, pdf_html, pdf_paragraphs, write_blank_pdf, write_docx,
                              write_html, write_pdf)

CODES = [p.name[:3] for p in SEEDS]
SEED = {p.name[:3]: p for p in SEEDS}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def key_lines(doc) -> list[str]:
    """Folded lines of a loaded .txt seed long enough to identify a sentence."""
    return [line for line in doc.text.split("\n") if len(line.strip()) > 10]


def assert_same_text(txt_doc, other_doc, skip=()):
    got = squash(other_doc.text)
    missing = [line[:40] for line in key_lines(txt_doc) if squash(line) not in got and line not in skip]
    assert not missing, f"{len(missing)} lines of the .txt missing from {other_doc.format}: {missing[:3]}"


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("formats")


@pytest.fixture(scope="module")
def txt_docs():
    return {code: load_document(SEED[code]) for code in CODES}


def seed_lines(doc) -> list[str]:
    return doc.original.split("\n")


# --- Word ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def docx_files(work, txt_docs):
    out = {}
    for code, doc in txt_docs.items():
        path = work / f"{code}.docx"
        in_table = write_docx(seed_lines(doc), doc.title, path)
        out[code] = (path, in_table)
    return out


@pytest.mark.parametrize("code", CODES)
def test_docx_has_the_same_text(code, docx_files, txt_docs):
    path, _ = docx_files[code]
    doc = load_document(path)
    assert doc.format == "docx"
    assert_same_text(txt_docs[code], doc)
    assert "页眉内部资料" not in doc.text
    assert (doc.title, doc.jurisdiction, doc.year) == (txt_docs[code].title, txt_docs[code].jurisdiction,
                                                       txt_docs[code].year)


@pytest.mark.parametrize("code", CODES)
def test_docx_table_sits_where_it_is_and_headings_are_hinted(code, docx_files, txt_docs):
    path, in_table = docx_files[code]
    lines = seed_lines(txt_docs[code])
    raw = read_raw(str(path), path.read_bytes())
    flat = squash(raw.text)
    before, cell, after = (squash(lines[in_table - 1]), squash(lines[in_table]), squash(lines[in_table + 1]))
    assert flat.index(before) < flat.index("情况说明" + cell) < flat.index(after)
    row = next(line for line in raw.text.split("\n") if line.startswith("情况说明"))
    assert row.split("\t")[1] == lines[in_table]
    expected = [(line, heading_level(line)) for line in lines if heading_level(line)]
    got = [(raw.text[o:].split("\n", 1)[0], level) for o, level in raw.heading_hints]
    assert got == expected and expected
    if txt_docs[code].title:
        assert raw.title_hint == txt_docs[code].title


def test_docx_automatic_chinese_numbering_and_title_as_heading(tmp_path):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("某县2023年度法治政府建设情况报告", style="Heading 1")
    for text in ("主要举措和成效", "存在的不足和原因"):
        d.add_paragraph(text, style="Heading 2")
        d.add_paragraph("全年办理行政复议案件23件，行政机关负责人出庭应诉率达100%。" * 2)
    # Give "Heading 2" the numbering Word uses for Chinese parts: 一、 二、
    num = d.part.numbering_part.element
    abstract = num.find(qn("w:abstractNum"))
    lvl = abstract.find(qn("w:lvl"))
    lvl.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
    lvl.find(qn("w:lvlText")).set(qn("w:val"), "%1、")
    num_id = next(n for n in num.findall(qn("w:num"))
                  if n.find(qn("w:abstractNumId")).get(qn("w:val")) == abstract.get(qn("w:abstractNumId")))
    ppr = d.styles["Heading 2"].element.get_or_add_pPr()
    ppr._add_numPr().get_or_add_numId().val = int(num_id.get(qn("w:numId")))
    path = tmp_path / "numbered.docx"
    d.save(path)
    raw = read_raw(str(path), path.read_bytes())
    heads = [raw.text[o:].split("\n", 1)[0] for o, _ in raw.heading_hints]
    assert [squash(h) for h in heads] == ["一、主要举措和成效", "二、存在的不足和原因"]
    assert [lvl for _, lvl in raw.heading_hints] == [1, 1]  # the lone Heading 1 on top is the title
    assert raw.title_hint == "某县2023年度法治政府建设情况报告"


# --- web pages ----------------------------------------------------------------------------------

HTML_VARIANTS = {  # code -> (bytes encoding, declared charset, layout, date in <meta>)
    "000": ("utf-8", "utf-8", "p", True),
    "001": ("gb18030", "gb2312", "br", False),
    "002": ("gb18030", None, "table", False),
    "003": ("utf-8", "utf-8", "p", False),
}
TITLES = {"000": "船營區2023年法治政府建設情況報告"}


@pytest.fixture(scope="module")
def html_files(work, txt_docs):
    out = {}
    for i, (code, doc) in enumerate(txt_docs.items()):
        encoding, declare, style, meta = HTML_VARIANTS.get(code, ("utf-8", "utf-8", "p", False))
        lines = seed_lines(doc)
        title = doc.title or TITLES.get(code) or "某某2023年度法治政府建设情况报告"
        if lines[0] == title:
            lines = lines[1:]  # the page shows the title in <h1> above the article
        published = f"{doc.year + 1}-0{1 + i % 3}-1{i}"
        path = work / f"{code}.html"
        write_html(lines, title, published, path, encoding=encoding, declare=declare, style=style, pubdate_meta=meta)
        out[code] = (path, title, date.fromisoformat(published))
    return out


@pytest.mark.parametrize("code", CODES)
def test_html_article_is_extracted_without_chrome(code, html_files, txt_docs):
    path, title, published = html_files[code]
    doc = load_document(path)
    assert doc.format == "html"
    assert_same_text(txt_docs[code], doc)
    for chrome in ("索引号", "首页", "您当前所在的位置", "版权所有", "网站标识码", "相关链接", "关于印发某某县",
                   "浏览次数", "政务公开", "互动交流", "分享到", "crumbs"):
        assert chrome not in doc.original or chrome in txt_docs[code].original, chrome
    assert doc.published == published
    assert doc.title == title and doc.original.startswith(title)
    assert doc.year == txt_docs[code].year


def test_html_mht_archive(tmp_path, txt_docs):
    import quopri

    page = tmp_path / "p.html"
    write_html(seed_lines(txt_docs["003"])[1:], txt_docs["003"].title, "2025-01-20", page)
    body = quopri.encodestring(page.read_bytes()).decode("ascii")
    mht = ("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
           'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
           "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           f"Content-Location: http://example.gov.cn/a.html\r\n\r\n{body}\r\n------B--\r\n")
    path = tmp_path / "report.mht"
    path.write_bytes(mht.encode("ascii"))
    doc = load_document(path)
    assert_same_text(txt_docs["003"], doc)
    assert doc.published == date(2025, 1, 20) and "索引号" not in doc.text


def test_html_keeps_the_reports_own_tables_and_trusts_valid_utf8(tmp_path):
    para = "行政机关负责人出庭应诉率达到100%，全年办理行政复议案件23件，纠错率21%。" * 3
    page = f"""<html><head><meta charset="gb2312"><title>某县2023年度法治政府建设情况报告-某县人民政府</title></head>
    <body><div class="nav"><a>首页</a><a>政务公开</a></div><div class="content">
    <table><tr><td>索引号：</td><td>001</td><td>发布机构：</td><td>某县政府办</td></tr>
    <tr><td>成文日期：</td><td>2024年1月5日</td><td>发布时间：</td><td>2024年2月1日</td></tr></table>
    <div>一、主要举措和成效</div><div>{para}</div><div>会议时间：2023年5月1日</div>
    <table border=1><tr><td>单位</td><td>文号</td><td>发布日期</td></tr>
    <tr><td>县司法局</td><td>某司〔2023〕1号</td><td>2023-05-01</td></tr></table>
    <div>二、存在的不足</div><div>{para}</div></div>
    <div class="right"><div>热点专题</div><div>优化营商环境专栏</div></div></body></html>"""
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode("utf-8"))  # declared gb2312, saved as UTF-8
    raw = read_raw(str(path), path.read_bytes())
    lines = raw.text.split("\n")
    assert lines[:3] == ["某县2023年度法治政府建设情况报告", "一、主要举措和成效", para]
    assert "县司法局\t某司〔2023〕1号\t2023-05-01" in lines and "索引号" not in raw.text and "热点专题" not in raw.text
    assert raw.published == date(2024, 2, 1) and raw.title_hint == lines[0] and raw.encoding == "utf-8"


def test_html_whose_report_is_an_attachment(tmp_path):
    path = tmp_path / "a.html"
    path.write_text('<html><head><title>某县2023年度法治政府建设情况报告</title></head><body>'
                    '<div class="nav"><a href="/">首页</a></div><div id="zoom"><p>附件：'
                    '<a href="/files/2024/report.pdf">某县2023年度法治政府建设情况报告.pdf</a></p></div></body></html>',
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_document(path)
    assert str(path) in str(err.value) and "report.pdf" in str(err.value) and "请下载附件" in str(err.value)


# --- PDF ----------------------------------------------------------------------------------------

PDF_CODE = "002"


@pytest.fixture(scope="module")
def pdf_case(work, txt_docs):
    doc = txt_docs[PDF_CODE]
    lines = seed_lines(doc)
    # Title, preamble, part one with its first item; then items (七) (八) with (七) forced onto
    # page 2, and the start of part two. (八) runs from page 2 onto page 3.
    part2 = next(i for i, l in enumerate(lines) if l.startswith("二、"))
    seven = next(i for i, l in enumerate(lines) if l.startswith("(七)"))
    subset = lines[:4] + lines[seven:seven + 2] + lines[part2:part2 + 3]
    path = work / f"{PDF_CODE}.pdf"
    write_pdf(pdf_html(subset, doc.title, page2_at=4), path)
    return path, subset


@pytest.fixture(scope="module")
def pdf_raw(pdf_case):
    path = pdf_case[0]
    return read_raw(str(path), path.read_bytes())


@pytest.fixture(scope="module")
def pdf_doc(pdf_case, pdf_raw):
    # What load_document(path) does, without reading the PDF a second time (it takes seconds).
    return document_from_raw(str(pdf_case[0]), pdf_raw)


def test_pdf_has_the_same_text_and_pages(pdf_case, pdf_doc, txt_docs):
    _, subset = pdf_case
    doc = pdf_doc
    assert doc.format == "pdf"
    got = squash(doc.text)
    from auditor.fold import fold

    for line in subset:
        assert squash(fold(line)[0]) in got, line[:30]
    # Paragraphs come back as lines: each subset line is one line of the document.
    lines = doc.original.split("\n")
    for line in subset:
        assert line in lines, line[:30]
    assert doc.title == txt_docs[PDF_CODE].title and doc.year == 2023
    # Running header and page numbers are gone.
    assert "楚雄州人民政府文件" not in doc.text
    assert not re.search(r"^-\s*\d+\s*-$", doc.text, re.M)
    starts = doc.page_starts
    assert len(starts) >= 3 and starts[0] == 0 and all(a < b for a, b in zip(starts, starts[1:]))
    assert doc.page_of(doc.text.index(subset[1][:20])) == 1
    seven = doc.text.index(subset[4][:20])
    assert doc.page_of(seven) == 2 and starts[1] == seven



def test_pdf_page_starts_inside_a_paragraph_that_runs_on(pdf_case, pdf_raw):
    path, subset = pdf_case
    raw = pdf_raw
    crossing = [s for s in raw.page_starts if s > 0 and raw.text[s - 1] != "\n"]
    assert crossing, "fixture: no paragraph runs across a page break"
    line_start = raw.text.rfind("\n", 0, crossing[0]) + 1
    line = raw.text[line_start:].split("\n", 1)[0]
    assert line in subset  # rejoined whole
    page = raw.page_starts.index(crossing[0]) + 1
    assert page >= 2 and "楚雄州人民政府文件" not in line
    # Table cells are kept apart, one row a line.
    rows = ["\t".join(r) for r in TABLE_ROWS]
    assert raw.text.split("\n")[-2:] == rows


def _chars(text, x=60.0, advance=12.0, gaps=None):
    out = []
    for i, ch in enumerate(text):
        x += (gaps or {}).get(i, 0.0)
        out.append(Char(ch, x, x + (6.0 if ch.isascii() else 12.0), 100.0, 112.0, 110.0, 12.0))
        x = out[-1].x1 + 0.2
    return out


def test_radicals_from_font_cmaps_are_folded():
    from auditor.readers.pdf import _clean

    assert _clean("便⺠服务中心、州政府⻔户网站、⻘藏高原、⼀网通办") == "便民服务中心、州政府门户网站、青藏高原、一网通办"


def _line_text(chars):
    return line_text(chars)[0]


def test_line_text_spacing():
    assert _line_text(_chars("出庭应诉率达100%")) == "出庭应诉率达100%"
    assert _line_text(_chars("州司法局全部出庭", gaps={4: 40.0})) == "州司法局\t全部出庭"
    assert _line_text(_chars("法治政府", gaps={1: 24.0, 2: 24.0, 3: 24.0})) == "法治政府"
    assert _line_text(_chars("Word版本", gaps={4: 0.0})) == "Word版本"
    assert _line_text(_chars("PDFfile", gaps={3: 4.0})) == "PDF file"


def test_pdf_never_splits_a_word(pdf_case, pdf_doc):
    import pypdfium2

    path, subset = pdf_case
    # The raw text layer does break inside 出庭应诉率 (else this test proves nothing) ...
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        raw = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    word = "出庭应诉率"
    assert any(word[:k] + "\r\n" + word[k:] in raw or word[:k] + "\n" + word[k:] in raw for k in range(1, 5))
    # ... and the reader rejoins it every time.
    expected = sum(line.count(word) for line in subset) + 12
    assert pdf_doc.text.count(word) == expected
    assert pdf_doc.text.count(STRESS) == 12


def _line(text, x0, x1, top, page=0, size=12.0):
    return Line(text, x0, x1, top, top + size, page)


def test_join_lines_without_indentation_uses_punctuation_and_headings():
    # 30 chars of 12 pt per line between x=60 and x=420; no first-line indent in this document.
    lines = [
        _line("一、主要举措和成效", 60, 168, 100),
        _line("全年办理行政复议案件23件，行政机关负责人出庭应", 60, 420, 120),
        _line("诉率达100%，比上年提高5个百分点，各项工作扎实推进。", 60, 418, 140),
        _line("（一）加强组织领导，落实第一责任人职责和述法制度", 60, 419, 160),
        _line("全面推进法治政府建设，召开专题会议研究部署相关工作", 60, 420, 180),
        _line("两次。", 60, 96, 200),
    ]
    text, starts = join_lines([lines])
    assert text.split("\n") == [
        "一、主要举措和成效",
        "全年办理行政复议案件23件，行政机关负责人出庭应诉率达100%，比上年提高5个百分点，各项工作扎实推进。",
        "（一）加强组织领导，落实第一责任人职责和述法制度全面推进法治政府建设，召开专题会议研究部署相关工作两次。",
    ]
    assert starts == (0,)


def test_join_lines_across_pages_keeps_page_offsets():
    page1 = [_line("某县2023年度法治政府建设情况报告", 150, 340, 80)] + [
        _line("行政机关负责人出庭应诉率" + "达" * 17, 84, 420, 100 + 20 * i) for i in range(1)] + [
        _line("法治" * 15, 60, 420, 120 + 20 * i) for i in range(8)]
    page2 = [_line("法治" * 10 + "建设。", 60, 312, 80, page=1), _line("二、存在的不足", 60, 144, 100, page=1)] + [
        _line("　　一是" + "法治" * 13, 84, 420, 120 + 20 * i, page=1) for i in range(1)] + [
        _line("法治" * 15, 60, 420, 140 + 20 * i, page=1) for i in range(8)]
    text, starts = join_lines([page1, page2])
    lines = text.split("\n")
    assert lines[0] == "某县2023年度法治政府建设情况报告"
    assert lines[1].endswith("法治建设。") and lines[2] == "二、存在的不足"
    assert starts[1] == text.index("法治" * 10 + "建设。")


# --- the audit does not depend on the format ---------------------------------------------------

def _findings(path, skip=("publish_before_apr1",)):
    from auditor.api import check

    return [(f.rule_id, f.status, f.value) for f in check(str(path)).findings if f.rule_id not in skip]


@pytest.mark.parametrize("code", CODES)
def test_audit_of_docx_and_html_matches_txt(code, docx_files, html_files):
    pytest.importorskip("auditor.api")
    base = _findings(SEED[code])
    assert _findings(docx_files[code][0]) == base
    assert _findings(html_files[code][0]) == base
    path, _, published = html_files[code]
    publish = [f for f in _findings(path, skip=()) if f[0] == "publish_before_apr1"]
    assert publish and publish[0][1] == "met"


def test_audit_of_pdf_matches_txt_of_the_same_text(pdf_case, pdf_doc, tmp_path):
    pytest.importorskip("auditor.api")
    from auditor.pipeline import audit_document
    from auditor.packs.loader import load_rules

    path, subset = pdf_case
    txt = tmp_path / "same.txt"
    txt.write_text("\n".join(pdf_paragraphs(subset, 4)), encoding="utf-8")
    # check(path) is load_document + audit_document; the PDF is already loaded.
    got = [(f.rule_id, f.status, f.value) for f in audit_document(pdf_doc, load_rules(None)).findings
           if f.rule_id != "publish_before_apr1"]
    assert got == _findings(txt)


# --- what cannot be read --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blank_pdf(work):
    path = work / "scan.pdf"
    write_blank_pdf(path)
    return path


def _raises(path, *words):
    with pytest.raises(InputError) as err:
        load_document(path)
    msg = str(err.value)
    assert str(path) in msg, msg
    assert "请" in msg, msg  # says what to do
    for w in words:
        assert w in msg, msg
    return msg


def test_empty_file(tmp_path):
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    _raises(p, "空")


def test_binary_garbage(tmp_path):
    p = tmp_path / "garbage.txt"
    p.write_bytes(random.Random(6).randbytes(4096))
    _raises(p, "二进制")


def test_truncated_docx(tmp_path, docx_files):
    data = docx_files["001"][0].read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    _raises(p, "Word 文件已损坏或不完整")


def test_zip_that_is_not_word(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", "法治政府建设")
    p = tmp_path / "report.docx"
    p.write_bytes(buf.getvalue())
    _raises(p, "不是 Word")


def test_old_word_doc(tmp_path):
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    _raises(p, ".doc", "另存为")


def test_scanned_pdf(blank_pdf):
    _raises(blank_pdf, "扫描版", "Word")


def test_encrypted_pdf(tmp_path, blank_pdf):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(blank_pdf)))
    writer.encrypt("secret", algorithm="AES-128")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as f:
        writer.write(f)
    _raises(p, "已加密", "未加密")


def test_truncated_and_corrupt_pdf(tmp_path, pdf_case):
    data = pdf_case[0].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    _raises(cut, "不完整")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + bytes(range(256)) * 4 + b"\n%%EOF\n")
    _raises(broken, "损坏")
