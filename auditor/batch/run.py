"""batch: audit every report in a folder, in parallel; a ranking, a fleet view and a result per file.

folder ─files─▶ Items ─cache─▶ what to redo ─scheduler/worker─▶ WorkResults (JSON/PDF in temp files)
─▶ parent: names (names.py), renames into place, keeps the manifest ─▶ stats ─▶ tables (汇总.xlsx,
summary.csv) and summary_pdf (汇总.pdf).

Every file lands atomically. Library code: it returns a BatchResult and raises AuditorErrors; progress and
JSON lines go to `on_event` (the CLI prints them), never to a terminal from here.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import secrets
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Optional, Sequence

from . import outdir
from .cache import MANIFEST, Manifest, code_fingerprint, file_hash, rules_key
from .details import DETAILS_CSV, Compactor, DetailSpool, detail_lines
from .engines import check_engine, make_engine
from .files import Item, discover, expand_archives
from .names import Names, safe_name  # noqa: F401  (safe_name: part of this module's interface)
from .rows import BatchResult, ErrorRow, Report, ReportRow
from .scheduler import sigterm_as_interrupt
from .stats import Summary
from .summary_pdf import SUMMARY_PDF, write_summary_pdf
from .tables import SUMMARY_CSV, SUMMARY_XLSX, write_tables
from .worker import Job, WorkResult
from ..compare.fleet import build_trends
from ..compare.spool import DigestSpool
from ..errors import AuditorError, RenderError, UsageError
from ..messages import os_reason
from ..packs.loader import RuleSet, load_rules, load_waivers

SUMMARY_FILES = (SUMMARY_XLSX, SUMMARY_CSV, SUMMARY_PDF, DETAILS_CSV)


@dataclass(frozen=True)
class Event:
    """What the batch tells its caller while it runs.

    planned: `total` files to audit now · result: a file's JSON line (`line`: the audit, or {file, error})
    · advance: one audited file done (`note`: its jurisdiction or name) · pause/resume: around forking."""

    kind: str
    rel: str = ""
    note: str = ""
    line: str = ""
    total: int = 0


OnEvent = Callable[[Event], None]


class Batch:
    def __init__(self, folder: Path, out: Path, ruleset: RuleSet, waivers_path: Optional[str], waivers: tuple,
                 jobs: int, pdf: bool, force: bool, json_lines: bool, today: date, on_event: OnEvent,
                 engine: str = "local", scheduler: Optional[str] = None, docx: bool = False):
        self.folder, self.out, self.ruleset = folder, out, ruleset
        self.engine, self.scheduler = engine, scheduler
        self.waivers_path, self.waivers = waivers_path, waivers
        self.jobs, self.pdf, self.force, self.json_lines, self.today = jobs, pdf, force, json_lines, today
        self.docx = docx
        self.wanted = {"pdf": pdf, "docx": docx}  # the per-report copies this run makes, by suffix
        self.emit = on_event
        self.token = secrets.token_hex(4)
        self.key = rules_key(ruleset, waivers_path, today, code_fingerprint())
        self.manifest = Manifest(out / MANIFEST)
        self.result = BatchResult(pdf=pdf, out=str(out))
        self.names = Names()
        self.result.details = self.details = DetailSpool(out)  # 明细 rows on disk, not in the parent
        self.compact = Compactor()
        self.digests = DigestSpool(out, outdir.TEMP_PREFIX)  # comparison digests on disk, not in the parent
        self.present: Optional[set[str]] = None  # casefolded names in `out` as the audit starts (None: unknown)

    def _remove_outputs(self, name: Optional[str]) -> None:
        for ext in outdir.RESULT_EXTS if name else ():
            with contextlib.suppress(OSError):
                (self.out / f"{name}{ext}").unlink()

    # -------- skip or redo

    def plan(self, items: list[Item]) -> list[Item]:
        """Hash inputs, drop manifest entries of vanished files, reuse unchanged results; return the work."""
        present = {it.rel for it in items}
        for rel in [r for r in self.manifest.files if r not in present]:
            self._remove_outputs(self.manifest.files.pop(rel).get("name"))
            self.manifest.dirty = True
        for rel, entry in self.manifest.files.items():
            if entry.get("name"):
                self.names.claim(rel, entry["name"])
        todo = []
        for it in items:
            if it.error is not None:
                self.error(it, it.error)
                continue
            try:
                it.sha256 = file_hash(it.path)
            except OSError as exc:
                self.error(it, ErrorRow(it.rel, "InputError", f"无法读取文件：{os_reason(exc)}"))
                continue
            entry = self.manifest.files.get(it.rel)
            if not self.force and entry and entry.get("sha256") == it.sha256 and entry.get("key") == self.key \
                    and self._reuse(it, entry):
                continue
            todo.append(it)
        return todo

    def _reuse(self, it: Item, entry: dict) -> bool:
        if entry.get("error"):
            row = ErrorRow(it.rel, entry.get("error_type") or "InputError", entry["error"], entry.get("stage") or "读取")
            self.result.errors.append(row)
            self._emit_error(it, row)
            self.result.skipped += 1
            return True
        name = entry.get("name")
        if not name or any(want and not (entry.get(ext) and (self.out / f"{name}.{ext}").is_file())
                           for ext, want in self.wanted.items()):
            return False
        try:
            text = (self.out / f"{name}.json").read_text(encoding="utf-8")
            d = json.loads(text)
            row = ReportRow.from_audit_dict(d)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return False
        if self.json_lines:
            text = text.strip()
            self.emit(Event("result", it.rel, line=text if "\n" not in text else json.dumps(d, ensure_ascii=False)))
        self.details.add(it.idx, name, detail_lines(row))
        row = self.digests.keep(it.rel, row)
        self.result.reports.append(Report(it.rel, name, self.compact.row(row), pdf=bool(entry.get("pdf")),
                                          sha256=it.sha256))
        self.result.skipped += 1
        return True

    # -------- results

    def _emit_error(self, it: Item, row: ErrorRow) -> None:
        if self.json_lines:
            self.emit(Event("result", it.rel, line=json.dumps(
                {"file": it.shown_path, "error": row.message, "error_type": row.error_type}, ensure_ascii=False)))

    def error(self, it: Item, row: ErrorRow) -> None:
        old = self.manifest.files.get(it.rel) or {}
        self._remove_outputs(old.get("name"))
        self.names.release(it.rel)
        self.manifest.files[it.rel] = {"sha256": it.sha256, "key": self.key, "error": row.message,
                                       "error_type": row.error_type, "stage": row.stage}
        self.manifest.dirty = True
        self.result.errors.append(row)
        self._emit_error(it, row)

    def failed(self, it: Item, row: ErrorRow) -> None:
        """A file the scheduler could not audit (its worker died)."""
        self.error(it, row)
        self._advance(it, None)

    def accept(self, it: Item, res: WorkResult) -> None:
        if res.error is not None:
            self.error(it, res.error)
        else:
            self._place(it, res)
        self._advance(it, res.row)

    def _advance(self, it: Item, row: Optional[ReportRow]) -> None:
        self.result.audited += 1
        self.manifest.save(force=False)
        self.emit(Event("advance", it.rel, note=(row.jurisdiction if row else None) or Path(it.rel).name))

    def _place(self, it: Item, res: WorkResult) -> None:
        prev = self.manifest.files.get(it.rel) or {}
        old = prev.get("name")
        name = self.names.assign(it.rel, res.row.jurisdiction, res.row.year)
        made = {"pdf": (res.pdf_tmp, res.pdf_error, "PDF"), "docx": (res.docx_tmp, res.docx_error, "Word")}
        has = dict.fromkeys(made, False)
        try:
            os.replace(res.json_tmp, self.out / f"{name}.json")
            for ext, (tmp, _, _) in made.items():
                if tmp:
                    os.replace(tmp, self.out / f"{name}.{ext}")
                    has[ext] = True
        except OSError as exc:  # the output folder itself is the problem: stop the batch
            raise RenderError(f"无法写入结果文件：{os_reason(exc)}", str(self.out / name)) from exc
        same = prev.get("sha256") == it.sha256 and prev.get("key") == self.key and old == name
        for ext, (_, err, label) in made.items():
            if has[ext]:
                continue
            if not self.wanted[ext] and prev.get(ext) and same:
                has[ext] = True  # a run without this copy: the one an earlier run made for these bytes still holds
                continue
            self._unlink_stale(f"{name}.{ext}")  # a stale copy from an earlier run would mislead
            if self.wanted[ext]:
                self.result.errors.append(err or ErrorRow(it.rel, "RenderError", f"{label} 生成失败", f"生成 {label}"))
        if old and old != name:
            self._remove_outputs(old)
        entry = {"sha256": it.sha256, "key": self.key, "name": name, **has}
        for ext, (_, err, _) in made.items():
            if err and self.wanted[ext]:
                entry[f"{ext}_error"] = err.message
        self.manifest.files[it.rel] = entry
        self.manifest.dirty = True
        self.details.add(it.idx, name, res.details)
        row = self.digests.keep(it.rel, res.row)
        self.result.reports.append(Report(it.rel, name, self.compact.row(row, res.finding_keys), pdf=has["pdf"],
                                          sha256=it.sha256))
        if self.json_lines and res.line:
            self.emit(Event("result", it.rel, line=res.line))

    def _unlink_stale(self, file: str) -> None:
        """Remove a copy an earlier run left, if there was one when this run started (no system call per report
        for the copies a run never makes: it cannot make them while it runs)."""
        if self.present is not None and file.casefold() not in self.present:
            return
        with contextlib.suppress(OSError):
            (self.out / file).unlink()

    # -------- running

    def state(self) -> dict:
        return {"job": Job(self.ruleset, self.waivers, self.today, self.pdf, self.docx), "out": str(self.out),
                "token": self.token, "json_lines": self.json_lines}

    def run(self, items: list[Item]) -> None:
        """Plan, audit what must be redone, keep the manifest; Ctrl-C keeps what is finished."""
        t0 = time.perf_counter()
        t = self.result.timings
        sched = make_engine(self.engine, self.state(), self.jobs, self.accept, self.failed, self.scheduler,
                            pause=lambda: self.emit(Event("pause")), resume=lambda: self.emit(Event("resume")))
        try:
            todo = self.plan(items)
            if self.manifest.dirty:
                self.manifest.save()
            t["plan"] = time.perf_counter() - t0
            c1 = time.process_time()
            with contextlib.suppress(OSError):
                self.present = {n.casefold() for n in os.listdir(self.out)}
            self.emit(Event("planned", total=len(todo)))
            if todo:
                with sigterm_as_interrupt():
                    sched.run(todo)
            if self.manifest.dirty or not self.manifest.path.exists():
                self.manifest.save()
            t["audit"] = time.perf_counter() - t0 - t["plan"]
            t["audit_cpu_parent"] = time.process_time() - c1
        except KeyboardInterrupt:
            sched.terminate()
            with contextlib.suppress(AuditorError):
                self.manifest.save()
            raise
        finally:
            outdir.clean_leftovers(self.out)  # the workers are stopped

    def tidy(self) -> None:
        """Results no entry owns: ours removed, others reported."""
        removed, unknown = outdir.sweep(self.out, self.manifest.names(), SUMMARY_FILES)
        if removed:
            self.result.notices.append(f"已删除 {len(removed)} 个过期的结果文件（来自此前中断的运行）："
                                       + "、".join(removed[:5]) + ("……" if len(removed) > 5 else ""))
        if unknown:
            self.result.notices.append(f"输出文件夹中有 {len(unknown)} 个不属于本次批量审核的文件，未作改动："
                                       + "、".join(unknown[:5]) + ("……" if len(unknown) > 5 else ""))


def _check_args(folder: Path, out: Path, jobs: Optional[int]) -> None:
    if not folder.exists():
        raise UsageError("找不到报告文件夹", str(folder))
    if not folder.is_dir():
        raise UsageError("这不是文件夹（审核单个文件请用 auditor check）", str(folder))
    if out.resolve() == folder.resolve():
        raise UsageError("输出文件夹不能与报告文件夹相同", str(out), hint="请用 --out 指定另一个文件夹，如 结果/")
    if jobs is not None and jobs < 0:
        raise UsageError("--jobs 应为正整数")


def execute(folder, rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None, out="结果",
            jobs: Optional[int] = None, pdf: bool = True, force: bool = False, json_lines: bool = False,
            today: Optional[date] = None, on_event: Optional[OnEvent] = None,
            follow_links: bool = False, engine: str = "local", scheduler: Optional[str] = None,
            docx: bool = False) -> BatchResult:
    """Audit every report in `folder`; write per-report JSON/PDF (and with `docx` a Word copy) and the summary
    into `out`.

    Raises RulePackError before any work if the rules or waivers are bad, UsageError for bad arguments,
    RenderError (exit 5) if `out` cannot be written, KeyboardInterrupt when stopped (work done is kept).
    `engine`: local (a process pool) or dask (a Dask cluster at `scheduler`, or a LocalCluster)."""
    t0 = time.perf_counter()
    folder, out = Path(folder), Path(out)
    _check_args(folder, out, jobs)
    check_engine(engine, scheduler)
    today = today or date.today()
    ruleset = load_rules(rules)  # fails fast (exit 3) before any work
    waiver_list = load_waivers(waivers) if waivers else ()
    items = discover(folder, out, follow_links)
    if not items:
        raise UsageError("文件夹中没有报告文件", str(folder), hint="支持 .txt、.docx、.pdf、.html")
    outdir.writable(out)
    with outdir.locked(out):
        outdir.clean_leftovers(out)  # of runs that were killed
        items, unpacked = expand_archives(items, out)
        b = Batch(folder, out, ruleset, waivers, waiver_list, jobs or os.cpu_count() or 1, pdf, force, json_lines,
                  today, on_event or (lambda e: None), engine, scheduler, docx)
        try:
            b.run(items)
            b.tidy()
            res, t = b.result, b.result.timings
            t1, c1 = time.perf_counter(), time.process_time()
            res.summary = summary = Summary(res, ruleset, folder, today)
            t2 = time.perf_counter()
            summary.trend = build_trends(res.reports, ruleset, b.digests)  # None unless several years of a place
            t["trend"] = time.perf_counter() - t2
            write_tables(summary, out)
            b.details.write_csv(out / DETAILS_CSV)
        finally:
            b.details.close()
            b.digests.close()
            if unpacked is not None:
                shutil.rmtree(unpacked, ignore_errors=True)
        t["tables"], t["tables_cpu"] = time.perf_counter() - t1, time.process_time() - c1
        if pdf:
            t1 = time.perf_counter()
            write_summary_pdf(summary, out / SUMMARY_PDF)
            t["summary_pdf"] = time.perf_counter() - t1
        res.seconds = time.perf_counter() - t0
    return res
