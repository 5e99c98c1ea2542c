"""Per-request folders: reachable only by the ids handed out, deleted after their time, running batches kept."""
from __future__ import annotations

import os
import time

from auditor.web.store import USED, Store


def test_ids_are_keys_not_paths(tmp_path):
    store = Store(tmp_path / "work", keep_seconds=60)
    rid, folder = store.new("checks")
    assert store.get("checks", rid) == folder
    for bad in ("../checks/" + rid, rid + "/..", "..", "", "a" * 16):
        assert store.get("checks", bad) is None
    assert store.get("batches", rid) is None  # an id of one kind is not one of the other


def test_sweep_deletes_what_was_not_used_for_a_while(tmp_path):
    store = Store(tmp_path / "work", keep_seconds=60)
    old, old_folder = store.new("checks")
    fresh, fresh_folder = store.new("checks")
    job, job_folder = store.new("batches")
    past = time.time() - 3600
    for f in (old_folder, job_folder):
        os.utime(f / USED, (past, past))
    assert store.sweep(busy=lambda kind, rid: rid == job) == 1
    assert not old_folder.exists() and store.get("checks", old) is None
    assert fresh_folder.exists() and job_folder.exists()
    assert store.sweep() == 1 and not job_folder.exists()  # once the batch is no longer running


def test_use_keeps_a_folder(tmp_path):
    store = Store(tmp_path / "work", keep_seconds=60)
    rid, folder = store.new("checks")
    past = time.time() - 3600
    os.utime(folder / USED, (past, past))
    store.get("checks", rid)  # looking at the result again
    assert store.sweep() == 0 and folder.exists()
