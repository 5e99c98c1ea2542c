"""Web pages as offices and browsers save them: LibreOffice's body-level paragraphs, GBK without a
declaration, Chromium's .mhtml, footnote marks, deep nesting; a fragment is never passed off."""
import html as htmllib
import re

import pytest

from auditor.errors import InputError
from auditor.load import document_from_raw, load_document
from auditor.readers import read_raw
from helpers import SEEDS
from makers.writers import PAGE, chromium_mhtml, html_body, libreoffice_html, write_html

SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}


def squash(s):
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def seed():
    doc = load_document(SEED["001"])
    return doc, doc.original.split("\n")


def _missing(txt_doc, doc):
    got = squash(doc.text)
    return [line[:30] for line in txt_doc.text.split("\n") if len(line) > 10 and squash(line) not in got]


def test_libreoffice_html_keeps_every_paragraph_under_body(tmp_path, seed):
    doc, lines = seed
    p = tmp_path / "lo.html"
    p.write_text(libreoffice_html(lines, note=(5, "数据来源：区司法局统计。")), encoding="utf-8")
    got = load_document(p)
    assert not _missing(doc, got)
    assert "某某单位文件" not in got.text and "共 9 页" not in got.original
    assert not any(a.code == "text_loss" for a in got.alerts)
    assert squash(lines[5]) in squash(got.text)  # the footnote mark is not glued into the sentence


def test_footnote_marks_are_dropped_not_glued_to_figures():
    page = ("<html><body><div class='content'><p>行政机关负责人出庭应诉率<sup>1</sup>85%，行政复议纠错率<sup>[2]</sup>"
            "12%，全年办理案件23件。" + "依法行政，建设法治政府。" * 20 + "</p></div></body></html>")
    raw = read_raw("a.html", page.encode("utf-8"))
    assert "出庭应诉率85%" in raw.text and "纠错率12%" in raw.text


def test_gbk_page_without_a_charset_and_long_markup(tmp_path, seed):
    doc, lines = seed
    p = tmp_path / "gbk.html"
    write_html(lines, "双河街道2023年度法治政府建设情况报告", "2024-01-15", p, encoding="gb18030", declare=None)
    data = p.read_bytes()
    # Long markup in front: styles and scripts a CMS puts in <head> (ASCII outweighs the text).
    filler = "<style>" + ".c{color:red;margin:0 auto}\n" * 3000 + "</style>"
    data = data.replace(b"<head>", b"<head>" + filler.encode("ascii"), 1)
    for declared in (b"", b'<meta charset="utf-8">'):
        p.write_bytes(data.replace(b"<head>", b"<head>" + declared, 1))
        got = load_document(p)
        assert got.encoding == "gb18030" and not _missing(doc, got)


def test_whatwg_big5_page(tmp_path):
    text = "臺北市政府法治政府建設情況報告。裏面碁盤銹蝕依法行政，建設法治政府，" * 30
    page = f'<html><head><meta charset="big5"></head><body><div class="content"><p>{text}</p></div></body></html>'
    raw = read_raw("b.html", page.encode("cp950"))
    assert text in raw.text


def test_mhtml_with_long_mime_headers_is_sniffed(tmp_path, seed):
    doc, lines = seed
    page = PAGE.format(meta='<meta charset="utf-8">', title="t", written="2024-01-10", published="2024-01-15",
                       body=html_body(lines, "p"))
    p = tmp_path / "报告.mhtml"
    p.write_bytes(chromium_mhtml(page, "双河街道2023年度法治政府建设情况报告" * 8))
    assert p.read_bytes().index(b"MIME-Version") > 512
    got = load_document(p)
    assert got.format == "html" and not _missing(doc, got) and "索引号" not in got.text


@pytest.mark.parametrize("n", [1000, 20000])
def test_deep_nesting_ends_as_text_or_a_named_error(n):
    page = "<html><body>" + "<div>" * n + "依法行政，建设法治政府。" * 20 + "</div>" * n + "</body></html>"
    try:
        raw = read_raw("deep.html", page.encode("utf-8"))
    except InputError as err:
        assert "嵌套" in str(err)
    else:
        assert "建设法治政府" in raw.text


def test_a_fragment_is_never_passed_off_as_the_article(seed):
    doc, lines = seed
    # One paragraph in a marked content block, the rest of the report in unmarked siblings.
    first = f'<div class="article-content"><p>{htmllib.escape(lines[0])}</p></div>'
    rest = "".join(f"<div><div><span>{htmllib.escape(line)}</span></div></div>" for line in lines[1:])
    page = f"<html><body><div class='main'>{first}<div class='other'>{rest}</div></div></body></html>"
    raw = read_raw("frag.html", page.encode("utf-8"))
    got = document_from_raw("frag.html", raw)
    kept = not _missing(doc, got)
    lost = any(a.code == "text_loss" for a in got.alerts)
    assert kept or lost


def test_text_loss_alert_when_the_reader_keeps_too_little():
    from auditor.models import RawText

    raw = RawText(text="某县2023年度法治政府建设情况报告\n" + "依法行政，建设法治政府。" * 10, format="html",
                  source_cjk=1000)
    alert = next(a for a in document_from_raw("x.html", raw).alerts if a.code == "text_loss")
    assert alert.severity == "error"
