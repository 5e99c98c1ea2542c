#!/usr/bin/env python3
"""Batch scoring throughput against the floor, CPU and memory, on synthetic but realistic reports.

    .venv/bin/python bench/batch.py [-n 2000] [--jobs 2] [--runs 3] [--pdf-n 30] [--profile] [--keep]

Builds N reports (bench/synth.py: real report openings from bench/corpus followed by recombined seed parts,
some GB18030, some with a BOM, some saved web pages) in a temporary folder. Then, in fresh child processes:
  floor    the same files read, decoded and scanned by one regex, with --jobs processes: what no batch
           tool can beat on this machine at this moment;
  scoring  `auditor batch --no-pdf --force --jobs J` end to end (start-up, audit, 汇总.xlsx, CSVs).
Both are run once to warm up (page cache, bytecode), then --runs times each, interleaved (floor, scoring,
scoring, floor, …) so that a change in the machine's load hits both alike. Printed: wall and CPU seconds
(parent + children) per run, the medians, reports per second, the ratio of scoring to the floor, and the
memory of the batch's parent process (getrusage) and of its whole process tree (sampled RSS).
--pdf-n: one batch with PDFs over the first N reports (PDFs per second). --profile: where the scoring
time goes, by module, in one process.
"""
from __future__ import annotations

import argparse
import json
import os
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
sys.path.insert(0, str(ROOT / "bench"))

RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
TARGETS = {"rps": 250.0, "floor_ratio": 20.0, "parent_mb": 300.0}
FLOOR_PATTERN = r"[0-9]+(?:\.[0-9]+)?\s*[%％]|[0-9]+\s*[次件场期项]"


def build_corpus(folder: Path, n: int, gbk_share: float = 0.1) -> None:
    import synth

    synth.write_corpus(folder, n, gbk_share=gbk_share)


# ---------------------------------------------------------------- measuring a child process

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


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and its descendants, sampled every 100 ms (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop_flag = pid, 0, False

    def run(self):
        if not Path("/proc").is_dir():
            return
        while not self.stop_flag:
            pids, frontier = [self.pid], [self.pid]
            while frontier:
                frontier = [c for p in frontier for c in _children(p)]
                pids += frontier
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in pids))
            time.sleep(0.1)


def run_child(mode: str, *args: str) -> dict:
    """One measured run in a fresh process; its own JSON line plus wall time and the tree's peak RSS."""
    cmd = [sys.executable, __file__, "--child", mode, *map(str, args)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.stop_flag = True
    sampler.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed ({proc.returncode}):\n{stderr[-3000:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    info.update(wall=wall, tree_mb=sampler.peak_kb / 1024)
    return info


def _usage() -> dict:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
            "parent_cpu": me.ru_utime + me.ru_stime, "parent_mb": me.ru_maxrss / 1024,
            "worker_max_mb": kids.ru_maxrss / 1024}


def _floor_one(path: str) -> int:
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
    return len(_FLOOR_RE.findall(text))


_FLOOR_RE = re.compile(FLOOR_PATTERN)


def child_floor(folder: str, jobs: str) -> None:
    import multiprocessing as mp

    files = sorted(str(p) for p in Path(folder).iterdir() if p.is_file())
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(int(jobs)) as pool:
        hits = sum(pool.map(_floor_one, files, chunksize=64))
    print(json.dumps({"reports": len(files), "hits": hits, "seconds": time.perf_counter() - t0, **_usage()}))


def child_scoring(folder: str, out: str, jobs: str, pdf: str, engine: str = "local") -> None:
    from auditor.batch.run import execute

    res = execute(folder, rules=[str(RULES)], out=out, jobs=int(jobs), pdf=pdf == "1", force=True, engine=engine)
    print(json.dumps({"reports": len(res.reports), "errors": len(res.errors), "seconds": res.seconds,
                      "timings": res.timings, **_usage()}))


# ---------------------------------------------------------------- comparing

def interleaved(runs: int, sides: dict, warm: bool = True) -> dict[str, list[dict]]:
    """Each side once to warm up (not counted), then `runs` rounds, the order alternating per round."""
    names = list(sides)
    if warm:
        for name in names:
            sides[name]()
    out: dict[str, list[dict]] = {n: [] for n in names}
    for i in range(runs):
        for name in (names if i % 2 == 0 else names[::-1]):
            out[name].append(sides[name]())
    return out


def med(rows: list[dict], key) -> float:
    return statistics.median(key(r) for r in rows)


def report_floor_vs_scoring(res: dict[str, list[dict]], jobs: int) -> dict:
    floor, score = res["floor"], res["scoring"]
    n = score[0]["reports"] + score[0]["errors"]
    for name, rows in res.items():
        for r in rows:
            extra = (f", tables {r['timings'].get('tables', 0):.2f} s, parent {r['parent_cpu']:.1f} CPU-s, "
                     f"parent peak {r['parent_mb']:.0f} MB") if name == "scoring" else ""
            print(f"  {name:8s} wall {r['wall']:7.2f} s  CPU {r['cpu']:7.2f} s{extra}")
    fw, fc = med(floor, lambda r: r["wall"]), med(floor, lambda r: r["cpu"])
    sw, sc = med(score, lambda r: r["wall"]), med(score, lambda r: r["cpu"])
    rps = n / sw
    parent = max(r["parent_mb"] for r in score)
    print(f"medians over {len(score)} interleaved runs, {n} reports, --jobs {jobs}:")
    print(f"  floor    {fw:7.2f} s wall, {fc:7.2f} s CPU  ({n / fw:,.0f} reports/s, {1000 * fc / n:.2f} ms CPU each)")
    print(f"  scoring  {sw:7.2f} s wall, {sc:7.2f} s CPU  ({rps:,.0f} reports/s end to end, "
          f"{1000 * sc / n:.2f} ms CPU each)")
    print(f"  ratio scoring/floor: {sw / fw:.1f}× wall, {sc / fc:.1f}× CPU  [target ≤ {TARGETS['floor_ratio']:.0f}×, "
          f"or ≥ {TARGETS['rps']:.0f} reports/s]")
    print(f"  memory: batch parent peak {parent:.0f} MB (getrusage), whole tree peak "
          f"{max(r['tree_mb'] for r in score):.0f} MB RSS  [parent target < {TARGETS['parent_mb']:.0f} MB]")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return {"floor_wall": fw, "floor_cpu": fc, "wall": sw, "cpu": sc, "rps": rps, "parent_mb": parent, "n": n}


# ---------------------------------------------------------------- profile

def profile(folder: Path, limit: int = 300) -> None:
    import cProfile
    import pstats
    from collections import defaultdict

    from auditor.batch.worker import Job, audit_bytes
    from auditor.packs.loader import load_rules

    job = Job(load_rules([str(RULES)]))
    files = sorted(p for p in folder.iterdir() if p.is_file())[:limit]
    data = [(p.name, p.read_bytes()) for p in files]
    audit_bytes(data[0][0], data[0][0], data[0][1], job)  # warm caches
    prof = cProfile.Profile()
    t0 = time.process_time()
    prof.enable()
    for name, b in data:
        audit_bytes(name, name, b, job)
    prof.disable()
    cpu = time.process_time() - t0
    print(f"\nprofile: {len(files)} reports in one process, {1000 * cpu / len(files):.1f} ms CPU each "
          f"(with profiler overhead)")
    stats = pstats.Stats(prof)
    by_module = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        if "/auditor/" in filename:
            name = "auditor/" + filename.split("/auditor/", 1)[1]
        elif "site-packages/" in filename:
            name = filename.split("site-packages/", 1)[1].split("/")[0]
        elif filename.startswith(("~", "<")):
            name = "builtins (re, str, …)"
        else:
            name = Path(filename).name
        by_module[name] += tottime
    total = sum(by_module.values()) or 1
    print("own time by module:")
    for name, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:14]:
        print(f"  {100 * t / total:5.1f}%  {name}")
    print("top functions by own time:")
    stats.sort_stats("tottime").print_stats(15)


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=2000, help="synthetic reports (default 2000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3, help="interleaved runs of each side; medians are reported")
    ap.add_argument("--pdf-n", type=int, default=30, help="reports in the PDF run (0: skip)")
    ap.add_argument("--gbk-share", type=float, default=0.1, help="share of reports saved as GB18030")
    ap.add_argument("--profile", action="store_true", help="cProfile the per-report work")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (prints its path)")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        corpus = tmp / "reports"
        t0 = time.perf_counter()
        build_corpus(corpus, args.n, gbk_share=args.gbk_share)
        print(f"corpus: {args.n} synthetic reports in {time.perf_counter() - t0:.1f} s ({tmp}); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        res = interleaved(args.runs, {
            "floor": lambda: run_child("floor", corpus, args.jobs),
            "scoring": lambda: run_child("scoring", corpus, tmp / "out", args.jobs, "0"),
        })
        report_floor_vs_scoring(res, args.jobs)
        if args.pdf_n > 0:
            sub = tmp / "pdf-reports"
            sub.mkdir()
            for p in sorted(corpus.iterdir())[: args.pdf_n]:
                shutil.copy(p, sub / p.name)
            r = run_child("scoring", sub, tmp / "pdf-out", args.jobs, "1")
            t = r["timings"]
            print(f"with PDFs, {args.jobs} jobs, {r['reports']} reports: {r['reports'] / t['audit']:.2f} reports/s "
                  f"in the audit + PDF phase ({t['audit']:.1f} s incl. worker warm-up), "
                  f"{r['cpu'] / max(1, r['reports']):.2f} CPU-s per report; 汇总.pdf {t.get('summary_pdf', 0):.1f} s; "
                  f"tree peak {r['tree_mb']:.0f} MB RSS")
        if args.profile:
            profile(corpus)
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        {"floor": child_floor, "scoring": child_scoring}[sys.argv[2]](*sys.argv[3:])
    else:
        sys.exit(main())
