"""Reports made by the real tools offices use — LibreOffice and Chromium from the Debian packages
(scripts/setup.sh installs them) — give the same findings as the .txt they were made from."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.api import check
from auditor.load import load_document
from helpers import SEEDS
from makers import browser, office
from makers.writers import PAGE, html_body

pytestmark = pytest.mark.slow
SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
needs_office = pytest.mark.skipif(office.soffice() is None and not __import__("os").environ.get("CI"),
                                  reason="LibreOffice not installed (scripts/setup.sh installs it)")
needs_chromium = pytest.mark.skipif(browser.chromium() is None and not __import__("os").environ.get("CI"),
                                    reason="Chromium not installed (scripts/setup.sh installs it)")


def findings(path):
    return [(f.rule_id, f.status, f.value) for f in check(str(path)).findings if f.rule_id != "publish_before_apr1"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    return tmp_path_factory.mktemp("real")


@pytest.fixture(scope="module")
def fodt(made):
    doc = load_document(SEED["001"])
    return office.write_fodt(office.report_blocks(doc.original.split("\n"), doc.title), made / "001.fodt",
                             header="华蓥市双河街道办事处")


@needs_office
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf", "docx", "html"])
def test_libreoffice_saves_read_the_same(made, fodt, fmt):
    path = office.convert(fodt, fmt, made / f"001.{fmt}")
    assert findings(path) == findings(SEED["001"])
    doc = load_document(path)
    assert not [a for a in doc.alerts if a.severity == "error"]


@needs_office
def test_wps_writer_file_is_read_as_word_97(made, fodt):
    # WPS Writer's .wps is the Word 97 binary format under another name.
    doc = office.convert(fodt, "doc", made / "tmp.doc")
    wps = made / "001.wps"
    shutil.copy(doc, wps)
    assert load_document(wps).format == "wps"
    assert findings(wps) == findings(SEED["001"])


@needs_chromium
def test_chromium_single_file_mhtml(made):
    doc = load_document(SEED["003"])
    lines = doc.original.split("\n")
    page = made / "003.html"
    page.write_text(PAGE.format(meta='<meta charset="utf-8">', title=doc.title, written="2025-01-10",
                                published="2025-01-20", body=html_body(lines[1:], "p")), encoding="utf-8")
    mhtml = browser.save_mhtml(page, made / "003.mhtml")
    assert mhtml.read_bytes().startswith(b"From: <Saved by Blink>")
    assert findings(mhtml) == findings(SEED["003"])


# --- every shape of bench/inputs.py, on one seed -------------------------------------------------

@pytest.mark.parametrize("shape", sorted(__import__("makers.shapes", fromlist=["SHAPES"]).SHAPES))
def test_shape_reads_like_the_txt(made, shape):
    import sys

    from makers.shapes import SHAPES, ToolMissing

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from inputs import kept

    base = load_document(SEED["002"])
    work = made / shape
    work.mkdir()
    try:
        path = SHAPES[shape](base.original.split("\n"), base.title, work)
    except ToolMissing as missing:
        if __import__("os").environ.get("CI"):
            raise
        pytest.skip(f"{missing} not installed")
    doc = load_document(path)
    assert not [a.code for a in doc.alerts if a.severity == "error"]
    assert kept(base, doc) >= 0.95
    assert findings(path) == findings(SEED["002"])
