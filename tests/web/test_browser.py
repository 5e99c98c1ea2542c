"""The web service as a person uses it, in Chromium: upload, read the result, jump to a sentence, download,
run a batch, and get a clear message for what cannot be audited."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from web.webtools import ROOT, cli_json
from makers.writers import SEEDS, write_docx

pytestmark = pytest.mark.slow

PACK = "qinghai/huzhu-2024"


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory):
    """Each seed as it is (.txt) and as a Word file made from its text (.docx)."""
    from auditor.load import load_document

    work = tmp_path_factory.mktemp("seeds")
    out = []
    for seed in SEEDS:
        doc = load_document(seed)
        docx = work / f"{seed.stem}.docx"
        write_docx(doc.original.split("\n"), doc.title, docx)
        out += [seed, docx]
    return out


def upload(page, server, path: Path, pack: str = PACK) -> None:
    page.goto(server.url + "/")
    page.select_option("#check-form select[name=rules]", pack)
    page.set_input_files("#check-file", str(path))
    page.click("#check-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))


def shown_findings(page) -> dict[str, str]:
    rows = page.locator("#checklist tr.finding")
    return {rows.nth(i).get_attribute("data-rule"): rows.nth(i).get_attribute("data-status")
            for i in range(rows.count())}


def test_main_page_lists_the_packs(page, server, shots):
    page.goto(server.url + "/")
    assert page.title() == "法治报告审核"
    packs = server.json("/api/packs")
    options = page.locator("#check-form select[name=rules] option")
    assert [options.nth(i).get_attribute("value") for i in range(options.count())] == ["auto"] + [p["key"] for p in packs]
    assert page.locator("#check-form select[name=rules]").input_value() == "auto"
    assert page.locator("#batch-form select[name=rules]").input_value() == "national/annual-report"
    page.screenshot(path=str(shots / "main.png"))


@pytest.mark.parametrize("index", range(8), ids=lambda i: f"seed{i // 2}-{'txt' if i % 2 == 0 else 'docx'}")
def test_findings_shown_equal_the_cli_json(page, server, seed_files, index):
    path = seed_files[index]
    upload(page, server, path)
    want = cli_json(path, PACK)
    assert shown_findings(page) == {f["id"]: f["status"] for f in want["findings"]}
    assert float(page.locator("#score").get_attribute("data-score")) == pytest.approx(want["score"], abs=0.051)
    assert page.locator("#who-jurisdiction").inner_text() == (want["report"]["jurisdiction"] or "（未识别）")
    gaps = page.locator("#gaps li.gap")
    gap_ids = [gaps.nth(i).get_attribute("data-rule") for i in range(gaps.count())]
    scored_gaps = {f["id"] for f in want["findings"]
                   if not f["informational"] and f["status"] in ("not_met", "not_reported", "review")}
    assert set(gap_ids) == scored_gaps and len(gap_ids) == len(scored_gaps)
    alerts = page.locator("#alerts li.alert[data-code]")
    assert [alerts.nth(i).get_attribute("data-code") for i in range(alerts.count())] == \
        [a["code"] for a in want["alerts"]]


def test_click_a_gap_scrolls_to_its_sentence(page, server, shots):
    seed = SEEDS[2]
    upload(page, server, seed)
    want = {f["id"]: f for f in cli_json(seed, PACK)["findings"]}
    gap = page.locator("#gaps li.gap[data-goto]").last  # the last one sits furthest down the text
    rule = gap.get_attribute("data-goto")
    assert page.locator("mark.ev.active").count() == 0
    gap.click()
    active = page.locator("mark.ev.active")
    assert active.count() >= 1
    first = active.first
    first.wait_for(state="visible")
    page.wait_for_function("""() => { const m = document.querySelector('mark.ev.active');
        const box = document.querySelector('#doc-text').getBoundingClientRect(); const r = m.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom; }""")
    quotes = [e["quote"] for e in want[rule]["evidence"]]
    pieces = [active.nth(i).inner_text() for i in range(active.count())]
    assert all(any(piece in q for q in quotes) for piece in pieces), (pieces, quotes)
    assert "active" in (gap.get_attribute("class") or "")
    page.evaluate("window.scrollTo(0, 0)")  # the header too; the text keeps its place on the sentence
    page.screenshot(path=str(shots / "result.png"), full_page=True)


def test_recheck_with_another_pack_and_read_the_pack(page, server):
    seed = SEEDS[1]
    upload(page, server, seed, pack="national/annual-report")
    url = page.url
    assert "厅字" in page.locator("#who-pack").inner_text()
    page.select_option("#recheck-form select[name=rules]", PACK)
    page.click("#recheck-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#who-pack').innerText.includes('互助')")
    assert page.url == url  # the same upload, not a new one
    assert shown_findings(page) == {f["id"]: f["status"] for f in cli_json(seed, PACK)["findings"]}
    # the picker groups the packs by whether they apply: the Huzhu 2024 plan does not fit this 2023 report
    group = page.locator(f"#recheck-form optgroup:has(option[value='{PACK}'])").get_attribute("label")
    assert "不适用" in group
    page.goto(server.url + "/packs")
    page.click(f"#packs tr[data-key='{PACK}'] a")
    rows = page.locator("#rules tr[data-rule]")
    assert rows.count() > 20
    assert page.locator("#rules tr[data-rule='court_appearance_rate']").inner_text().count("90%") == 1


def test_download_the_pdf(page, server):
    from pypdf import PdfReader

    seed = SEEDS[3]
    upload(page, server, seed)
    with page.expect_download() as dl:
        page.click("#dl-pdf")
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert dl.value.suggested_filename.endswith(".pdf")
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    want = cli_json(seed, PACK)
    assert want["report"]["jurisdiction"][:2] in text
    with page.expect_download() as dl:
        page.click("#dl-json")
    got = json.loads(Path(dl.value.path()).read_bytes())
    assert got["findings"] == want["findings"]


def test_download_word_and_annotated_copies(page, server):
    from docx import Document as WordDocument

    seed = SEEDS[3]
    upload(page, server, seed)
    want = cli_json(seed, PACK)
    with page.expect_download() as dl:
        page.click("#dl-docx")
    assert dl.value.suggested_filename.endswith("差距报告.docx")
    path = Path(dl.value.path())
    assert zipfile.is_zipfile(path)
    text = "\n".join(p.text for p in WordDocument(str(path)).paragraphs)
    assert want["report"]["jurisdiction"][:2] in text
    with page.expect_download() as dl:
        page.click("#dl-annotated")
    assert dl.value.suggested_filename.endswith("标注.html")
    html = Path(dl.value.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    quoted = [f["evidence"][0]["quote"] for f in want["findings"] if f.get("evidence")]
    assert quoted and quoted[0][:8] in html  # the report's own sentences, marked up


def test_batch_of_four_through_a_zip(page, server, tmp_path, shots):
    bundle = tmp_path / "各县报告.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for seed in SEEDS:
            zf.write(seed, f"报告/{seed.name}")
    page.goto(server.url + "/")
    page.select_option("#batch-form select[name=rules]", PACK)
    page.set_input_files("#batch-files", str(bundle))
    page.click("#batch-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/b/[A-Za-z0-9_-]+$"))
    page.locator("#batch-progress").wait_for()
    page.locator("#ranking").wait_for(timeout=300_000)
    assert page.locator("#batch-job").get_attribute("data-state") == "done"
    assert page.locator("#batch-progress").get_attribute("value") == "4"
    rows = page.locator("#ranking tbody tr[data-file]")
    assert rows.count() == 4
    groups: dict[str, list[float]] = {}
    for i in range(4):
        groups.setdefault(rows.nth(i).get_attribute("data-group"), []).append(float(rows.nth(i).get_attribute("data-score")))
    assert all(scores == sorted(scores, reverse=True) for scores in groups.values())  # ranked within its level
    want = {f"报告-{s.name}": cli_json(s, PACK)["score"] for s in SEEDS}
    assert {rows.nth(i).get_attribute("data-file"): float(rows.nth(i).get_attribute("data-score"))
            for i in range(4)} == pytest.approx({k: round(v, 1) for k, v in want.items()})
    page.screenshot(path=str(shots / "batch.png"), full_page=True)
    links = page.locator("#batch-downloads a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == 3
    for href in hrefs:
        status, body, _ = server.get(href)
        assert status == 200 and body[:4] in (b"PK\x03\x04", b"%PDF") or body.startswith("排名".encode("utf-8-sig"))
    with page.expect_download() as dl:
        rows.first.locator("a", has_text="PDF").click()
    assert Path(dl.value.path()).read_bytes().startswith(b"%PDF")


def _bad_upload(page, server, path: Path) -> str:
    page.goto(server.url + "/")
    page.set_input_files("#check-file", str(path))
    page.click("#check-form button[type=submit]")
    status = page.locator("#check-status.bad")
    status.wait_for()
    assert "/r/" not in page.url
    return status.inner_text()


def test_bad_inputs_get_a_chinese_message(page, server, tmp_path):
    cases = {
        "空白.txt": (b"", "空"),
        "乱码.txt": (bytes(range(256)) * 64, "二进制"),
        "旧版.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, ".doc"),
        "很大.txt": ("年度报告。".encode("utf-8") * (30 * 1024 * 1024 // 15 + 1), "过大"),
    }
    for name, (data, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        message = _bad_upload(page, server, path)
        assert words in message and re.search(r"[\u4e00-\u9fff]{4}", message), (name, message)
    # a zip that climbs out of its folder is refused whole, with its entry named
    bundle = tmp_path / "越界.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("../../逃逸.txt", SEEDS[0].read_bytes())
        zf.writestr("正常.txt", SEEDS[1].read_bytes())
    page.goto(server.url + "/")
    page.set_input_files("#batch-files", str(bundle))
    page.click("#batch-form button[type=submit]")
    status = page.locator("#batch-status.bad")
    status.wait_for()
    assert "逃逸" in status.inner_text() and ".." in status.inner_text()
    assert not list(ROOT.glob("**/逃逸.txt")) and not list(server.work.parent.glob("**/逃逸.txt"))
