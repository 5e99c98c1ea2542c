"""A zip in a batch's folder: its reports are audited one by one (named archive.zip/entry), with the checks the
web service applies to uploaded zips; a zip that cannot be unpacked is one error row, the rest go on."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

import pytest

from auditor.batch import run as batch
from auditor.batch.files import ARCHIVE_DIR, _is_zip_archive
from helpers import HUZHU, SEEDS

TXT = sorted(SEEDS.glob("*.txt"))


def _files(out):
    return {json.loads(p.read_text(encoding="utf-8"))["report"]["file"]: p.stem for p in out.glob("*.json")
            if p.name != "manifest.json"}


def _docx(lines: list[str]) -> bytes:
    from docx import Document

    d = Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.skipif(shutil.which("zip") is None, reason="Info-ZIP's zip is not installed")
def test_reports_in_a_zip_made_by_zip_are_audited_one_by_one(tmp_path):
    src, folder = tmp_path / "src", tmp_path / "in"
    (src / "互助县").mkdir(parents=True)
    folder.mkdir()
    shutil.copy(TXT[0], src / "互助县" / "2024年报告.txt")
    (src / "乙县报告.docx").write_bytes(_docx(TXT[1].read_text(encoding="utf-8").splitlines()))
    subprocess.run(["zip", "-qr", str(folder / "各县报告.zip"), "互助县", "乙县报告.docx"], cwd=src, check=True)
    shutil.copy(TXT[2], folder / "单独报告.txt")
    out = tmp_path / "out"
    res = batch.execute(folder, rules=[HUZHU], out=out, jobs=1, pdf=False)
    assert not res.errors
    assert sorted(r.rel for r in res.reports) == ["单独报告.txt", "各县报告.zip/乙县报告.docx",
                                                  "各县报告.zip/互助县/2024年报告.txt"]
    files = _files(out)
    assert str(folder / "各县报告.zip" / "互助县" / "2024年报告.txt") in files  # where people find it
    assert not (out / ARCHIVE_DIR).exists()  # unpacked only for the run
    again = batch.execute(folder, rules=[HUZHU], out=out, jobs=1, pdf=False)
    assert again.skipped == 3  # unchanged entries are not audited again
    assert sorted(r.rel for r in again.reports) == sorted(r.rel for r in res.reports)


def test_a_zip_from_chinese_windows_has_its_gbk_names_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = "互助县.txt".encode("gbk")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # Windows' own zip tool writes GBK names without the UTF-8 flag
        zf.writestr(zipfile.ZipInfo("a" * len(gbk)), TXT[0].read_bytes())
    (folder / "报告.zip").write_bytes(buf.getvalue().replace(b"a" * len(gbk), gbk))
    res = batch.execute(folder, rules=[HUZHU], out=tmp_path / "out", jobs=1, pdf=False)
    assert not res.errors and [r.rel for r in res.reports] == ["报告.zip/互助县.txt"]


def test_an_unsafe_zip_is_one_error_row_and_the_others_are_audited(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with zipfile.ZipFile(folder / "坏包.zip", "w") as zf:
        zf.writestr("../逃逸.txt", TXT[0].read_bytes())
        zf.writestr("好的.txt", TXT[1].read_bytes())
    with zipfile.ZipFile(folder / "空包.zip", "w"):
        pass
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("里面.txt", TXT[1].read_bytes())
    with zipfile.ZipFile(folder / "套娃.zip", "w") as zf:
        zf.writestr("内层.zip", inner.getvalue())
    shutil.copy(TXT[2], folder / "单独报告.txt")
    out = tmp_path / "out"
    res = batch.execute(folder, rules=[HUZHU], out=out, jobs=1, pdf=False)
    assert [r.rel for r in res.reports] == ["单独报告.txt"]
    errors = {e.rel: e.message for e in res.errors}
    assert "“..”" in errors["坏包.zip"] and "拒绝整个压缩包" in errors["坏包.zip"]
    assert errors["空包.zip"] == "压缩包中没有文件"
    assert errors["套娃.zip/内层.zip"].startswith("这是压缩包里的压缩包，未解开审核")
    assert not (out / ARCHIVE_DIR).exists() and not (tmp_path / "逃逸.txt").exists()


def test_zip_based_documents_are_not_archives(tmp_path):
    word = tmp_path / "报告.zip"  # a Word file whatever its name: read as Word
    word.write_bytes(_docx(["某县2024年度法治政府建设情况报告"]))
    renamed = tmp_path / "报告.docx"  # an archive whatever its name
    with zipfile.ZipFile(renamed, "w") as zf:
        zf.writestr("a.txt", "x")
    odt = tmp_path / "报告.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    damaged = tmp_path / "坏.zip"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    text = tmp_path / "a.txt"
    text.write_bytes(TXT[0].read_bytes())
    assert [_is_zip_archive(p) for p in (word, renamed, odt, damaged, text)] == [False, True, False, False, False]
