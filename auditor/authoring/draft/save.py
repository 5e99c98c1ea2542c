"""Writing a draft: the pack and its year packs, atomically (a failed write leaves no half file), never over an
existing file unless asked, then checked as `rules check` would."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...atomic import replacing
from ...errors import RenderError, RulePackError, UsageError
from ...messages import os_reason
from ..files import display_path
from .drafter import DraftResult


@dataclass(frozen=True)
class Saved:
    files: tuple[Path, ...]  # the draft first, then its year packs
    problems: tuple[RulePackError, ...]  # what `rules check` finds, other than the draft flag itself


def draft_files(result: DraftResult, output: Path) -> list[tuple[Path, str]]:
    return [(output, result.text)] + [(output.with_name(p.file_name), p.text) for p in result.year_packs]


def refuse_overwrite(paths: list[Path]) -> None:
    existing = [p for p in paths if p.exists()]
    if existing:
        raise UsageError("输出文件已存在，为避免覆盖人工审核过的规则包，未写出",
                         "、".join(display_path(p) for p in existing), hint="换一个文件名，或加 --force 覆盖")


def save_draft(result: DraftResult, output: Path, force: bool = False) -> Saved:
    """Write the draft (and year packs) beside each other; what their check finds."""
    from ..tools import validate

    files = draft_files(result, output)
    if not force:
        refuse_overwrite([p for p, _ in files])
    for path, text in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(path) as tmp:
                Path(tmp).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RenderError(f"无法写出规则包：{os_reason(exc)}", display_path(path)) from exc
    paths = [p for p, _ in files]
    return Saved(tuple(paths), tuple(p for p in validate(paths).problems if p.key != "draft"))
