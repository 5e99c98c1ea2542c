"""Files that ship with the package: report templates and the bundled rule packs.

In a checkout they are the top-level `templates/` and `rules/` folders; in an installed wheel the same folders
are the packages `auditor.templates` and `auditor.bundled_rules` (pyproject.toml maps them). Either way they
are found through importlib.resources, never through a path relative to this file.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=None)
def _dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def templates_dir() -> Path:
    return _dir("auditor.templates")


def bundled_rules_dir() -> Path:
    return _dir("auditor.bundled_rules")
