"""Targets set year by year in a multi-year plan (第一年…不低于90%，第二年…不低于96%; 2024年、2025年分别…).

The draft pack carries each such rule with its earliest year's target, and lists every year's target in the
rule's description. Each later year gets a small tailoring pack beside the draft: `extends` the draft,
`applies_to.year` that year, `targets:` that year's values. Auditing a 2025 report, a user names the 2025 pack.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .rules import DraftRule
from .yaml_out import comment_lines, field_yaml


@dataclass(frozen=True)
class YearPack:
    year: int
    pack: str
    file_name: str
    text: str


def _year(key: tuple, first: Optional[int]) -> Optional[int]:
    kind, n = key
    if kind == "year":
        return n
    return first + n - 1 if first else None


def resolve_years(rules: list[DraftRule], first: Optional[int], warnings: list[str]) -> dict[int, dict[str, object]]:
    """year -> {rule id: target} for every year after a rule's earliest; descriptions list all the years."""
    later: dict[int, dict[str, object]] = {}
    for r in rules:
        if not r.years:
            continue
        keyed = {_year(k, first): t for k, t in r.year_goals.items()}
        if None in keyed:
            warnings.append(f"规则“{r.id}”的目标按“第几年”分年写出，但没有找到规划的起始年份，未生成逐年规则包；"
                            "请在说明中核对各年目标")
            r.description = "逐年目标：" + "；".join(f"{t.text}" for t in r.year_goals.values())
            continue
        years = sorted(keyed)
        r.description = "逐年目标：" + "；".join(f"{y}年{keyed[y].text.lstrip('到至在')}" for y in years)
        by_key = {_year(k, first): v for k, v in r.years.items()}
        for y in years[1:]:
            if y in by_key:
                later.setdefault(y, {})[r.id] = by_key[y]
    return later


def year_file(output: Path, year: int) -> str:
    """huzhu-2024-2026.yaml -> huzhu-2024-2026-2025.yaml; plan-2024.yaml -> plan-2025.yaml."""
    stem = output.stem
    if re.search(r"(?<![0-9])20[0-9]{2}$", stem) and not re.search(r"20[0-9]{2}-20[0-9]{2}$", stem):
        return re.sub(r"20[0-9]{2}$", str(year), stem) + output.suffix
    return f"{stem}-{year}{output.suffix}"


def year_packs(meta: dict, later: dict[int, dict[str, object]], output: Optional[Path]) -> list[YearPack]:
    out = []
    base = meta["pack"]
    for year, targets in sorted(later.items()):
        pack = re.sub(r"20[0-9]{2}$", str(year), base) if re.search(r"(?<![0-9-])20[0-9]{2}$", base) else f"{base}-{year}"
        name = year_file(output, year) if output is not None else f"{pack.split('/')[-1]}.yaml"
        lines = comment_lines(f"由 auditor rules draft 从《{meta['plan_title']}》起草：{year}年的目标。其余规则与"
                              f"所继承的规则包相同；审核后把 draft 改为 false。", "")
        for key, value in (("pack", pack), ("title", f"{meta['plan_title']}（{year}年目标）"), ("draft", True),
                           ("applies_to", {"year": year}), ("extends", [f"./{output.name}" if output else base]),
                           ("targets", targets)):
            lines += field_yaml(key, value)
        out.append(YearPack(year, pack, name, "\n".join(lines) + "\n"))
    return out
