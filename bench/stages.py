#!/usr/bin/env python3
"""Where one worker's per-report CPU goes, stage by stage, on synthetic reports (bench/synth.py) or a folder.

    .venv/bin/python bench/stages.py [-n 300] [--dir FOLDER] [--rounds 3] [--profile]

Runs the per-report path of a batch worker (read -> identify -> outline -> text -> extract -> evaluate ->
JSON dict -> trend digest -> JSON text -> row -> 明细 lines) in this process, CPU time (process_time) per stage,
the median over --rounds passes after a warm-up pass. --profile: cProfile of one pass, top functions.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"


def one_pass(data, job, acc, clock=time.process_time):
    from auditor.applicability import pack_alerts, refuse_if_not_report
    from auditor.batch.details import detail_lines
    from auditor.batch.rows import ReportRow
    from auditor.compare.commitments import digest
    from auditor.evaluate import evaluate
    from auditor.extract import extract
    from auditor.load import document_from_raw
    from auditor.outline import build_outline
    from auditor.readers import read_raw
    from auditor.report.json import audit_dict, compact_utf8
    from auditor.text import Text
    from dataclasses import replace

    for name, b in data:
        t = clock()
        raw = read_raw(name, b)
        t1 = clock(); acc["read"] += t1 - t; t = t1
        doc = document_from_raw(name, raw)
        t1 = clock(); acc["load+identify"] += t1 - t; t = t1
        kind = refuse_if_not_report(doc, False)
        outline = build_outline(doc)
        t1 = clock(); acc["outline"] += t1 - t; t = t1
        text = Text(doc, outline)
        text.quantities
        t1 = clock(); acc["quantities"] += t1 - t; t = t1
        facts = extract(doc, outline, job.ruleset.rules, text)
        t1 = clock(); acc["extract"] += t1 - t; t = t1
        audit = evaluate(doc, outline, facts, job.ruleset, text, job.waivers, job.today)
        audit = replace(audit, alerts=audit.alerts + kind + pack_alerts(doc, job.ruleset))
        t1 = clock(); acc["evaluate"] += t1 - t; t = t1
        d = audit_dict(audit)
        t1 = clock(); acc["audit_dict"] += t1 - t; t = t1
        d["trend"] = digest(audit, job.ruleset)
        t1 = clock(); acc["digest"] += t1 - t; t = t1
        compact_utf8(d)  # the JSON file as the batch worker writes it
        t1 = clock(); acc["json"] += t1 - t; t = t1
        row = ReportRow.from_audit_dict(d)
        detail_lines(row)
        t1 = clock(); acc["row+details"] += t1 - t; t = t1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    from auditor.batch.worker import Job, warm
    from auditor.packs.loader import load_rules

    if args.dir:
        files = sorted(p for p in args.dir.iterdir() if p.is_file())[: args.n]
    else:
        import synth

        folder = Path(tempfile.mkdtemp(prefix="auditor-stages-"))
        synth.write_corpus(folder, args.n)
        files = sorted(folder.iterdir())
    data = [(p.name, p.read_bytes()) for p in files]
    job = Job(load_rules([str(RULES)]))
    warm(False)
    one_pass(data, job, defaultdict(float))
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        one_pass(data, job, defaultdict(float), clock=lambda: 0.0)
        prof.disable()
        st = pstats.Stats(prof)
        st.sort_stats("tottime").print_stats(45)
        st.sort_stats("cumulative").print_stats(60)
        return 0
    rounds = []
    for _ in range(args.rounds):
        acc = defaultdict(float)
        one_pass(data, job, acc)
        rounds.append(acc)
    n = len(data)
    total = statistics.median(sum(r.values()) for r in rounds)
    print(f"{n} reports, median of {args.rounds} passes: {1000 * total / n:.2f} ms CPU per report")
    for stage in rounds[0]:
        ms = 1000 * statistics.median(r[stage] for r in rounds) / n
        print(f"  {stage:14s} {ms:6.2f} ms  {100 * ms / (1000 * total / n):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
