"""Compare audits with gold labels (the format of seeds/gold/README.md)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from .models import MENTIONED, Audit

TOLERANCE = 0.1
PART_RULES = {"achievements": "part_achievements", "shortcomings": "part_shortcomings",
              "first_responsible": "part_first_responsible", "next_year": "part_next_year"}


@dataclass
class Outcome:
    report: str
    key: str  # indicator id or part name
    kind: str  # "indicator" | "part"
    gold: object
    got: object
    status: Optional[str]
    verdict: str  # match | miss | false_value | wrong
    note: str = ""


def _num(v) -> Optional[float]:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def judge_value(gold: dict, got, status: Optional[str], planned_only: bool = False) -> tuple[str, str]:
    gv = gold.get("value")
    if gold.get("expect") == "review" and status == "review":
        return "match", "review as expected"
    if gv is None:
        if got is None:
            return "match", ""
        return "false_value", "gold says not reported"
    if got is None:
        return "miss", ""
    if gv == MENTIONED:
        return ("match", "") if got == MENTIONED else ("wrong", "gold says mentioned without a figure")
    g = _num(gv)
    n = _num(got)
    if g is None or n is None:
        return "wrong", ""
    cands = [g] + [float(a) for a in gold.get("alternatives", ()) or () if _num(a) is not None]
    return ("match", "") if any(abs(n - c) <= TOLERANCE + 1e-9 for c in cands) else ("wrong", "")


def compare(audit: Audit, gold: dict, name: str) -> list[Outcome]:
    by_id = {f.rule_id: f for f in audit.findings}
    out = []
    for part, gv in (gold.get("parts") or {}).items():
        f = by_id.get(PART_RULES.get(part, ""))
        got = f.value if f else None
        out.append(Outcome(name, part, "part", gv, got, f.status if f else None,
                           "match" if got == gv else "wrong"))
    for ind, spec in (gold.get("indicators") or {}).items():
        f = by_id.get(ind)
        got = f.value if f else None
        verdict, note = judge_value(spec or {}, got, f.status if f else None)
        out.append(Outcome(name, ind, "indicator", (spec or {}).get("value"), got, f.status if f else None,
                           verdict, note if f else "no rule with this id in the packs"))
    return out


def load_gold(gold_dir: Path) -> list[tuple[str, dict]]:
    items = []
    for p in sorted(gold_dir.glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "report" in data:
            items.append((p.name, data))
    return items


_PLACE_END = ("省", "市", "州", "县", "区", "旗", "盟")


def _place(name: str) -> str:
    from .identify import short_name

    name = re.sub(r"(人民政府|政府|办事处|行政公署|管委会)$", "", short_name(name))
    name = re.sub(r"委员会$", "委", name)  # 卫生健康委员会 = 卫生健康委: one body, its full and short names
    # 文化和旅游局 = 文化旅游局, 住房和城乡建设局 = 住房城乡建设局: a department's short name drops 和
    return name.replace("和", "") if re.search(r"(局|厅|委|办)$", name) else name


def same_jurisdiction(gold: Optional[str], got: Optional[str]) -> bool:
    """Both name the same issuer: equal once folded (楚雄彝族自治州 = 楚雄州), or one is the other with its parent
    before it (英德市下太镇 = 下太镇); a bare 省卫生健康委 is not 广东省卫生健康委."""
    if not gold or not got:
        return not gold and not got
    a, b = _place(gold), _place(got)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not long.endswith(short):
        return False
    prefix = long[:-len(short)]
    # the shorter is the longer with its parent before it; or, where gold is the text's 州政务局, got fills the
    # self-reference (恩施州政务局); the other way round (got 省卫生健康委 for 广东省卫生健康委) is a miss
    return prefix.endswith(_PLACE_END) or (short is a and (prefix + short[:1]).endswith(_PLACE_END))


def compare_metadata(doc, gold: dict) -> dict[str, bool]:
    """jurisdiction, level and year of a loaded Document against a gold label."""
    return {"jurisdiction": same_jurisdiction(gold.get("jurisdiction"), doc.jurisdiction),
            "level": doc.level == gold.get("level"), "year": doc.year == gold.get("year")}
