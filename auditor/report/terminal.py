"""The terminal view of one audit: the quick check before submission."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..models import LEVEL_LABELS, STATUS_LABELS, STATUS_SEVERITY, Audit, Finding

STYLE = {"met": "green", "not_met": "bold red", "not_reported": "yellow", "review": "magenta", "waived": "dim"}
ICON = {"met": "✔", "not_met": "✘", "not_reported": "○", "review": "?", "waived": "–"}


def value_text(f: Finding) -> str:
    v = f.value
    if v is None:
        return "—"
    if v == "mentioned":
        return "已提及"
    if v in ("present", "partial", "absent"):
        return {"present": "单独成部分", "partial": "仅在其他部分提及", "absent": "缺失"}[v]
    if isinstance(v, float):
        text = f"{v:g}{f.unit or ''}"
        if f.derived:
            text += "（推算）"
        if f.alternatives:
            text += " 或 " + "、".join(f"{a:g}{f.unit or ''}" for a in f.alternatives)
        return text
    return str(v)


def gaps(audit: Audit) -> list[Finding]:
    out = [f for f in audit.findings if not f.informational and STATUS_SEVERITY[f.status] > 0]
    return sorted(out, key=lambda f: (-STATUS_SEVERITY[f.status], -f.weight, f.position))


def print_audit(audit: Audit, console: Console | None = None, elapsed: float | None = None) -> None:
    c = console or Console(highlight=False)
    d = audit.document
    head = " · ".join(x for x in (d.jurisdiction or "（未识别地区）", LEVEL_LABELS.get(d.level or "", ""),
                                  f"{d.year}年度" if d.year else "（未识别年度）") if x)
    c.print(f"[bold]法治报告审核[/bold]  {escape(head)}")
    for a in audit.alerts:  # before anything else: the audit may not mean what it seems
        style = "bold red" if a.severity == "error" else "yellow"
        c.print(f"[{style}]{'警示' if a.severity == 'error' else '注意'}：{escape(a.message)}[/{style}]")
    c.print(f"文件：{escape(d.path)}" + (f"    标题：{escape(d.title)}" if d.title else "") +
            ("    （繁体报告，引文保留原文）" if d.script == "traditional" else ""))
    for p in audit.packs:
        c.print(f"规则包：{escape(p.title)}" + (f"（{escape(p.source)}）" if p.source else "") +
                ("  [yellow]草稿，未经审核[/yellow]" if p.draft else ""))
    counts = audit.counts()
    line = "  ".join(f"[{STYLE[s]}]{STATUS_LABELS[s]} {n}[/{STYLE[s]}]" for s, n in counts.items())
    score = f"[bold]得分：{audit.score:g} / 100[/bold]"
    if audit.score_before_waivers != audit.score:
        score += f"（豁免前 {audit.score_before_waivers:g}）"
    c.print(f"{score}    {line}")
    for w in audit.expired_waivers:
        c.print(f"[yellow]注意：规则“{escape(w.rule_id)}”的豁免已于 {w.expires} 到期，不再适用[/yellow]")

    parts = [f for f in audit.findings if f.kind == "part"]
    if parts:
        c.print("\n[bold]报告组成部分[/bold]")
        for f in parts:
            where = f.evidence[0].quote[:40] if f.evidence else ""
            c.print(f"  [{STYLE[f.status]}]{ICON[f.status]} {f.label}[/{STYLE[f.status]}]  {escape(f.name)}"
                    + (f"  [dim]{escape(where)}[/dim]" if where else ""))

    todo = [f for f in gaps(audit) if f.kind != "part"]
    if todo:
        c.print("\n[bold]需要处理的问题（按重要性）[/bold]")
        for f in todo:
            tgt = f"  目标：{escape(f.target)}" + ("（裁剪）" if f.tailored else "") if f.target else ""
            c.print(f"  [{STYLE[f.status]}]{ICON[f.status]} {f.label}[/{STYLE[f.status]}]  {escape(f.name)}{tgt}"
                    f"  报告值：{escape(value_text(f))}" + (f"  [dim]第{escape(f.clause)}项[/dim]" if f.clause and f.clause.isdigit() else ""))
            if f.evidence:
                e = f.evidence[0]
                page = f"（第{e.page}页）" if e.page else ""
                c.print(f"      [dim]原文{page}：“{escape(e.quote[:120])}{'…' if len(e.quote) > 120 else ''}”[/dim]")
            if f.note:
                c.print(f"      说明：{escape(f.note)}")
            if f.advice and f.status in ("not_met", "not_reported"):
                c.print(f"      建议：{escape(f.advice)}")

    table = Table(title="全部检查项", show_lines=False, header_style="bold", expand=False)
    for col in ("状态", "规则", "目标", "报告值", "依据"):
        table.add_column(col, overflow="fold")
    for f in audit.findings:
        label = "已列示" if f.informational and f.status == "met" else f.label
        target = (f.target or "—") + ("（裁剪）" if f.tailored else "")
        table.add_row(f"[{STYLE[f.status]}]{label}[/{STYLE[f.status]}]", escape(f.name), escape(target),
                      escape(value_text(f)), escape(f.clause or ""))
    c.print()
    c.print(table)
    if elapsed is not None:
        c.print(f"[dim]用时 {elapsed:.2f} 秒[/dim]")
