"""Format readers: a report file -> RawText. The format is sniffed from the bytes, never trusted
from the file name; only regular files are read, and never more than MAX_BYTES of them."""
from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from ..messages import os_reason
from ..errors import InputError
from ..models import RawText

MAX_BYTES = 50 * 1024 * 1024  # a real report is < 5 MB; past this it is not a report
_OTHER_FORMATS_HINT = "请提供 Word（.docx）、可复制文字的 PDF、网页（.html）或文本（.txt）格式的报告"


def read_file(path: str | Path) -> bytes:
    """The bytes of a report file: a regular file no larger than MAX_BYTES (checked before reading)."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("找不到文件", str(p)) from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_reason(exc)}", str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("这是一个文件夹，不是报告文件（批量审核请用 auditor batch）", str(p))
    if not stat.S_ISREG(st.st_mode):
        raise InputError("这不是普通文件（可能是设备、管道或套接字），无法作为报告读取", str(p),
                         hint="请选择保存在磁盘上的报告文件")
    if st.st_size > MAX_BYTES:
        raise InputError(_too_big(st.st_size), str(p))
    try:
        with open(p, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_reason(exc)}", str(p)) from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(len(data)), str(p))
    return data


def _too_big(size: int) -> str:
    return f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 上限，不像是一份年度报告"


def _zip_kind(data: bytes) -> str:
    """docx, odt (OpenDocument, first entry `mimetype`), ofd (OFD.xml at the root) or zip."""
    if data[30:38] == b"mimetype":
        if b"opendocument.text" in data[38:120]:
            return "odt"
        return "odf"
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()[:2000]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return "docx"  # a damaged zip: the Word reader names it
    if any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    return "docx"


def _ole_kind(data: bytes) -> str:
    """An OLE compound file: Word 97-2003 / WPS Writer (a WordDocument stream) or something else."""
    if "WordDocument".encode("utf-16-le") in data[:4 * 1024 * 1024] or "WordDocument".encode("utf-16-le") in data[-65536:]:
        return "doc"
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    return "ole"


def sniff(data: bytes, name: str) -> str:
    from .mhtml import is_mhtml

    head = data[:2048].lstrip()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (a page saved as "Unicode"): look at it as text
        enc = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
        head = data[2:4098].decode(enc, "ignore").encode("utf-8", "ignore").lstrip()
    elif data[:3] == b"\xef\xbb\xbf":
        head = data[3:2051].lstrip()
    low = head[:1024].lower()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:  # readers accept junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if is_mhtml(data):
        return "mhtml"
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".htm", ".html", ".shtml", ".xhtml", ".mht", ".mhtml") and b"<" in head:
        return "html"
    return "text"


def read_raw(path: str, data: bytes) -> RawText:
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(len(data)), path)
    if not data.strip():
        raise InputError("文件是空的，没有可审核的内容", path, hint="请确认选择的是报告文件本身，并且文件已完整保存或下载")
    kind = sniff(data, path)
    if kind == "text":
        from .plain import read_text
        try:
            return read_text(path, data)
        except InputError as exc:
            if exc.hint is None:
                exc.hint = _OTHER_FORMATS_HINT
            raise
    if kind in ("html", "mhtml"):
        from .html import read_html
        return read_html(path, data)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(path, data)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, data)
    if kind in ("doc", "odt", "rtf"):
        from .office import read_office
        return read_office(path, data, "wps" if kind == "doc" and Path(path).suffix.lower() == ".wps" else kind)
    if kind == "ofd":
        from .office import ofd_error
        raise ofd_error(path)
    if kind == "odf":
        raise InputError("这是 OpenDocument 表格或演示文稿，不是文字文档", path, hint=_OTHER_FORMATS_HINT)
    if kind == "encrypted":
        raise InputError("这是加密的 Office 文件（需要密码），无法读取", path,
                         hint="请在 Word 或 WPS 中输入密码打开，取消加密后“另存为” .docx 再审核")
    if kind == "ole":
        raise InputError("这是旧版 Office 文件（如 .doc、.xls）或加密的 Office 文件，无法读取", path,
                         hint="请在 Word 或 WPS 中“另存为” .docx（如有密码请先取消加密）后再审核")
    raise InputError("无法识别的文件格式", path, hint=_OTHER_FORMATS_HINT)


def read_path(path: str | Path) -> RawText:
    return read_raw(str(path), read_file(path))
