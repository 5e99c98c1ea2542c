"""files.py: which files a batch audits. Undecodable names are kept, links out of the folder refused (or
followed on request), non-regular files reported; nothing is dropped silently."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from auditor.batch import run as batch
from auditor.batch.files import LINK_OUTSIDE, NOT_A_FILE, discover, printable
from helpers import HUZHU, SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[2]  # 楚雄州
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="byte file names and FIFOs: POSIX")


@linux
def test_undecodable_file_name_is_audited_not_a_crash(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    raw = os.fsencode(str(src)) + b"/\xb3\xfe\xd0\xdb\xd6\xdd.txt"  # 楚雄州 in GBK: not UTF-8
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    shutil.copy(SEED, src / "正常.txt")
    res = batch.execute(src, rules=[HUZHU], out=tmp_path / "out", jobs=1, pdf=False)
    rels = sorted(r.rel for r in res.reports)
    assert not res.errors and rels == sorted(["\\xb3\\xfe\\xd0\\xdb\\xd6\\xdd.txt", "正常.txt"])
    data = (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    assert "\\\\xb3" in data  # the manifest holds the printable key
    assert len(list((tmp_path / "out").glob("楚雄州-2023*.json"))) == 2


def test_printable_keeps_valid_names():
    assert printable("楚雄州.txt") == "楚雄州.txt"
    assert printable(os.fsdecode(b"\xff.txt")) == "\\xff.txt"


@linux
def test_links_out_of_the_folder_are_refused_unless_followed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(SEED, outside / "secret.txt")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "own.txt")
    (src / "link.txt").symlink_to(outside / "secret.txt")
    (src / "linkdir").symlink_to(outside, target_is_directory=True)
    (src / "inside.txt").symlink_to(src / "own.txt")  # stays inside: fine
    items = {it.rel: it for it in discover(src, tmp_path / "out")}
    assert items["link.txt"].error.message == LINK_OUTSIDE
    assert items["linkdir/"].error.message == LINK_OUTSIDE
    assert items["own.txt"].error is None and items["inside.txt"].error is None
    followed = {it.rel: it for it in discover(src, tmp_path / "out", follow_links=True)}
    assert followed["link.txt"].error is None and followed["linkdir/secret.txt"].error is None
    res = batch.execute(src, rules=[HUZHU], out=tmp_path / "out", jobs=1, pdf=False)
    assert sorted(e.rel for e in res.errors) == ["link.txt", "linkdir/"]
    assert sorted(r.rel for r in res.reports) == ["inside.txt", "own.txt"]


@linux
def test_a_fifo_is_an_error_row_and_never_opened(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    os.mkfifo(src / "管道.txt")
    shutil.copy(SEED, src / "a.txt")
    res = batch.execute(src, rules=[HUZHU], out=tmp_path / "out", jobs=1, pdf=False)
    assert [(e.rel, e.message) for e in res.errors] == [("管道.txt", NOT_A_FILE)]
