"""The tool's version, as installed (the gap report's 工具版本 line, the batch manifest)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("auditor")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0"
