"""spool: the batch parent keeps each report's comparison digest (commitments, text outside the plan) aside from
its row, and reads back only those of reports in a series of several years, one series at a time.

The digests of the first MEMORY_BUDGET characters of text stay in memory as they came (a batch of a thousand
reports holds some 20 MB of them: sending each to disk and back cost more than the comparisons read from it), and
are decoded only when read, in the trend step, which runs without the garbage collector (decoding each as it
arrives made the collector walk the batch's rows again and again). Past the budget, digests go to disk: an
anonymous temporary file in the output folder (as batch/details.py keeps the 明细 rows), which the system deletes
when it is closed, even if the process is killed. The file is this process's own, written and read by it alone,
so a digest is kept already decoded (commitments as plain tuples, checked once) and pickled; its two texts go as
UTF-16, which decodes several times faster than pickle's UTF-8 (most of a digest is those texts).
"""
from __future__ import annotations

import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Optional

from .commitments import from_digest
from .model import Commitment
from .said import Said

_NONE = ((), Said("", ""), False)  # what from_digest gives for a missing or outdated digest
CHUNK = 1 << 20  # bytes held before they are written
MEMORY_BUDGET = 16_000_000  # characters of digest text (two bytes each, most of them) kept in memory, not spooled


def _encode(s: str):
    try:
        return s.encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate (a badly decoded file): kept as it is, pickled
        return s


def _decode(b) -> str:
    return b.decode("utf-16-le") if isinstance(b, bytes) else b


def _text_size(digest) -> int:
    """Characters of text in a digest (what holding it costs, mostly), whatever shape it has."""
    said = digest.get("said") if isinstance(digest, dict) else None
    if not isinstance(said, dict):
        return 0
    return sum(len(v) for v in (said.get("text"), said.get("original")) if isinstance(v, str))


class DigestSpool:
    def __init__(self, out: Path, prefix: str = ".batch-", memory: int = MEMORY_BUDGET):
        self.out, self.prefix = out, prefix
        self._room = memory  # characters of text still to be held in memory
        self._held: dict[str, object] = {}  # rel -> the digest as kept in the row, for those kept in memory
        self._fh = None
        self._where: dict[str, tuple[int, int]] = {}  # rel -> (offset, bytes)
        self._size = 0
        self._pending: list[bytes] = []  # written in chunks, not one system call per report
        self._pending_size = 0

    def keep(self, rel: str, row):
        """The row without its digest; the digest goes to the spool."""
        digest = getattr(row, "trend", None)
        if digest is None:
            return row
        size = _text_size(digest)
        if size <= self._room:
            self._room -= size
            self._held[rel] = digest
            return replace(row, trend=None)
        self._held.pop(rel, None)
        cs, said, has = from_digest(digest, plain=True)
        record = None
        if has:
            original = None if said.original is said.text else _encode(said.original)
            record = (cs, _encode(said.text), original, said.parts)
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        if self._fh is None:
            self._fh = tempfile.TemporaryFile(dir=self.out, prefix=self.prefix)
        self._where[rel] = (self._size, len(data))
        self._size += len(data)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= CHUNK:
            self._flush()
        return replace(row, trend=None)

    def _flush(self) -> None:
        if self._pending:
            self._fh.seek(self._size - self._pending_size)
            self._fh.write(b"".join(self._pending))
            self._pending, self._pending_size = [], 0

    def get(self, rel: str) -> Optional[tuple[tuple[Commitment, ...], Said, bool]]:
        """What commitments.from_digest gives of the digest kept for `rel`; None when none was kept."""
        if rel in self._held:
            return from_digest(self._held[rel])
        at = self._where.get(rel)
        if at is None or self._fh is None:
            return None
        self._flush()
        self._fh.seek(at[0])
        record = pickle.loads(self._fh.read(at[1]))
        if record is None:
            return _NONE
        cs, text, original, parts = record
        text = _decode(text)
        return tuple(map(Commitment._make, cs)), Said(text, text if original is None else _decode(original), parts), True

    def close(self) -> None:
        self._held.clear()
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._pending, self._pending_size = [], 0
