"""names: the output stem of each report (after its jurisdiction and year), unique in the folder and valid
on Windows, macOS and Linux."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Optional

# Output stems the summary files and the manifest use: a county may not take them.
RESERVED_STEMS = {"manifest", "汇总", "summary"}
_WIN_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\ud800-\udfff]')
_SPACES = re.compile(r"\s+")


def _clip_bytes(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def safe_name(text: str, limit: int = 120) -> str:
    """A file-name stem that is valid everywhere (no separators, no reserved names, at most `limit` bytes)."""
    s = unicodedata.normalize("NFC", text or "")
    s = _UNSAFE.sub("_", s)
    s = _SPACES.sub(" ", s).strip(" ._-")
    s = _clip_bytes(s, limit).rstrip(" .")
    if not s:
        return "报告"
    if s.split(".")[0].lower() in _WIN_RESERVED or s.casefold() in RESERVED_STEMS:
        s = "报告-" + s
    return s


class Names:
    """Which input owns which output stem (case-insensitively: Windows and macOS folders are)."""

    def __init__(self):
        self.taken: dict[str, str] = {}  # casefolded stem -> rel of its owner
        self.owned: dict[str, str] = {}  # rel -> its casefolded stem

    def claim(self, rel: str, name: str) -> None:
        self.release(rel)
        self.taken[name.casefold()] = rel
        self.owned[rel] = name.casefold()

    def release(self, rel: str) -> None:
        key = self.owned.pop(rel, None)
        if key is not None and self.taken.get(key) == rel:
            del self.taken[key]

    def owner(self, name: str) -> Optional[str]:
        return self.taken.get(name.casefold())

    def assign(self, rel: str, jurisdiction: Optional[str], year: Optional[int]) -> str:
        """地区-年度, else the file's stem; on a clash the file's stem is added, then a number."""
        stem = None if jurisdiction else safe_name(Path(rel).stem, 80)
        base = safe_name(jurisdiction + (f"-{year}" if year else ""), 100) if jurisdiction else stem
        if self.owner(base) in (None, rel):  # the usual case: the other candidates are not even named
            self.claim(rel, base)
            return base
        stem = stem or safe_name(Path(rel).stem, 80)
        tries = []
        if base != stem:
            tries.append(safe_name(f"{base}-{stem}", 180))
        elif Path(rel).suffix.lstrip("."):
            tries.append(safe_name(f"{stem}-{Path(rel).suffix.lstrip('.')}", 180))
        for cand in tries:
            if self.owner(cand) in (None, rel):
                break
        else:
            n = 2
            while self.owner(f"{base}-{n}") not in (None, rel):
                n += 1
            cand = f"{base}-{n}"
        self.claim(rel, cand)
        return cand
