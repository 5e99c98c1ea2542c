#!/usr/bin/env python3
"""How well `auditor rules draft` recovers the numeric targets of real plans.

    .venv/bin/python bench/drafting.py [--plans DIR] [-v]

--plans (or --corpus) names a folder with corpus/ and gold/plans.yaml: bench/corpus (the dev plans p*, q*, the
default) or bench/plans (the plan hold-out r*, not for tuning; its README says why).
Per plan: targets in gold (not
counting `expect: review` entries, shown apart), recovered (a drafted rule read the same op, value and unit),
wrong (a target was read from the same words but differently), missed; rules drafted, and how many of them refer
to a catalog indicator (`indicator:`); links: recovered targets whose rule refers to the catalog indicator the
labels name, out of those labelled with one (not counting `expect: review` entries) (a link the labels do not name, to an indicator they know, is listed
as wrong); false: targets read from words the labels mark `expect: none` (a deduction, a cap on deductions, a
telephone number); whether the draft passes `rules check` once `draft: false` is set. Then the seed plan (Huzhu 2024)
against the reviewed pack rules/qinghai/huzhu-2024.yaml. Exit code 1 when a non-review target is wrong or missed,
a target is false, or a draft fails its check.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from auditor.authoring.draft import DraftResult, draft_pack  # noqa: E402
from auditor.authoring.draft.gold import score_plan  # noqa: E402
from auditor.authoring.tools import validate  # noqa: E402
from auditor.dockind import outcome  # noqa: E402
from auditor.errors import InputError  # noqa: E402
from auditor.load import load_document  # noqa: E402
from auditor.packs.loader import read_pack  # noqa: E402

HUZHU_PLAN = ROOT / "seeds" / "workplans" / "004_6785f9f2da4cfcb2.txt"
HUZHU_PACK = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"


def reviewed_check(text: str, tmp: Path, name: str) -> bool:
    """The draft with draft: false passes `rules check`."""
    path = tmp / f"{name}.yaml"
    path.write_text(text.replace("draft: true", "draft: false", 1), encoding="utf-8")
    return validate([path]).ok


def labelled_ids(gold_dir: Path) -> frozenset:
    """The indicator ids the report labels know (each report's gold lists all of them); a plan set without report
    labels uses the dev set's."""
    ids: set = set()
    for f in sorted(gold_dir.glob("[de]*.yaml")) or sorted((ROOT / "bench" / "corpus" / "gold").glob("[de]*.yaml")):
        ids |= set((yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("indicators") or {})
    return frozenset(ids)


def huzhu_line(tmp: Path) -> tuple[int, int, int]:
    out = tmp / "rules" / "qinghai" / "huzhu-2025.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = draft_pack(load_document(HUZHU_PLAN), output=out)
    out.write_text(result.text, encoding="utf-8")
    drafted = {r.id: r for r in read_pack(out)[1]}
    wanted = [r for r in read_pack(HUZHU_PACK)[1] if r.kind in ("metric", "count") and r.target is not None]
    key = lambda t: (t.op, t.value, t.unit, t.relative_to)  # noqa: E731
    hits = [r for r in wanted if r.id in drafted and drafted[r.id].target and key(drafted[r.id].target) == key(r.target)]
    return len(hits), len(wanted), sum(1 for r in hits if drafted[r.id].indicator == r.id)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", "--corpus", dest="corpus", default=str(ROOT / "bench" / "corpus"),
                    help="a folder with corpus/ and gold/plans.yaml (bench/corpus, bench/plans)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every target, not only the failures")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    gold = yaml.safe_load((corpus / "gold" / "plans.yaml").read_text(encoding="utf-8"))
    labelled = labelled_ids(corpus / "gold")
    bad = 0
    totals, kinds = [0] * 11, Counter()
    print(f"{'plan':10} {'gold':>5} {'recovered':>9} {'wrong':>6} {'missed':>6} {'false':>6} {'review':>7} "
          f"{'rules':>6} {'catalog':>7} {'links':>6}  check  time")
    with tempfile.TemporaryDirectory() as tmp:
        for plan, entries in sorted(gold.items()):
            t0 = time.perf_counter()
            doc = load_document(corpus / "corpus" / plan)
            kinds[outcome(doc.kind, doc.kind_certain)] += 1
            try:
                result = draft_pack(doc)
            except InputError as e:  # nothing to draft: every target missed, nothing false
                result, refused = DraftResult(text="", rules=[], warnings=[], meta={}), e.message
            else:
                refused = None
            s = score_plan(plan, entries, result, labelled)
            ok = refused is not None or reviewed_check(result.text, Path(tmp), Path(plan).stem)
            dt = time.perf_counter() - t0
            review = f"{s.review_recovered}/{s.review_gold}"
            catalog = sum(1 for r in result.rules if r.indicator)
            linkable = s.links_right + len(s.links_wrong) + len(s.links_missed)
            print(f"{plan:10} {s.gold:5} {len(s.recovered):9} {len(s.wrong):6} {len(s.missed):6} {len(s.false):6} "
                  f"{review:>7} {len(result.rules):6} {catalog:7} {f'{s.links_right}/{linkable}':>6}  {'-' if refused else 'ok' if ok else 'FAIL':5}  "
                  f"{dt:.2f}s")
            if refused:
                print(f"    refused: {refused}")
            for entry, g in s.links_wrong:
                print(f"    link:   {entry['phrase']}: labelled {entry.get('indicator') or '-'}, drafted {g.indicator}")
            for entry, g in s.links_missed:
                print(f"    link:   {entry['phrase']}: labelled {entry['indicator']}, drafted {g.rule_id} {g.name}")
            for entry, goals in s.wrong:
                got = "；".join(f"{g.op} {g.value:g} {g.unit}（{g.text}）" for g in goals if g.value is not None)
                print(f"    wrong:  {entry['phrase']}: {entry['op']} {entry['value']} {entry['unit']}  read: {got}")
            for entry, g in s.false:
                print(f"    false:  {entry['phrase']}: read {g.op} {g.value:g} {g.unit}（{g.text}） «{entry['quote']}»")
            for entry in s.missed:
                print(f"    missed: {entry['phrase']}: {entry['op']} {entry['value']} {entry['unit']}  «{entry['quote']}»")
            if args.verbose:
                for entry, g in s.recovered:
                    print(f"    ok:     {entry['phrase']}: {g.op} {g.value:g} {g.unit} -> {g.rule_id} {g.name}")
            bad += len(s.wrong) + len(s.missed) + len(s.false) + (not ok)
            for i, n in enumerate((s.gold, len(s.recovered), len(s.wrong), len(s.missed), len(s.false), s.review_recovered,
                                   s.review_gold, len(result.rules), catalog, s.links_right, linkable)):
                totals[i] += n
        got, want, linked = huzhu_line(Path(tmp))
    print(f"{'total':10} {totals[0]:5} {totals[1]:9} {totals[2]:6} {totals[3]:6} {totals[4]:6} "
          f"{totals[5]:>3}/{totals[6]:<3} {totals[7]:6} {totals[8]:7} {f'{totals[9]}/{totals[10]}':>6}")
    print(f"drafted rules referring to a catalog indicator: {totals[8]}/{totals[7]}")
    print(f"document kind: {kinds['refused']}/{len(gold)} plans read as a plan or scoring sheet, not an annual report "
          f"({kinds['uncertain']} uncertain: audited with a warning; {kinds['report']} read as annual reports)")
    print(f"Huzhu 2024 (seeds/workplans) against rules/qinghai/huzhu-2024.yaml: {got}/{want} numeric targets, "
          f"{linked}/{want} referring to their catalog indicator")
    bad += got != want
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
