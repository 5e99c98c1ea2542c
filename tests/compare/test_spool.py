"""spool.py: digests kept on disk by the batch parent, read back per report as from_digest reads them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pytest

from auditor.compare.commitments import from_digest
from auditor.compare.model import Commitment
from auditor.compare.spool import DigestSpool

PROMISE = Commitment("建成执法平台", "deliverable", name="执法平台", terms=("执法平台",), start=7, complete=True)


@dataclass(frozen=True)
class Row:
    year: int
    trend: Optional[dict] = None


def _digest(text: str, original: Optional[str] = None) -> dict:
    said = {"text": text, "parts": [[0, "achievements"]]} | ({"original": original} if original else {})
    return {"version": 2, "commitments": [PROMISE.to_dict()], "said": said}


@pytest.mark.parametrize("memory", [0, 12, 10 ** 6], ids=["on-disk", "some-in-memory", "in-memory"])
def test_rows_lose_their_digest_and_get_it_back(tmp_path, memory):
    spool = DigestSpool(tmp_path, memory=memory)
    digests = {"a.txt": _digest("甲,乙\ud800丙"),  # a lone surrogate (a badly decoded file) survives
               "c.txt": _digest("甲,乙𠀀丙", "甲，乙𠀀丙"), "d.txt": {"version": 1}}
    rows = {rel: spool.keep(rel, Row(2023, d)) for rel, d in digests.items()}
    b = spool.keep("b.txt", Row(2024))
    assert all(r.trend is None for r in rows.values()) and b == Row(2024)
    for rel, d in digests.items():
        assert spool.get(rel) == from_digest(d)
    assert spool.get("a.txt")[0] == (PROMISE,) and spool.get("c.txt")[1].original == "甲，乙𠀀丙"
    assert spool.get("d.txt")[2] is False and spool.get("b.txt") is None
    assert [p.name for p in tmp_path.iterdir()] == []  # anonymous: nothing left in the output folder
    spool.close()
    assert spool.get("a.txt") is None
