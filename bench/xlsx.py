#!/usr/bin/env python3
"""汇总.xlsx: xlsxwriter (what the batch uses) against openpyxl, on large batches.

    .venv/bin/python bench/xlsx.py [-n 1000 10000] [--runs 3]

Builds a batch Summary of N reports from the seed audits (rows copied with other county names, years and
scores, so the ranking, the groups and the duplicates are real work), then writes the same workbook both ways:
tables.xlsx_bytes (xlsxwriter, in memory, as shipped) and an openpyxl write-only workbook with the same sheets,
cells, number formats, fills and links. Prints the median seconds, CPU seconds, the file size and the ratio.
openpyxl is a test dependency only (tests read the workbook back with it).
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RULES = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
SYLLABLES = "安平宁和清河东西南北山水阳城江湖林源丰泰兴隆福康永昌华明德新乐金石云龙凤岭川溪桥梁松柏"


def summary(n: int):
    from auditor import api
    from auditor.batch.rows import BatchResult, Report, ReportRow
    from auditor.batch.stats import Summary
    from auditor.packs.loader import load_rules
    from auditor.report.json import audit_dict

    rows = [ReportRow.from_audit_dict(audit_dict(api.check(str(p), rules=[str(RULES)])))
            for p in sorted((ROOT / "seeds" / "reports").glob("*.txt"))]
    rng = random.Random(n)
    result = BatchResult(pdf=True)
    for i in range(n):
        base = rows[i % len(rows)]
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)) + rng.choice("县区市")
        row = replace(base, jurisdiction=name, year=rng.choice((2023, 2024)), score=round(rng.uniform(30, 98), 1))
        result.reports.append(Report(f"报告/{i:05d}.txt", f"{name}-{i}", row, pdf=True, sha256=f"{i:064x}"))
    return Summary(result, load_rules([str(RULES)]), ROOT / "报告", date(2025, 4, 1))


def openpyxl_bytes(s) -> bytes:
    """The workbook tables.xlsx_bytes writes, with openpyxl's fastest (write-only) mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.properties import PageSetupProperties

    from auditor.batch import tables
    from auditor.report.vocab import FILLS, STATUSES

    wb = Workbook(write_only=True)
    fills = {st: PatternFill("solid", fgColor=c) for st, c in FILLS.items()}
    bold, link = Font(bold=True), Font(color="1F5FA8", underline="single")

    def sheet(name, head):
        ws = wb.create_sheet(name)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        ws.freeze_panes = "A2"
        cells = []
        for h in head:
            c = WriteOnlyCell(ws, value=h)
            c.font = bold
            cells.append(c)
        ws.append(cells)
        return ws

    ws = sheet("汇总", tables.headers(s))
    for r, row, found in tables.summary_rows(s):
        cells = [WriteOnlyCell(ws, value=v) for v in row]
        for f, m in zip(found, s.indicators):
            v = tables._indicator_value(f)
            c = WriteOnlyCell(ws, value=v / 100 if m.unit == "%" and isinstance(v, float) else v)
            if m.unit == "%" and isinstance(v, float):
                c.number_format = "0.0#%"
            if f is not None and f.status in fills:
                c.fill = fills[f.status]
            cells.append(c)
        cells.append(WriteOnlyCell(ws, value=r.rel))
        c = WriteOnlyCell(ws, value=tables.result_file(r))
        c.hyperlink, c.font = tables.result_file(r), link
        cells.append(c)
        ws.append(cells)
    ws = sheet("明细", tables.FINDING_HEAD)
    for r in sorted((r for _, r in s.ranked), key=lambda r: r.rel):
        for f in r.row.findings:
            status = WriteOnlyCell(ws, value=f.label)
            if f.status in fills:
                status.fill = fills[f.status]
            ws.append([r.name, r.row.jurisdiction or "", f.id, f.name, status,
                       f.value_text if f.value is not None else "", f.target or "", f.quote])
    ws = sheet("重复", ["文件", "地区", "年度", "与之重复、参与排名的文件", "原因"])
    for d, kept, why in s.duplicates:
        ws.append([d.rel, d.row.jurisdiction or "", d.row.year or "", kept.rel, why])
    ws = sheet("无法读取", tables.ERROR_HEAD)
    for e in s.errors:
        ws.append([e.rel, e.stage, e.error_type, e.message])
    ws = sheet("说明", ["项目", "内容"])
    for st in STATUSES:
        ws.append([st])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(fn, runs: int) -> tuple[float, float, int]:
    walls, cpus, size = [], [], 0
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        size = len(fn())
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), size


def main() -> None:
    ap = argparse.ArgumentParser(description="汇总.xlsx：xlsxwriter 与 openpyxl 的写出速度")
    ap.add_argument("-n", type=int, nargs="+", default=[1000, 10000], help="报告份数（可多个）")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from auditor.batch import tables

    print(f"{'报告数':>8}{'明细行':>10}{'xlsxwriter':>12}{'CPU':>8}{'大小':>9}{'openpyxl':>12}{'CPU':>8}{'大小':>9}{'倍数':>7}")
    for n in args.n:
        s = summary(n)
        detail = sum(len(r.row.findings) for _, r in s.ranked)
        xw, xc, xs = timed(lambda: tables.xlsx_bytes(s), args.runs)
        ow, oc, os_ = timed(lambda: openpyxl_bytes(s), args.runs)
        print(f"{n:>8}{detail:>10}{xw:>11.2f}s{xc:>7.2f}s{xs / 1e6:>7.1f}MB{ow:>11.2f}s{oc:>7.2f}s{os_ / 1e6:>7.1f}MB"
              f"{oc / xc:>6.1f}×")
    print("倍数：openpyxl 与 xlsxwriter 的 CPU 时间之比（>1 即 xlsxwriter 更快）；时间为中位数。")


if __name__ == "__main__":
    main()
