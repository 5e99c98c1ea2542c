"""Help pages and usage errors in Chinese for the Typer commands.

Typer (and the Click it vendors) write English: "Usage", "Options", "No such option", "Missing argument",
"[default: …]", "Show this message and exit.", and cut command summaries with "…". The command classes here
render help from the commands' own parameters (wrapped to the terminal, never cut) and turn usage errors into
Chinese from the exception's fields, not its English text. Values that can be wrong (choices, numbers) are
checked by the commands themselves (cli.py), so Typer's own value messages never reach the user.
"""
from __future__ import annotations

import difflib
import inspect
import shutil
from typing import Any, Optional

from typer.core import TyperCommand, TyperGroup

from .cjkwrap import cell_width, wrap

try:  # Typer ≥ 0.26 vendors Click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer depends on Click
    from click import exceptions as click_errors  # type: ignore[no-redef]

LABEL_MAX = 26
HELP_OPTION = "显示本帮助并退出"
MAX_WIDTH = 100


class CommandUsageError(click_errors.UsageError):
    """A usage error whose message is already Chinese."""


def terminal_width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))


# --- usage line ----------------------------------------------------------------------------------

def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _argument_name(param: Any) -> str:
    return param.metavar or param.name


def _usage_pieces(cmd: Any, ctx: Any) -> list[str]:
    pieces = ["[选项]"]
    for p in cmd.get_params(ctx):
        if _is_argument(p):
            name = _argument_name(p) + ("…" if p.nargs == -1 or p.multiple else "")
            pieces.append(name if p.required else f"[{name}]")
    if isinstance(cmd, TyperGroup):
        pieces.append("命令 …")
    return pieces


def usage_line(cmd: Any, ctx: Any) -> str:
    return f"用法：{ctx.command_path} " + " ".join(_usage_pieces(cmd, ctx))


# --- help page -----------------------------------------------------------------------------------

def _default_text(p: Any) -> str:
    d = p.default
    if callable(d) or d is None or d is False or d == () or d == [] or getattr(p, "is_flag", False):
        return ""
    d = getattr(d, "value", d)
    return f"[默认：{d}]"


def _option_label(p: Any) -> str:
    names = ", ".join(sorted(p.opts, key=len) + list(p.secondary_opts))
    if getattr(p, "is_flag", False) or getattr(p, "count", False):
        return names
    return f"{names} {p.metavar or '值'}"


def _param_help(p: Any) -> str:
    bits = [inspect.cleandoc(p.help or "")]
    if p.required:
        bits.append("[必填]")
    if getattr(p, "multiple", False):
        bits.append("[可多次指定]")
    bits.append(_default_text(p))
    return "  ".join(b for b in bits if b)


def _summary(cmd: Any) -> str:
    """A command's first paragraph, whole (never cut)."""
    text = inspect.cleandoc(cmd.short_help or cmd.help or "")
    return text.split("\n\n")[0].replace("\n", "")


def _fill_rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: labels, then their help wrapped beside them (under the label when it is too long)."""
    col = min(max(cell_width(left) for left, _ in rows), LABEL_MAX)
    out = []
    for left, right in rows:
        body = wrap(right, max(20, width - col - 6))
        if cell_width(left) > col:
            out.append("  " + left)
            out += [" " * (col + 4) + line for line in body]
            continue
        out.append("  " + left + " " * (col - cell_width(left) + 2) + (body[0] if body else ""))
        out += [" " * (col + 4) + line for line in body[1:]]
    return out


def render_help(cmd: Any, ctx: Any) -> str:
    """The help page of a command or group, as plain text wrapped at the terminal's width."""
    width = terminal_width()
    out = wrap(usage_line(cmd, ctx), width)
    if cmd.help:
        for para in inspect.cleandoc(cmd.help).split("\n\n"):
            out += [""] + ["  " + line for line in wrap(para.replace("\n", ""), width - 2)]
    params = cmd.get_params(ctx)
    sections = [("参数", [(_argument_name(p), _param_help(p)) for p in params if _is_argument(p)]),
                ("选项", [(_option_label(p), _param_help(p)) for p in params if not _is_argument(p) and not p.hidden])]
    if isinstance(cmd, TyperGroup):
        sections.append(("命令", [(name, _summary(c)) for name in cmd.list_commands(ctx)
                                  if (c := cmd.get_command(ctx, name)) is not None and not c.hidden]))
    for title, rows in sections:
        if rows:
            out += ["", title] + _fill_rows(rows, width)
    return "\n".join(out) + "\n"


# --- usage errors --------------------------------------------------------------------------------

def _param_name(param: Any) -> str:
    if param is None:
        return "参数"
    if _is_argument(param):
        return f"参数“{_argument_name(param)}”"
    return "选项 " + "/".join(sorted(param.opts, key=len, reverse=True)[:1])


def usage_error_text(e: Any) -> str:
    """The Chinese sentence for a usage error, from its fields."""
    if isinstance(e, CommandUsageError):
        return e.message
    if isinstance(e, click_errors.NoSuchOption):
        text = f"没有“{e.option_name}”这个选项"
        if e.possibilities:
            text += "，是否想写 " + "、".join(sorted(e.possibilities)) + "？"
        return text
    if isinstance(e, click_errors.MissingParameter):
        return f"缺少{_param_name(e.param)}"
    if isinstance(e, click_errors.BadOptionUsage):
        return f"选项 {e.option_name} 的用法不对：后面要写一个值"
    if isinstance(e, click_errors.BadParameter):
        return f"{_param_name(e.param)} 的值无效"
    return f"命令用法有误（{e.message}）"


def usage_error_page(e: Any) -> str:
    """What a usage error prints: the problem, the usage line, where to find help."""
    ctx = getattr(e, "ctx", None)
    lines = [f"错误：{usage_error_text(e)}"]
    if ctx is not None:
        lines.append(usage_line(ctx.command, ctx))
        lines.append(f"运行“{ctx.command_path} --help”查看说明。")
    return "\n".join(lines)


# --- the command classes -------------------------------------------------------------------------

class _ChineseHelp:
    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_help(self, ctx))

    def get_help_option(self, ctx: Any) -> Optional[Any]:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = HELP_OPTION
        return opt


class ChineseCommand(_ChineseHelp, TyperCommand):
    """A command whose help and usage errors are Chinese; extra arguments are refused by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = dict(kwargs.pop("context_settings", None) or {})
        settings.setdefault("allow_extra_args", True)
        super().__init__(*args, context_settings=settings, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            raise CommandUsageError("多余的参数：" + " ".join(ctx.args), ctx=ctx)
        return rest


class ChineseGroup(_ChineseHelp, TyperGroup):
    """A command group whose help and usage errors are Chinese."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"，是否想写“{close[0]}”？" if close else "。可用的命令：" + "、".join(known)
            raise CommandUsageError(f"没有“{name}”这个命令{hint}", ctx=ctx)
        return super().resolve_command(ctx, args)
