"""worker: the per-report work of a batch.

`audit_bytes` is the work itself and is pure: a report's bytes and name and the Job (rule set, waivers,
date, whether to make a PDF) in, an Outcome (the row, the JSON text, the PDF bytes, the 明细 lines) out;
it reads no file, writes none and keeps no state between calls, so any engine can run it anywhere (a
local process pool, a Dask worker on another machine) with the same result.

`audit_one` is the local engine's task: it reads the file, runs `audit_bytes`, writes the JSON (and PDF)
to temporary files in the output folder and sends back a small WorkResult; the parent names the files and
renames them into place.
"""
from __future__ import annotations

import contextlib
import signal
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

from .details import detail_lines, finding_key
from .outdir import TEMP_PREFIX
from .rows import ErrorRow, ReportRow, error_text
from ..messages import os_reason
from ..errors import InputError
from ..packs.loader import RuleSet


@dataclass(frozen=True)
class Job:
    """What every report of a batch is audited with (sent once to each worker or cluster)."""

    ruleset: RuleSet
    waivers: tuple = ()
    today: Optional[date] = None
    pdf: bool = False
    docx: bool = False  # an editable Word copy of each gap report beside its PDF


@dataclass
class Outcome:
    """What `audit_bytes` returns: an audit's outputs as values, or the error that stopped it."""

    rel: str
    row: Optional[ReportRow] = None
    error: Optional[ErrorRow] = None
    json_utf8: Optional[bytes] = None  # compact JSON (docs/json.md), one line, as written to the file
    pdf: Optional[bytes] = None
    pdf_error: Optional[ErrorRow] = None
    docx: Optional[bytes] = None
    docx_error: Optional[ErrorRow] = None
    details: tuple[str, ...] = ()  # CSV lines of the 明细 table, without the report-name column
    seconds: float = 0.0

    @property
    def json(self) -> Optional[str]:
        return None if self.json_utf8 is None else self.json_utf8.decode("utf-8")


@dataclass
class WorkResult:
    idx: int
    row: Optional[ReportRow] = None
    error: Optional[ErrorRow] = None
    json_tmp: Optional[str] = None
    pdf_tmp: Optional[str] = None
    pdf_error: Optional[ErrorRow] = None
    docx_tmp: Optional[str] = None
    docx_error: Optional[ErrorRow] = None
    line: Optional[str] = None  # the JSON line, when the batch prints JSON
    details: tuple[str, ...] = field(default=())
    finding_keys: Optional[tuple] = None  # row.findings as details.finding_key tuples (the row is sent without them)
    seconds: float = 0.0


def audit_bytes(rel: str, shown: str, data: bytes, job: Job) -> Outcome:
    """Audit one report from its bytes. `shown`: the file name the results carry (and the readers sniff)."""
    from ..compare.commitments import digest
    from ..load import document_from_raw
    from ..pipeline import audit_document
    from ..readers import read_raw
    from ..report.json import audit_dict, compact_utf8

    t0 = time.perf_counter()
    try:
        doc = document_from_raw(shown, read_raw(shown, data))
        audit = audit_document(doc, job.ruleset, job.waivers, job.today)
        d = audit_dict(audit)
        d["trend"] = digest(audit, job.ruleset)  # what a year-over-year comparison needs (compare/)
    except InputError as exc:
        return Outcome(rel, error=ErrorRow(rel, type(exc).__name__, error_text(exc), "读取"))
    except Exception as exc:  # one bad file never stops the batch
        return Outcome(rel, error=ErrorRow(rel, type(exc).__name__, error_text(exc), "审核"))
    row = ReportRow.from_audit_dict(d)
    out = Outcome(rel, row=row, json_utf8=compact_utf8(d), details=detail_lines(row))
    if job.pdf:
        out.pdf, out.pdf_error = _pdf(audit, rel)
    if job.docx:
        out.docx, out.docx_error = _docx(audit, rel)
    out.seconds = round(time.perf_counter() - t0, 4)
    return out


def _pdf(audit, rel: str) -> tuple[Optional[bytes], Optional[ErrorRow]]:
    try:
        from ..report import render

        return render.pdf_bytes(render.render_html(audit)), None
    except Exception as exc:
        return None, ErrorRow(rel, type(exc).__name__, error_text(exc), "生成 PDF")


def _docx(audit, rel: str) -> tuple[Optional[bytes], Optional[ErrorRow]]:
    try:
        from ..report import word

        return word.docx_bytes(audit), None
    except Exception as exc:
        return None, ErrorRow(rel, type(exc).__name__, error_text(exc), "生成 Word")


def read_input(rel: str, path: str) -> tuple[Optional[bytes], Optional[ErrorRow]]:
    """A report's bytes as the readers accept them (a regular file within the size limit), or its error."""
    from ..readers import read_file

    try:
        return read_file(path), None
    except InputError as exc:
        return None, ErrorRow(rel, type(exc).__name__, error_text(exc), "读取")


def place_temp(outcome: Outcome, idx: int, out_dir: Path, token: str, json_lines: bool) -> WorkResult:
    """Write an Outcome's JSON and PDF to temporary files in the output folder (the parent renames them)."""
    if outcome.error is not None:
        return WorkResult(idx, error=outcome.error, seconds=outcome.seconds)
    row = outcome.row  # its findings go as plain tuples without quotes: all the parent keeps of them
    res = WorkResult(idx, row=replace(row, findings=()), finding_keys=tuple(map(finding_key, row.findings)),
                     pdf_error=outcome.pdf_error, docx_error=outcome.docx_error, details=outcome.details,
                     line=outcome.json if json_lines else None, seconds=outcome.seconds)
    stem = out_dir / f"{TEMP_PREFIX}{token}-{idx}"
    try:
        json_tmp = stem.with_suffix(".json")
        json_tmp.write_bytes(outcome.json_utf8)
        res.json_tmp = str(json_tmp)
        if outcome.pdf is not None:
            pdf_tmp = stem.with_suffix(".pdf")
            pdf_tmp.write_bytes(outcome.pdf)
            res.pdf_tmp = str(pdf_tmp)
        if outcome.docx is not None:
            docx_tmp = stem.with_suffix(".docx")
            docx_tmp.write_bytes(outcome.docx)
            res.docx_tmp = str(docx_tmp)
    except OSError as exc:
        return WorkResult(idx, error=ErrorRow(outcome.rel, type(exc).__name__,
                                              f"无法写入结果文件：{os_reason(exc)}", "写出"))
    return res


# ---------------------------------------------------------------- the local engine's worker process

_W: dict = {}  # per-process state of a local worker, set once by the initializer


def init_worker(state: dict, slots=None, counter=None) -> None:
    """Paid once per worker: rules (inherited or unpickled once), opencc, templates and fonts."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # inherited from the parent's handler
    setup(state)
    if slots is not None and counter is not None:
        with counter.get_lock():
            _W["slot"] = counter.value
            counter.value += 1
        _W["slots"] = slots


def warm(pdf: bool) -> Optional[str]:
    """Load what every report needs (opencc, the pipeline, WeasyPrint and fonts); the PDF engine's
    failure to load, if it fails."""
    from ..fold import fold

    fold("法治政府建設年度報告")  # loads the opencc dictionary
    from .. import pipeline  # noqa: F401  (imports the extract/evaluate modules)

    if pdf:
        try:
            from ..report import render

            render.warm_up()
        except Exception as exc:  # the audit still runs; each report notes the PDF failure
            return error_text(exc)
    return None


def setup(state: dict) -> None:
    _W.clear()
    _W.update(state)
    job: Job = state["job"]
    broken = warm(job.pdf)
    if broken:
        _W["pdf_broken"] = broken


def work(items: Sequence[tuple[int, str, str, str]]) -> list[WorkResult]:
    out = []
    slots, slot = _W.get("slots"), _W.get("slot")
    for item in items:
        if slots is not None:
            slots[slot] = item[0]  # which file this worker is on, should it crash
        out.append(audit_one(*item))
    if slots is not None:
        slots[slot] = -1
    return out


def audit_one(idx: int, rel: str, path: str, shown: str) -> WorkResult:
    """`path` opens the file; `shown` is its printable form, which the results carry."""
    data, err = read_input(rel, path)
    if err is not None:
        return WorkResult(idx, error=err)
    job: Job = _W["job"]
    if _W.get("pdf_broken"):  # do not try the PDF engine again for every report
        outcome = audit_bytes(rel, shown, data, replace(job, pdf=False))
        if outcome.error is None:
            outcome.pdf_error = ErrorRow(rel, "RenderError", _W["pdf_broken"], "生成 PDF")
    else:
        outcome = audit_bytes(rel, shown, data, job)
    return place_temp(outcome, idx, Path(_W["out"]), _W["token"], bool(_W.get("json_lines")))
