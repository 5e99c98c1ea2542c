"""archives: the report files of a zip, unpacked safely (the web service's uploads and `auditor batch` both read them).

Entry names are data. A name is cut down to one safe file-name component and only ever written inside the
folder given; an entry that climbs out (`..`), is absolute, is a link, has a password or unpacks far beyond its
size is refused, and so is the whole zip: everything is checked before anything is written.
"""
from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import Optional

from .errors import InputError

MB = 1024 * 1024
NAME_BYTES = 150
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WIN_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_DRIVE = re.compile(r"^[A-Za-z]:")
IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
MAX_RATIO = 200  # uncompressed / compressed: real documents stay far below; bombs are thousands
RATIO_FLOOR = 1 * MB  # small entries may compress well (a plain-text report) without being a bomb


class Refused(InputError):
    """Refused before any audit; `status` is the HTTP status that fits (for the web service)."""

    def __init__(self, message: str, status: int = 400, path: Optional[str] = None, hint: Optional[str] = None):
        super().__init__(message, path=path, hint=hint)
        self.status = status


def size_text(n: int) -> str:
    if n < MB / 10:
        return f"{max(1, n // 1024)} KB"
    return f"{n / MB:.1f}".rstrip("0").rstrip(".") + " MB"


def safe_name(name: str, fallback: str = "报告") -> str:
    """The last component of an upload name, as a file name that is safe on Linux and Windows."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if stem.split(".")[0].lower() in _WIN_RESERVED:
        stem = "_" + stem
    suffix = suffix.lower()[:8]
    room = NAME_BYTES - len(suffix.encode("utf-8")) - 1
    while len(stem.encode("utf-8")) > room:
        stem = stem[:-1]
    stem = stem.rstrip(". ") or fallback
    return f"{stem}.{suffix}" if suffix else stem


def _entry_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without saying so; zipfile reads them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unsafe_entry(name: str, info: zipfile.ZipInfo) -> Optional[str]:
    parts = re.split(r"[/\\]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "使用了绝对路径"
    if ".." in parts:
        return "含有“..”（指向压缩包以外的位置）"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "是符号链接"
    if info.flag_bits & 0x1:
        return "设置了密码"
    return None


def _ignored(name: str) -> bool:
    parts = [p for p in re.split(r"[/\\]", name) if p]
    if not parts or parts[0] == "__MACOSX":
        return True
    base = parts[-1]
    return base.startswith((".", "~$")) or base.lower() in IGNORED_NAMES


def flat_name(name: str) -> str:
    """A zip entry's folders kept in its one file name (互助县/报告.docx -> 互助县-报告.docx)."""
    parts = [p for p in re.split(r"[/\\]", name) if p]
    return safe_name("-".join(parts))


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, name: str) -> bytes:
    """The entry's bytes, stopping past what its header declared (a header can lie)."""
    out = io.BytesIO()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            out.write(chunk)
            if out.tell() > cap:
                raise Refused(f"压缩包中的“{name}”解压后远大于其声明的大小，疑似压缩炸弹，已拒绝整个压缩包", 400)
    return out.getvalue()


def unpack_zip(source, dest: Path, taken: set[str], file_limit: int, total_limit: int,
               max_files: int) -> tuple[list[tuple[str, Path]], list[str]]:
    """`source`: bytes or a seekable file. Write the zip's report files into `dest` (flat); returns ([(entry name, path)], ignored names).
    Everything is checked before anything is written: a bad entry refuses the whole zip."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused("压缩包已损坏或不是 zip 格式，无法解压", 400, hint="请重新压缩（支持 .zip），或解压后直接提供报告文件") from None
    wanted, ignored, total = [], [], 0
    for info in infos:
        name = _entry_name(info)
        problem = _unsafe_entry(name, info)
        if problem:
            raise Refused(f"压缩包中的“{name}”{problem}，已拒绝整个压缩包", 400,
                              hint="请只压缩报告文件本身，不要包含链接或指向其他位置的路径")
        if info.is_dir():
            continue
        if _ignored(name):
            ignored.append(name)
            continue
        if info.file_size > file_limit:
            raise Refused(f"压缩包中的“{name}”过大（{size_text(info.file_size)}），超过每个文件 "
                              f"{size_text(file_limit)} 的上限", 413)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(f"压缩包中的“{name}”压缩比异常（疑似压缩炸弹），已拒绝整个压缩包", 400)
        total += info.file_size
        wanted.append((name, info))
    if len(wanted) > max_files:
        raise Refused(f"压缩包中有 {len(wanted)} 个文件，超过每批 {max_files} 个的上限", 413, hint="请分成几批处理")
    if total > total_limit:
        raise Refused(f"压缩包解压后共 {size_text(total)}，超过每批 {size_text(total_limit)} 的上限", 413,
                          hint="请分成几批处理")
    contents = [(name, _read_capped(zf, info, info.file_size, name)) for name, info in wanted]
    out = [(name, write_unique(dest, flat_name(name), blob, taken)) for name, blob in contents]
    return out, ignored


def write_unique(dest: Path, name: str, data: bytes, taken: set[str]) -> Path:
    """Write `data` as `name` in `dest`, numbering the name when it is taken (case-insensitively)."""
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    cand, n = name, 2
    while cand.casefold() in taken:
        cand, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(cand.casefold())
    path = dest / cand
    path.write_bytes(data)
    return path
