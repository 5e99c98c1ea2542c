"""Format readers: bytes of a report file -> RawText. The format is sniffed from the bytes,
never trusted from the file name."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import RawText

MAX_BYTES = 50 * 1024 * 1024  # a real report is < 5 MB; past this it is not a report


def sniff(data: bytes, name: str) -> str:
    head = data[:2048].lstrip()
    low = head[:512].lower()
    if data.startswith(b"%PDF"):
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
        raise InputError("文件是空的，没有可审核的内容", path)
    kind = sniff(data, path)
    if kind == "text":
        from .text import read_text
        return read_text(path, data)
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
