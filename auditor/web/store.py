"""A temporary folder per request, found again only through an id this process handed out.

The id in a URL is a key into the index, never joined onto a path. A folder is deleted `keep` seconds after its
last use (a batch only once it has finished); folders left by an earlier run are swept at start, except batch
jobs that did not finish, which jobs.py resumes.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Callable, Optional

USED = ".used"
ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
KINDS = ("checks", "batches")


def _mkdir_private(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


class Store:
    def __init__(self, root: Path, keep_seconds: float):
        self.root = Path(root)
        self.keep = keep_seconds
        self._lock = threading.Lock()
        self._index: dict[tuple[str, str], Path] = {}
        _mkdir_private(self.root)
        for kind in KINDS:
            _mkdir_private(self.root / kind)

    def new(self, kind: str) -> tuple[str, Path]:
        rid = secrets.token_urlsafe(12)
        folder = self.root / kind / rid
        _mkdir_private(folder)
        self.touch(folder)
        with self._lock:
            self._index[(kind, rid)] = folder
        return rid, folder

    def adopt(self, kind: str, rid: str, folder: Path) -> None:
        """A folder from an earlier run of the server (an unfinished batch)."""
        with self._lock:
            self._index[(kind, rid)] = folder

    def get(self, kind: str, rid: str) -> Optional[Path]:
        if not ID.match(rid or ""):
            return None
        with self._lock:
            folder = self._index.get((kind, rid))
        if folder is None or not folder.is_dir():
            return None
        self.touch(folder)
        return folder

    @staticmethod
    def touch(folder: Path) -> None:
        with contextlib.suppress(OSError):
            (folder / USED).touch()

    @staticmethod
    def last_used(folder: Path) -> float:
        try:
            return (folder / USED).stat().st_mtime
        except OSError:
            try:
                return folder.stat().st_mtime
            except OSError:
                return 0.0

    def sweep(self, busy: Callable[[str, str], bool] = lambda kind, rid: False,
              now: Optional[float] = None) -> int:
        """Delete folders unused for longer than `keep`; returns how many."""
        now = time.time() if now is None else now
        removed = 0
        for kind in KINDS:
            try:
                folders = list((self.root / kind).iterdir())
            except OSError:
                continue
            for folder in folders:
                rid = folder.name
                if busy(kind, rid) or now - self.last_used(folder) < self.keep:
                    continue
                shutil.rmtree(folder, ignore_errors=True)
                with self._lock:
                    self._index.pop((kind, rid), None)
                removed += 1
        return removed

    def forget_unindexed(self, kind: str, keep: Callable[[Path], bool]) -> None:
        """At start: folders of an earlier run that nobody can reach any more are deleted now."""
        with contextlib.suppress(OSError):
            for folder in list((self.root / kind).iterdir()):
                with self._lock:
                    known = (kind, folder.name) in self._index
                if not known and not keep(folder):
                    shutil.rmtree(folder, ignore_errors=True)
