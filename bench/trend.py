#!/usr/bin/env python3
"""What the year-over-year step costs next to scoring, on a batch of five years for 200 jurisdictions.

    .venv/bin/python bench/trend.py [--counties 200] [--years 5] [--batch] [--jobs 2] [--keep] [--spool-memory N]

Builds counties × years reports (default 1,000) for real counties of the gazetteer (the series are found by
division code, so the names must be real), each from the seed reports' parts (bench/synth.py) with the county's
name, its own
figures moving from year to year, a first-responsible part that sometimes disappears, and a next-year plan whose
targets and deliverables the next report meets, misses or never mentions. In one process it times, per report,
scoring (read, outline, extract, evaluate, JSON) and the digest the batch keeps for comparisons (commitments,
statements); then the batch's trend step over all rows (series, changes, promises, the 趋势 sheet and section),
three times, its median.
Target: digest + trend step under 10% of scoring. --batch also runs `auditor batch` (no PDFs) and prints the
trend step's share of that run as the batch times it. --spool-memory 0: every digest through the spool's file, as
a batch past the spool's memory budget (compare/spool.py MEMORY_BUDGET) keeps most of them.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
TARGET_SHARE = 0.10
STEP_RUNS = 3
FIRST_YEAR = 2020
DELIVERABLES = ("行政执法协调监督平台", "公共法律服务中心", "行政复议咨询服务站", "法治文化主题公园", "合法性审查工作台账",
                "行政规范性文件数据库", "重大行政决策事项目录", "法律顾问工作室", "智慧普法平台", "行政执法案卷电子档案")


def counties(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """n real counties (code, name) whose names read unambiguously in running text."""
    from auditor.gazetteer import _table

    table = _table().by_code
    names = [(c, d.name) for c, d in sorted(table.items())
             if d.tier == "county" and d.name.endswith(("县", "旗")) and len(d.name) >= 3]
    return rng.sample(names, n)


def report_text(name: str, year: int, seeds: list[dict], rng: random.Random, state: dict) -> str:
    """One county's report for one year; `state` carries its figures and last year's plan to the next year."""
    base = rng.choice(seeds)
    parts = base["parts"]

    def body(i: int) -> str:
        src = rng.choice([s for s in seeds if len(s["parts"]) > i] or [base])
        text = src["parts"][i].split("\n", 1)[1] if "\n" in src["parts"][i] else ""
        for s in seeds:
            for old in s["names"]:
                text = text.replace(old, name)
        return text

    state["rate"] = max(60.0, min(100.0, state.get("rate", rng.uniform(75, 95)) + rng.uniform(-8, 8)))
    state["lectures"] = max(1, state.get("lectures", rng.randint(1, 4)) + rng.randint(-1, 2))
    plan = state.get("plan", {})
    done = [d for d in plan.get("deliverables", ()) if rng.random() < 0.5]
    missed = [d for d in plan.get("deliverables", ()) if d not in done and rng.random() < 0.5]
    lines = [f"{name}{year}年度法治政府建设情况报告",
             f"{year}年，{name}坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。",
             f"一、{year}年法治政府建设主要举措和成效",
             f"全年行政诉讼开庭审理案件{rng.randint(10, 60)}件，行政机关负责人出庭应诉率为{state['rate']:.1f}%。",
             f"全年举办法治专题讲座{state['lectures']}次。"]
    lines += [f"建成{d}并投入使用。" for d in done]
    lines.append(body(0))
    if rng.random() < 0.85 or len(parts) < 3:
        lines += ["二、党政主要负责人履行推进法治建设第一责任人职责情况", body(min(1, len(parts) - 1))]
    lines += ["三、存在的不足和原因"] + [f"{d}尚未建成，进度滞后。" for d in missed] + [body(min(2, len(parts) - 1))]
    nxt = {"deliverables": rng.sample(DELIVERABLES, 2)}
    lines += [f"四、{year + 1}年工作安排",
              f"（一）力争行政机关负责人出庭应诉率达到{rng.choice((90, 95, 100))}%以上。",
              f"（二）举办法治专题讲座{rng.randint(2, 4)}次。"]
    lines += [f"（{'三四'[i]}）建成{d}。" for i, d in enumerate(nxt["deliverables"])]
    lines.append(body(len(parts) - 1))
    state["plan"] = nxt
    return "\n".join(lines) + "\n"


def build_corpus(folder: Path, n_counties: int, years: int, seed: int = 15) -> int:
    from synth import seed_parts

    rng = random.Random(seed)
    seeds = seed_parts()
    folder.mkdir(parents=True, exist_ok=True)
    i = 0
    for code, name in counties(n_counties, rng):
        state: dict = {}
        for y in range(FIRST_YEAR, FIRST_YEAR + years):
            (folder / f"{i:05d}.txt").write_text(report_text(name, y, seeds, rng, state), encoding="utf-8")
            i += 1
    return i


class _Rep:  # what build_trends reads of a batch Report
    def __init__(self, rel, row):
        self.rel, self.row = rel, row


def in_process(folder: Path, spool_memory: Optional[int] = None) -> dict:
    from auditor.batch.rows import ReportRow
    from auditor.batch.tables import Book
    from auditor.compare.commitments import digest
    from auditor.compare.fleet import build_trends
    from auditor.compare.fleet_outputs import trend_context, write_trend_sheet
    from auditor.compare.spool import DigestSpool
    from auditor.packs.loader import load_rules
    from auditor.pipeline import audit_file
    from auditor.report.json import audit_dict

    ruleset = load_rules([str(RULES)])
    audit_file(str(next(folder.glob("*.txt"))), ruleset)  # warm: dictionaries, jieba below
    digest(audit_file(str(next(folder.glob("*.txt"))), ruleset), ruleset)
    scoring, digests, reps = [], [], []
    for p in sorted(folder.glob("*.txt")):
        t0 = time.process_time()
        audit = audit_file(str(p), ruleset)
        d = audit_dict(audit)
        t1 = time.process_time()
        d["trend"] = digest(audit, ruleset)
        t2 = time.process_time()
        scoring.append(t1 - t0)
        digests.append(t2 - t1)
        reps.append(_Rep(p.name, ReportRow.from_audit_dict(d)))
    warm = Book()  # xlsxwriter is loaded by the batch's own tables anyway
    warm.sheet("x", ["x"], [1])
    warm.finish()
    builds, outputs = [], []
    for _ in range(STEP_RUNS):  # the step is the same work each time: its median is steadier on a busy machine
        spool = DigestSpool(folder.parent) if spool_memory is None else DigestSpool(folder.parent, memory=spool_memory)
        t0 = time.process_time()
        kept = [_Rep(r.rel, spool.keep(r.rel, r.row)) for r in reps]  # as the batch parent does with each result
        trends = build_trends(kept, ruleset, spool)
        t1 = time.process_time()
        spool.close()
        book = Book()
        write_trend_sheet(book, trends)
        book.finish()
        trend_context(trends)
        t2 = time.process_time()
        builds.append(t1 - t0)
        outputs.append(t2 - t1)
    return {"scoring": scoring, "digest": digests, "build": statistics.median(builds),
            "outputs": statistics.median(outputs), "trends": trends}


def batch_run(folder: Path, out: Path, jobs: int) -> dict:
    from auditor.batch.run import execute

    res = execute(folder, rules=[str(RULES)], out=out, jobs=jobs, pdf=False, force=True)
    return res.timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counties", type=int, default=200)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--batch", action="store_true", help="also run auditor batch (no PDFs) on the corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--spool-memory", type=int, default=None,
                    help="characters of digest text the spool holds in memory (default: the batch's budget)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-trend-"))
    try:
        n = build_corpus(tmp / "in", a.counties, a.years)
        r = in_process(tmp / "in", a.spool_memory)
        t = r["trends"]
        promised = t.totals() if t else {}
        score_s, digest_s = sum(r["scoring"]), sum(r["digest"])
        step = r["build"] + r["outputs"]
        share = (digest_s + step) / score_s
        print(f"corpus: {n} reports, {a.counties} counties × {a.years} years; series found: "
              f"{len(t.comparisons) if t else 0} (years per series: "
              f"{statistics.median(len(c.series.reports) for c in t.comparisons) if t else 0:g} median)")
        print("promises checked: " + "  ".join(f"{k} {v}" for k, v in promised.items()))
        print(f"{'phase':34} {'median ms/report':>17} {'total s (CPU)':>14}")
        print(f"{'scoring (read … evaluate, JSON)':34} {statistics.median(r['scoring']) * 1000:17.1f} {score_s:14.2f}")
        print(f"{'digest (commitments, statements)':34} {statistics.median(r['digest']) * 1000:17.1f} {digest_s:14.2f}")
        print(f"{'trend step: spool, series, promises':34} {'':17} {r['build']:14.2f}")
        print(f"{'trend step: 趋势 sheet and section':32} {'':17} {r['outputs']:14.2f}")
        print(f"trend cost / scoring = {share * 100:.2f}%  (target < {TARGET_SHARE * 100:.0f}%)  "
              f"{'OK' if share < TARGET_SHARE else 'OVER'}")
        print(f"  of which the batch's trend step alone (no digest): {step / score_s * 100:.2f}%")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        if a.batch:
            tm = batch_run(tmp / "in", tmp / "out", a.jobs)
            print(f"auditor batch --jobs {a.jobs} --no-pdf: audit {tm['audit']:.1f} s wall, trend step "
                  f"{tm['trend']:.2f} s ({tm['trend'] / tm['audit'] * 100:.2f}% of the audit phase), "
                  f"tables {tm['tables']:.2f} s")
    finally:
        if a.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
