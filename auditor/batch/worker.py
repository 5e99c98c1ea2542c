"""worker: one report in a worker process. Audit it, write its JSON (and PDF) to temporary files in the
output folder, and send back a small WorkResult; the parent names the files and renames them into place."""
from __future__ import annotations

import contextlib
import signal
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Sequence

from .outdir import TEMP_PREFIX
from .rows import ErrorRow, ReportRow, error_text
from ..messages import os_reason
from ..errors import InputError


@dataclass
class WorkResult:
    idx: int
    row: Optional[ReportRow] = None
    error: Optional[ErrorRow] = None
    json_tmp: Optional[str] = None
    pdf_tmp: Optional[str] = None
    pdf_error: Optional[ErrorRow] = None
    line: Optional[str] = None  # the JSON line, when the batch prints JSON
    seconds: float = 0.0


_W: dict = {}  # per-process state, set once by the initializer


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


def setup(state: dict) -> None:
    _W.clear()
    _W.update(state)
    from ..fold import fold

    fold("法治政府建設年度報告")  # loads the opencc dictionary
    from .. import pipeline  # noqa: F401  (imports the extract/evaluate modules)

    if state.get("pdf"):
        try:
            from ..report import render

            render.warm_up()  # weasyprint, fonts
        except Exception as exc:  # the audit still runs; each report notes the PDF failure
            _W["pdf_broken"] = error_text(exc)


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
    from ..pipeline import audit_file
    from ..report.json import audit_dict, dumps

    t0 = time.perf_counter()
    try:
        audit = audit_file(path, _W["ruleset"], _W["waivers"], _W["today"])
        if shown != path:
            audit = replace(audit, document=replace(audit.document, path=shown))
        d = audit_dict(audit)
    except InputError as exc:
        return WorkResult(idx, error=ErrorRow(rel, type(exc).__name__, error_text(exc), "读取"))
    except Exception as exc:  # one bad file never stops the batch
        return WorkResult(idx, error=ErrorRow(rel, type(exc).__name__, error_text(exc), "审核"))
    out_dir, token = Path(_W["out"]), _W["token"]
    res = WorkResult(idx, row=ReportRow.from_audit_dict(d))
    line = dumps(d, indent=None)  # compact: the C encoder, ~6x faster than indent=2
    try:
        json_tmp = out_dir / f"{TEMP_PREFIX}{token}-{idx}.json"
        json_tmp.write_text(line, encoding="utf-8")
        res.json_tmp = str(json_tmp)
    except OSError as exc:
        return WorkResult(idx, error=ErrorRow(rel, type(exc).__name__, f"无法写入结果文件：{os_reason(exc)}",
                                              "写出"))
    if _W.get("json_lines"):
        res.line = line
    if _W.get("pdf"):
        res.pdf_tmp, res.pdf_error = _pdf(audit, rel, out_dir / f"{TEMP_PREFIX}{token}-{idx}.pdf")
    res.seconds = round(time.perf_counter() - t0, 4)
    return res


def _pdf(audit, rel: str, tmp: Path) -> tuple[Optional[str], Optional[ErrorRow]]:
    if _W.get("pdf_broken"):
        return None, ErrorRow(rel, "RenderError", _W["pdf_broken"], "生成 PDF")
    from ..report import render

    try:
        tmp.write_bytes(render.pdf_bytes(render.render_html(audit)))  # a temp file already: no second one
        return str(tmp), None
    except Exception as exc:
        return None, ErrorRow(rel, type(exc).__name__, error_text(exc), "生成 PDF")
