"""files: the report files of a batch's folder, as Items in name order.

Hidden files, Office lock files, the output folder and any earlier batch's output folder are skipped. What
cannot be audited as it stands becomes an Item with an error (one error row, never a silent drop): a
symbolic link that leads out of the folder (unless followed on request), a file that is not a regular file.
A name that is not valid in the file system's encoding is kept, its undecodable bytes written as \\xNN.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .cache import MANIFEST, is_manifest
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

    @property
    def shown_path(self) -> str:
        """The path for people and for JSON (valid text whatever the file system holds)."""
        return printable(str(self.path))


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
