"""What is read at all: regular files only, size checked before reading, formats sniffed from bytes."""
import io
import os
import zipfile

import pytest

from auditor.errors import InputError
from auditor.load import load_document
from auditor.readers import MAX_BYTES, read_file, sniff


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as err:
        load_document(fifo)
    assert "不是普通文件" in str(err.value)


def test_a_device_is_refused_before_reading():
    with pytest.raises(InputError) as err:
        read_file("/dev/zero")
    assert "不是普通文件" in str(err.value)


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no 50 MB written
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(AssertionError))
    with pytest.raises(InputError) as err:
        read_file(p)
    assert "过大" in str(err.value) and not opened


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="找不到"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="文件夹"):
        load_document(tmp_path)


def _zip(entries, first=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if first:
            z.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_kinds_are_named():
    odt = _zip([("content.xml", "<x/>")], first=("mimetype", "application/vnd.oasis.opendocument.text"))
    ods = _zip([("content.xml", "<x/>")], first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))
    ofd = _zip([("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<x/>")])
    assert (sniff(odt, "a"), sniff(ods, "a"), sniff(ofd, "a")) == ("odt", "odf", "ofd")


def test_ofd_is_named_with_what_to_do(tmp_path):
    p = tmp_path / "报告.ofd"
    p.write_bytes(_zip([("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<x/>")]))
    with pytest.raises(InputError) as err:
        load_document(p)
    msg = str(err.value)
    assert "OFD" in msg and "PDF" in msg and "请" in msg and "不是 Word" not in msg


def test_odt_without_libreoffice_says_what_it_is_and_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setattr("auditor.readers.office.soffice", lambda: None)
    p = tmp_path / "报告.odt"
    p.write_bytes(_zip([("content.xml", "<x/>")], first=("mimetype", "application/vnd.oasis.opendocument.text")))
    with pytest.raises(InputError) as err:
        load_document(p)
    msg = str(err.value)
    assert "OpenDocument" in msg and "LibreOffice" in msg and "另存为" in msg and "不是 Word" not in msg


def test_doc_and_rtf_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr("auditor.readers.office.soffice", lambda: None)
    doc = tmp_path / "old.wps"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le") + b"\x00" * 512)
    rtf = tmp_path / "r.rtf"
    rtf.write_bytes(rb"{\rtf1\ansi \u27861?\u27835? }")
    for p, what in ((doc, "WPS"), (rtf, "RTF")):
        with pytest.raises(InputError) as err:
            load_document(p)
        assert what in str(err.value) and "另存为" in str(err.value)
