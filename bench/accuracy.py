#!/usr/bin/env python3
"""Accuracy of the auditor against gold labels.

    .venv/bin/python bench/accuracy.py [--reports DIR] [--gold DIR] [--rules PACK]

Runs over any labelled folder (--reports bench/corpus/corpus --gold bench/corpus/gold for the real-text set).
Prints, per indicator and overall: values matched (numbers within 0.1; `mentioned` against `mentioned`;
a value with alternatives matches any; `expect: review` may come out as review), parts matched,
false values (a figure where gold says none) and misses, and the recall on reported values (gold gives a
number or `mentioned`). Exit code 1 if anything does not match.

Then the metadata section: jurisdiction, level and year of every report with a gold label, on the --reports
folder (its row named after it: seeds, holdout) and on the real-text dev set (bench/corpus, d*.txt and e*.txt), and the document kind (reports are annual reports, the
p*/q*.txt plans are not). Exit code 1 if a seed's metadata is wrong, the dev set is below 97% on any of the three,
or a report is read as something else (refused, or audited under a kind_uncertain warning).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.accuracy import compare, compare_metadata, load_gold  # noqa: E402
from auditor.api import check  # noqa: E402
from auditor.packs.loader import load_rules  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", default=str(ROOT / "seeds" / "reports"))
    ap.add_argument("--gold", default=str(ROOT / "seeds" / "gold"))
    ap.add_argument("--rules", default=str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"))
    ap.add_argument("--corpus", default=str(ROOT / "bench" / "corpus"), help="real-text dev set for the metadata")
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
    for o in outcomes:  # reported values: gold gives a number or `mentioned`
        if o.kind == "indicator" and o.gold is not None:
            per[(o.kind, o.key)]["reported"] += 1
            per[(o.kind, o.key)]["found"] += o.verdict == "match"
    print(f"{'kind':9s} {'id':34s} {'match':>5s} {'total':>5s} {'miss':>4s} {'false':>5s} {'wrong':>5s} {'reported':>8s}")
    for (kind, key), c in sorted(per.items()):
        rep = f"{c['found']}/{c['reported']}" if kind == "indicator" else ""
        print(f"{kind:9s} {key:34s} {c['match']:5d} {c['total']:5d} {c['miss']:4d} {c['false_value']:5d} {c['wrong']:5d}"
              f" {rep:>8s}")
    bad = [o for o in outcomes if o.verdict != "match"]
    for o in (outcomes if args.verbose else bad):
        print(f"  {o.verdict:11s} {o.report} {o.key}: gold={o.gold!r} got={o.got!r} status={o.status} {o.note}")
    ind = [o for o in outcomes if o.kind == "indicator"]
    parts = [o for o in outcomes if o.kind == "part"]
    print(f"indicators: {sum(o.verdict == 'match' for o in ind)}/{len(ind)} matched, "
          f"{sum(o.verdict == 'miss' for o in ind)} missed, {sum(o.verdict == 'false_value' for o in ind)} false values, "
          f"{sum(o.verdict == 'wrong' for o in ind)} wrong")
    reported = [o for o in ind if o.gold is not None]
    found = sum(o.verdict == "match" for o in reported)
    print(f"reported values: {found}/{len(reported)} found (recall {100 * found / max(1, len(reported)):.1f}%), "
          f"{sum(o.verdict == 'false_value' for o in ind)} false values")
    print(f"parts: {sum(o.verdict == 'match' for o in parts)}/{len(parts)} matched")
    print(f"overall: {len(outcomes) - len(bad)}/{len(outcomes)} matched")
    meta_ok = metadata_section(Path(args.reports), Path(args.gold), Path(args.corpus), args.verbose)
    return 1 if bad or not meta_ok else 0


# --- metadata: who, which level, which year; the document kind ---------------------------------------------
METADATA_FLOOR = 0.97


def set_name(reports: Path) -> str:
    """The label of a labelled folder: seeds/reports -> seeds, bench/holdout/corpus -> holdout."""
    r = reports.resolve()
    return r.parent.name if r.name in ("reports", "corpus") else r.name


def metadata_section(reports: Path, gold_dir: Path, corpus: Path, verbose: bool = False) -> bool:
    from auditor.dockind import outcome
    from auditor.load import load_document

    sets = {set_name(reports): [(reports / g["report"], g) for _, g in load_gold(gold_dir)]}
    if (corpus / "corpus").resolve() != reports.resolve():  # the dev set once when --reports names it
        sets["corpus"] = [(corpus / "corpus" / g["report"], g) for _, g in load_gold(corpus / "gold")]
    print(f"\nmetadata  {'reports':>7s}  {'jurisdiction':>14s}  {'level':>14s}  {'year':>14s}")
    ok, misses, kinds = True, [], []
    for name, items in sets.items():
        items = [(p, g) for p, g in items if p.exists()]
        tally = {"jurisdiction": 0, "level": 0, "year": 0}
        for path, gold in items:
            doc = load_document(path)
            kinds.append((path.name, outcome(doc.kind, doc.kind_certain), doc.kind, True))
            for key, good in compare_metadata(doc, gold).items():
                tally[key] += good
                if not good or verbose:
                    got = {"jurisdiction": doc.jurisdiction, "level": doc.level, "year": doc.year}[key]
                    misses.append(f"  {'match' if good else 'miss':5s} {name} {path.name} {key}: "
                                  f"gold={gold.get(key)!r} got={got!r} ({doc.division_code or '-'})")
        n = len(items) or 1
        print(f"{name:9s} {len(items):7d}  " + "  ".join(f"{tally[k]:3d}/{len(items):<3d} {100 * tally[k] / n:5.1f}%"
                                                        for k in ("jurisdiction", "level", "year")))
        floor = 1.0 if name == "seeds" else METADATA_FLOOR  # seeds exact; a real-text set at the floor
        ok &= all(tally[k] >= floor * len(items) for k in tally)
    for plan in sorted((corpus / "corpus").glob("[pq]*.txt")):
        doc = load_document(plan)
        kinds.append((plan.name, outcome(doc.kind, doc.kind_certain), doc.kind, False))
    reports = [k for k in kinds if k[3]]
    plans = [k for k in kinds if not k[3]]
    print(f"kind: {sum(k[1] == 'report' for k in reports)}/{len(reports)} reports read as annual reports "
          f"({sum(k[1] == 'uncertain' for k in reports)} uncertain, {sum(k[1] == 'refused' for k in reports)} refused), "
          f"{sum(k[1] == 'refused' for k in plans)}/{len(plans)} plans as not "
          f"({sum(k[1] == 'uncertain' for k in plans)} uncertain: audited with a warning)")
    for line in misses:
        print(line)
    for name, got, kind, report in kinds:
        if got != ("report" if report else "refused"):
            print(f"  kind  {name}: {got} {kind}, want {'annual_report' if report else 'not annual_report'}")
    # a report refused, or audited under a kind_uncertain warning, fails the bench; a plan read as a report is shown
    return ok and all(got == "report" for _, got, _, report in kinds if report)


if __name__ == "__main__":
    sys.exit(main())
