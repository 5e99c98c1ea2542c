"""The terminal view of one audit: the quick check before submission."""
from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .advice import advice
from .view import shown_note
from ..cjkwrap import cell_width, wrap
from .vocab import (
    ALERT_LABELS, STATUS_LABELS, SYMBOLS, TERMINAL_STYLES as STYLE, clause_full, clause_text, finding_label, finding_value,
    fmt_score, gaps, level_label, target_text,
)
from ..models import Audit, Finding

QUOTE_CHARS = 120
INDENT = 6  # where a gap's lines start after its number


def _status(f: Finding) -> str:
    st = STYLE[f.status]
    return f"[{st}]{SYMBOLS[f.status]} {escape(finding_label(f))}[/{st}]"


def _lines(c: Console, text: str, indent: int, first: str = "", first_cells: int = 0, style: str = "") -> None:
    """`text` wrapped to the console with a hanging indent; `first` (markup, `first_cells` wide) before its
    first line. Wrapped here (cjkwrap), not by rich: rich would start continuation lines at column 0."""
    width = max(20, (c.width or 80) - 1)
    lines = wrap(text, width - indent) if text else [""]
    if first_cells and first_cells + cell_width(lines[0]) > width:
        # the first line is shorter: it shares its row with the status
        head = wrap(text, width - first_cells)[0]
        lines = [head] + wrap(text[len(head):].lstrip(), width - indent) if text[len(head):].strip() else [head]
    for i, line in enumerate(lines):
        body = escape(line)
        if style:
            body = f"[{style}]{body}[/{style}]"
        if i == 0 and first_cells:
            c.print(first + body, soft_wrap=True)
        else:
            c.print(" " * indent + body, soft_wrap=True)


def _print_alerts(c: Console, audit: Audit) -> None:
    for a in sorted(audit.alerts, key=lambda a: a.severity != "error"):
        style = "bold red" if a.severity == "error" else "yellow"
        label = ALERT_LABELS.get(a.severity, a.severity) + "："
        _lines(c, a.message, 2, f"[{style}]{label}[/{style}]", cell_width(label), style)


def _print_gap(c: Console, no: int, f: Finding) -> None:
    prefix = f"{no:>4}. "
    status = f"{SYMBOLS[f.status]} {finding_label(f)}  "
    _lines(c, f.name, INDENT, prefix + _status(f) + "  ", cell_width(prefix + status))
    facts = [f"目标：{target_text(f.target, f.tailored)}" if f.target else "",
             f"报告值：{finding_value(f)}" if f.value is not None else "",
             f"依据：{clause_full(f.source, f.clause)}" if f.clause else ""]
    _lines(c, "；".join(x for x in facts if x), INDENT)
    if f.evidence:
        e = f.evidence[0]
        page = f"（第{e.page}页）" if e.page else ""
        more = "…" if len(e.quote) > QUOTE_CHARS else ""
        _lines(c, f"原文{page}：“{e.quote[:QUOTE_CHARS]}{more}”", INDENT, style="dim")
    text = advice(f)
    note = shown_note(f, text)
    if note:
        _lines(c, f"说明：{note}", INDENT)
    if text:
        _lines(c, f"建议：{text}", INDENT)


def print_audit(audit: Audit, console: Console | None = None, elapsed: float | None = None) -> None:
    c = console or Console(highlight=False)
    d = audit.document
    head = " · ".join(x for x in (d.jurisdiction or "（未识别地区）", level_label(d.level),
                                  f"{d.year}年度" if d.year else "（未识别年度）") if x)
    c.print(f"[bold]法治报告审核[/bold]  {escape(head)}")
    _print_alerts(c, audit)  # before anything else: the audit may not mean what it seems
    _lines(c, f"文件：{d.path}" + ("（繁体报告，引文保留原文）" if d.script == "traditional" else ""), 2)
    if d.title:
        _lines(c, f"标题：{d.title}", 2)
    for p in audit.packs:
        _lines(c, f"规则包：{p.title}" + (f"（{p.source}）" if p.source else "") + ("  草稿，未经审核" if p.draft else ""), 2)
    counts = audit.counts()
    line = "  ".join(f"[{STYLE[s]}]{SYMBOLS[s]} {STATUS_LABELS[s]} {n}[/{STYLE[s]}]" for s, n in counts.items())
    score = f"[bold]得分：{fmt_score(audit.score)} / 100[/bold]"
    if audit.score_before_waivers != audit.score:
        score += f"（豁免前 {fmt_score(audit.score_before_waivers)}）"
    c.print(score)
    c.print(line)
    for w in audit.expired_waivers:
        c.print(f"[yellow]注意：规则“{escape(w.rule_id)}”的豁免已于 {w.expires} 到期，不再适用[/yellow]")

    parts = [f for f in audit.findings if f.kind == "part"]
    if parts:
        c.print("\n[bold]报告组成部分[/bold]")
        for f in parts:
            where = f.evidence[0].quote[:40] if f.evidence else ""
            label = f"{SYMBOLS[f.status]} {finding_label(f)}  "
            _lines(c, f.name + (f"（{where}）" if where else ""), 4, "  " + _status(f) + "  ", 2 + cell_width(label))

    todo = gaps(audit.findings)  # parts included: a missing part is the gravest gap
    if todo:
        c.print(f"\n[bold]需要处理的问题（{len(todo)} 项，按重要性）[/bold]")
        for no, f in enumerate(todo, 1):
            _print_gap(c, no, f)

    narrow = (c.width or 80) < 100  # at 80 columns the clause column would squeeze the names
    table = Table(title="全部检查项", show_lines=False, header_style="bold", expand=False)
    for col in ("状态", "规则", "目标", "报告值") + (() if narrow else ("依据",)):
        table.add_column(col, overflow="fold")
    for f in audit.findings:
        cells = [_status(f), escape(f.name), escape(target_text(f.target, f.tailored)), escape(finding_value(f))]
        table.add_row(*cells, *(() if narrow else (escape(clause_text(f.clause)),)))
    c.print()
    c.print(table)
    if elapsed is not None:
        c.print(f"[dim]用时 {elapsed:.2f} 秒[/dim]")


# ---------------------------------------------------------------- batch

class BatchProgress:
    """Shows a running batch: with --format json each result as one line on stdout, else a progress bar
    on stderr (when it is a terminal). Call it with the batch's events."""

    def __init__(self, json_lines: bool, bar: bool | None = None, stdout=None):
        self.json_lines = json_lines
        self.stdout = stdout or sys.stdout
        self.show = (not json_lines and sys.stderr.isatty()) if bar is None else bar
        self.bar = None
        self.task = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, event) -> None:
        kind = event.kind
        if kind == "result" and self.json_lines:
            self.stdout.write(event.line + "\n")
            self.stdout.flush()
        elif kind == "planned" and self.show and event.total:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn("[bold]批量审核[/bold]"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[note]}"), TimeElapsedColumn(), TextColumn("剩余"),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("audit", total=event.total, note="")
            self.bar.start()
        elif self.bar is not None:
            if kind == "advance":
                self.bar.update(self.task, advance=1, note=escape(event.note[:24]))
            elif kind == "pause":
                self.bar.stop()  # no live refresh thread while forking
            elif kind == "resume":
                self.bar.start()


RANKING_SHOWN = 5


def print_batch_summary(res, echo=print) -> None:
    """What the batch did, its errors, the top and bottom of the ranking and where the results are."""
    from ..batch.run import SUMMARY_FILES

    s = res.summary
    echo(f"完成：共 {len(s.result.reports) + len(s.read_errors)} 份报告，本次审核 {res.audited} 份，"
         f"跳过 {res.skipped} 份（输入和规则均未变化），无法读取 {len(s.read_errors)} 份；用时 {res.seconds:.1f} 秒")
    for e in res.errors[:20]:
        echo(f"  {e.stage}失败：{e.rel}：{e.message}")
    if len(res.errors) > 20:
        echo(f"  ……另有 {len(res.errors) - 20} 个错误，见 汇总.xlsx 的“无法读取”表")
    for note in res.notices:
        echo(f"注意：{note}")
    if s.duplicates:
        echo(f"注意：{len(s.duplicates)} 份报告与其他报告重复（内容相同，或同一地区同一年度），只排名一次，见 汇总.xlsx 的“重复”表")
    if getattr(s, "trend", None) is not None:  # several years of a jurisdiction (compare/fleet.py)
        echo(f"趋势：{len(s.trend.comparisons)} 个地区有两个或以上年度的报告，逐年得分、主要指标和上年安排的落实情况"
             f"见 汇总.xlsx 的“趋势”表" + ("和 汇总.pdf" if res.pdf else ""))
    warned = sum(1 for _, r in s.ranked if r.row.errors)
    if warned:
        echo(f"警示：{warned} 份报告的审核结果附有警示（规则包可能不适用等），见 汇总.xlsx 的“警示”列")
    if s.ranked:
        _print_ranking(s, echo)
    names = [n for n in SUMMARY_FILES if res.pdf or not n.endswith(".pdf")]
    echo(f"结果：{res.out}{os.sep}（{'、'.join(names)}，以及每份报告的 JSON" + (" 和 PDF）" if res.pdf else "）"))


def _print_ranking(s, echo) -> None:
    def line(rank, r):
        d = r.row
        return f"  {rank:>4}. {d.jurisdiction or r.rel}  {fmt_score(r.score)} 分"

    for label, ranked in s.groups:
        echo(f"排名（{label}，{len(ranked)} 份）：")
        if len(ranked) <= 2 * RANKING_SHOWN:
            shown = [ranked]
        else:
            shown = [ranked[:RANKING_SHOWN], ranked[-RANKING_SHOWN:]]
        for i, part in enumerate(shown):
            if i:
                echo("     ……")
            for rank, r in part:
                echo(line(rank, r))
