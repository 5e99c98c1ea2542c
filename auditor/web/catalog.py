"""The rule packs of the served folder, as the pack picker and the pack pages show them.

Packs are edited in files, never through the service. A pack that fails `rules check` is listed with its
problems; one that cannot be loaded at all is listed with its error and cannot be picked. A request names a
pack by its id or its path under the served folder, and only ever gets one of the packs listed here: no path
from a request is joined onto the file system.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import AuditorError
from ..packs.loader import DEFAULT_PACKS, load_rules
from ..resources import bundled_rules_dir
from ..report.vocab import clause_text, level_label

KIND_LABELS = {"part": "组成部分", "metric": "比率", "count": "次数", "mention": "提及", "metadata": "报告信息"}
MAX_PROBLEMS = 5


@dataclass(frozen=True)
class PackEntry:
    key: str  # path under the served folder, without .yaml: what a form or the API sends
    path: Path
    id: str = ""
    title: str = ""
    year: Optional[int] = None  # the year the pack applies to (applies_to.year)
    levels: tuple[str, ...] = ()
    source: str = ""  # the document it comes from
    issued: str = ""
    draft: bool = False
    default: bool = False
    error: Optional[str] = None  # cannot be loaded: listed, not selectable
    problems: tuple[str, ...] = ()  # what `rules check` says about it
    rules: tuple[dict, ...] = field(default=(), compare=False)

    @property
    def usable(self) -> bool:
        return self.error is None

    @property
    def label(self) -> str:
        bits = [self.title or self.id or self.key]
        if self.year:
            bits.append(f"{self.year}年")
        if self.source:
            bits.append(self.source)
        return " · ".join(bits)

    @property
    def level_text(self) -> str:
        return "、".join(level_label(x) or x for x in self.levels)


def _rule_row(r) -> dict:
    return {"id": r.id, "name": r.name, "kind": KIND_LABELS.get(r.kind, r.kind),
            "target": r.target.text if r.target else "", "tailored": r.tailored,
            "clause": clause_text(r.clause), "weight": "仅列示" if r.informational else f"{r.weight:g}",
            "category": r.category, "pack": r.pack, "advice": r.advice}


def _problems(path: Path) -> tuple[str, ...]:
    from ..authoring.tools import validate

    try:
        result = validate([path])
    except Exception as exc:  # the checker itself failing on a file must not stop the listing
        return (f"校验失败：{exc}",)
    return tuple(str(p) for p in result.problems[:MAX_PROBLEMS])


def read_entry(root: Path, path: Path) -> Optional[PackEntry]:
    """One YAML file of the served folder; None for a waiver file (not a pack)."""
    import yaml

    key = path.relative_to(root).with_suffix("").as_posix()
    try:
        head = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        head = None
    if isinstance(head, dict) and "waivers" in head and "pack" not in head:
        return None
    problems = _problems(path)
    try:
        rs = load_rules([str(path)])
    except AuditorError as exc:
        return PackEntry(key, path, error=str(exc), problems=problems,
                         title=str(head.get("title") or "") if isinstance(head, dict) else "")
    except Exception as exc:  # a pack must never break the service
        return PackEntry(key, path, error=f"无法读取规则包：{exc}", problems=problems)
    pack = rs.packs[-1]
    applies = pack.data.get("applies_to") if isinstance(pack.data.get("applies_to"), dict) else {}
    levels = applies.get("levels") if isinstance(applies.get("levels"), list) else []
    return PackEntry(key, path, id=pack.id, title=pack.title, year=pack.applies_year,
                     levels=tuple(str(x) for x in levels), source=pack.source, issued=pack.issued or "",
                     draft=pack.draft, default=pack.id in DEFAULT_PACKS, problems=problems,
                     rules=tuple(_rule_row(r) for r in rs.rules))


class Catalog:
    """Scanned at start and again whenever a file in the folder changes (packs are edited in place)."""

    def __init__(self, root: Optional[Path] = None):
        self.root = Path(root) if root else bundled_rules_dir()
        self._lock = threading.Lock()
        self._signature: tuple = ()
        self._entries: tuple[PackEntry, ...] = ()
        self.refresh()

    def _files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())

    def signature(self) -> tuple:
        out = []
        for p in self._files():
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((p.as_posix(), st.st_mtime_ns, st.st_size))
        return tuple(out)

    def refresh(self) -> tuple[PackEntry, ...]:
        with self._lock:
            sig = self.signature()
            if sig != self._signature or not self._entries:
                entries = [e for p in self._files() if (e := read_entry(self.root, p)) is not None]
                self._entries, self._signature = tuple(entries), sig
            return self._entries

    @property
    def entries(self) -> tuple[PackEntry, ...]:
        return self.refresh()

    @property
    def version(self) -> int:
        return hash(self._signature)

    def find(self, ref: Optional[str]) -> Optional[PackEntry]:
        """The listed pack a request names (id, or path under the folder with or without .yaml);
        None when it names none. The reference is only compared, never used as a path."""
        if not ref:
            return None
        ref = ref.strip().replace("\\", "/")
        for suffix in (".yaml", ".yml"):
            if ref.endswith(suffix):
                ref = ref[: -len(suffix)]
        for e in self.entries:
            if ref in (e.key, e.id):
                return e
        return None

    def default(self) -> Optional[PackEntry]:
        return next((e for e in self.entries if e.default and e.usable), None)
