"""details: the 明细 table (one row per finding of every report) without holding it in the parent.

Workers format each report's rows as CSV lines (`detail_lines`); the parent prefixes the report's output
name and appends them to a spool, an anonymous temporary file in the output folder, remembering only
where each report's lines start. At the end 明细.csv is written from the spool in file-name order, and the
workbook's 明细 sheet holds the same rows while there are at most SHEET_MAX_ROWS of them; past that it holds
a note and a link to the CSV instead.
The rows the parent keeps for the ranking and the summaries lose their quotes and share equal findings
(`Compactor`), so its memory stays small as the batch grows.
"""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Optional

from .outdir import TEMP_PREFIX
from .rows import FindingRow, ReportRow
from .tables import FINDING_HEAD as DETAIL_HEAD, csv_text
from ..atomic import replacing
from ..errors import RenderError
from ..messages import os_reason

DETAILS_CSV = "明细.csv"
# Rows of the workbook's 明细 sheet at most (about 1,500 reports). A sheet of hundreds of thousands of rows is slow
# to open and filter on an office PC (Excel stops at 1,048,576) and costs the serial parent ~4 µs a cell to write;
# past the bound the sheet says so and links 明细.csv, which has every row and opens in Excel. Not a part of
# the rows: a cut sheet read by its filters would count the reports it left out as having no findings.
SHEET_MAX_ROWS = 60_000
CHUNK = 1 << 20  # bytes of rows held before they are written to the spool


class _Echo:
    """A 'file' whose write() hands back what it is given: csv's writerow returns what write() returns."""

    @staticmethod
    def write(text: str) -> str:
        return text


class _LineWriter:
    """One CSV line at a time (fields quoted as the csv module does), returned as text, no buffer between."""

    def __init__(self):
        self.w = csv.writer(_Echo(), lineterminator="\r\n")

    def line(self, values) -> str:
        return self.w.writerow([csv_text(v) for v in values])


def detail_values(row: ReportRow) -> Iterator[tuple]:
    """The 明细 values of one report after its name: 地区, 规则 id, 规则名称, 状态, 报告值, 目标, 原文摘录."""
    who = row.jurisdiction or ""
    for f in row.findings:
        yield (who, f.id, f.name, f.label, f.value_text if f.value is not None else "", f.target or "", f.quote)


def detail_lines(row: ReportRow) -> tuple[str, ...]:
    """CSV lines of one report's 明细 rows, without the leading report-name field."""
    w = _LineWriter()
    return tuple(w.line(v) for v in detail_values(row))


class DetailSpool:
    """Every report's 明细 lines on disk, in arrival order; read back in file-name (index) order."""

    def __init__(self, out: Path):
        self.out = out
        self._fh = None
        self._where: dict[int, tuple[int, int, int]] = {}  # idx -> (offset, bytes, rows)
        self._size = 0
        self._pending: list[bytes] = []  # rows not yet written, CHUNK bytes at most
        self._pending_size = 0
        self._names = _LineWriter()

    def _file(self):
        if self._fh is None:  # deleted by the system when closed, even if the process is killed
            self._fh = tempfile.TemporaryFile(dir=self.out, prefix=TEMP_PREFIX)
        return self._fh

    def add(self, idx: int, name: str, lines: tuple[str, ...]) -> None:
        prefix = self._names.line([name])[:-2] + ","
        data = "".join(prefix + line for line in lines).encode("utf-8")
        self._where[idx] = (self._size, len(data), len(lines))
        self._size += len(data)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        """The rows held back, appended in one write (not a system call per report)."""
        if self._pending:
            fh = self._file()
            fh.seek(self._size - self._pending_size)
            fh.write(b"".join(self._pending))
            self._pending, self._pending_size = [], 0

    def drop(self, idx: int) -> None:
        self._where.pop(idx, None)

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self._where.values())

    def _chunks(self) -> Iterator[tuple[int, bytes]]:
        self._flush()
        fh = self._fh
        for idx in sorted(self._where):
            off, size, n = self._where[idx]
            fh.seek(off)
            yield n, fh.read(size)

    def write_csv(self, path: Path) -> None:
        """明细.csv (UTF-8 with BOM, as summary.csv), atomically."""
        try:
            with replacing(path) as tmp, open(tmp, "wb") as out:
                out.write("\ufeff".encode("utf-8") + _LineWriter().line(DETAIL_HEAD).encode("utf-8"))
                for _, data in self._chunks():
                    out.write(data)
        except OSError as exc:
            raise RenderError(f"无法写入明细表：{os_reason(exc)}", path=str(path)) from exc

    def sheet_rows(self, limit: Optional[int] = None) -> tuple[list[list[str]], int]:
        """(every row in file-name order, or none when there are more than `limit`; how many rows there are)."""
        limit = SHEET_MAX_ROWS if limit is None else limit
        total = self.rows
        if total > limit or (self._fh is None and not self._pending):
            return [], total
        rows: list[list[str]] = []
        for _, data in self._chunks():
            rows.extend(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        return rows, total

    def close(self) -> None:
        self._pending, self._pending_size = [], 0
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def sheet_note(shown: int, total: int) -> Optional[str]:
    """What the 明细 sheet says instead of its rows when there are too many for it."""
    if shown >= total:
        return None
    return (f"明细共 {total:,} 行，超过本表上限 {SHEET_MAX_ROWS:,} 行（行数太多时 Excel 打开和筛选都很慢），未列入本表；"
            f"全部明细见同一文件夹中的 {DETAILS_CSV}（可直接用 Excel 打开，列与本表相同）")


class Compactor:
    """The parent's copy of a row: quotes dropped (they are in the spool) and equal findings shared."""

    def __init__(self):
        self._findings: dict = {}
        self._counts: dict = {}
        self._strings: dict = {}

    def _s(self, s):
        return self._strings.setdefault(s, s) if isinstance(s, str) else s

    def finding(self, f: FindingRow) -> FindingRow:
        return self.from_key(finding_key(f))

    def from_key(self, key: tuple) -> FindingRow:
        """The shared quote-less finding of a `finding_key`."""
        try:
            got = self._findings.get(key)
        except TypeError:  # an unhashable value: kept as is
            return _without_quote(key)
        if got is None:  # the first of its kind: built once, shared by every equal finding after it
            got = self._findings[key] = _without_quote(key)
        return got

    def row(self, row: ReportRow, keys: Optional[tuple] = None) -> ReportRow:
        """`keys`: the row's findings as `finding_key`s (what a worker sends), when row.findings is empty."""
        counts = self._counts.setdefault(tuple(sorted(row.counts.items())), row.counts)
        found = tuple(map(self.from_key, keys)) if keys is not None else tuple(map(self.finding, row.findings))
        return replace(row, findings=found, counts=counts, level=self._s(row.level), format=self._s(row.format))


def finding_key(f: FindingRow) -> tuple:
    """A finding without its quote, as a plain tuple: what the parent keeps of it (pickled several times faster
    than the FindingRow, which the parent rebuilds once per distinct key)."""
    return (f.id, f.kind, f.name, f.status, f.value, f.unit, f.target, f.informational, f.tailored, f.derived)


def _without_quote(key: tuple) -> FindingRow:
    return FindingRow(*key[:7], "", *key[7:])
