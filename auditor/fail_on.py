"""--fail-on: the one rule, for `check` and `batch`, of when results make the exit code 1.

A status at or above the chosen level fails; an error alert (wrong pack, text lost in reading) fails like a
finding unless the level is `never`. Informational (profile) rows never fail.
"""
from __future__ import annotations

from typing import Iterable

from .models import STATUS_SEVERITY, Audit

FAIL_ON = ("not_met", "not_reported", "review", "never")
FAIL_LEVEL = {"not_met": 3, "not_reported": 2, "review": 1, "never": 99}


def fails(statuses: Iterable[tuple[str, bool]], alert_severities: Iterable[str], fail_on: str) -> bool:
    """statuses: (status, informational) per finding; alert_severities: "error"/"warning" per alert."""
    level = FAIL_LEVEL[fail_on]
    if level >= FAIL_LEVEL["never"]:
        return False
    if any(s == "error" for s in alert_severities):
        return True
    return any(not info and STATUS_SEVERITY.get(st, 0) >= level for st, info in statuses)


def audit_fails(audit: Audit, fail_on: str) -> bool:
    return fails(((f.status, f.informational) for f in audit.findings), (a.severity for a in audit.alerts), fail_on)
