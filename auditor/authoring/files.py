"""Finding the rule files a command names, and naming them back the way the user typed them."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..errors import RulePackError
from ..resources import bundled_rules_dir


def display_path(path: str | Path) -> str:
    """A path as the user typed it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def problem(message: str, path: str | Path, line: Optional[int] = None, key: Optional[str] = None,
            hint: Optional[str] = None) -> RulePackError:
    return RulePackError(message, display_path(path), line=line, key=key, hint=hint)


def default_rules_dir() -> Path:
    """The project's rules/ folder when the working directory has one, else the bundled packs."""
    here = Path("rules")
    return here if here.is_dir() else bundled_rules_dir()


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[RulePackError]]:
    """YAML files under the given files/folders (sorted, no duplicates), and problems with the paths."""
    files: list[Path] = []
    problems: list[RulePackError] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            if not found:
                problems.append(problem("文件夹中没有规则文件（.yaml）", p))
            files += found
        elif p.is_file():
            files.append(p)
        else:
            problems.append(problem("找不到文件或文件夹", p))
    out, seen = [], set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out, problems
