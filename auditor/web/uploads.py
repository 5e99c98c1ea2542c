"""Checks on what a browser or another system sends, before any audit: size and type; zips are unpacked by
archives.py (the same checks `auditor batch` applies to a zip in its folder).
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..archives import Refused as UploadError  # noqa: F401 - the web's name for it
from ..archives import flat_name, safe_name, size_text, unpack_zip, write_unique  # noqa: F401 - used by service.py
from ..errors import InputError
from .config import ACCEPTED_SUFFIXES

ACCEPTED_TEXT = ".docx、.pdf、.txt 或 .html"
REFUSED_KINDS = ("ole", "encrypted", "odf", "ofd")  # sniffed kinds no reader reads
OFFICE_KINDS = ("doc", "odt", "rtf")  # read through LibreOffice, when the machine has it


def suffix_of(name: str) -> str:
    return PurePosixPath(safe_name(name)).suffix.lower()


def check_report(name: str, data: bytes, limit: int) -> None:
    """Refuse, with the HTTP status that fits, what cannot be a report; the readers judge the rest."""
    from ..readers import read_raw, sniff
    from ..readers.office import soffice

    if len(data) > limit:
        raise UploadError(f"文件过大（{size_text(len(data))}），超过每个文件 {size_text(limit)} 的上限", 413, name,
                          hint="年度报告通常不超过 5 MB；如为扫描件或含大量图片，请另存为只含文字的 Word 或 PDF")
    if not data.strip():
        raise UploadError("文件是空的，没有可审核的内容", 400, name, hint="请确认选择的是报告文件本身，并且文件已完整保存")
    kind = sniff(data, name)
    if kind in REFUSED_KINDS or (kind in OFFICE_KINDS and soffice() is None):
        try:  # the reader's own words say what it is and how to save it instead; it refuses these at once
            read_raw(name, data)
        except InputError as exc:
            raise UploadError(exc.message, 415, name, hint=exc.hint) from None
    suffix = suffix_of(name)
    if suffix and suffix not in ACCEPTED_SUFFIXES:
        raise UploadError(f"不支持的文件类型（{suffix}）", 415, name, hint=f"请上传 {ACCEPTED_TEXT} 格式的报告")
    if kind == "text" and 0 in data[:4000]:
        from ..readers.plain import decode

        try:
            decode(name, data[:4000])  # UTF-16 without a BOM has NULs too
        except InputError:
            raise UploadError("这是二进制文件，不是文本、Word、PDF 或网页格式的报告", 415, name,
                              hint=f"请上传 {ACCEPTED_TEXT} 格式的报告") from None


