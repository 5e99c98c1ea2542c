"""What the commands do once their arguments are parsed, without Typer: `auditor check` itself, and the one place
where an error becomes Chinese words and an exit code (README "退出码"). cli.py (Typer) and launch.py (the thin
start-up of `check`) both call these, so both say and return the same.

Typed errors exit with their own code, Ctrl+C 130, anything unexpected 70 with its traceback in a log file.
A crash is never 1, which means "findings".
"""
from __future__ import annotations

import codecs
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, AuditorError, UsageError
from .fail_on import FAIL_ON
from .messages import INTERRUPTED, crash_text, os_error_text

FORMATS = ("text", "json")
STYLES = ("gongwen", "modern")
Echo = Callable[..., None]  # echo(message, err=False): typer.echo, or plain_echo below


def plain_echo(message: str = "", err: bool = False) -> None:
    """typer.echo for plain text (no ANSI codes) on a correctly configured stream: write, newline, flush."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # pythonw: no console
        return
    if "\x1b" in message or _ascii(getattr(stream, "encoding", None) or "ascii"):
        import typer  # Click strips ANSI codes off a non-terminal and re-wraps a stream configured as ASCII

        typer.echo(message, err=err)
        return
    stream.write(message + "\n")
    stream.flush()


def _ascii(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def reconfigure_streams() -> None:
    """A console that cannot show a character must not crash the audit."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def choice(value: str, options: Sequence[str], option: str) -> str:
    if value not in options:
        raise UsageError(f"选项 {option} 的值“{value}”无效，可选：{'、'.join(options)}")
    return value


def positive(value: str, option: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise UsageError(f"选项 {option} 的值“{value}”无效，应为正整数")
    return int(value)


# --- errors -> words and exit codes ----------------------------------------------------------------

def crash_log_dir() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / "auditor-logs"


def write_crash_log(exc: BaseException) -> Optional[str]:
    """The traceback and the command line in a log file; its path, or None when it cannot be written."""
    import traceback

    from . import __name__ as package

    body = (f"时间：{datetime.now().isoformat(timespec='seconds')}\n命令：{' '.join(sys.argv)}\n"
            f"Python：{sys.version.split()[0]}  平台：{sys.platform}  程序包：{package}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    try:
        folder = crash_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}-{id(exc) % 10000:04d}.log"
        path.write_text(body, encoding="utf-8")
        return str(path)
    except OSError:
        return None


def crash(exc: BaseException, echo: Echo) -> int:
    import traceback

    log = write_crash_log(exc)
    if isinstance(exc, OSError):  # a file error the library did not turn into a typed error
        echo(f"错误：{os_error_text(exc)}", err=True)
    echo(crash_text(exc, log), err=True)
    if log is None:
        echo("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), err=True)
    return EXIT_INTERNAL


def exit_code_for(exc: BaseException, echo: Echo) -> int:
    """Say what went wrong (stderr) and return the exit code for an exception a command raised."""
    if isinstance(exc, KeyboardInterrupt):
        echo(INTERRUPTED, err=True)
        return EXIT_INTERRUPTED
    if isinstance(exc, AuditorError):
        echo(f"错误：{exc}", err=True)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):  # the reader of our output went away (| head): nothing left to say
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    if isinstance(exc, Exception):
        return crash(exc, echo)
    raise exc


# --- auditor check ---------------------------------------------------------------------------------

def run_check(report: Path, rules: Optional[List[str]], waivers: Optional[Path], format: str, pdf: Optional[Path],
              html: Optional[Path], docx: Optional[Path], annotated: Optional[Path], style: str, fail_on: str,
              as_report: bool, echo: Echo) -> int:
    """Audit one report, write the outputs asked for, print the result; the exit code (--fail-on)."""
    from . import api
    from .fail_on import audit_fails

    choice(format, FORMATS, "--format")
    choice(fail_on, FAIL_ON, "--fail-on")
    choice(style, STYLES, "--style")
    t0 = time.perf_counter()
    audit = api.check(str(report), rules=rules, waivers=str(waivers) if waivers else None, as_report=as_report)
    if pdf or html:
        from .report import render
        if pdf:
            render.write_pdf(audit, pdf, style=style)
        if html:
            render.write_html(audit, html, style=style)
    if docx:
        from .report.word import write_docx

        write_docx(audit, docx)
    if annotated:
        from .report.annotate import write_annotated

        write_annotated(audit, annotated)
    for warning in audit.meta.get("warnings", ()):
        echo(f"注意：{warning}", err=True)
    if format == "json":
        from .report.json import audit_json

        echo(audit_json(audit))
    else:
        from .report.terminal import print_audit

        print_audit(audit, elapsed=time.perf_counter() - t0)
        for out in (pdf, html, docx, annotated):
            if out:
                echo(f"已写出：{out}")
    return EXIT_FINDINGS if audit_fails(audit, fail_on) else EXIT_OK
