#!/usr/bin/env python3
"""Audit time on hostile report texts of 20, 80 and 320 kB: every reading step must stay linear.

    .venv/bin/python bench/adversarial.py [--sizes 20,80,320] [--repeat 3]

Texts: a run of 亿; Chinese numerals without a unit; one unbroken sentence full of alias hits of many rules;
digits without a unit and 400 nines before %; one sentence of counts of activities; a real report body repeated.
Prints the median audit time per size and the ratio to the smallest size (linear: ratio ≈ size ratio),
and fails (exit 1) when 320 kB takes 5 s or more or growth is clearly worse than linear.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.load import document_from_raw  # noqa: E402
from auditor.models import RawText  # noqa: E402
from auditor.packs import load_rules  # noqa: E402
from auditor.pipeline import audit_document  # noqa: E402

HEAD = "某县2024年度法治政府建设情况报告\n一、主要举措和成效\n"
SEED = (ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt").read_text(encoding="utf-8")
PATTERNS = {
    "亿 run": "亿",
    "numerals, no unit": "一二三四五六七八九十百千万",
    "alias hits, one sentence": "行政机关负责人出庭应诉率法治专题讲座学法用法考试案卷评查旁听庭审宣讲授课重大行政决策事项目录、",
    "digits, no unit": "1234567890" * 3 + "、",
    "nines before %": "9" * 400 + "%",
    "counts, one sentence": "举办法治讲座3次、开展执法培训2期、评查案卷5轮、",
    "real report, repeated": SEED,
}


def text_of(pattern: str, kb: int) -> str:
    n = kb * 1000 // (len(pattern.encode("utf-8")) or 1) + 1
    return HEAD + (pattern * n)[: kb * 1000 // 3]


def audit_time(text: str, ruleset, repeat: int) -> float:
    doc = document_from_raw("adversarial.txt", RawText(text=text, format="txt"))
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        audit_document(doc, ruleset)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,80,320")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    ruleset = load_rules([str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")])
    print(f"{'text':26s}" + "".join(f"{f'{kb} kB':>10s}" for kb in sizes) + f"{'ratio':>8s}")
    ok = True
    for name, pattern in PATTERNS.items():
        times = [audit_time(text_of(pattern, kb), ruleset, args.repeat) for kb in sizes]
        ratio = times[-1] / max(times[0], 1e-3)
        print(f"{name:26s}" + "".join(f"{t:9.2f}s" for t in times) + f"{ratio:8.1f}")
        size_ratio = sizes[-1] / sizes[0]
        if (sizes[-1] >= 320 and times[-1] >= 5.0) or (times[-1] > 0.5 and ratio > 2.5 * size_ratio):
            ok = False
    print(f"(size ratio {sizes[-1] / sizes[0]:.0f}; linear growth keeps the time ratio near it)")
    print("linear, 320 kB under 5 s" if ok else "NOT LINEAR or too slow")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
