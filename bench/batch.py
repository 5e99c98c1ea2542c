#!/usr/bin/env python3
"""Batch throughput and peak memory on a synthetic corpus.

    .venv/bin/python bench/batch.py [-n 1000] [--jobs 2] [--pdf-n 30] [--runs 3] [--profile] [--keep]

Builds N reports by recombining the seed reports' parts (split at the top-level headings 一、二、…) with
random county names and altered figures (some saved as GBK, as real folders are), in a temporary folder
deleted afterwards. Runs `auditor batch` without PDFs on all N (median of --runs runs, each --force) and
with PDFs on the first --pdf-n, each in a child process, and prints reports per second and the peak memory
of the parent plus its workers (sum of RSS sampled from /proc, and the getrusage bound).
--profile: cProfile of the scoring pipeline in one process, grouped by module (where the time goes).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds" / "reports"
RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
CN = "一二三四五六七八九十"
HEAD = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]+[ \t]*[、.．]", re.M)
SYLLABLES = "安平宁和清河东西南北山水阳城江湖林源丰泰兴隆福康永昌华明德新乐金石云龙凤岭川溪桥梁松柏"
SUFFIXES = ("县", "区", "市", "旗", "自治县", "新区")
TARGETS = {"scoring_rps": 100.0, "pdf_rps": 1.5, "peak_mb": 600.0}


# ---------------------------------------------------------------- corpus

def split_report(text: str) -> tuple[str, list[str]]:
    """(preamble, [top-level parts]) at headings 一、二、… at the start of a line."""
    starts = [m.start() for m in HEAD.finditer(text)]
    if not starts:
        return text, []
    return text[: starts[0]], [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def seed_parts() -> list[dict]:
    from auditor.load import load_document

    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        pre, parts = split_report(text)
        doc = load_document(p)
        names = [n for n in {doc.jurisdiction} if n]
        out.append({"preamble": pre, "parts": parts, "names": names})
    return out


def county_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) + rng.choice(SUFFIXES)


def alter_figures(text: str, rng: random.Random) -> str:
    text = re.sub(r"\d+(?:\.\d+)?(?=\s*[%％])", lambda m: f"{rng.uniform(40, 100):.2f}".rstrip("0").rstrip("."), text)
    return re.sub(r"\d+(?=\s*(?:余)?(?:次|场|件|期|人次|个|项|批|家|份|名))", lambda m: str(rng.randint(1, 600)), text)


def renumber(part: str, i: int) -> str:
    return HEAD.sub(CN[i % 10] + "、", part, count=1)


def make_report(seeds: list[dict], rng: random.Random) -> tuple[str, str]:
    base = rng.choice(seeds)
    name, year = county_name(rng), rng.choice((2023, 2024))
    parts = []
    for i in range(len(base["parts"])):
        src = rng.choice([s for s in seeds if len(s["parts"]) > i] or [base])
        parts.append(renumber(src["parts"][i], i))
    body = base["preamble"] + "".join(parts)
    for s in seeds:
        for old in s["names"]:
            body = body.replace(old, name)
    body = re.sub(r"20\d\d(?=年)", str(year), body, count=3)
    title = f"{name}{year}年法治政府建设情况报告"
    return name, title + "\n" + alter_figures(body, rng)


def build_corpus(folder: Path, n: int, seed: int = 2024, gbk_share: float = 0.1) -> None:
    rng = random.Random(seed)
    seeds = seed_parts()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        _, text = make_report(seeds, rng)
        if rng.random() < gbk_share:
            (folder / f"{i:05d}.txt").write_bytes(text.encode("gb18030"))
        else:
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- measuring a run

def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KB; PSS splits pages shared with forked siblings fairly."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Peak of the summed memory of a process and its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss, self.stop_flag = pid, 0, 0, False

    def run(self):
        if not Path("/proc").is_dir():
            return
        while not self.stop_flag:
            pids, frontier = [self.pid], [self.pid]
            while frontier:
                kids = [c for p in frontier for c in _children(p)]
                pids += kids
                frontier = kids
            rss = pss = 0
            for p in pids:
                r, s = _mem_kb(p)
                rss, pss = rss + r, pss + s
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            time.sleep(0.05)


def run_child(folder: Path, out: Path, jobs: int, pdf: bool) -> dict:
    """One batch in a fresh process (so getrusage covers exactly this run)."""
    cmd = [sys.executable, __file__, "--child", str(folder), str(out), str(jobs), "1" if pdf else "0"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.stop_flag = True
    sampler.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"batch run failed ({proc.returncode}):\n{stderr[-3000:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    info.update(wall=wall, tree_rss_mb=sampler.peak_rss / 1024, tree_pss_mb=sampler.peak_pss / 1024)
    return info


def child_main(folder: str, out: str, jobs: str, pdf: str) -> None:
    from auditor.batch.run import execute

    res = execute(folder, rules=[str(RULES)], out=out, jobs=int(jobs), pdf=pdf == "1", force=True)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    self_kb, child_kb = me.ru_maxrss, kids.ru_maxrss  # child: the largest single worker
    res.timings["workers_cpu"] = kids.ru_utime + kids.ru_stime
    print(json.dumps({"reports": len(res.reports), "errors": len(res.errors), "seconds": res.seconds,
                      "timings": res.timings, "self_mb": self_kb / 1024, "worker_max_mb": child_kb / 1024,
                      "jobs": int(jobs)}))


# ---------------------------------------------------------------- profile

def profile(folder: Path, limit: int = 300) -> None:
    import cProfile
    import pstats
    from collections import defaultdict

    from auditor.pipeline import audit_file
    from auditor.packs.loader import load_rules
    from auditor.report.json import audit_dict

    ruleset = load_rules([str(RULES)])
    files = sorted(folder.glob("*.txt"))[:limit]
    audit_file(str(files[0]), ruleset)  # warm caches
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for f in files:
        audit_dict(audit_file(str(f), ruleset))
    prof.disable()
    wall = time.perf_counter() - t0
    print(f"\nprofile: {len(files)} reports in one process, {1000 * wall / len(files):.1f} ms each "
          f"(with profiler overhead)")
    stats = pstats.Stats(prof)
    by_module = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        name = filename
        if "/auditor/" in filename:
            name = "auditor/" + filename.split("/auditor/", 1)[1]
        elif "site-packages/" in filename:
            name = filename.split("site-packages/", 1)[1].split("/")[0]
        elif filename.startswith("~") or filename.startswith("<"):
            name = "builtins (re, str, …)"
        else:
            name = Path(filename).name
        by_module[name] += tottime
    total = sum(by_module.values()) or 1
    print("own time by module:")
    for name, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {100 * t / total:5.1f}%  {name}")
    print("top functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"auditor/", 18)
    print("top functions by own time:")
    stats.sort_stats("tottime").print_stats(15)


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="synthetic reports (default 1000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pdf-n", type=int, default=30, help="reports in the PDF run (0: skip)")
    ap.add_argument("--runs", type=int, default=3, help="scoring runs; the median is reported")
    ap.add_argument("--gbk-share", type=float, default=0.1, help="share of reports saved as GBK")
    ap.add_argument("--profile", action="store_true", help="cProfile the scoring pipeline")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (prints its path)")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        corpus = tmp / "reports"
        t0 = time.perf_counter()
        build_corpus(corpus, args.n, gbk_share=args.gbk_share)
        print(f"corpus: {args.n} synthetic reports in {time.perf_counter() - t0:.1f} s ({tmp})")

        runs = [run_child(corpus, tmp / "out", args.jobs, pdf=False) for _ in range(max(1, args.runs))]
        for r in runs:
            print(f"  scoring run: {r['reports']} reports, {r['errors']} errors, audit {r['timings']['audit']:.2f} s, "
                  f"total {r['seconds']:.2f} s (process {r['wall']:.2f} s), "
                  f"tables {r['timings'].get('tables', 0):.2f} s")
        audit_rps = statistics.median(r["reports"] / r["timings"]["audit"] for r in runs)
        # CPU seconds per report (workers + parent in the audit phase): what an idle machine would give
        cpu = statistics.median((r["timings"]["workers_cpu"] + r["timings"]["audit_cpu_parent"]) / r["reports"]
                                for r in runs)
        tables_cpu = statistics.median(r["timings"]["tables_cpu"] for r in runs)
        wcpu = statistics.median(r["timings"]["workers_cpu"] / r["reports"] for r in runs)
        print(f"  CPU per report {1000 * cpu:.1f} ms (workers {1000 * wcpu:.1f} + parent {1000 * (cpu - wcpu):.1f}); "
              f"idle-machine projection with "
              f"{args.jobs} jobs: {args.jobs / cpu:.0f} reports/s audit phase; 汇总.xlsx/csv {tables_cpu:.1f} CPU-s; "
              f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        total_rps = statistics.median(r["reports"] / r["wall"] for r in runs)
        peak = max(runs, key=lambda r: r["tree_rss_mb"])
        print(f"scoring only, {args.jobs} jobs: {audit_rps:.0f} reports/s in the audit phase, "
              f"{total_rps:.0f} reports/s end to end (incl. start-up and 汇总.xlsx/csv)  "
              f"[target ≥ {TARGETS['scoring_rps']:.0f}]")
        bound = peak["self_mb"] + args.jobs * peak["worker_max_mb"]
        print(f"peak memory, parent + workers: {peak['tree_rss_mb']:.0f} MB RSS sum "
              f"({peak['tree_pss_mb']:.0f} MB PSS); getrusage: parent {peak['self_mb']:.0f} MB + "
              f"{args.jobs} × largest worker {peak['worker_max_mb']:.0f} MB = {bound:.0f} MB  "
              f"[target < {TARGETS['peak_mb']:.0f}]")

        if args.pdf_n > 0:
            sub = tmp / "pdf-reports"
            sub.mkdir()
            for p in sorted(corpus.glob("*.txt"))[: args.pdf_n]:
                shutil.copy(p, sub / p.name)
            r = run_child(sub, tmp / "pdf-out", args.jobs, pdf=True)
            t = r["timings"]
            print(f"with PDFs, {args.jobs} jobs, {r['reports']} reports: {r['reports'] / t['audit']:.2f} reports/s "
                  f"(audit + PDF phase {t['audit']:.1f} s incl. worker warm-up), "
                  f"{r['reports'] / r['wall']:.2f} reports/s end to end "
                  f"incl. 汇总.pdf ({t.get('summary_pdf', 0):.1f} s)  "
                  f"[target ≥ {TARGETS['pdf_rps']}]; peak {r['tree_rss_mb']:.0f} MB RSS sum")
        if args.profile:
            profile(corpus)
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child_main(*sys.argv[2:])
    else:
        sys.exit(main())
