"""outdir: the output folder itself. One batch at a time (a lock), writable or a clear error, and nothing
left over from earlier runs: temporary files of a run that was killed, and results no manifest entry owns
(the old JSON of a report renamed while a run was interrupted)."""
from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path
from typing import Iterable, Iterator

from .cache import MANIFEST
from ..messages import os_reason
from ..errors import RenderError, UsageError

LOCK = ".lock"
TEMP_PREFIX = ".batch-"  # a worker's result before it is renamed into place
RESULT_EXTS = (".json", ".pdf", ".docx")
# atomic.replacing's temp files (".汇总.xlsx.k3j_9x2a.tmp"), left behind only by a killed process
_ATOMIC_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def writable(out: Path) -> None:
    """Create `out` if needed and prove it takes a file; otherwise RenderError (exit 5) naming it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f"{TEMP_PREFIX}probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        why = "没有写入权限" if isinstance(exc, PermissionError) else os_reason(exc)
        raise RenderError(f"无法写入输出文件夹：{why}", str(out),
                          hint="请检查该文件夹的权限（或是否只读），或用 --out 指定其他文件夹") from exc


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """One batch per output folder at a time (POSIX advisory lock; only the probe elsewhere)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fh = open(out / LOCK, "a+")
    except OSError as exc:
        raise RenderError(f"无法写入输出文件夹：{os_reason(exc)}", str(out)) from exc
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError("另一个批量审核正在向该输出文件夹写入结果", str(out),
                             hint="请等待其完成，或改用其他 --out 文件夹") from None
        yield
    finally:
        fh.close()


def clean_leftovers(out: Path) -> int:
    """Remove temporary files: a worker's results not renamed into place, half-written files and the
    workbook's temporary folder of a killed run. Only while holding the lock (no other run writes here) and when no worker of ours is running.
    Returns how many were removed."""
    n = 0
    for p in out.iterdir():
        name = p.name
        if not (name.startswith(TEMP_PREFIX) or _ATOMIC_TEMP.match(name)) or name == LOCK:
            continue
        with contextlib.suppress(OSError):
            if p.is_symlink():
                continue
            if p.is_file():
                p.unlink()
                n += 1
            elif p.is_dir() and name.startswith(TEMP_PREFIX):  # the workbook's row files (tables.py)
                shutil.rmtree(p)
                n += 1
    return n


def _is_our_result(path: Path) -> bool:
    """A JSON result of ours (docs/json.md), not a file of the user's that happens to sit here."""
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read(64 << 20))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "schema_version" in data and isinstance(data.get("report"), dict) \
        and isinstance(data.get("findings"), list)


def sweep(out: Path, owned: set[str], keep: Iterable[str]) -> tuple[list[str], list[str]]:
    """Results no manifest entry owns: ours are removed (with their PDF/Word copies), others reported.
    `owned`: casefolded stems of current results; `keep`: file names of the summary outputs.
    Returns (removed, unknown) file names."""
    keep = {k.casefold() for k in keep} | {MANIFEST.casefold()}
    removed, unknown = [], []
    files = sorted(p for p in out.iterdir() if p.suffix.lower() in RESULT_EXTS and p.is_file()
                   and not p.name.startswith("."))
    stale = {p.stem.casefold() for p in files
             if p.suffix.lower() == ".json" and p.stem.casefold() not in owned and p.name.casefold() not in keep
             and _is_our_result(p)}
    for p in files:
        stem = p.stem.casefold()
        if stem in owned or p.name.casefold() in keep:
            continue
        if stem in stale:
            with contextlib.suppress(OSError):
                p.unlink()
                removed.append(p.name)
        else:
            unknown.append(p.name)
    return removed, unknown
