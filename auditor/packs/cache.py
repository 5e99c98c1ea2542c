"""Rule sets remembered between runs: a cold `auditor check` with unchanged packs reads no YAML and validates nothing.

What load_rules found depends on the code, the packs' texts, the schema, and where each reference led (the
profile, the packs named, their `extends`, the catalog; a new file in ./rules can change that). Loading records
each of these as a check (a file's digest, a reference's resolved path); a remembered rule set is used only when
every check gives the same answer again, and it is keyed by the code stamp, the Python version, the working
folder and the references. A stale, unreadable or foreign entry is a miss: the packs are loaded and validated as
if nothing were remembered. Only rule sets without problems are remembered. AUDITOR_NO_CACHE=1 turns this off
(the test suite does, except the tests of this module).

Entries are pickles read back by an unpickler that builds only the rule-set types (no other class or function).
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import io
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from ..resources import remembering_dir

FORMAT = 1
MAX_ENTRIES = 64
_TRACE: contextvars.ContextVar[Optional[list]] = contextvars.ContextVar("auditor_pack_trace", default=None)


def text_digest(text: str) -> str:
    """sha256 of a rule file's text (Source.digest): what a remembered validation is keyed by."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_digest(path: Path) -> Optional[str]:
    try:
        return text_digest(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The code version: name, size and mtime of every module of the auditor and of its schemas, of jsonschema's
    own modules (a validator upgrade re-validates; not its tests), with the Python version. Stat only."""
    import importlib.util

    h = hashlib.sha256(sys.version.encode())
    for root, dirs, files in os.walk(Path(__file__).resolve().parents[1]):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "assets"))
        _stamp(h, root, files)
    spec = importlib.util.find_spec("jsonschema")
    if spec is not None and spec.origin:
        folder = os.path.dirname(spec.origin)
        _stamp(h, folder, os.listdir(folder))
    return h.hexdigest()


def _stamp(h, folder: str, names: list[str]) -> None:
    for name in sorted(names):
        if name.endswith((".py", ".yaml")):
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            h.update(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))


# --- recording what a load depended on ------------------------------------------------------------

def note(kind: str, args: tuple, result: Any) -> None:
    """Record one thing the rule set being loaded depends on (no-op outside recording())."""
    trace = _TRACE.get()
    if trace is not None:
        trace.append((kind, args, result))


def note_file(path: Path, digest: str) -> None:
    note("file", (str(path),), digest)


@contextlib.contextmanager
def recording() -> Iterator[list]:
    trace: list = []
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


def _again(kind: str, args: tuple) -> Any:
    from . import refs

    if kind == "file":
        return file_digest(Path(args[0]))
    if kind == "ref":
        return refs.resolve_ref(*args)
    if kind == "top":
        return refs.resolve_top(*args)
    if kind == "is_file":
        return Path(args[0]).is_file()
    raise ValueError(kind)


def _holds(checks: list) -> bool:
    for kind, args, result in checks:
        try:
            if _again(kind, args) != result:
                return False
        except Exception:  # a reference that no longer resolves, a file gone: not the same load
            return False
    return True


# --- the store ------------------------------------------------------------------------------------

def _key(refs: list[str], with_profile: bool) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{code_stamp()}\0{os.getcwd()}\0{int(with_profile)}\0".encode("utf-8", "surrogatepass"))
    for ref in refs:
        h.update(ref.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:40]


def _entry_path(refs: list[str], with_profile: bool) -> Optional[Path]:
    base = remembering_dir()
    return base / "rulesets" / f"{_key(refs, with_profile)}.pickle" if base is not None else None


_ALLOWED = {("auditor.packs.model", "Rule"), ("auditor.packs.model", "Pack"), ("auditor.packs.model", "RuleSet"),
            ("auditor.packs.model", "AppliesTo"), ("auditor.models", "Target"), ("pathlib", "PosixPath"),
            ("pathlib", "WindowsPath"), ("builtins", "frozenset"), ("builtins", "set"), ("copyreg", "_reconstructor"),
            ("builtins", "object")}


class _Unpickler(pickle.Unpickler):
    """Builds the rule-set types and plain data only (pickle docs, "Restricting Globals")."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name}")
        return super().find_class(module, name)


def remembered(refs: list[str], with_profile: bool):
    """The rule set an earlier load of the same references found, if everything it depended on is unchanged."""
    try:
        path = _entry_path(refs, with_profile)
        if path is None:
            return None
        entry = _Unpickler(io.BytesIO(path.read_bytes())).load()
        if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("refs") == refs
                and entry.get("with_profile") == with_profile and _holds(entry["checks"])):
            return None
        return entry["ruleset"]
    except Exception:  # missing, unreadable, truncated, from another version: load the packs
        return None


def remember(refs: list[str], with_profile: bool, ruleset, checks: list) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    entry = {"format": FORMAT, "refs": list(refs), "with_profile": with_profile, "checks": checks, "ruleset": ruleset}
    try:
        from ..atomic import write_bytes

        path = _entry_path(refs, with_profile)
        if path is None:
            return
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()
