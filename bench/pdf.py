"""PDF benchmark: warm and first PDFs, ours against the naive way, and what each part of the report costs.

    .venv/bin/python bench/pdf.py [--runs 3] [--no-naive] [--no-sections] [--summary-n 1000] [--new-reports 8]
                                  [--fonttools]

Over the seed reports (seeds/reports/*.txt), in this process after both sides were warmed up once:
  - ours (the shipped pre-subset font cut per document, the parsed stylesheet) against the naive way (the same
    HTML with the system Noto Sans CJK SC, WeasyPrint's defaults), interleaved per run (ours, naive, naive,
    ours, …), CPU and wall medians and the ratio;
  - the first PDF of each new report in this warm process (synthetic reports, bench/synth.py, each rendered once,
    then once more): the warm figure above re-renders the same four pages, which once hid a per-document cost;
  - the cost of each <section> of the gap report: the PDF with it left out, against the whole one;
  - the cost of each WeasyPrint phase (parse, styles, boxes, layout, draw, PDF objects) of the warm PDF.
In fresh processes (CPU of the process and its children, median of --runs), run as an installed copy runs: the
checkout's modules compiled to bytecode first, as pip does when it installs the wheel (with
PYTHONDONTWRITEBYTECODE=1 and no __pycache__, every fresh process would compile each module from source, ~0.2 s
that an installed copy never pays):
  - the first PDF of a process (imports, fonts and stylesheet included), and the first `auditor check --pdf`;
  - with --summary-n N: 汇总.pdf for N synthetic reports (bench/synth.py), and the cost of its sections.
"""
from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
AUDITOR = Path(sys.executable).with_name("auditor")
TARGETS = {"warm": 0.4, "first_check_pdf": 1.5, "summary": 5.0}
SECTION = re.compile(r"<section\b[^>]*>.*?</section>", re.S)

COLD = r"""
import json, resource, sys, time
c0 = time.process_time()
sys.path.insert(0, {root!r})
from auditor.report import render
c1 = time.process_time()
render.write_pdf_from_html({html!r}, {out!r})
c2 = time.process_time()
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{"import": c1 - c0, "first": c2 - c1, "children": kids.ru_utime + kids.ru_stime}}))
"""


def audits() -> list[tuple[str, object]]:
    from auditor.api import check

    seeds = sorted(glob.glob(str(ROOT / "seeds" / "reports" / "*.txt")))
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

    from auditor.report import pdf

    return HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.make_fetcher({})).write_pdf()


def timed(fn) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    c, t = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c, time.perf_counter() - t


def child_cpu(cmd: list[str]) -> tuple[float, float, str]:
    """(CPU of the child and its children, wall, stdout) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, res.stdout


def med(xs) -> float:
    return statistics.median(xs)


def compare(htmls, runs: int, naive: bool) -> None:
    from auditor.report import render

    ours_cpu, ours_wall, naive_cpu, naive_wall = [], [], [], []
    sides = [("ours", lambda h: render.pdf_bytes(h))] + ([("naive", lambda h: naive_pdf(naive_html(h)))] if naive else [])
    for _, fn in sides:  # warm both
        fn(htmls[0][1])
    print(f"{'报告':<28}{'本方案 CPU':>11}{'墙钟':>8}" + ("" if not naive else f"{'朴素 CPU':>10}{'墙钟':>8}{'倍数':>7}"))
    for name, html in htmls:
        o, n = [], []
        for i in range(runs):
            order = sides if i % 2 == 0 else sides[::-1]
            for side, fn in order:
                (o if side == "ours" else n).append(timed(lambda: fn(html)))
        ours_cpu += [c for c, _ in o]
        ours_wall += [w for _, w in o]
        line = f"{name:<28}{med(c for c, _ in o):>11.2f}{med(w for _, w in o):>8.2f}"
        if n:
            naive_cpu += [c for c, _ in n]
            naive_wall += [w for _, w in n]
            line += (f"{med(c for c, _ in n):>10.2f}{med(w for _, w in n):>8.2f}"
                     f"{med(c for c, _ in n) / med(c for c, _ in o):>7.1f}")
        print(line)
    print(f"本方案：预热后每份 PDF 中位 CPU {med(ours_cpu):.2f} s，墙钟 {med(ours_wall):.2f} s（{len(ours_cpu)} 次）"
          f"  [目标 CPU ≤ {TARGETS['warm']} s]")
    if naive_cpu:
        print(f"朴素做法（系统 Noto Sans CJK SC）：中位 CPU {med(naive_cpu):.2f} s，墙钟 {med(naive_wall):.2f} s；"
              f"倍数 CPU {med(naive_cpu) / med(ours_cpu):.1f}×，墙钟 {med(naive_wall) / med(ours_wall):.1f}×")


def new_reports(n: int, style: str) -> None:
    """CPU of the first PDF of each of n reports never rendered in this (warm) process, then of the same again."""
    import synth

    from auditor.api import check
    from auditor.report import render

    with tempfile.TemporaryDirectory() as d:
        synth.write_corpus(Path(d), n, seed=7, gbk_share=0.0, html_share=0.0)
        pages = [render.render_html(check(str(p), rules=[str(RULES)]), style=style)
                 for p in sorted(Path(d).glob("*.txt"))]
    first = [timed(lambda: render.pdf_bytes(h))[0] for h in pages]
    again = [timed(lambda: render.pdf_bytes(h))[0] for h in pages]
    print(f"新报告（预热进程中每份首次，合成报告 {len(pages)} 份）：中位 CPU {med(first):.2f} s"
          f"（最多 {max(first):.2f} s）；同样的报告再渲染一次：中位 {med(again):.2f} s"
          f"  [目标 CPU ≤ {TARGETS['warm']} s]")


def section_costs(pages: list[tuple[str, str]], render_pdf, runs: int, title: str) -> None:
    """CPU of the whole page minus the page without each <section> (interleaved, medians over pages and runs)."""
    costs: dict[str, list[float]] = {}
    whole_all = []
    for _, html in pages:
        secs = list(SECTION.finditer(html))
        variants = [("整份", html)] + [(_section_name(m.group(0), i), html[:m.start()] + html[m.end():])
                                      for i, m in enumerate(secs)]
        got: dict[str, list[float]] = {}
        for r in range(runs):
            for label, h in (variants if r % 2 == 0 else variants[::-1]):
                got.setdefault(label, []).append(timed(lambda: render_pdf(h))[0])
        whole = med(got["整份"])
        whole_all.append(whole)
        for label, xs in got.items():
            if label != "整份":
                costs.setdefault(label, []).append(whole - med(xs))
    print(f"{title}：整份中位 CPU {med(whole_all):.2f} s；各部分（去掉该部分后少用的 CPU，中位）：")
    for label, xs in sorted(costs.items(), key=lambda kv: -med(kv[1])):
        print(f"  {label:<24}{med(xs):>7.2f} s  {100 * med(xs) / med(whole_all):>4.0f}%")


PHASES = (("HTML 解析", "parse"), ("样式层叠", "styles"), ("盒子构建", "boxes"), ("排版", "layout"),
          ("绘制", "draw"), ("PDF 对象与字体", "pdf"), ("其余（字体表、写出与压缩）", "rest"))


def phase_costs(pages: list[tuple[str, str]], render_pdf, runs: int) -> None:
    """CPU of each WeasyPrint phase of a warm PDF (medians over pages and runs): the phases' functions are
    wrapped for the measurement only, in this process."""
    import weasyprint
    import weasyprint.document as wd

    spent: dict[str, float] = {}

    def timed_call(name, fn):
        def wrapper(*args, **kwargs):
            c = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - c
        return wrapper

    def timed_iter(name, fn):
        def wrapper(*args, **kwargs):
            it = fn(*args, **kwargs)
            while True:
                c = time.process_time()
                try:
                    item = next(it)
                except StopIteration:
                    spent[name] = spent.get(name, 0.0) + time.process_time() - c
                    return
                spent[name] = spent.get(name, 0.0) + time.process_time() - c
                yield item
        return wrapper

    saved = {n: getattr(wd, n) for n in ("get_all_computed_styles", "build_formatting_structure",
                                         "layout_document", "draw_page", "generate_pdf")}
    init = weasyprint.HTML.__init__
    wd.get_all_computed_styles = timed_call("styles", saved["get_all_computed_styles"])
    wd.build_formatting_structure = timed_call("boxes", saved["build_formatting_structure"])
    wd.layout_document = timed_iter("layout", saved["layout_document"])
    wd.draw_page = timed_call("draw", saved["draw_page"])
    wd.generate_pdf = timed_call("generate", saved["generate_pdf"])
    weasyprint.HTML.__init__ = timed_call("parse", init)
    rows: dict[str, list[float]] = {}
    try:
        for r in range(runs):
            for _, html in pages:
                spent.clear()
                total = timed(lambda: render_pdf(html))[0]
                got = dict(spent)
                got["pdf"] = got.pop("generate", 0.0) - got.get("draw", 0.0)
                got["rest"] = total - sum(got.values())
                got["total"] = total
                for k, v in got.items():
                    rows.setdefault(k, []).append(v)
    finally:
        for n, fn in saved.items():
            setattr(wd, n, fn)
        weasyprint.HTML.__init__ = init
    whole = med(rows["total"])
    print(f"差距报告各阶段（预热后，中位 CPU，整份 {whole:.2f} s）：")
    for label, key in PHASES:
        print(f"  {label:<26}{med(rows.get(key, [0.0])):>7.3f} s  {100 * med(rows.get(key, [0.0])) / whole:>4.0f}%")


def _section_name(block: str, i: int) -> str:
    m = re.search(r'class="([^"]+)"', block[:200])
    h = re.search(r"<h2[^>]*>(.*?)</h2>", block, re.S)
    name = (m.group(1) if m else f"section {i + 1}")
    return name + (f"（{re.sub('<[^>]+>', '', h.group(1))[:10]}）" if h else "")


def compile_checkout() -> str:
    """Bytecode for the checkout's modules, as an installed wheel has it (compileall writes it whatever
    PYTHONDONTWRITEBYTECODE says, and a fresh process reads it); what the fresh processes then run with."""
    import compileall

    ok = compileall.compile_dir(str(ROOT / "auditor"), quiet=1)
    return "字节码已编译（同安装后的副本）" if ok else "字节码编译失败，新进程从源码编译"


def cold(html: str, runs: int, style: Optional[str]) -> None:
    mode = compile_checkout()
    with tempfile.TemporaryDirectory() as d:
        code = COLD.format(root=str(ROOT), html=html, out=os.path.join(d, "cold.pdf"))
        rows = []
        for _ in range(runs):
            cpu, wall, out = child_cpu([sys.executable, "-c", code])
            rows.append((cpu, wall, json.loads(out.strip().splitlines()[-1])))
        seed = sorted(glob.glob(str(ROOT / "seeds" / "reports" / "*.txt")))[1]
        check = [str(AUDITOR), "check", seed, "--rules", str(RULES), "--pdf", os.path.join(d, "c.pdf"),
                 "--format", "json", "--fail-on", "never"] + (["--style", style] if style else [])
        checks = [child_cpu(check)[:2] for _ in range(runs)]
    print(f"新进程（{mode}）：")
    print(f"新进程首份 PDF：CPU 中位 {med(r[0] for r in rows):.2f} s（导入 {med(r[2]['import'] for r in rows):.2f}，"
          f"首份 {med(r[2]['first'] for r in rows):.2f}，子进程 {med(r[2]['children'] for r in rows):.2f}），"
          f"墙钟 {med(r[1] for r in rows):.2f} s")
    print(f"首次 auditor check --pdf（新进程，含读取与审核）：CPU 中位 {med(c for c, _ in checks):.2f} s，"
          f"墙钟 {med(w for _, w in checks):.2f} s  [目标 CPU ≤ {TARGETS['first_check_pdf']} s]")


def summary(n: int, runs: int, sections: bool) -> None:
    import synth

    from auditor.batch import summary_pdf
    from auditor.batch.run import execute
    from auditor.report import pdf, render

    with tempfile.TemporaryDirectory() as d:
        synth.write_corpus(Path(d) / "reports", n)
        res = execute(Path(d) / "reports", rules=[str(RULES)], out=Path(d) / "out", jobs=os.cpu_count() or 1,
                      pdf=False)
        s = res.summary
        html = [0.0]

        def whole():
            summary_pdf.summary_pdf_bytes(s)

        c = time.process_time()
        summary_pdf.summary_document(s)  # the HTML and the matrix images, alone
        html[0] = time.process_time() - c

        whole()  # warm
        got = [timed(whole) for _ in range(runs)]
        print(f"汇总.pdf（{len(s.ranked)} 份报告）：CPU 中位 {med(c for c, _ in got):.2f} s（其中 HTML {html[0]:.2f} s），"
              f"墙钟 {med(w for _, w in got):.2f} s  [目标 ≤ {TARGETS['summary']} s]")
        if sections:
            page, images = summary_pdf.summary_document(s)
            section_costs([("汇总", page)], lambda h: pdf.pdf_bytes(h, images=images), 1, "汇总.pdf")



def main() -> None:
    ap = argparse.ArgumentParser(description="PDF 基准：预热后与首份、本方案与朴素做法、各部分的开销")
    ap.add_argument("--runs", type=int, default=3, help="每份报告每种做法的计时次数（预热后，交替进行）")
    ap.add_argument("--no-naive", action="store_true", help="不测朴素做法")
    ap.add_argument("--no-sections", action="store_true", help="不测各部分的开销")
    ap.add_argument("--summary-n", type=int, default=0, help="测 N 份合成报告的 汇总.pdf（0：不测）")
    ap.add_argument("--new-reports", type=int, default=8,
                    help="另测 N 份从未渲染过的合成报告在预热进程中的首份 PDF（0：不测）")
    ap.add_argument("--style", default="gongwen", help="版式：gongwen（公文，默认）或 modern")
    ap.add_argument("--fonttools", action="store_true",
                    help="模拟没有 libharfbuzz-subset 的机器：WeasyPrint 改用 fontTools 子集化（仅本进程）")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    import warnings

    warnings.simplefilter("ignore")
    from auditor.report import fonts, pdf, render

    fonts.prepare()
    pdf.load_weasyprint()
    import weasyprint.pdf.fonts as wp_fonts

    if args.fonttools:
        wp_fonts.harfbuzz_subset = None
    print(f"HarfBuzz-Subset：{'有' if wp_fonts.harfbuzz_subset is not None else '无（fontTools 子集化）'}；"
          f"负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")
    try:
        htmls = [(name, render.render_html(a, style=args.style)) for name, a in audits()]
    except TypeError:  # a tree from before the layouts (A/B runs against an older checkout)
        htmls = [(name, render.render_html(a)) for name, a in audits()]
        args.style = "modern（旧版）"
    print(f"版式：{args.style}")
    cold(htmls[0][1], args.runs, args.style if args.style in ("gongwen", "modern") else None)
    compare(htmls, args.runs, not args.no_naive)
    if args.new_reports:
        new_reports(args.new_reports, args.style if args.style in ("gongwen", "modern") else "gongwen")
    if not args.no_sections:
        section_costs(htmls, render.pdf_bytes, args.runs, "差距报告")
        phase_costs(htmls, render.pdf_bytes, args.runs)
    if args.summary_n:
        summary(args.summary_n, args.runs, not args.no_sections)
    print(f"负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")


if __name__ == "__main__":
    main()
