"""Typed errors. Library code raises these; only cli.py turns them into words and exit codes."""
from __future__ import annotations

from typing import Optional

# Exit codes: a documented table (README "退出码").
EXIT_OK = 0
EXIT_FINDINGS = 1  # something at or above --fail-on
EXIT_USAGE = 2
EXIT_RULES = 3  # a rule pack / waiver file is invalid
EXIT_INPUT = 4  # a report could not be read
EXIT_RENDER = 5  # an output (PDF/HTML/XLSX, a drafted pack) could not be written
EXIT_INTERNAL = 70  # a bug: an unexpected exception (EX_SOFTWARE); the traceback goes to a log file
EXIT_INTERRUPTED = 130  # Ctrl+C (128 + SIGINT)


class AuditorError(Exception):
    exit_code = EXIT_USAGE

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None,
                 key: Optional[str] = None, hint: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        self.hint = hint

    def __str__(self) -> str:  # Chinese, for people
        where = ""
        if self.path:
            where = str(self.path)
            if self.line:
                where += f":{self.line}"
            where += ": "
        text = where + self.message
        if self.key:
            text += f"（字段：{self.key}）"
        if self.hint:
            text += f"。{self.hint}"
        return text


class InputError(AuditorError):
    """The report file cannot be read as a report."""

    exit_code = EXIT_INPUT


class AuditTimeout(InputError):
    """A report whose reading exceeded the per-audit time budget (an input no real report resembles)."""


class RulePackError(AuditorError):
    """A rule pack, tailoring or waiver file is invalid."""

    exit_code = EXIT_RULES


class RenderError(AuditorError):
    exit_code = EXIT_RENDER


class UsageError(AuditorError):
    exit_code = EXIT_USAGE
