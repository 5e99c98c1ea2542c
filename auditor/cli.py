"""Command line: thin commands over the library. One handler (AuditorGroup) around the whole app turns errors into
Chinese words and exit codes (cli_run.exit_code_for, README "退出码"): typed errors exit with their own code, usage
errors 2, Ctrl+C 130, anything unexpected 70 with its traceback in a log file. A crash is never 1, which means
"findings". The `auditor` command starts in launch.py, which runs a well-formed `auditor check` without Typer.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .cli_help import ChineseCommand, ChineseGroup, click_errors, usage_error_page
from .cli_run import FORMATS, choice as _choice, exit_code_for, positive as _positive, reconfigure_streams
from .cli_run import crash_log_dir, run_check, write_crash_log  # noqa: F401  (names tests and tools use)
from .fail_on import FAIL_ON
from .fail_on import audit_fails as fails  # noqa: F401
from .errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_RULES, EXIT_USAGE, UsageError
from .messages import INTERRUPTED

CONTEXT = {"help_option_names": ["-h", "--help"]}


class AuditorGroup(ChineseGroup):
    """The app's root group: the one place where errors become words and exit codes."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click_errors.ClickException, typer.Exit, typer.Abort):
            raise
        except (KeyboardInterrupt, Exception) as exc:
            raise typer.Exit(exit_code_for(exc, typer.echo)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as e:
            typer.echo(e.ctx.get_help())
            code = EXIT_USAGE
        except click_errors.UsageError as e:
            typer.echo(usage_error_page(e), err=True)
            code = EXIT_USAGE
        except typer.Abort:
            typer.echo(INTERRUPTED, err=True)
            code = EXIT_INTERRUPTED
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(cls=AuditorGroup, name="auditor", help="法治报告审核：按规则包审核法治政府建设年度报告，输出差距报告（PDF）和机器可读结果。",
                  add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, context_settings=CONTEXT)
rules_app = typer.Typer(cls=ChineseGroup, help="规则包：校验、运行例句、从工作要点起草、列出和查看规则。", no_args_is_help=True,
                        context_settings=CONTEXT)
app.add_typer(rules_app, name="rules")


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


def _list_width() -> Optional[int]:
    """The terminal's width; None (no wrapping) when the output goes to a pipe or a file."""
    from .cli_help import terminal_width

    return terminal_width() if sys.stdout.isatty() else None


RulesOpt = typer.Option(None, "--rules", "-r", metavar="规则包",
                        help="规则包文件或 rules/ 下的名称（可多次指定），默认 national/annual-report")
WaiversOpt = typer.Option(None, "--waivers", "-w", metavar="文件", help="豁免文件（YAML）")
FailOnHelp = "出现该状态及更严重的状态时退出码为 1：not_met（未达标）、not_reported（未报告）、review（待核实）、never（从不）"


@app.command(cls=ChineseCommand)
def check(
    report: Path = typer.Argument(..., metavar="报告", help="报告文件：.txt（任意常见编码）、.docx、.pdf、.html"),
    rules: Optional[List[str]] = RulesOpt,
    waivers: Optional[Path] = WaiversOpt,
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="输出格式：text（终端）或 json（机器可读）"),
    pdf: Optional[Path] = typer.Option(None, "--pdf", metavar="文件", help="写出 PDF 差距报告"),
    html: Optional[Path] = typer.Option(None, "--html", metavar="文件", help="写出 HTML 差距报告（与 PDF 同一版式）"),
    docx: Optional[Path] = typer.Option(None, "--docx", metavar="文件", help="写出可编辑的 Word 差距报告（.docx）"),
    annotated: Optional[Path] = typer.Option(None, "--annotated", metavar="文件",
                                             help="写出标注稿：报告原文按审核结论着色并加批注（.html，或 .pdf）"),
    style: str = typer.Option("gongwen", "--style", metavar="版式",
                              help="PDF/HTML 版式：gongwen（公文格式，GB/T 9704）或 modern（图表版）"),
    fail_on: str = typer.Option("not_met", "--fail-on", metavar="状态", help=FailOnHelp),
    as_report: bool = typer.Option(False, "--as-report", help="识别为工作要点等非年度报告的文件也按年度报告审核（结果附警示）"),
):
    """审核一份报告。

    例：auditor check 报告.docx --rules rules/qinghai/huzhu-2024.yaml --pdf 差距报告.pdf
    """
    raise typer.Exit(run_check(report, rules, waivers, format, pdf, html, docx, annotated, style, fail_on, as_report,
                               typer.echo))


@app.command(cls=ChineseCommand)
def batch(
    folder: Path = typer.Argument(..., metavar="文件夹", help="存放各地报告的文件夹（.txt/.docx/.pdf/.html）"),
    rules: Optional[List[str]] = RulesOpt,
    waivers: Optional[Path] = WaiversOpt,
    out: Path = typer.Option(Path("结果"), "--out", "-o", metavar="文件夹", help="输出文件夹"),
    jobs: Optional[str] = typer.Option(None, "--jobs", "-j", metavar="数量", help="并行进程数，默认为 CPU 核数"),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="只评分，不生成 PDF"),
    docx: bool = typer.Option(False, "--docx", help="同时为每份报告写出可编辑的 Word 差距报告（.docx）"),
    force: bool = typer.Option(False, "--force", help="重新审核所有报告（默认跳过输入和规则都未变化的报告）"),
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="text（终端）或 json（每份报告输出一行 JSON）"),
    fail_on: str = typer.Option("never", "--fail-on", metavar="状态",
                                help="有报告读取失败或出现该状态时退出码为 1：not_met、not_reported、review、never"),
    follow_links: bool = typer.Option(False, "--follow-links", help="也审核指向报告文件夹之外的快捷方式（符号链接）"),
    allow_unreadable: bool = typer.Option(False, "--allow-unreadable",
                                          help="有文件无法读取时退出码仍为 0（默认为 4）"),
    engine: str = typer.Option("local", "--engine", metavar="方式",
                               help="运行方式：local（本机多进程，默认）或 dask（Dask 集群，见 README）"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="地址",
                                            help="Dask 调度器地址，如 tcp://192.168.1.10:8786；不指定则在本机启动"),
):
    """批量审核一个文件夹中的所有报告，输出排名、汇总表和每份报告的差距报告。

    例：auditor batch 报告目录/ --rules rules/qinghai/huzhu-2024.yaml --out 结果/ --jobs 2
    """
    from .batch.run import execute
    from .report.terminal import BatchProgress, print_batch_summary

    _choice(format, FORMATS, "--format")
    _choice(fail_on, FAIL_ON, "--fail-on")
    json_lines = format == "json"
    try:
        with BatchProgress(json_lines) as progress:
            res = execute(folder, rules=rules, waivers=str(waivers) if waivers else None, out=out,
                          jobs=_positive(jobs, "--jobs") if jobs is not None else None, pdf=not no_pdf, force=force,
                          json_lines=json_lines, on_event=progress, follow_links=follow_links,
                          engine=engine, scheduler=scheduler, docx=docx)
    except KeyboardInterrupt:
        typer.echo("\n已中断：已完成的报告结果已保存，再次运行同一命令将跳过它们、从中断处继续", err=True)
        _STOPPED_POOL[0] = True
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not json_lines:
        print_batch_summary(res, typer.echo)
    if res.summary.read_errors and not allow_unreadable:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FINDINGS if res.summary.fails(fail_on) else EXIT_OK)


@app.command(cls=ChineseCommand)
def compare(
    reports: List[Path] = typer.Argument(..., metavar="报告",
                                         help="同一地区不同年度的报告（.txt/.docx/.pdf/.html，可混用），至少两份"),
    rules: Optional[List[str]] = RulesOpt,
    waivers: Optional[Path] = WaiversOpt,
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="输出格式：text（终端）或 json（机器可读）"),
    pdf: Optional[Path] = typer.Option(None, "--pdf", metavar="文件", help="写出 PDF 年度比较报告"),
    html: Optional[Path] = typer.Option(None, "--html", metavar="文件", help="写出 HTML 年度比较报告（与 PDF 同一版式）"),
):
    """比较同一地区不同年度的报告：各项指标的逐年变化、新出现和已解决的问题、上一年度安排的落实情况。

    例：auditor compare 2023报告.docx 2024报告.docx --pdf 年度比较.pdf
    """
    from .compare.build import compare_files

    _choice(format, FORMATS, "--format")
    if len(reports) < 2:
        raise UsageError("年度比较至少需要两份报告", hint="例：auditor compare 2023报告.docx 2024报告.docx")
    cmp = compare_files([str(r) for r in reports], rules=rules, waivers=str(waivers) if waivers else None)
    if pdf or html:
        from .compare import view
        if pdf:
            view.write_pdf(cmp, pdf)
        if html:
            view.write_html(cmp, html)
    if format == "json":
        from .compare.json import comparison_json

        typer.echo(comparison_json(cmp))
    else:
        from .compare.terminal import print_comparison

        print_comparison(cmp)
        for out in (pdf, html):
            if out:
                typer.echo(f"已写出：{out}")
    raise typer.Exit(EXIT_OK)


PathsArg = typer.Argument(None, metavar="规则文件或文件夹", help="规则文件或文件夹，默认 rules/")


@rules_app.command("check", cls=ChineseCommand)
def rules_check(paths: Optional[List[Path]] = PathsArg,
                waivers: Optional[List[Path]] = typer.Option(None, "--waivers", "-w", metavar="文件",
                                                             help="同时校验的豁免文件")):
    """校验规则包：未知字段、类型、目标写法、重复 id、继承关系、豁免文件。

    例：auditor rules check rules/
    """
    from .authoring.files import default_rules_dir
    from .authoring.tools import validate

    result = validate(list(paths or [default_rules_dir()]), list(waivers or ()))
    for p in result.problems:
        typer.echo(str(p))
    for n in result.notes:
        typer.echo("提示：" + n)
    what = f"已校验 {result.packs} 个规则包、{result.rules} 条规则"
    if result.waiver_files:
        what += f"、{result.waiver_files} 个豁免文件"
    typer.echo(what + ("，未发现问题" if result.ok else f"，发现 {len(result.problems)} 个问题"))
    raise typer.Exit(EXIT_OK if result.ok else EXIT_RULES)


@rules_app.command("test", cls=ChineseCommand)
def rules_test(paths: Optional[List[Path]] = PathsArg):
    """运行规则中的例句（examples），报告每条不符合预期的例句。

    例：auditor rules test rules/
    """
    from .authoring.examples import run_examples
    from .authoring.files import default_rules_dir

    run = run_examples(list(paths or [default_rules_dir()]))
    for p in run.problems:
        typer.echo(f"错误：{p}")
    for r in run.failed:
        typer.echo(f"{r.path}:{r.line}: 规则“{r.rule_id}”（{r.rule_name}）的例句未通过")
        typer.echo(f"    例句：{r.text.strip()}".replace("\n", "\n          "))
        typer.echo(f"    期望：{r.expected}")
        typer.echo(f"    实际：{r.actual}")
    if run.missing:
        typer.echo(f"提示：{len(run.missing)} 条规则没有例句（examples）：")
        for m in run.missing:
            typer.echo("    " + m)
    typer.echo(f"已运行 {len(run.results)} 条例句，" + (f"{len(run.failed)} 条未通过" if run.failed else "全部通过"))
    raise typer.Exit(EXIT_RULES if run.problems else EXIT_FINDINGS if run.failed else EXIT_OK)


@rules_app.command("draft", cls=ChineseCommand)
def rules_draft(document: Path = typer.Argument(..., metavar="文件", help="工作要点等文件（.txt/.docx/.pdf/.html）"),
                output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="文件",
                                                      help="写出的规则包文件（不写时输出到屏幕）"),
                pack: Optional[str] = typer.Option(None, "--pack", metavar="标识", help="规则包标识，如 qinghai/huzhu-2025"),
                force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
                check: Optional[Path] = typer.Option(None, "--check", metavar="报告",
                                                     help="起草后立即用草稿审核这份年度报告，看草稿会得出什么结论")):
    """从工作要点起草规则包（草稿，须人工审核）。

    例：auditor rules draft 2025年工作要点.docx -o rules/qinghai/huzhu-2025.yaml --check 某县2025年度报告.docx
    """
    from .authoring.draft import draft_pack
    from .authoring.draft.save import draft_files, refuse_overwrite
    from .load import load_document

    if output is not None and not force:
        refuse_overwrite([output])
    result = draft_pack(load_document(document), output=output, pack_id=pack)
    if output is not None and not force:
        refuse_overwrite([p for p, _ in draft_files(result, output)])
    if output is None and check is None:
        typer.echo(result.text, nl=False)
        for w in result.warnings:
            typer.echo("提示：" + w, err=True)
        if result.year_packs:
            typer.echo("提示：计划按年份写出了不同目标，逐年的规则包只在用 -o 写出文件时生成", err=True)
        raise typer.Exit(EXIT_OK)
    code = _write_draft(result, output) if output is not None else EXIT_OK
    if check is not None:
        code = max(code, _check_with_draft(result, output, check))
    raise typer.Exit(code)


def _write_draft(result, output: Path) -> int:
    from .authoring.draft import save_draft
    from .authoring.files import display_path

    saved = save_draft(result, output, force=True)
    for path in saved.files:
        typer.echo(f"已写出：{display_path(path)}")
    typer.echo(f"起草了 {len(result.rules)} 条规则：{len(result.numeric)} 条量化目标、"
               f"{sum(1 for r in result.rules if r.kind == 'mention')} 条定性要求（其中 "
               f"{sum(1 for r in result.rules if r.kind == 'mention' and r.goal is not None)} 条带时限或周期）；"
               f"{sum(1 for r in result.rules if r.indicator)} 条引用全国指标目录（indicator），"
               f"{sum(1 for r in result.rules if r.known and not r.indicator)} 条沿用了已有规则包的 id 和说法。")
    for w in result.warnings:
        typer.echo("提示：" + w)
    for p in saved.problems:
        typer.echo(str(p))
    shown = " ".join(display_path(p) for p in saved.files)
    typer.echo("下一步：逐条核对每条规则（上方注释是原文），删除不需要的，运行 auditor rules test 和 "
               f"auditor rules check {shown}，确认无误后把 draft 改为 false。")
    return EXIT_RULES if saved.problems else EXIT_OK


def _check_with_draft(result, output: Optional[Path], report: Path) -> int:
    """Audit one report with the draft (the year pack of the report's year when there is one)."""
    import tempfile

    from . import api
    from .authoring.draft.save import draft_files
    from .packs.loader import load_rules
    from .report.terminal import print_audit

    with tempfile.TemporaryDirectory(prefix="auditor-draft-") as tmp:
        base = output if output is not None else Path(tmp) / f"{result.meta['pack'].split('/')[-1]}.yaml"
        if output is None:
            for path, text in draft_files(result, base):
                path.write_text(text, encoding="utf-8")
        chosen = base
        if result.year_packs:
            from .load import load_document

            year = load_document(report).year
            chosen = next((base.with_name(p.file_name) for p in result.year_packs if p.year == year), base)
        typer.echo(f"\n用草稿规则包 {chosen.name} 审核 {report}：")
        audit = api.check(str(report), ruleset=load_rules([str(chosen)]))
        print_audit(audit)
    return EXIT_OK


@rules_app.command("list", cls=ChineseCommand)
def rules_list(rules: Optional[List[str]] = RulesOpt):
    """列出规则包中的规则及其来源条款。

    例：auditor rules list --rules rules/qinghai/huzhu-2024.yaml
    """
    from .authoring.listing import rule_listing
    from .packs.loader import load_rules

    _print_lines(rule_listing(load_rules(rules), _list_width()))


@rules_app.command("show", cls=ChineseCommand)
def rules_show(rule_id: str = typer.Argument(..., metavar="规则id", help="规则 id，如 court_appearance_rate"),
               rules: Optional[List[str]] = RulesOpt):
    """显示一条规则的全部内容。

    例：auditor rules show court_appearance_rate --rules rules/qinghai/huzhu-2024.yaml
    """
    from .authoring.listing import rule_details
    from .packs.loader import load_rules

    _print_lines(rule_details(load_rules(rules), rule_id, _list_width()))


@app.command(cls=ChineseCommand)
def serve(
    host: str = typer.Option("127.0.0.1", "--host", metavar="地址", help="监听地址；默认只允许本机访问，0.0.0.0 允许局域网访问"),
    port: str = typer.Option("8000", "--port", "-p", metavar="端口", help="端口"),
    rules: Optional[Path] = typer.Option(None, "--rules", "-r", metavar="文件夹", help="提供的规则包文件夹，默认为自带的 rules/"),
    token: Optional[str] = typer.Option(None, "--token", envvar="AUDITOR_TOKEN", metavar="口令",
                                        help="访问口令（也可用环境变量 AUDITOR_TOKEN）；局域网访问时建议设置"),
    open_browser: bool = typer.Option(False, "--open", help="启动后在本机打开浏览器"),
    max_mb: str = typer.Option("20", "--max-mb", metavar="MB", help="每个文件的大小上限（MB）"),
    max_files: str = typer.Option("300", "--max-files", metavar="数量", help="每批最多文件数"),
    keep: str = typer.Option("120", "--keep-minutes", metavar="分钟", help="上传文件和结果在最后一次使用后保留的分钟数"),
    work_dir: Optional[Path] = typer.Option(None, "--work-dir", metavar="文件夹", help="存放上传文件和结果的临时文件夹"),
    workers: Optional[str] = typer.Option(None, "--workers", metavar="数量", help="审核进程数，默认为 CPU 核数"),
):
    """启动网页服务：在浏览器中上传报告、查看差距和原文标注、下载 PDF；也提供 HTTP 接口。

    例：auditor serve --open
    """
    from .web.config import ServeConfig, default_work_dir
    from .web.server import serve as run_server

    if rules is not None and not rules.is_dir():
        raise UsageError("--rules 应为规则包所在的文件夹", str(rules))
    config = ServeConfig(host=host, port=_positive(port, "--port"), rules_dir=rules.resolve() if rules else None,
                         token=token or None, work_dir=work_dir or default_work_dir(),
                         max_file_mb=_positive(max_mb, "--max-mb"), max_files=_positive(max_files, "--max-files"),
                         keep_minutes=_positive(keep, "--keep-minutes"),
                         workers=_positive(workers, "--workers") if workers is not None else 0)
    run_server(config, open_browser=open_browser, say=typer.echo)


@app.command(cls=ChineseCommand)
def setup():
    """准备运行环境：生成 PDF 用的中文字体子集、预热分词词典（安装脚本会自动运行）。

    例：auditor setup
    """
    import logging

    import jieba

    from .report.fonts import prepare

    typer.echo(f"字体已就绪：{prepare()}")
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    typer.echo("分词词典已就绪")


# Set when `auditor batch` was stopped with its worker pool: see main().
_STOPPED_POOL = [False]


def main() -> None:
    reconfigure_streams()
    try:
        app()
    except SystemExit as done:
        if done.code == EXIT_INTERRUPTED and _STOPPED_POOL[0]:
            # Everything finished is written and the manifest saved; what is left are the stopped pool's exit
            # hooks, which on Python 3.11 can race on its closed pipe ("Exception ignored … Bad file descriptor")
            # or wait on its manager thread. Leave without them.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
        raise


if __name__ == "__main__":
    main()
