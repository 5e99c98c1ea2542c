#!/usr/bin/env python3
"""Fuzzing report files through the library API and the CLI (long runs; tests/fuzz/ is the bounded
suite CI runs).

    .venv/bin/python bench/fuzz.py [--cases 10000] [--jobs 2] [--seed 1] [--cli-every 25] [--limit 10]

Every case is a generated report file (tests/fuzz/cases.py: random bytes, seeds in mixed and broken
encodings, cut short, deep or broken HTML, .mhtml, damaged Word and PDF, zip bombs, 2-million-
character lines). Each must end as an audit or a named InputError, within --limit seconds; every
--cli-every-th case also goes through `auditor check --format json`, whose exit code must be 0, 1 or 4.
Prints cases per kind, outcomes and errors by kind, uncaught exceptions (with the case to replay),
inputs over the limit (CPU seconds of the audit and its LibreOffice children; wall time too, with
the machine's load) and the slowest input.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

HARD_STOP = 120  # seconds: a case still running then is stopped and counted as over the limit


class _Stop(Exception):
    pass


def _alarm(signum, frame):
    raise _Stop()


_RULES = None


def _init() -> None:
    global _RULES
    from auditor.packs.loader import load_rules

    _RULES = load_rules(None)
    signal.signal(signal.SIGALRM, _alarm)


def _error_kind(message: str) -> str:
    return message.split("，")[0].split("（")[0][:24]


def run_case(args: tuple[int, int, bool]) -> dict:
    """One case: generate, audit through the library (and the CLI), classify."""
    from auditor.api import check
    from auditor.errors import InputError
    from fuzz.cases import make, pick

    case_seed, index, via_cli = args
    rnd = random.Random(case_seed)
    kind = pick(rnd)
    name, data = make(kind, rnd)
    out = {"seed": case_seed, "kind": kind, "size": len(data), "outcome": None, "error": None, "secs": 0.0, "cli": None}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        t, cpu = time.perf_counter(), _cpu()
        signal.alarm(HARD_STOP)
        try:
            check(str(path), ruleset=_RULES)
            out["outcome"] = "audit"
        except InputError as err:
            out["outcome"], out["error"] = "input_error", _error_kind(err.message)
        except _Stop:
            out["outcome"] = "stopped"
        except BaseException as exc:  # noqa: BLE001 - what the fuzzer is looking for
            out["outcome"] = "crash"
            out["error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
            out["trace"] = traceback.format_exc(limit=6)
        finally:
            signal.alarm(0)
        out["secs"], out["cpu"] = time.perf_counter() - t, _cpu() - cpu
        if via_cli:
            out["cli"] = _cli(path)
    return out


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (LibreOffice conversions):
    what an input costs, whatever else the machine is doing."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _cli(path: Path) -> str:
    from typer.testing import CliRunner

    from auditor.cli import app

    signal.alarm(HARD_STOP)
    try:
        r = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    except _Stop:
        return "stopped"
    finally:
        signal.alarm(0)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        return f"exception {type(r.exception).__name__}"
    return f"exit {r.exit_code}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli-every", type=int, default=25)
    ap.add_argument("--limit", type=float, default=10.0)
    args = ap.parse_args(argv)
    rnd = random.Random(args.seed)
    work = [(rnd.getrandbits(48), i, args.cli_every > 0 and i % args.cli_every == 0) for i in range(args.cases)]
    started = time.perf_counter()
    results = []
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        for k, res in enumerate(pool.imap_unordered(run_case, work, chunksize=4), 1):
            results.append(res)
            if k % 1000 == 0:
                print(f"  … {k} cases, {time.perf_counter() - started:.0f} s", flush=True)
    kinds = Counter(r["kind"] for r in results)
    outcomes = Counter(r["outcome"] for r in results)
    errors = Counter(r["error"] for r in results if r["outcome"] == "input_error")
    crashes = [r for r in results if r["outcome"] == "crash"]
    over = [r for r in results if r["cpu"] > args.limit or r["outcome"] == "stopped"]
    over_wall = [r for r in results if r["secs"] > args.limit]
    cli = Counter(r["cli"] for r in results if r["cli"] is not None)
    bad_cli = {k: v for k, v in cli.items() if k not in ("exit 0", "exit 1", "exit 4")}
    print(f"cases: {len(results)} in {time.perf_counter() - started:.0f} s ({args.jobs} jobs, seed {args.seed})")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("outcomes: " + ", ".join(f"{k} {n}" for k, n in outcomes.most_common()))
    print("input errors by message:")
    for msg, n in errors.most_common():
        print(f"  {n:6d}  {msg}")
    print(f"CLI runs: {sum(cli.values())}: " + ", ".join(f"{k} {n}" for k, n in cli.most_common()))
    print(f"uncaught exceptions: {len(crashes)}")
    for r in crashes[:10]:
        print(f"  kind {r['kind']} seed {r['seed']} size {r['size']}: {r['error']}\n{r['trace']}")
    print(f"inputs over {args.limit:g} s of CPU: {len(over)}; over {args.limit:g} s of wall time: {len(over_wall)} "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for r in sorted(over + over_wall, key=lambda r: -r["secs"])[:10]:
        print(f"  kind {r['kind']} seed {r['seed']} size {r['size']}: {r['cpu']:.1f} s CPU, {r['secs']:.1f} s wall, {r['outcome']}")
    slowest = max(results, key=lambda r: r["cpu"])
    print(f"slowest input: kind {slowest['kind']} seed {slowest['seed']} size {slowest['size']:,} bytes, "
          f"{slowest['cpu']:.2f} s CPU, {slowest['secs']:.2f} s wall ({slowest['outcome']})")
    print(f"median time: {sorted(r['cpu'] for r in results)[len(results) // 2]:.3f} s CPU")
    return 1 if crashes or over or bad_cli else 0


if __name__ == "__main__":
    sys.exit(main())
