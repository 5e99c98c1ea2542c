"""PDF rendering benchmark: the shipped pre-subset font vs the system CJK font.

    .venv/bin/python bench/pdf.py [--runs N] [--naive-runs M] [--no-naive]

Prints, over the seed reports (seeds/reports/*.txt):
  - the cold cost of the first PDF in a fresh process (imports included),
  - the median (and min) warm time per PDF with the shipped font,
  - the same HTML rendered the naive way (font-family "Noto Sans CJK SC", no pre-subset
    font), measured in the same run, and the ratio.
"""
from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"

COLD = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from auditor.report import render
t1 = time.perf_counter()
render.write_pdf_from_html({html!r}, {out!r})
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first": t2 - t1}}))
"""


def audits() -> list[tuple[str, object]]:
    """(name, Audit) for each seed report; the test factory if the evaluator is missing."""
    seeds = sorted(glob.glob(str(ROOT / "seeds" / "reports" / "*.txt")))
    try:
        from auditor.api import check
    except ImportError:
        check = None
    if check is None or not RULES.exists():
        sys.path.insert(0, str(ROOT / "tests"))
        from audit_factory import make_audit

        print("（评估器或规则包不可用：使用测试工厂生成的审核结果）")
        return [("factory", make_audit()), ("factory-40", make_audit(many=40))]
    return [(Path(p).name, check(p, rules=[str(RULES)])) for p in seeds]


def naive_html(html: str) -> str:
    """The same page with the system fonts only: no pre-subset family anywhere."""
    from auditor.report import fonts

    for family in sorted({f.family for f in fonts.FACES.values()}):
        system = next(f for f in fonts.FACES.values() if f.family == family).fallbacks[0]
        html = (html.replace(f'"{family}", ', "").replace(f"'{family}', ", "")
                .replace(f'"{family}"', f'"{system}"'))
    return html


def naive_pdf(html: str) -> bytes:
    from weasyprint import HTML

    from auditor.report import render

    return HTML(string=html, base_url=render.BASE_URL, url_fetcher=render.make_fetcher({})).write_pdf()


def page_count(pdf: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


CPU: list[float] = []  # CPU seconds of every timed run: steadier than wall time on a shared machine


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        out.append(time.perf_counter() - t)
        CPU.append(time.process_time() - c)
    return out


def cold(html: str) -> dict:
    with tempfile.TemporaryDirectory() as d:
        code = COLD.format(root=str(ROOT), html=html, out=os.path.join(d, "cold.pdf"))
        t = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t
    data = json.loads(res.stdout.strip().splitlines()[-1])
    data["process"] = wall
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description="PDF 渲染基准：预子集字体 vs 系统字体")
    ap.add_argument("--runs", type=int, default=3, help="每份报告的计时次数（预热后）")
    ap.add_argument("--naive-runs", type=int, default=1, help="朴素做法每份报告的计时次数（很慢）")
    ap.add_argument("--no-naive", action="store_true", help="不测朴素做法")
    ap.add_argument("--style", default="gongwen", help="版式：gongwen（公文，默认）或 modern")
    ap.add_argument("--fonttools", action="store_true",
                    help="模拟没有 libharfbuzz-subset 的机器：WeasyPrint 改用 fontTools 子集化")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    import warnings

    warnings.simplefilter("ignore")

    from auditor.report import fonts, render

    fonts.prepare()
    import weasyprint.pdf.fonts as wp_fonts

    if args.fonttools:
        wp_fonts.harfbuzz_subset = None  # this process only; the cold run below is unaffected
    harfbuzz_subset = wp_fonts.harfbuzz_subset

    items = audits()
    try:
        htmls = [(name, render.render_html(a, style=args.style)) for name, a in items]
    except TypeError:  # a tree from before the layouts (A/B runs against an older checkout)
        htmls = [(name, render.render_html(a)) for name, a in items]
        args.style = "modern（旧版）"
    print(f"版式：{args.style}")
    c = cold(htmls[0][1])
    print(f"HarfBuzz-Subset：{'有' if harfbuzz_subset is not None else '无（WeasyPrint 用 fontTools 子集化）'}"
          + ("（--fonttools 模拟）" if args.fonttools else ""))
    print(f"冷启动（新进程）：导入 {c['import']:.2f}s，首份 PDF {c['first']:.2f}s，进程合计 {c['process']:.2f}s")

    render.pdf_bytes(htmls[0][1])  # warm this process
    ours_all, naive_all, ours_cpu = [], [], []
    print(f"{'报告':<28}{'页数':>4}{'本方案中位':>10}{'最小':>8}" + ("" if args.no_naive else f"{'朴素中位':>10}{'倍数':>8}"))
    for name, html in htmls:
        pages = page_count(render.pdf_bytes(html))
        ours = timed(lambda: render.pdf_bytes(html), args.runs)
        ours_cpu += CPU[-args.runs:]
        ours_all += ours
        line = f"{name:<28}{pages!s:>4}{statistics.median(ours):>10.2f}{min(ours):>8.2f}"
        if not args.no_naive:
            nh = naive_html(html)
            naive = timed(lambda: naive_pdf(nh), args.naive_runs)
            naive_all += naive
            line += f"{statistics.median(naive):>10.2f}{statistics.median(naive) / statistics.median(ours):>8.1f}"
        print(line)
    mo = statistics.median(ours_all)
    print(f"本方案：每份 PDF 中位 {mo:.2f}s（预热后，{len(ours_all)} 次）；CPU 时间中位 {statistics.median(ours_cpu):.2f}s")
    if naive_all:
        mn = statistics.median(naive_all)
        print(f"朴素做法（系统 Noto Sans CJK SC）：每份 PDF 中位 {mn:.2f}s（{len(naive_all)} 次）；倍数 {mn / mo:.1f}×")


if __name__ == "__main__":
    main()
