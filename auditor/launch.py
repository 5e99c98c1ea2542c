"""The `auditor` command's entry point: a well-formed `auditor check` starts without Typer; everything else is cli.py.

Loading Typer and building the app costs a cold `auditor check` about a fifth of its time. The arguments of the
commonest invocations (`auditor check 报告.docx --rules … --format json`) are read here against a table of
`check`'s options (tests/test_launch.py holds it equal to the Typer command's parameters) and run by the same
cli_run.run_check, with the same words and exit codes. Anything this reading does not cover exactly as Click
would — help, an unknown or repeated option, a value that starts with "-", `--`, a second argument, a path Click
would refuse, a shell-completion request — goes to the Typer app unchanged, which also gives every usage error its
Chinese page.
"""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Optional

# check's options: every spelling -> (parameter, kind). kind: "value" (one value), "many" (repeatable), "flag".
CHECK_OPTIONS = {
    "--rules": ("rules", "many"), "-r": ("rules", "many"),
    "--waivers": ("waivers", "value"), "-w": ("waivers", "value"),
    "--format": ("format", "value"), "-f": ("format", "value"),
    "--pdf": ("pdf", "value"), "--html": ("html", "value"), "--docx": ("docx", "value"),
    "--annotated": ("annotated", "value"), "--style": ("style", "value"), "--fail-on": ("fail_on", "value"),
    "--as-report": ("as_report", "flag"),
}
CHECK_DEFAULTS = {"rules": None, "waivers": None, "format": "text", "pdf": None, "html": None, "docx": None,
                  "annotated": None, "style": "gongwen", "fail_on": "not_met", "as_report": False}
PATH_PARAMS = ("report", "waivers", "pdf", "html", "docx", "annotated")  # Click converts these (click.Path)
_GLOB = set("*?[")  # Click expands wildcards in the arguments on Windows


def parse_check(args: list[str]) -> Optional[dict]:
    """check's parameters from its arguments (those after `check`), or None when Click must read them."""
    params: dict = {}
    report: Optional[str] = None
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if os.name == "nt" and _GLOB & set(arg):
            return None
        if not arg.startswith("-"):
            if report is not None or not arg:
                return None  # a second argument: Click's message
            report = arg
            continue
        name, eq, attached = arg.partition("=")
        if name not in CHECK_OPTIONS or (eq and not name.startswith("--")):
            return None  # --help, an unknown option, -rVALUE, -r=VALUE, "--", "-"
        param, kind = CHECK_OPTIONS[name]
        if kind == "flag":
            if eq or param in params:
                return None
            params[param] = True
            continue
        if eq:
            value = attached
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            return None  # the value is missing
        if not value or value.startswith("-") or (os.name == "nt" and _GLOB & set(value)):
            return None
        if kind == "many":
            params.setdefault(param, []).append(value)
        elif param in params:
            return None  # Click keeps the last; leave it to Click
        else:
            params[param] = value
    if report is None:
        return None
    params["report"] = report
    for name in PATH_PARAMS:
        if name in params:
            if not _click_accepts_path(params[name]):
                return None
            params[name] = Path(params[name])
    return {**CHECK_DEFAULTS, **params}


def _click_accepts_path(value: str) -> bool:
    """click.Path (readable, files and folders) refuses an existing path it cannot read."""
    try:
        os.stat(value)
    except (OSError, ValueError):
        return True
    return os.access(value, os.R_OK)


def run_thin(args: list[str]) -> Optional[int]:
    """The exit code of `auditor check …` run without Typer, or None when the Typer app must run it."""
    if not args or args[0] != "check" or any(k.endswith("_COMPLETE") for k in os.environ):
        return None  # not check, or a shell-completion request (Click answers those)
    params = parse_check(args[1:])
    if params is None:
        return None
    _import_frozen()
    from .cli_run import exit_code_for, plain_echo, run_check

    try:
        return run_check(echo=plain_echo, **params)
    except (KeyboardInterrupt, Exception) as exc:
        return exit_code_for(exc, plain_echo)


def _import_frozen() -> None:
    """The audit's modules, imported with the garbage collector off and then frozen: what they make lives as long
    as the process, and the collector walking it again and again cost a cold check ~4% of its CPU."""
    was = gc.isenabled()
    gc.disable()
    try:
        from . import api, cli_run  # noqa: F401
    finally:
        gc.freeze()
        if was:
            gc.enable()


def main() -> None:
    from .cli_run import reconfigure_streams

    reconfigure_streams()
    code = run_thin(sys.argv[1:])
    if code is None:
        from .cli import main as full

        full()
        return
    sys.exit(code)


if __name__ == "__main__":
    main()
