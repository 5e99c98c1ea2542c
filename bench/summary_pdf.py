"""汇总.pdf for a large batch: CPU and wall of write_summary_pdf, medians of interleaved warm runs.

Builds N synthetic reports (bench/synth.py), scores them once (`auditor batch --no-pdf`), then renders the
summary PDF --runs times in a process whose PDF engine is warm. Target (issue 17): ≤ 5 s for 1,000 reports.

    .venv/bin/python bench/summary_pdf.py -n 1000 --runs 3
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

from auditor.batch.run import execute  # noqa: E402
from auditor.batch.summary_pdf import SUMMARY_PDF, summary_document, write_summary_pdf  # noqa: E402
from auditor.report import pdf  # noqa: E402

PACK = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="synthetic reports (default 1000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-summary-"))
    try:
        synth.write_corpus(tmp / "reports", args.n)
        res = execute(tmp / "reports", rules=[PACK], out=tmp / "out", jobs=args.jobs, pdf=False)
        s = res.summary
        pdf.warm_up()
        write_summary_pdf(s, tmp / "warm.pdf")
        cpu, wall = [], []
        for _ in range(args.runs):
            c, w = time.process_time(), time.perf_counter()
            write_summary_pdf(s, tmp / "out" / SUMMARY_PDF)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
        html, images = summary_document(s)
        from pypdf import PdfReader

        pages = len(PdfReader(str(tmp / "out" / SUMMARY_PDF)).pages)
        print(f"汇总.pdf for {len(s.ranked)} ranked of {args.n} reports ({len(s.groups)} groups), {args.runs} warm runs, "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"  CPU  median {statistics.median(cpu):.2f} s  (runs {', '.join(f'{x:.2f}' for x in cpu)})")
        print(f"  wall median {statistics.median(wall):.2f} s  (runs {', '.join(f'{x:.2f}' for x in wall)})")
        print(f"  HTML {len(html) // 1024} kB, {html.count('<tr')} table rows, {len(images)} matrix images "
              f"({sum(map(len, images.values())) // 1024} kB), pages {pages}")
        print(f"  target ≤ 5 s: {'met' if statistics.median(cpu) <= 5 else 'missed'} (CPU median)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
