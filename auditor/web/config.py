"""What one served instance may do: where it keeps files, how much it accepts, who may use it."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

MB = 1024 * 1024
# What the readers read (auditor/readers): the old Office formats through LibreOffice, when installed.
ACCEPTED_SUFFIXES = (".docx", ".pdf", ".txt", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml",
                     ".doc", ".wps", ".odt", ".rtf")
BATCH_SUFFIXES = ACCEPTED_SUFFIXES + (".zip",)


def default_work_dir() -> Path:
    """Per user, so two people on one machine never share uploads."""
    import getpass

    uid = os.getuid() if hasattr(os, "getuid") else getpass.getuser()
    return Path(tempfile.gettempdir()) / f"auditor-serve-{uid}"


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    rules_dir: Optional[Path] = None  # None: the bundled packs
    token: Optional[str] = None  # shared password; None: no login (only sensible on 127.0.0.1)
    work_dir: Path = default_work_dir()
    max_file_mb: int = 20  # each uploaded report, and each report inside a zip
    max_files: int = 300  # reports in one batch
    max_batch_mb: int = 300  # one batch request, and the unpacked size of a zip
    keep_minutes: int = 120  # uploads and results are deleted this long after their last use
    workers: int = 0  # audit processes; 0: one per CPU
    batch_jobs: int = 0  # processes per batch run; 0: one per CPU

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MB

    @property
    def max_batch_bytes(self) -> int:
        return self.max_batch_mb * MB

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def batch_job_count(self) -> int:
        return self.batch_jobs or os.cpu_count() or 1
