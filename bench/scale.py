#!/usr/bin/env python3
"""National scale: score 20,000 synthetic reports, project the country's 125,000, show Dask's scaling.

    .venv/bin/python bench/scale.py [-n 20000] [--jobs 2] [--dask-n 1000] [--keep]

1. Writes N synthetic but realistic reports (bench/synth.py) and measures, interleaved after a warm-up,
   the floor (read, decode, one regex pass with --jobs processes), a scoring batch of all N
   (`auditor batch --no-pdf`, local engine), and the floor again; the floor is the median of its runs.
2. Projects 125,000 reports twice: at the rate measured here, and as the floor's time for 125,000 times
   the measured ratio (the same on an idle machine, where the floor is faster).
3. Runs --dask-n of the reports with `--engine dask` on a LocalCluster of 1 and of 2 workers (interleaved,
   after a warm-up of each), and prints the rates and the speed-up of 2 workers over 1.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import TARGETS, build_corpus, interleaved, run_child  # noqa: E402

COUNTRY = 125_000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20_000, help="synthetic reports (default 20000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dask-n", type=int, default=1000, help="reports in each Dask run (0: skip)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="auditor-scale-"))
    try:
        corpus = tmp / "reports"
        t0 = time.perf_counter()
        build_corpus(corpus, args.n)
        print(f"corpus: {args.n:,} synthetic reports in {time.perf_counter() - t0:.0f} s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        floor = [run_child("floor", corpus, args.jobs)]  # warm-up: page cache
        floor = [run_child("floor", corpus, args.jobs)]
        score = run_child("scoring", corpus, tmp / "out", args.jobs, "0")
        floor.append(run_child("floor", corpus, args.jobs))
        n = score["reports"] + score["errors"]
        fw = statistics.median(r["wall"] for r in floor)
        fc = statistics.median(r["cpu"] for r in floor)
        t = score["timings"]
        walls = ", ".join(f"{r['wall']:.1f}" for r in floor)
        print(f"floor    : {walls} s wall → median {fw:.1f} s "
              f"({n / fw:,.0f} reports/s), {fc:.1f} s CPU")
        print(f"scoring  : {score['wall']:.1f} s wall ({n / score['wall']:,.0f} reports/s end to end), "
              f"{score['cpu']:.1f} s CPU ({1000 * score['cpu'] / n:.2f} ms each); audit {t['audit']:.1f} s, "
              f"tables {t.get('tables', 0):.1f} s; {score['errors']} unreadable")
        print(f"ratio    : {score['wall'] / fw:.1f}× the floor (wall), {score['cpu'] / fc:.1f}× (CPU)  "
              f"[target ≤ {TARGETS['floor_ratio']:.0f}×]")
        print(f"memory   : batch parent peak {score['parent_mb']:.0f} MB at {n:,} reports (getrusage), "
              f"whole tree {score['tree_mb']:.0f} MB RSS  [parent target < {TARGETS['parent_mb']:.0f} MB]")
        rate = n / score["wall"]
        floor_country = COUNTRY * fw / n
        print(f"projected {COUNTRY:,}: {COUNTRY / rate / 60:.1f} min at the rate measured here; "
              f"{floor_country * score['wall'] / fw / 60:.1f} min as floor ({floor_country:.0f} s) × ratio "
              f"{score['wall'] / fw:.1f}; on an idle {os.cpu_count()}-core machine the CPU time alone gives "
              f"{COUNTRY * score['cpu'] / n / (os.cpu_count() or 1) / 60:.1f} min")
        if args.dask_n:
            sub = tmp / "dask-reports"
            sub.mkdir()
            for p in sorted(corpus.iterdir())[: args.dask_n]:
                shutil.copy(p, sub / p.name)
            res = interleaved(2, {
                "dask-1": lambda: run_child("scoring", sub, tmp / "dask-out", 1, "0", "dask"),
                "dask-2": lambda: run_child("scoring", sub, tmp / "dask-out", 2, "0", "dask"),
            })
            rates = {}
            for name, rows in res.items():
                walls = [r["timings"]["audit"] for r in rows]
                rates[name] = args.dask_n / statistics.median(walls)
                shown = ", ".join(f"{w:.1f}" for w in walls)
                print(f"{name}   : audit phase {shown} s → "
                      f"{rates[name]:.0f} reports/s (median; cluster start-up included)")
            print(f"dask     : 2 workers / 1 worker = {rates['dask-2'] / rates['dask-1']:.2f}× "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
