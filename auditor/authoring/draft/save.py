"""Writing a draft pack: atomically (a failed write leaves no half file), then checked as `rules check` would."""
from __future__ import annotations

from pathlib import Path

from ...atomic import replacing
from ...errors import RenderError, RulePackError
from ...messages import os_reason
from ..files import display_path
from .drafter import DraftResult


def save_draft(result: DraftResult, output: Path) -> list[RulePackError]:
    """Write the draft to `output`; the problems its check finds, other than the draft flag itself."""
    from ..tools import validate

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with replacing(output) as tmp:
            Path(tmp).write_text(result.text, encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"无法写出规则包：{os_reason(exc)}", display_path(output)) from exc
    return [p for p in validate([output]).problems if p.key != "draft"]
