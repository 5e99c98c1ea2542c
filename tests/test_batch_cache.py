"""cache.py: the manifest is rewritten whole, atomically, and less often as it grows."""
from __future__ import annotations

import json

from auditor.batch import cache


def test_manifest_round_trips_and_throttles_its_rewrites(tmp_path, monkeypatch):
    m = cache.Manifest(tmp_path / cache.MANIFEST)
    m.files = {f"{i:05d}.txt": {"sha256": "ab" * 32, "key": "k", "name": f"县{i}", "pdf": False} for i in range(3000)}
    m.dirty = True
    m.save()
    assert cache.Manifest(m.path).files == m.files
    assert m.every >= cache.SAVE_EVERY_S and not m.dirty
    m.files["new.txt"] = {"error": "坏文件"}
    m.dirty = True
    m.save(force=False)  # just saved: not yet
    assert "new.txt" not in json.loads(m.path.read_text(encoding="utf-8"))["files"]
    m.save()
    assert "new.txt" in cache.Manifest(m.path).files
    assert not [p for p in tmp_path.iterdir() if p.name != cache.MANIFEST]


def test_rewrites_take_a_bounded_share_of_the_time(tmp_path, monkeypatch):
    m = cache.Manifest(tmp_path / cache.MANIFEST)
    clock = iter([0.0, 2.0])  # a rewrite that took 2 s
    monkeypatch.setattr(cache.time, "monotonic", lambda: next(clock))
    m.save()
    assert m.every == 2.0 / cache.SAVE_SHARE
