#!/usr/bin/env python3
"""Accuracy of the auditor against gold labels.

    .venv/bin/python bench/accuracy.py [--reports DIR] [--gold DIR] [--rules PACK]

Prints, per indicator and overall: values matched (numbers within 0.1; `mentioned` against `mentioned`;
a value with alternatives matches any; `expect: review` may come out as review), parts matched,
false values (a figure where gold says none) and misses. Exit code 1 if anything does not match.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.accuracy import compare, load_gold  # noqa: E402
from auditor.api import check  # noqa: E402
from auditor.packs.loader import load_rules  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", default=str(ROOT / "seeds" / "reports"))
    ap.add_argument("--gold", default=str(ROOT / "seeds" / "gold"))
    ap.add_argument("--rules", default=str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every outcome, not only failures")
    args = ap.parse_args(argv)
    ruleset = load_rules([args.rules])
    outcomes = []
    for gold_name, gold in load_gold(Path(args.gold)):
        report = Path(args.reports) / gold["report"]
        if not report.exists():
            print(f"skip {gold_name}: {report} not found")
            continue
        audit = check(str(report), ruleset=ruleset)
        outcomes += compare(audit, gold, gold["report"])
    per = defaultdict(lambda: defaultdict(int))
    for o in outcomes:
        per[(o.kind, o.key)][o.verdict] += 1
        per[(o.kind, o.key)]["total"] += 1
    print(f"{'kind':9s} {'id':34s} {'match':>5s} {'total':>5s} {'miss':>4s} {'false':>5s} {'wrong':>5s}")
    for (kind, key), c in sorted(per.items()):
        print(f"{kind:9s} {key:34s} {c['match']:5d} {c['total']:5d} {c['miss']:4d} {c['false_value']:5d} {c['wrong']:5d}")
    bad = [o for o in outcomes if o.verdict != "match"]
    for o in (outcomes if args.verbose else bad):
        print(f"  {o.verdict:11s} {o.report} {o.key}: gold={o.gold!r} got={o.got!r} status={o.status} {o.note}")
    ind = [o for o in outcomes if o.kind == "indicator"]
    parts = [o for o in outcomes if o.kind == "part"]
    print(f"indicators: {sum(o.verdict == 'match' for o in ind)}/{len(ind)} matched, "
          f"{sum(o.verdict == 'miss' for o in ind)} missed, {sum(o.verdict == 'false_value' for o in ind)} false values, "
          f"{sum(o.verdict == 'wrong' for o in ind)} wrong")
    print(f"parts: {sum(o.verdict == 'match' for o in parts)}/{len(parts)} matched")
    print(f"overall: {len(outcomes) - len(bad)}/{len(outcomes)} matched")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
