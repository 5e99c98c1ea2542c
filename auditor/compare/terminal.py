"""The terminal view of a comparison: score by year, indicators by year with the change, gaps that opened or
closed, and last year's plan against this year's report. Labels and styles from report/vocab.py."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..report.vocab import LEVEL_LABELS, STATUS_LABELS, SYMBOLS, TERMINAL_STYLES as STYLE, fmt_score
from .model import PROMISE_COLOR_OF, PROMISE_LABELS, PROMISE_STATUSES, Comparison
from .view import change_text, shown

QUOTE_CHARS = 60


def _cell(p) -> str:
    if p is None:
        return "[dim]—[/dim]"
    st = STYLE.get(p.status, "")
    return f"[{st}]{SYMBOLS.get(p.status, '')} {escape(p.value_text)}[/{st}]" if st else escape(p.value_text)


def _change(c) -> str:
    text = escape(change_text(c))
    if c is None or c.better is None or not text:
        return text
    return f"[green]{text}[/green]" if c.better else f"[bold red]{text}[/bold red]"


def _short(s: str, n: int = QUOTE_CHARS) -> str:
    return s if len(s) <= n else s[:n] + "…"


def print_comparison(cmp: Comparison, console: Console | None = None) -> None:
    c = console or Console(highlight=False)
    s = cmp.series
    years = s.years
    last = s.last
    head = " · ".join(x for x in (s.label, LEVEL_LABELS.get(last.level or "", ""),
                                  f"行政区划代码 {last.division_code}" if last.division_code else "") if x)
    c.print(f"[bold]法治报告年度比较[/bold]  {escape(head)}")
    c.print(f"年度：{years[0]}—{years[-1]}，{len(s.reports)} 份报告" +
            (f"  [yellow]缺少 {'、'.join(map(str, s.gaps))} 年度的报告[/yellow]" if s.gaps else ""))
    for n in s.notes:
        c.print(f"[yellow]注意：{escape(n)}[/yellow]")
    for d in s.duplicates:
        c.print(f"[yellow]重复：{escape(d.report.file)} 与 {escape(d.kept.file)} 同为 {d.report.year} 年度的报告，"
                f"比较时只使用 {escape(d.kept.file)}[/yellow]")
    scores = "  ".join(f"{y}：{fmt_score(cmp.scores[y])}" if y in cmp.scores else f"{y}：—" for y in years)
    delta = cmp.score_change()
    c.print(f"[bold]得分[/bold]  {scores}" + (f"  （首末年度 {'+' if delta > 0 else ''}{fmt_score(delta)} 分）"
                                               if delta is not None else ""))

    gaps = [("新出现", t, ch) for t, ch in cmp.new_gaps()] + [("已解决", t, ch) for t, ch in cmp.closed_gaps()]
    if gaps:
        c.print("\n[bold]新出现和已解决的问题[/bold]")
        for word, t, ch in gaps:
            style = "bold red" if word == "新出现" else "green"
            # the verdict before the name: a long part name then wraps at the end of the line, not mid-line
            c.print(f"  [{style}]{word}[/{style}]  {ch.from_year}→{ch.to_year}  "
                    f"{STATUS_LABELS.get(ch.status_from, '')} → {STATUS_LABELS.get(ch.status_to, '')}  "
                    f"{escape(t.name)}")

    table = Table(title="各项指标逐年对比", header_style="bold", expand=False)
    table.add_column("规则", overflow="fold")
    for y in years:
        table.add_column(str(y), overflow="fold")
    table.add_column("变化", overflow="fold")
    for t in cmp.trends:
        if shown(t):
            table.add_row(escape(t.name), *[_cell(t.points.get(y)) for y in years], _change(t.last_change))
    c.print()
    c.print(table)

    if cmp.promises:
        c.print("\n[bold]上一年度安排的落实情况[/bold]")
        for y in sorted({p.planned_year for p in cmp.promises}):
            counts = cmp.promise_counts(y + 1)
            c.print(f" {y} 年度报告中的 {y + 1} 年安排：" + "  ".join(
                f"[{STYLE[PROMISE_COLOR_OF[st]]}]{PROMISE_LABELS[st]} {counts[st]}[/{STYLE[PROMISE_COLOR_OF[st]]}]"
                for st in PROMISE_STATUSES))
            for p in (p for p in cmp.promises if p.planned_year == y):
                st = STYLE[PROMISE_COLOR_OF[p.status]]
                c.print(f"   [{st}]{p.label}[/{st}]  {escape(_short(p.commitment.quote))}")
                if p.quote:
                    c.print(f"      [dim]{p.checked_year}年：“{escape(_short(p.quote, 90))}”[/dim]")
                if p.note:
                    c.print(f"      说明：{escape(p.note)}")
