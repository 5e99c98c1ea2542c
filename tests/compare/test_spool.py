"""spool.py: digests kept on disk by the batch parent, read back per report."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from auditor.compare.spool import DigestSpool


@dataclass(frozen=True)
class Row:
    year: int
    trend: Optional[dict] = None


def test_rows_lose_their_digest_and_get_it_back(tmp_path):
    spool = DigestSpool(tmp_path)
    a = spool.keep("a.txt", Row(2023, {"version": 2, "said": {"text": "甲\ud800乙"}}))
    b = spool.keep("b.txt", Row(2024))
    assert a.trend is None and b == Row(2024)
    assert spool.get("a.txt") == {"version": 2, "said": {"text": "甲\ud800乙"}} and spool.get("b.txt") is None
    assert [p.name for p in tmp_path.iterdir()] == []  # anonymous: nothing left in the output folder
    spool.close()
    assert spool.get("a.txt") is None
