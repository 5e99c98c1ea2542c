"""Waiver files: a rule does not apply to a jurisdiction, with a reason, an approver and an expiry date."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import RulePackError
from ..models import Waiver
from .schema import WAIVER_SCHEMA_PATH, schema_errors
from .source import Source, excerpt, read_source


@dataclass
class WaiverFile:
    path: str
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[RulePackError] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)  # "path:line: 豁免已于 … 到期" reminders
    rule_lines: list[tuple[str, Optional[int]]] = field(default_factory=list)  # (rule id, line) for id checks


def check_waivers(path: Path, shown: Optional[str] = None, src: Optional[Source] = None,
                  today: Optional[date] = None) -> WaiverFile:
    """Read and check one waiver file; every problem, not just the first."""
    shown = shown or str(path)
    out = WaiverFile(shown)
    if src is None:
        try:
            src = read_source(path, shown)
        except RulePackError as exc:
            out.problems.append(exc)
            return out
    out.problems += src.problems
    data = src.data
    if not isinstance(data, dict) or "waivers" not in data:
        out.problems.append(RulePackError("豁免文件的顶层应为 waivers: 列表", shown, line=1))
        return out
    errors = schema_errors(src, path=WAIVER_SCHEMA_PATH)
    out.problems += [e for _, e in errors]
    bad = {p[:2] for p, _ in errors}
    today = today or date.today()
    for i, w in enumerate(data["waivers"] if isinstance(data["waivers"], list) else ()):
        if not isinstance(w, dict):
            continue
        ids = w.get("rule")
        listed = isinstance(ids, list)
        for j, rid in enumerate(ids if listed else [ids]):
            if isinstance(rid, str):
                out.rule_lines.append((rid, src.line(["waivers", i, "rule"] + ([j] if listed else []))))
        expires = None
        if isinstance(w.get("expires"), str):
            try:
                expires = date.fromisoformat(w["expires"])
            except ValueError:
                out.problems.append(RulePackError(f"到期日“{excerpt(w['expires'])}”格式不对，应为 2025-12-31", shown,
                                                  line=src.line(["waivers", i, "expires"]), key="expires"))
                continue
            if expires < today:
                out.expired.append(f"{shown}:{src.line(['waivers', i, 'expires'])}: "
                                   f"豁免已于 {expires.isoformat()} 到期，到期后不再生效")
        if ("waivers", i) in bad or expires is None:
            continue
        for rid in (ids if listed else [ids]):
            out.waivers.append(Waiver(rule_id=rid, jurisdiction=w["jurisdiction"], reason=w["reason"],
                                      approver=w["approver"], expires=expires, source=shown))
    return out


def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    from .loader import raise_all

    got = check_waivers(Path(path))
    raise_all(got.problems)
    return tuple(got.waivers)
