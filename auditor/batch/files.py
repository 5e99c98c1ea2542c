"""files: the report files of a batch's folder, as Items in name order.

Hidden files, Office lock files, the output folder and any earlier batch's output folder are skipped. What
cannot be audited as it stands becomes an Item with an error (one error row, never a silent drop): a
symbolic link that leads out of the folder (unless followed on request), a file that is not a regular file.
A name that is not valid in the file system's encoding is kept, its undecodable bytes written as \\xNN.
A zip archive in the folder (reports as they arrive by mail or from an OA system) is unpacked, with the checks of
archives.py, into a temporary folder of the output folder: each report in it is an Item of its own, named
`archive.zip/entry`; an archive that cannot be unpacked is one error row.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .cache import MANIFEST, is_manifest
from .outdir import TEMP_PREFIX
from .rows import ErrorRow

SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
LINK_OUTSIDE = "这是指向报告文件夹之外的快捷方式（符号链接），未审核；确需审核请加 --follow-links"
NOT_A_FILE = "不是普通文件（可能是设备或管道），未审核"


@dataclass
class Item:
    idx: int
    rel: str  # relative to the folder, POSIX style, always valid text: the manifest key and the 文件 column
    path: Path  # what to open (may hold undecodable bytes as surrogates)
    sha256: str = ""
    error: Optional[ErrorRow] = None  # refused before reading
    shown: Optional[str] = None  # where people find it, when `path` is not that (an entry of a zip: a.zip/b.docx)

    @property
    def shown_path(self) -> str:
        """The path for people and for JSON (valid text whatever the file system holds)."""
        return printable(self.shown or str(self.path))


def printable(name: str) -> str:
    """A file name as valid text: bytes the file system's encoding could not decode become \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def discover(folder: Path, out: Path, follow_links: bool = False) -> list[Item]:
    """Report files under folder (recursively), in name order."""
    root, out_res = folder.resolve(), out.resolve()
    found: list[tuple[str, Path, Optional[str]]] = []
    seen_dirs: set[str] = set()
    for here_s, dirs, files in os.walk(folder, followlinks=follow_links):
        here = Path(here_s)
        real = os.path.realpath(here_s)
        if real in seen_dirs:  # a link loop, or a folder reached twice through links
            dirs[:] = []
            continue
        seen_dirs.add(real)
        keep = []
        for d in sorted(dirs):
            sub = here / d
            if d.startswith(".") or sub.resolve() == out_res or is_manifest(sub / MANIFEST):
                continue
            if sub.is_symlink() and not follow_links and not _inside(sub, root):
                found.append((printable((sub.relative_to(folder)).as_posix()) + "/", sub, LINK_OUTSIDE))
                continue
            keep.append(d)
        dirs[:] = keep
        for name in files:
            p = here / name
            if name.startswith((".", "~$")) or name.lower() in SKIP_NAMES:
                continue
            rel = printable(p.relative_to(folder).as_posix())
            if p.is_symlink() and not follow_links and not _inside(p, root):
                found.append((rel, p, LINK_OUTSIDE))
            elif not p.is_file():
                found.append((rel, p, NOT_A_FILE if p.exists() else "快捷方式（符号链接）指向的文件不存在"))
            else:
                found.append((rel, p, None))
    found.sort(key=lambda t: t[0])
    return [Item(i, rel, p, error=ErrorRow(rel, "InputError", why) if why else None)
            for i, (rel, p, why) in enumerate(found)]


ARCHIVE_MAX_BYTES = 2048 * 1024 * 1024  # a zip of a province's reports with their scans stays far below
ARCHIVE_MAX_FILES = 20_000
NESTED_ARCHIVE = "这是压缩包里的压缩包，未解开审核；请先解开外层压缩包，再审核其中的压缩包"
ARCHIVE_DIR = TEMP_PREFIX + "archives"  # in the output folder; removed after the run (a killed run's by the next)


def _is_zip_archive(p: Path) -> bool:
    """A zip that is no document (a .docx, .odt or .ofd is a zip too), told by its contents, whatever its name:
    four bytes read of every file, the directory of each zip."""
    import zipfile

    try:
        with open(p, "rb") as fh:
            if fh.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):  # an entry, or the end of an empty zip
                return False
            fh.seek(0)
            names = zipfile.ZipFile(fh).namelist()
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        return False  # a damaged zip: the readers name it
    low = {n.lower() for n in names}
    # OOXML (Word, WPS .docx), OpenDocument (mimetype first), OFD
    return not ({"[content_types].xml", "ofd.xml"} & low or (names and names[0] == "mimetype"))


def expand_archives(items: list[Item], out: Path) -> tuple[list[Item], Optional[Path]]:
    """Items with each zip archive replaced by its report files, unpacked under out/ARCHIVE_DIR (returned, for the
    caller to remove once the run is over; None when there was no archive). Numbered again in name order."""
    from ..archives import unpack_zip
    from ..errors import InputError
    from ..readers import MAX_BYTES

    kept: list[Item] = []
    where: Optional[Path] = None
    for it in items:
        if it.error is not None or not _is_zip_archive(it.path):
            kept.append(it)
            continue
        if where is None:
            where = out / ARCHIVE_DIR
            where.mkdir(exist_ok=True)
        dest = where / str(it.idx)
        dest.mkdir()
        try:
            if it.path.stat().st_size > ARCHIVE_MAX_BYTES:
                raise InputError(f"压缩包过大，超过 {ARCHIVE_MAX_BYTES // (1024 * 1024)} MB 上限", it.shown_path,
                                 hint="请解压后审核其中的报告文件")
            with open(it.path, "rb") as fh:
                entries, _ = unpack_zip(fh, dest, set(), MAX_BYTES, ARCHIVE_MAX_BYTES, ARCHIVE_MAX_FILES)
        except InputError as exc:
            kept.append(Item(it.idx, it.rel, it.path, error=ErrorRow(it.rel, "InputError", exc.message)))
            continue
        except OSError as exc:
            from ..messages import os_reason

            kept.append(Item(it.idx, it.rel, it.path, error=ErrorRow(it.rel, "InputError",
                                                                     f"无法读取压缩包：{os_reason(exc)}")))
            continue
        if not entries:
            kept.append(Item(it.idx, it.rel, it.path, error=ErrorRow(it.rel, "InputError", "压缩包中没有文件")))
        for name, path in entries:
            inner = "/".join(part for part in name.replace("\\", "/").split("/") if part)
            rel = f"{it.rel}/{inner}"
            nested = ErrorRow(rel, "InputError", NESTED_ARCHIVE) if _is_zip_archive(path) else None
            kept.append(Item(0, rel, path, error=nested, shown=f"{it.shown_path}/{inner}"))
    if where is None:
        return items, None
    kept.sort(key=lambda i: i.rel)
    for n, it in enumerate(kept):
        it.idx = n
    return kept, where
