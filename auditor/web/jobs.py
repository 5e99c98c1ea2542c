"""Batch jobs: the CLI's batch (batch.run.execute) run in a background process, one job at a time.

A job folder holds input/ (the uploaded reports), out/ (what `auditor batch --out` writes: per-report PDF and
JSON, 汇总.xlsx, summary.csv, 汇总.pdf, its manifest) and job.json. Progress is the batch's own events
(planned, advance), counted in values shared with the job's process. A job the server did not finish (stopped, restarted) is started again at the next start and, like a
re-run of `auditor batch`, skips the reports already done.
"""
from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing as mp
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from ..atomic import write_bytes
from ..errors import AuditorError

JOB_FILE = "job.json"
RESULT_FILE = "result.json"
INPUT, OUTPUT = "input", "out"
POLL_S = 0.3
log = logging.getLogger(__name__)


@dataclass
class Job:
    id: str
    names: list[str]  # the reports as uploaded (entry names inside a zip)
    pack_key: Optional[str]  # catalog key; None: the default pack
    pack_path: Optional[str]
    pack_label: str
    total: int
    ignored: list[str] = field(default_factory=list)
    state: str = "queued"  # queued, running, done, failed
    error: Optional[str] = None
    created: float = field(default_factory=time.time)
    finished: Optional[float] = None


def _write_json(path: Path, data: dict) -> None:
    write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def run_job(folder: str, pack_path: Optional[str], jobs: int, planned, advanced) -> None:
    """In the job's own process: the batch (its events counted into the shared values), then the ranking
    the page shows (result.json)."""
    from ..batch.run import execute
    from ..report.vocab import ALERT_LABELS

    def on_event(event) -> None:
        if event.kind == "planned":
            planned.value = event.total
        elif event.kind == "advance":
            with advanced.get_lock():
                advanced.value += 1

    folder_p = Path(folder)
    try:
        res = execute(folder_p / INPUT, rules=[pack_path] if pack_path else None, out=folder_p / OUTPUT,
                      jobs=jobs, pdf=True, on_event=on_event)
    except AuditorError as exc:
        _write_json(folder_p / RESULT_FILE, {"ok": False, "error": str(exc)})
        return
    except Exception as exc:  # said on the page, not only in the server's log
        _write_json(folder_p / RESULT_FILE, {"ok": False, "error": f"批量审核出错：{type(exc).__name__}: {exc}"})
        raise
    s = res.summary
    # rankings by level (and year), as the batch ranks them: a county is not ranked against a province
    ranking = [{"group": group, "rank": rank, "file": r.rel, "name": r.name,
                "jurisdiction": r.row.jurisdiction or "", "level": r.row.level_label or "", "year": r.row.year or "",
                "score": r.score, "counts": r.row.counts or {}, "pdf": bool(r.pdf),
                "alerts": [{"severity": a.severity, "label": ALERT_LABELS.get(a.severity, a.severity),
                            "message": a.message} for a in r.row.alerts]}
               for group, rows in s.groups for rank, r in rows]
    errors = [{"file": e.rel, "stage": e.stage, "message": e.message} for e in s.errors]
    duplicates = [{"file": dup.rel, "kept": kept.rel, "why": why} for dup, kept, why in s.duplicates]
    _write_json(folder_p / RESULT_FILE, {"ok": True, "ranking": ranking, "errors": errors, "duplicates": duplicates,
                                         "audited": res.audited, "skipped": res.skipped,
                                         "seconds": round(res.seconds, 1), "pdf": res.pdf})


class JobRunner:
    def __init__(self, jobs_per_batch: int):
        self.jobs_per_batch = max(1, jobs_per_batch)
        self.jobs: dict[str, Job] = {}
        self.folders: dict[str, Path] = {}
        self.queue: list[str] = []
        self.current: Optional[tuple[str, mp.process.BaseProcess]] = None
        self.counters: dict[str, tuple] = {}  # job id -> (planned, advanced) shared with its process
        self._task: Optional[asyncio.Task] = None

    # -------- bookkeeping

    def save(self, job: Job) -> None:
        _write_json(self.folders[job.id] / JOB_FILE, asdict(job))

    def add(self, job: Job, folder: Path) -> None:
        self.jobs[job.id], self.folders[job.id] = job, folder
        self.save(job)
        self.queue.append(job.id)

    def busy(self, rid: str) -> bool:
        job = self.jobs.get(rid)
        return job is not None and job.state in ("queued", "running")

    def resume(self, folder: Path) -> Optional[Job]:
        """A job folder from an earlier run: unfinished jobs go back in the queue."""
        try:
            job = Job(**json.loads((folder / JOB_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        self.jobs[job.id], self.folders[job.id] = job, folder
        if job.state in ("queued", "running"):
            if (folder / RESULT_FILE).exists():  # finished, but the server stopped before it noted so
                self._finish(job.id, None)
            else:
                job.state = "queued"
                self.queue.append(job.id)
        return job

    def result(self, rid: str) -> Optional[dict]:
        try:
            return json.loads((self.folders[rid] / RESULT_FILE).read_text(encoding="utf-8"))
        except (KeyError, OSError, ValueError):
            return None

    def status(self, rid: str) -> dict:
        job = self.jobs[rid]
        done = job.total if job.state == "done" else self.done(rid, job)
        phase = {"queued": "排队等待", "running": "正在审核", "done": "已完成", "failed": "失败"}[job.state]
        if job.state == "running" and done >= job.total:
            phase = "正在生成汇总表和汇总 PDF"
        return {"id": job.id, "state": job.state, "phase": phase, "done": done, "total": job.total,
                "error": job.error, "pack": job.pack_label, "ignored": job.ignored}

    def done(self, rid: str, job: Job) -> int:
        """Files finished: those the batch skipped (done by an earlier run) and those audited since."""
        planned, advanced = self.counters.get(rid, (None, None))
        if planned is None or planned.value < 0:
            return 0
        return max(0, min(job.total, job.total - planned.value + advanced.value))

    # -------- running

    def _start(self, rid: str) -> None:
        job = self.jobs[rid]
        # spawn: a clean process (its own pool forks from it, not from the threaded server)
        ctx = mp.get_context("spawn")
        planned, advanced = self.counters[rid] = (ctx.Value("i", -1), ctx.Value("i", 0))
        proc = ctx.Process(target=run_job, name=f"auditor-batch-{rid}",
                           args=(str(self.folders[rid]), job.pack_path, self.jobs_per_batch, planned, advanced))
        proc.start()
        job.state = "running"
        self.save(job)
        self.current = (rid, proc)

    def _finish(self, rid: str, exitcode: Optional[int]) -> None:
        job = self.jobs[rid]
        res = self.result(rid)
        if res and res.get("ok"):
            job.state = "done"
        else:
            job.state = "failed"
            job.error = (res or {}).get("error") or f"批量审核进程意外退出（退出码 {exitcode}）"
        job.finished = time.time()
        self.save(job)
        self.current = None

    def step(self) -> None:
        if self.current is not None:
            rid, proc = self.current
            if proc.is_alive():
                return
            proc.join()
            self._finish(rid, proc.exitcode)
        while self.queue and self.current is None:
            rid = self.queue.pop(0)
            if rid in self.jobs and self.jobs[rid].state == "queued":
                self._start(rid)

    async def loop(self) -> None:
        while True:
            try:
                self.step()
            except Exception:  # one bad job folder must not stop the queue
                log.exception("batch runner step failed")
            await asyncio.sleep(POLL_S)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.loop())

    def stop(self) -> None:
        """Server shutdown: the running batch stops; its finished reports are kept for the resume."""
        if self._task is not None:
            self._task.cancel()
        if self.current is not None:
            _, proc = self.current
            proc.terminate()
            proc.join(5)
            self.current = None
