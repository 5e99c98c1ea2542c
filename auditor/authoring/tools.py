"""`auditor rules check`: validate every pack (and waiver) file and report ALL problems, each naming file, line
and field — with the validator loading uses (packs/validate.py through packs/loader.assemble), so `rules check`
and `auditor check --rules` agree on every file. What only makes sense across the checked files (pack ids used
twice, rule ids a waiver names) and the draft reminder are added here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import RulePackError
from ..packs import BUNDLED_RULES, assemble, check_waivers, did_you_mean
from ..packs.validate import checked_file
from .files import collect_files, display_path
from .files import problem as _problem


@dataclass
class CheckResult:
    problems: list[RulePackError]
    packs: int = 0
    rules: int = 0
    waiver_files: int = 0
    notes: list[str] = field(default_factory=list)  # reminders that are not problems

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(paths: Sequence[Path], waiver_paths: Sequence[Path] = ()) -> CheckResult:
    """Check pack files under `paths` and waiver files; every problem, not just the first.

    Each pack is assembled with its ancestors exactly as `auditor check --rules` loads it; problems of a parent
    outside the checked files show as one problem at the `extends` line that names it."""
    files, problems = collect_files(paths)
    shown = {display_path(f) for f in files}
    result = CheckResult(problems)
    waiver_files: list = []
    known_ids: set[str] = set()
    pack_ids: dict[str, str] = {}
    for f in files:
        got = assemble([str(f)], show=display_path)
        mine = next((c for c in got.files.values() if c.path == display_path(f)), None)
        if mine is not None and mine.waivers:
            waiver_files.append((f, mine.source))
            continue
        problems += [p for p in got.problems if p.path in shown]
        for c in got.files.values():
            known_ids |= {r.id for r in c.rules}
        if mine is None or mine.source is None:
            continue
        result.packs += 1
        rules = mine.source.data.get("rules") if isinstance(mine.source.data, dict) else None
        result.rules += sum(isinstance(r, dict) for r in rules) if isinstance(rules, list) else 0
        problems += _pack_notes(f, mine, pack_ids)
    for f in sorted(BUNDLED_RULES.rglob("*.yaml")):
        known_ids |= {r.id for r in checked_file(f).rules}
    for w in waiver_paths:
        if Path(w).is_file():
            waiver_files.append((Path(w), None))
        else:
            problems.append(_problem("找不到豁免文件", w))
    for path, src in waiver_files:
        got = check_waivers(path, display_path(path), src)
        problems += got.problems
        result.notes += got.expired
        for rid, line in got.rule_lines:
            if rid not in known_ids:
                problems.append(_problem(f"豁免的规则“{rid}”在任何规则包中都不存在", path, line, "rule",
                                         hint=did_you_mean(rid, known_ids) or "请用 auditor rules list 查看规则 id"))
    result.waiver_files = len(waiver_files)
    result.problems = sorted(_unique(problems), key=lambda p: (p.path or "", p.line or 0))
    return result


def _pack_notes(f: Path, checked, pack_ids: dict[str, str]) -> list[RulePackError]:
    """A pack id another checked file already uses; a draft not yet reviewed (loading accepts drafts)."""
    out = []
    pack = checked.pack
    if pack is None:
        return out
    if pack.id in pack_ids and pack_ids[pack.id] != checked.path:
        out.append(_problem(f"规则包标识“{pack.id}”与 {pack_ids[pack.id]} 重复", f, checked.source.line(["pack"]),
                            "pack", hint="每个规则包的 pack 必须不同"))
    pack_ids.setdefault(pack.id, checked.path)
    if pack.draft:
        out.append(_problem("这是草稿规则包（draft: true），尚未经人工审核", f, checked.source.line(["draft"]), "draft",
                            hint="逐条核对名称、说法、目标和条款号后，把 draft 改为 false"))
    return out


def _unique(problems: list[RulePackError]) -> list[RulePackError]:
    seen, out = set(), []
    for p in problems:
        k = (p.path, p.line, p.message, p.key)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out
