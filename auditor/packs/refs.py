"""Where a pack reference points: only to files under the allowed rules folders.

Allowed: the bundled packs, the project's ./rules folder, and the folder the user's own pack lives in (its nearest
`rules` ancestor, or its own folder). A reference is a name (national/annual-report) or a relative path
(./huzhu-2024.yaml); absolute paths and `..` are refused, and a symlink that leads out of the folders is refused
without reading it. An error names the reference, never what a foreign file contains.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Iterable, Optional

from ..errors import RulePackError
from ..resources import bundled_rules_dir
from .cache import note

MAX_REF = 200
_HINT = "写 rules/ 目录下的相对名称（不含 .yaml），如 national/annual-report，或相对本文件的路径，如 ./huzhu-2024.yaml"


def home_of(path: Path) -> Path:
    """The rules folder a user's pack belongs to: its nearest `rules` ancestor, else its own folder."""
    resolved = path.resolve()
    for parent in resolved.parents:
        if parent.name == "rules":
            return parent
    return resolved.parent


def roots(home: Optional[Path] = None) -> list[Path]:
    """The folders references may resolve into, most specific first."""
    out = []
    if home is not None:
        out.append(home.resolve())
    project = Path.cwd() / "rules"
    if project.is_dir():
        out.append(project.resolve())
    out.append(bundled_rules_dir().resolve())
    return list(dict.fromkeys(out))


def ref_problem(ref: str) -> Optional[str]:
    """Why a reference string is refused before any file is looked at (Chinese), or None."""
    if not ref.strip() or len(ref) > MAX_REF or "\x00" in ref:
        return f"规则包引用“{ref[:40]}”无效"
    posix = ref.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix) or posix.startswith("~"):
        return f"规则包引用“{ref[:60]}”不能是绝对路径"
    if ".." in PurePosixPath(posix).parts:
        return f"规则包引用“{ref[:60]}”不能包含“..”（只能引用规则目录之内的文件）"
    return None


def _inside(path: Path, allowed: Iterable[Path]) -> bool:
    return any(path == r or r in path.parents for r in allowed)


def resolve_ref(ref: str, relative_to: Optional[Path] = None, home: Optional[Path] = None,
                shown: Optional[str] = None) -> Path:
    """A pack reference (national/annual-report, ./x.yaml) -> the file it names, inside the allowed folders.

    relative_to: the pack whose `extends` names it (None: the user named it); shown: that pack's path as shown."""
    found = _resolve_ref(ref, relative_to, home, shown)
    note("ref", (ref, relative_to, home), found)  # a remembered rule set holds while this still leads here
    return found


def _resolve_ref(ref: str, relative_to: Optional[Path], home: Optional[Path], shown: Optional[str]) -> Path:
    where = shown or (str(relative_to) if relative_to else ref)
    key = "extends" if relative_to is not None else None
    why = ref_problem(ref)
    if why:
        raise RulePackError(why, where, key=key, hint=_HINT)
    posix = ref.replace("\\", "/")
    allowed = roots(home if home is not None else (home_of(relative_to) if relative_to else None))
    tries: list[Path] = []
    if relative_to is not None and (posix.startswith("./") or posix.endswith((".yaml", ".yml"))):
        tries.append(relative_to.parent / posix)
    for root in allowed:
        if posix.endswith((".yaml", ".yml")):
            tries.append(root / posix)
        tries += [root / f"{posix}.yaml", root / posix]
    outside = False
    for t in tries:
        try:
            if not t.is_file():
                continue
            real = t.resolve()
        except OSError:
            continue
        if _inside(real, allowed):
            return real
        outside = True
    if outside:
        raise RulePackError(f"规则包引用“{ref[:60]}”指向规则目录之外的文件，已拒绝", where, key=key,
                            hint="只能引用项目 rules/ 目录、本规则包所在目录和内置规则包中的文件")
    what = "继承（extends）的规则包" if relative_to is not None else "规则包"
    raise RulePackError(f"{what}“{ref[:60]}”不存在", where, key=key, hint=_HINT)


def resolve_top(ref: str) -> tuple[Path, Path]:
    """A pack the user named (on the command line): a file path as given, or a name under the rules folders.

    Returns (file, its home folder)."""
    found = _resolve_top(ref)
    note("top", (ref,), found)
    return found


def _resolve_top(ref: str) -> tuple[Path, Path]:
    p = Path(ref)
    try:
        if p.is_file():
            return p.resolve(), home_of(p)
    except OSError:
        pass
    path = resolve_ref(ref)
    return path, home_of(path)
