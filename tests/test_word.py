"""The Word gap report (report/word.py): same content as the PDF, Word's own heading styles, tables, the
quotes, 公文 page setup; report text stays text. The slow test converts it with LibreOffice."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_factory import ERROR_ALERT, HOSTILE, TRAD_QUOTE, make_audit  # noqa: E402

from auditor.report import view, word  # noqa: E402


@pytest.fixture(scope="module")
def audit():
    return make_audit(alerts=(ERROR_ALERT,))


@pytest.fixture(scope="module")
def document(audit):
    import docx

    return docx.Document(io.BytesIO(word.docx_bytes(audit)))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_headings_use_words_own_styles_in_report_order(document, audit):
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "差距审核报告")
    level1 = [t for s, t in headings if s == "Heading 1"]
    assert [re.sub(r"（.*", "", t) for t in level1] == [
        "一、需整改的问题", "二、逐项核对清单", "三、豁免与本地定制目标", "四、报告结构识别", "五、报告中的数字"]
    gaps = view.context(audit)["gaps"]
    level2 = [t for s, t in headings if s == "Heading 2"]
    for i, g in enumerate(gaps):
        assert level2[i].startswith(f"（{g['cn_no']}）{g['name']}") and g["label"] in level2[i]


def test_every_gap_quote_and_advice_is_in_the_copy(document, audit):
    text = _all_text(document)
    ctx = view.context(audit)
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) == sum(len(g["evidence"]) for g in ctx["gaps"])
    for g in ctx["gaps"]:
        if g["action"]:
            assert g["action"] in text
    assert TRAD_QUOTE[:12] in text
    assert ERROR_ALERT.message in text
    for hostile in HOSTILE:  # markup in the report is text in Word too
        assert hostile in text


def test_tables_hold_the_checklist_with_status_symbols(document, audit):
    head = [c.text for c in document.tables[-1].rows[0].cells] if document.tables else []
    checklists = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["规则（依据条款）", "目标", "结论：报告值"]]
    assert checklists and head
    cells = [row.cells[2].text for t in checklists for row in t.rows[1:]]
    scored = [f for f in audit.findings if not f.informational]
    assert sum(1 for c in cells if c.startswith(("✓", "×", "○", "?", "–"))) >= len(scored)
    assert all(t.style.name == "Table Grid" for t in checklists)


def test_table_text_is_not_justified(document):
    """A cell with manual line breaks (several packs) would be stretched across the cell when justified."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert document.styles["表格文字"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert document.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_page_setup_is_gb9704(document):
    from docx.shared import Mm

    sec = document.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [37, 35, 28, 26]
    assert document.styles["Normal"].font.size.pt == 16
    xml = sec.footer._element.xml + sec.even_page_footer._element.xml
    assert xml.count('w:instr="PAGE"') == 2 and "— " in xml


def test_text_xml_cannot_hold_is_dropped():
    assert word._clean("甲\x00乙\x0b丙\ufffe") == "甲乙丙"


@pytest.mark.slow
def test_libreoffice_opens_it_and_the_text_survives(tmp_path, audit):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice missing: run scripts/setup.sh")
    src = tmp_path / "差距报告.docx"
    word.write_docx(audit, src)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    import pdfplumber

    with pdfplumber.open(str(tmp_path / "差距报告.pdf")) as pdf:
        assert len(pdf.pages) >= 3
        text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pdf.pages))
    assert "差距审核报告" in text and "一、需整改的问题" in text and "—1—" in text
    for f in audit.findings:
        if f.status in ("not_met", "not_reported") and not f.informational:
            assert re.sub(r"\s+", "", f.name)[:8] in text, f.name
