"""rx: the auditor's regular expressions, compiled once per Python build rather than once per process.

`re` compiles a pattern in pure Python, and a class of CJK characters ([\\u4e00-\\u9fff], [。；！？]) costs it
0.3-2 ms: re._compiler fills a 65,536-entry map in a Python loop. The modules a cold `auditor check` imports compile
~180 patterns, about a fifth of its CPU, and re's own cache dies with the process. What re makes of a pattern
depends only on the pattern, its flags and the Python build, so `compile` keeps that code in cache_dir() (one file
per build) and a later process gives it straight to the matcher's constructor, as re.compile itself ends.

A pattern is kept only when the code built here equals re.compile's (Pattern equality compares the code), and a
kept entry is used only by the same build. Anything else — another Python, a missing, unreadable or foreign file,
an entry the matcher refuses — is compiled by re as usual; AUDITOR_NO_CACHE=1 turns the keeping off.
"""
from __future__ import annotations

import atexit
import binascii
import hashlib
import json
import re
import sys
from array import array
from typing import Optional, Union

try:  # the compiler's own parts: re._parser and re._compiler since 3.11
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

import _sre

from .resources import remembering_dir

FORMAT = 1
_WORD = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "")  # the matcher's word as an array type
MAX_ENTRIES = 2000  # patterns kept per build: the auditor's own and those made from rule packs' words

_made: dict[tuple[str, int], re.Pattern] = {}  # this process's patterns, as re's cache would hold them
_kept: Optional[dict] = None  # (pattern, flags) -> entry, from the file; None until first needed
_new: dict = {}  # entries this process built, written at exit


def compile(pattern: Union[str, bytes], flags: Union[int, re.RegexFlag] = 0) -> re.Pattern:
    """re.compile(pattern, flags), with the compiler's work kept between processes (str patterns only)."""
    if not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is None:
        made = _made[key] = _from_kept(key) or _build(key)
    return made


def _from_kept(key: tuple[str, int]) -> Optional[re.Pattern]:
    entry = _entries().get(key)
    if entry is None:
        return None
    try:
        final_flags, groups, groupindex, indexgroup, code = entry
        return _sre.compile(key[0], final_flags, _unpack(code), groups, dict(groupindex), tuple(indexgroup))
    except Exception:  # an entry this matcher refuses (it validates the code): compile it again
        _entries().pop(key, None)
        return None


def _build(key: tuple[str, int]) -> re.Pattern:
    pattern, flags = key
    made = re.compile(pattern, flags)
    if remembering_dir() is None or not _WORD:
        return made
    try:  # what re._compiler.compile does, keeping the code it makes
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (flags | p.state.flags, p.state.groups - 1, groupindex, indexgroup, _pack(code))
        ours = _sre.compile(pattern, entry[0], _unpack(entry[4]), entry[1], groupindex, tuple(indexgroup))
    except Exception:  # another compiler than the one this module knows: nothing is kept
        return made
    if ours == made:
        if not _new:
            atexit.register(save)
        _new[key] = entry
    return made


def _pack(code: list[int]) -> str:
    """The matcher's code words as base64 of their machine bytes: a sixth of the file and of its reading."""
    return binascii.b2a_base64(array(_WORD, code).tobytes(), newline=False).decode("ascii")


def _unpack(text: str) -> list[int]:
    return array(_WORD, binascii.a2b_base64(text)).tolist()


def _build_tag() -> str:
    """The Python build whose compiler made the code (its version, and the matcher's format)."""
    ident = "|".join(map(str, (sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode,
                               sys.byteorder)))
    return hashlib.sha256(ident.encode()).hexdigest()[:16]


def _path():
    folder = remembering_dir()
    return None if folder is None else folder / f"regex-{_build_tag()}.json"


def _entries() -> dict:
    global _kept
    if _kept is None:
        _kept = _read()
    return _kept


def _read() -> dict:
    path = _path()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("build") != _build_tag():
            return {}
        return {(p, f): tuple(rest) for p, f, *rest in data["patterns"]}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # none yet, or a file this version does not read: compile as re does


def save() -> None:
    """Write the patterns this process built beside those kept already (at exit; concurrent writers each
    replace the file whole, the last one wins)."""
    path = _path()
    if path is None or not _new:
        return
    from .atomic import write_bytes

    merged = {**_new, **_read()}
    if len(merged) > MAX_ENTRIES:  # this process's patterns first
        used = [k for k in merged if k in _made]
        merged = {k: merged[k] for k in (used + [k for k in merged if k not in _made])[:MAX_ENTRIES]}
    rows = [[p, f, *entry] for (p, f), entry in merged.items()]
    data = json.dumps({"format": FORMAT, "build": _build_tag(), "patterns": rows})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data.encode("utf-8"))
    except OSError:
        return  # a read-only cache folder: the next process compiles again
    _new.clear()
