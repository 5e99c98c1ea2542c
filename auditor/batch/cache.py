"""cache: the manifest of an output folder, and what decides whether an earlier result still holds.

Per input (its path relative to the folder) the manifest records the hash of its bytes, the key of the
rules/waivers/tool it was audited with, its output stem, whether a PDF exists, or the error it gave. A
re-run skips an input whose hash and key are unchanged; a Ctrl-C keeps finished work.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import time
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from ..messages import os_reason
from ..atomic import write_bytes
from ..errors import RenderError
from ..packs.loader import RuleSet
from ..resources import templates_dir
from ..version import tool_version

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
SAVE_EVERY_S = 1.0  # the manifest is rewritten at most this often while the batch runs
SAVE_SHARE = 0.05  # ... and the rewrites take at most this share of the parent's time (it grows with the batch)


def code_fingerprint() -> str:
    """Hash of the code, schema and templates: a re-run after an upgrade redoes everything."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parents[1]
    paths = sorted(list(pkg.rglob("*.py")) + list(pkg.rglob("schema/*.yaml")) +
                   [p for p in templates_dir().glob("*") if p.is_file()])
    for p in paths:
        with contextlib.suppress(OSError):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def rules_key(ruleset: RuleSet, waivers: Optional[str], today: date, fingerprint: str) -> str:
    """What, besides a report's bytes, decides its result: rule files, waivers, tool version, code."""
    h = hashlib.sha256()
    h.update(f"auditor {tool_version()} {fingerprint}\n".encode())
    for pack in ruleset.packs:
        h.update(pack.id.encode() + b"\0")
        try:
            h.update(Path(pack.path).read_bytes())
        except OSError:
            h.update(repr(pack.data).encode())
    if waivers:
        h.update(b"waivers\0" + Path(waivers).read_bytes())
        h.update(today.isoformat().encode())  # waivers expire
    return h.hexdigest()


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def is_manifest(path: Path) -> bool:
    """Whether `path` is a manifest an earlier batch wrote (its folder holds results, not reports)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("tool", "")).startswith("auditor")


class Manifest:
    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, dict] = {}
        self.dirty = False
        self.saved_at = 0.0
        self.every = SAVE_EVERY_S
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT and isinstance(data.get("files"), dict):
                self.files = data["files"]
        except (OSError, ValueError):
            pass  # missing or damaged: start afresh (outputs are simply redone)

    def names(self) -> set[str]:
        """Output stems the manifest owns, casefolded."""
        return {e["name"].casefold() for e in self.files.values() if isinstance(e, dict) and e.get("name")}

    def save(self, force: bool = True) -> None:
        if not force and (not self.dirty or time.monotonic() - self.saved_at < self.every):
            return
        from ..report.json import compact_utf8

        t0 = time.monotonic()
        data = {"format": MANIFEST_FORMAT, "tool": f"auditor {tool_version()}",
                "updated": datetime.now().isoformat(timespec="seconds"), "files": self.files}
        try:  # one line (indented output goes through json's pure-Python encoder, ~10x slower)
            write_bytes(self.path, compact_utf8(data))
        except OSError as exc:
            raise RenderError(f"无法写入清单文件：{os_reason(exc)}", path=str(self.path)) from exc
        self.dirty = False
        self.saved_at = time.monotonic()
        self.every = max(SAVE_EVERY_S, (self.saved_at - t0) / SAVE_SHARE)
