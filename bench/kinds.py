#!/usr/bin/env python3
"""What `auditor check` takes each text for: every labelled report and every plan text the repository holds.

    .venv/bin/python bench/kinds.py [-v]

Reports: seeds/reports, the dev set (bench/corpus d*, e*), the hold-out (bench/holdout h*). Plans: the dev plans
(bench/corpus p*, q*), the plan hold-out (bench/plans r*), the seed plan (seeds/workplans). Each text is read as a
report (audited), uncertain (audited with a kind_uncertain warning) or not a report (refused: work_plan,
scoring_system, rules, news, other). A report refused is the failure that matters (exit code 1); a report read
as uncertain is listed; a plan read as a report or uncertain is listed with the signs the reading rests on.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.dockind import outcome  # noqa: E402
from auditor.load import load_document  # noqa: E402

SETS = (
    ("reports", "seeds", ROOT / "seeds" / "reports", "*.txt"),
    ("reports", "corpus", ROOT / "bench" / "corpus" / "corpus", "[de]*.txt"),
    ("reports", "holdout", ROOT / "bench" / "holdout" / "corpus", "h*.txt"),
    ("plans", "dev", ROOT / "bench" / "corpus" / "corpus", "[pq]*.txt"),
    ("plans", "hold-out", ROOT / "bench" / "plans" / "corpus", "r*.txt"),
    ("plans", "seed", ROOT / "seeds" / "workplans", "*.txt"),
)
KINDS = ("work_plan", "scoring_system", "rules", "news", "other")


def reading(path: Path) -> tuple[str, str, tuple[str, ...]]:
    """(report | uncertain | refused, kind, signs)."""
    doc = load_document(path)
    return outcome(doc.kind, doc.kind_certain), doc.kind, doc.kind_signs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every text, not only the misreadings")
    args = ap.parse_args(argv)
    print(f"{'set':16s} {'texts':>5s} {'report':>6s} {'uncertain':>9s} {'refused':>7s}  " + " ".join(f"{k:>14s}" for k in KINDS))
    bad, notes = 0, []
    totals: dict[str, Counter] = {}
    for side, name, folder, pattern in SETS:
        files = sorted(folder.glob(pattern))
        c: Counter = Counter()
        for f in files:
            outcome, kind, signs = reading(f)
            c[outcome] += 1
            c[kind] += outcome != "report"
            wrong = outcome != "report" if side == "reports" else outcome != "refused"
            if wrong or args.verbose:
                notes.append(f"  {'ok' if not wrong else 'miss':4s} {name} {f.name}: {outcome} {kind}"
                             + (f"  ({'；'.join(signs)})" if signs else ""))
            bad += side == "reports" and outcome == "refused"
        totals.setdefault(side, Counter()).update(c + Counter(texts=len(files)))
        print(f"{side[:-1] + ' ' + name:16s} {len(files):5d} {c['report']:6d} {c['uncertain']:9d} {c['refused']:7d}  "
              + " ".join(f"{c[k]:14d}" for k in KINDS))
    for side, c in totals.items():
        print(f"{side + ' total':16s} {c['texts']:5d} {c['report']:6d} {c['uncertain']:9d} {c['refused']:7d}  "
              + " ".join(f"{c[k]:14d}" for k in KINDS))
    for line in notes:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
