"""Format readers: bytes of a report file -> RawText. The format is sniffed from the bytes,
never trusted from the file name."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import RawText

MAX_BYTES = 50 * 1024 * 1024  # a real report is < 5 MB; past this it is not a report


def sniff(data: bytes, name: str) -> str:
    head = data[:2048].lstrip()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (a page saved as "Unicode"): look at it as text
        enc = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
        head = data[2:4098].decode(enc, "ignore").encode("utf-8", "ignore").lstrip()
    low = head[:512].lower()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:  # readers accept junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # old .doc / .xls or an encrypted Office file
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".htm", ".html", ".shtml", ".mht") and b"<" in head:
        return "html"
    return "text"


def read_raw(path: str, data: bytes) -> RawText:
    if len(data) > MAX_BYTES:
        raise InputError(f"文件过大（{len(data) // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 上限，不像是一份年度报告", path)
    if not data.strip():
        raise InputError("文件是空的，没有可审核的内容", path, hint="请确认选择的是报告文件本身，并且文件已完整保存或下载")
    kind = sniff(data, path)
    if kind == "text":
        from .plain import read_text
        try:
            return read_text(path, data)
        except InputError as exc:
            if exc.hint is None:
                exc.hint = "请提供 Word（.docx）、可复制文字的 PDF、网页（.html）或文本（.txt）格式的报告"
            raise
    if kind == "html":
        from .html import read_html
        return read_html(path, data)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(path, data)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, data)
    if kind == "ole":
        raise InputError("这是旧版 Word（.doc）文件或加密的 Office 文件，无法直接读取",
                         path, hint="请在 Word 或 WPS 中“另存为” .docx（如有密码请先取消加密）后再审核")
    if kind == "rtf":
        raise InputError("这是 RTF 格式文件，无法直接读取", path, hint="请另存为 .docx 或纯文本后再审核")
    raise InputError("无法识别的文件格式", path)
