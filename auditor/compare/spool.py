"""spool: the batch parent keeps each report's comparison digest (commitments, text outside the plan) on disk,
not in memory, and reads back only those of reports in a series of several years, one series at a time.

An anonymous temporary file in the output folder (as batch/details.py keeps the 明细 rows): the system deletes it
when it is closed, even if the process is killed. Pickled, not JSON: the file is this process's own, written and
read by it alone, and pickle encodes and decodes a digest (mostly one long string) in half the time.
"""
from __future__ import annotations

import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Optional


class DigestSpool:
    def __init__(self, out: Path, prefix: str = ".batch-"):
        self.out, self.prefix = out, prefix
        self._fh = None
        self._where: dict[str, tuple[int, int]] = {}  # rel -> (offset, bytes)
        self._size = 0

    def keep(self, rel: str, row):
        """The row without its digest; the digest goes to the spool."""
        digest = getattr(row, "trend", None)
        if digest is None:
            return row
        data = pickle.dumps(digest, protocol=pickle.HIGHEST_PROTOCOL)
        if self._fh is None:
            self._fh = tempfile.TemporaryFile(dir=self.out, prefix=self.prefix)
        self._fh.seek(self._size)
        self._fh.write(data)
        self._where[rel] = (self._size, len(data))
        self._size += len(data)
        return replace(row, trend=None)

    def get(self, rel: str) -> Optional[dict]:
        at = self._where.get(rel)
        if at is None or self._fh is None:
            return None
        self._fh.seek(at[0])
        return pickle.loads(self._fh.read(at[1]))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
