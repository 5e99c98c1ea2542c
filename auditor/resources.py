"""Where the auditor's files live: what ships with the package (report templates, the bundled rule packs) and
the user's cache folder.

In a checkout they are the top-level `templates/` and `rules/` folders; in an installed wheel the same folders
are the packages `auditor.templates` and `auditor.bundled_rules` (pyproject.toml maps them). Either way they
are found through importlib.resources, never through a path relative to this file.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional


@lru_cache(maxsize=None)
def _dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def templates_dir() -> Path:
    return _dir("auditor.templates")


def bundled_rules_dir() -> Path:
    return _dir("auditor.bundled_rules")


def cache_dir() -> Path:
    """The user's cache folder for the auditor (fonts built on first use live here whatever the setting)."""
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "auditor"


def remembering_dir() -> Optional[Path]:
    """cache_dir() for what is only remembered to save time (loaded rule sets, compiled templates); None when
    AUDITOR_NO_CACHE is set."""
    return None if os.environ.get("AUDITOR_NO_CACHE") else cache_dir()
