"""Command line: thin commands over auditor.api; one place turns errors into Chinese words and exit codes."""
from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .errors import EXIT_FINDINGS, EXIT_OK, AuditorError
from .fail_on import audit_fails as fails

app = typer.Typer(
    help="法治报告审核：按规则包审核法治政府建设年度报告，输出差距报告（PDF）和机器可读结果。",
    pretty_exceptions_show_locals=False, add_completion=False, no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="规则包：校验、运行例句、从工作要点起草、列出和查看规则。", no_args_is_help=True,
                        context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    not_met = "not_met"
    not_reported = "not_reported"
    review = "review"
    never = "never"



RulesOpt = typer.Option(None, "--rules", "-r", help="规则包文件或名称（可多次指定），默认 national/annual-report")
WaiversOpt = typer.Option(None, "--waivers", "-w", help="豁免文件（YAML）")
FailOnOpt = typer.Option(FailOn.not_met, "--fail-on", help="出现该状态及更严重状态时退出码为 1：not_met、not_reported、review、never")


def fail(err: AuditorError) -> None:
    typer.echo(f"错误：{err}", err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def check(
    report: Path = typer.Argument(..., help="报告文件：.txt（任意常见编码）、.docx、.pdf、.html"),
    rules: Optional[List[str]] = RulesOpt,
    waivers: Optional[Path] = WaiversOpt,
    format: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text（终端）或 json（机器可读）"),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="写出 PDF 差距报告"),
    html: Optional[Path] = typer.Option(None, "--html", help="写出 HTML 差距报告（与 PDF 同一版式）"),
    fail_on: FailOn = FailOnOpt,
):
    """审核一份报告。例：auditor check 报告.docx --rules rules/qinghai/huzhu-2024.yaml --pdf 差距报告.pdf"""
    from . import api

    t0 = time.perf_counter()
    try:
        audit = api.check(str(report), rules=rules, waivers=str(waivers) if waivers else None)
        if pdf or html:
            from .report import render
            if pdf:
                render.write_pdf(audit, pdf)
            if html:
                render.write_html(audit, html)
    except AuditorError as err:
        fail(err)
    for warning in audit.meta.get("warnings", ()):
        typer.echo(f"注意：{warning}", err=True)
    if format == Format.json:
        from .report.json import audit_json

        typer.echo(audit_json(audit))
    else:
        from .report.terminal import print_audit

        print_audit(audit, elapsed=time.perf_counter() - t0)
        for out in (pdf, html):
            if out:
                typer.echo(f"已写出：{out}")
    raise typer.Exit(EXIT_FINDINGS if fails(audit, fail_on.value) else EXIT_OK)


@app.command()
def batch(
    folder: Path = typer.Argument(..., help="存放各地报告的文件夹（.txt/.docx/.pdf/.html）"),
    rules: Optional[List[str]] = RulesOpt,
    waivers: Optional[Path] = WaiversOpt,
    out: Path = typer.Option(Path("结果"), "--out", "-o", help="输出文件夹"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数，默认为 CPU 核数"),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="只评分，不生成 PDF"),
    force: bool = typer.Option(False, "--force", help="重新审核所有报告（默认跳过输入和规则都未变化的报告）"),
    format: Format = typer.Option(Format.text, "--format", "-f", help="json：每份报告输出一行 JSON"),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="有报告读取失败或出现该状态时退出码为 1"),
    follow_links: bool = typer.Option(False, "--follow-links", help="也审核指向报告文件夹之外的快捷方式（符号链接）"),
):
    """批量审核一个文件夹中的所有报告，输出排名、汇总表和每份报告的差距报告。例：auditor batch 报告目录/ --rules rules/qinghai/huzhu-2024.yaml --out 结果/ --jobs 2"""
    from .batch.run import execute
    from .report.terminal import BatchProgress, print_batch_summary

    json_lines = format == Format.json
    try:
        with BatchProgress(json_lines) as progress:
            res = execute(folder, rules=rules, waivers=str(waivers) if waivers else None, out=out, jobs=jobs,
                          pdf=not no_pdf, force=force, json_lines=json_lines, on_event=progress,
                          follow_links=follow_links)
    except AuditorError as err:
        fail(err)
    except KeyboardInterrupt:
        typer.echo("\n已中断：已完成的报告结果已保存，再次运行同一命令将跳过它们、从中断处继续", err=True)
        raise typer.Exit(130)
    if not json_lines:
        print_batch_summary(res, typer.echo)
    raise typer.Exit(EXIT_FINDINGS if res.summary.fails(fail_on.value) else EXIT_OK)


@rules_app.command("check")
def rules_check(paths: List[Path] = typer.Argument(None, help="规则文件或文件夹，默认 rules/"),
                waivers: Optional[List[Path]] = typer.Option(None, "--waivers", "-w", help="同时校验的豁免文件")):
    """校验规则包：未知字段、类型、目标写法、重复 id、继承关系、豁免文件。例：auditor rules check rules/"""
    from .authoring.tools import check_paths

    raise typer.Exit(check_paths(paths or None, waivers or []))


@rules_app.command("test")
def rules_test(paths: List[Path] = typer.Argument(None, help="规则文件或文件夹，默认 rules/")):
    """运行规则中的例句（examples），报告每条不符合预期的例句。例：auditor rules test rules/"""
    from .authoring.tools import test_paths

    raise typer.Exit(test_paths(paths or None))


@rules_app.command("draft")
def rules_draft(document: Path = typer.Argument(..., help="工作要点等文件（.txt/.docx/.pdf/.html）"),
                output: Optional[Path] = typer.Option(None, "-o", "--output", help="写出的规则包文件"),
                pack: Optional[str] = typer.Option(None, "--pack", help="规则包标识，如 qinghai/huzhu-2025"),
                force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖")):
    """从工作要点起草规则包（草稿，须人工审核）。例：auditor rules draft 2025年工作要点.docx -o rules/qinghai/huzhu-2025.yaml"""
    from .authoring.tools import draft_command

    try:
        code = draft_command(document, output, pack, force=force)
    except AuditorError as err:
        fail(err)
    raise typer.Exit(code)


@rules_app.command("list")
def rules_list(rules: Optional[List[str]] = RulesOpt):
    """列出规则包中的规则及其来源条款。例：auditor rules list --rules rules/qinghai/huzhu-2024.yaml"""
    from .authoring.tools import list_rules

    try:
        list_rules(rules)
    except AuditorError as err:
        fail(err)


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., help="规则 id，如 court_appearance_rate"),
               rules: Optional[List[str]] = RulesOpt):
    """显示一条规则的全部内容。例：auditor rules show court_appearance_rate --rules rules/qinghai/huzhu-2024.yaml"""
    from .authoring.tools import show_rule

    try:
        raise typer.Exit(show_rule(rule_id, rules))
    except AuditorError as err:
        fail(err)


@app.command()
def setup():
    """准备运行环境：生成 PDF 用的中文字体子集、预热分词词典（安装脚本会自动运行）。"""
    try:
        from .report.fonts import prepare

        path = prepare()
        typer.echo(f"字体已就绪：{path}")
    except ImportError:
        typer.echo("字体模块尚未安装")
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    typer.echo("分词词典已就绪")


def main() -> None:
    try:
        app()
    except AuditorError as err:  # a command that did not convert its own
        typer.echo(f"错误：{err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("已中断", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
