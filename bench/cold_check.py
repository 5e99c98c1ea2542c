#!/usr/bin/env python3
"""Cold `auditor check`: a fresh process per run, gazetteer included, as a user at a terminal sees it.

    .venv/bin/python bench/cold_check.py [--runs 7] [--against OTHER_CHECKOUT] [--no-bytecode] [REPORT]

Prints the median and the spread of the wall time and the CPU time of `auditor check REPORT --rules huzhu --format
json`: with the caches a previous run left (remembered rule sets and validations, auditor/packs/cache.py; the
compiled regular expressions, auditor/rx.py), and with them off (AUDITOR_NO_CACHE=1: what the first check after
editing a pack costs). --against runs the same checks with another checkout's .venv/bin/auditor (main, say),
interleaved run by run with this one's, and prints both and their ratio. Then the CPU a first `check --pdf` spends
before the PDF render is called (start-up, audit, the renderer's module; WeasyPrint is imported by the render);
the time to load the gazetteer table in a fresh interpreter, and the machine's load average (the figures of a
shared machine move with it). The two check variants run interleaved. Target (issue 17): 0.35 s CPU.

The children may write and read bytecode (PYTHONDONTWRITEBYTECODE is dropped from their environment, and the
first, unmeasured run writes it): an installed tool runs from the .pyc files pip compiled. --no-bytecode sets
PYTHONDONTWRITEBYTECODE=1 and removes the checkouts' own __pycache__ folders first, so that every run compiles the
auditor's modules again (about 0.1-0.25 s more). The first line printed says which.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
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


# The gazetteer in a fresh interpreter: CPU time of its import (with the modules it needs), then of its table.
GAZETTEER = [sys.executable, "-c", "import time; t=time.process_time(); import auditor.gazetteer as g; "
                                   "u=time.process_time(); g._table(); g.scan('互助县'); print(u-t, time.process_time()-u)"]


def wall(cmd: list[str], env: dict = ENV) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): on a busy shared machine the CPU time is what an idle one takes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _summary(label: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return (f"{label}: wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}); "
            f"CPU median {statistics.median(cpus):.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f})")


def _drop_bytecode(checkout: Path) -> None:
    for folder in (checkout / "auditor").rglob("__pycache__"):
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", type=Path, help="another checkout (with its .venv) to run interleaved with this one")
    ap.add_argument("--no-bytecode", action="store_true", help="no .pyc files: every run compiles the modules")
    args = ap.parse_args(argv)
    env = {**ENV, "PYTHONDONTWRITEBYTECODE": "1"} if args.no_bytecode else ENV
    sides = {"this": (ROOT, AUDITOR)}
    if args.against:
        other = args.against.resolve()
        sides["against"] = (other, other / ".venv" / "bin" / "auditor")
    if args.no_bytecode:
        for checkout, _ in sides.values():
            _drop_bytecode(checkout)
    mode = ("off (PYTHONDONTWRITEBYTECODE=1, no __pycache__)" if args.no_bytecode
            else "on, as installed (.pyc written by the first run)")
    print(f"bytecode: {mode}; this = {ROOT}" + (f", against = {sides['against'][0]}" if args.against else "")
          + f"; load average at the start: {os.getloadavg()[0]:.1f}")
    rules = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")
    uncached = {**env, "AUDITOR_NO_CACHE": "1"}
    runs: dict = {(side, c): [] for side in sides for c in (True, False)}
    checks = {side: [str(exe), "check", args.report, "--rules", rules, "--format", "json", "--fail-on", "never"]
              for side, (_, exe) in sides.items()}
    for check in checks.values():  # the first run warms the OS file cache and the caches, as an installed tool's
        wall(check, env)
    for _ in range(args.runs):
        for side, check in checks.items():
            runs[side, True].append(wall(check, env))
            runs[side, False].append(wall(check, uncached))
    name = Path(args.report).name
    for cached in (True, False):
        for side in sides:
            label = f"cold auditor check{'' if cached else ' caches off'} [{side}] ({name}, {args.runs} runs)"
            print(_summary(label, runs[side, cached]))
        if args.against:
            med = {s: statistics.median(c for _, c in runs[s, cached]) for s in sides}
            print(f"  CPU this / against = {med['this'] / med['against']:.3f}")
    before = [subprocess.run([sys.executable, "-c", BEFORE_RENDER, args.report, rules], capture_output=True,
                             text=True, env=env).stdout.split() for _ in range(args.runs)]
    print(f"first check --pdf before the render is called [this]: CPU median "
          f"{statistics.median(float(b[0]) for b in before):.2f} s"
          f" (WeasyPrint imported by then: {'yes' if any(b[1] == 'True' for b in before) else 'no'})")
    loads = [subprocess.run(GAZETTEER, capture_output=True, text=True, env=env).stdout.split() for _ in range(args.runs)]
    print(f"gazetteer [this], fresh interpreter: import median {1000 * statistics.median(float(x[0]) for x in loads):.0f} ms"
          f" CPU, then its table {1000 * statistics.median(float(x[1]) for x in loads):.0f} ms")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
