"""Load test of `auditor serve` on 127.0.0.1: N concurrent uploads of a seed, every answer checked.

Starts its own server on a free loopback port, sends N uploads of one seed at once to POST /api/check (each
on its own connection), checks each answer equals `auditor check --format json` for that seed, and prints the
median and 95th-percentile time to result. Bounded: N requests, one round, a timeout on each; stops the server.

    .venv/bin/python bench/web_load.py [--n 20] [--seed seeds/reports/000_….txt] [--rules qinghai/huzhu-2024]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from web.webtools import cli_json, start_server, stop_server  # noqa: E402  (the tests' own server launcher)


def strip(d: dict) -> dict:
    d = json.loads(json.dumps(d))
    d["report"]["file"] = None
    for p in d["packs"]:
        p["path"] = None
    return d


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="concurrent uploads (default 20)")
    ap.add_argument("--seed", type=Path, default=sorted((ROOT / "seeds" / "reports").glob("*.txt"))[0])
    ap.add_argument("--rules", default="qinghai/huzhu-2024")
    ap.add_argument("--workers", type=int, default=0, help="server audit processes (default: one per CPU)")
    args = ap.parse_args()
    if not 1 <= args.n <= 200:
        ap.error("--n must be 1..200")
    want = strip(cli_json(args.seed, args.rules))
    data = args.seed.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        extra = ("--workers", str(args.workers)) if args.workers else ()
        t0 = time.perf_counter()
        server = start_server(Path(tmp), *extra)
        print(f"server ready in {time.perf_counter() - t0:.1f} s at {server.url}")
        try:
            server.post("/api/check", [("file", args.seed.name, data)], {"rules": args.rules})  # one warm request

            def one(i: int) -> tuple[float, bool, int]:
                t = time.perf_counter()
                status, body, _ = server.post("/api/check", [("file", args.seed.name, data)], {"rules": args.rules})
                elapsed = time.perf_counter() - t
                ok = status == 200 and strip(json.loads(body)) == want
                return elapsed, ok, status

            t1 = time.perf_counter()
            with cf.ThreadPoolExecutor(max_workers=args.n) as ex:
                results = list(ex.map(one, range(args.n)))
            wall = time.perf_counter() - t1
        finally:
            stop_server(server)
    times = [r[0] for r in results]
    good = sum(1 for r in results if r[1])
    print(f"seed: {args.seed.name}  rules: {args.rules}  concurrent uploads: {args.n}")
    print(f"correct answers: {good}/{args.n}" + ("" if good == args.n else
                                                 f"  (statuses: {sorted({r[2] for r in results})})"))
    print(f"time to result  median {statistics.median(times):.2f} s   p95 {percentile(times, 0.95):.2f} s   "
          f"min {min(times):.2f} s   max {max(times):.2f} s")
    print(f"wall time {wall:.2f} s   throughput {args.n / wall:.1f} reports/s")
    return 0 if good == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
