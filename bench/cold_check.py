#!/usr/bin/env python3
"""Cold `auditor check`: a fresh process per run, gazetteer included, as a user at a terminal sees it.

    .venv/bin/python bench/cold_check.py [--runs 7] [REPORT]

Prints the median and the spread of the wall time and the CPU time of `auditor check REPORT --rules huzhu --format
json`: with the caches a previous run left (remembered rule sets and validations, auditor/packs/cache.py), and with
them off (AUDITOR_NO_CACHE=1: what the first check after editing a pack costs); the CPU a first `check --pdf` spends
before the PDF render is called (start-up, audit, the renderer's module; WeasyPrint is imported by the render);
the time to load the gazetteer table in a fresh interpreter, and the machine's load average (the figures of a
shared machine move with it). The two check variants run interleaved. Target (issue 17): 0.35 s CPU.

The children may write bytecode (PYTHONDONTWRITEBYTECODE is dropped from their environment): an installed tool
runs from the .pyc files pip compiled, and a checkout's first run writes them; without them every run compiles
the auditor's own modules again (about 0.1-0.25 s).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# The first `check --pdf` up to the render: the thin start-up's imports, the audit, the renderer's module.
BEFORE_RENDER = """import resource, sys
from auditor import cli_run, api
audit = api.check(sys.argv[1], rules=[sys.argv[2]])
from auditor.report import render
r = resource.getrusage(resource.RUSAGE_SELF)
print(r.ru_utime + r.ru_stime, 'weasyprint' in sys.modules)
"""


def wall(cmd: list[str], env: dict = ENV) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): on a busy shared machine the CPU time is what an idle one takes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt"))
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    rules = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")
    check = [str(AUDITOR), "check", args.report, "--rules", rules, "--format", "json", "--fail-on", "never"]
    gaz = [sys.executable, "-c", "import time; t=time.perf_counter(); import auditor.gazetteer as g; g._table(); "
                                 "print(time.perf_counter()-t)"]
    uncached = {**ENV, "AUDITOR_NO_CACHE": "1"}
    wall(check)  # the first run warms the OS file cache and the caches, as an installed tool's would be
    cached_runs, uncached_runs = [], []
    for _ in range(args.runs):
        cached_runs.append(wall(check))
        uncached_runs.append(wall(check, uncached))
    for label, runs in (("", cached_runs), (" caches off", uncached_runs)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"cold auditor check{label} ({Path(args.report).name}, {args.runs} runs): wall median "
              f"{statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}); "
              f"CPU median {statistics.median(cpus):.2f} s")
    before = [subprocess.run([sys.executable, "-c", BEFORE_RENDER, args.report, rules], capture_output=True,
                             text=True, env=ENV).stdout.split() for _ in range(args.runs)]
    print(f"first check --pdf before the render is called: CPU median {statistics.median(float(b[0]) for b in before):.2f} s"
          f" (WeasyPrint imported by then: {'yes' if any(b[1] == 'True' for b in before) else 'no'})")
    loads = [float(subprocess.run(gaz, capture_output=True, text=True, env=ENV).stdout) for _ in range(args.runs)]
    print(f"gazetteer import + table load: median {1000 * statistics.median(loads):.0f} ms")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
