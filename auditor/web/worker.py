"""The audit processes: warm once (dictionaries, fonts, templates, the default pack), then serve many requests.

Audits are CPU-bound Python, so concurrent uploads get processes, not threads; each process keeps the rule
sets it has loaded, keyed by the catalog's version so that an edited pack file is read again. Tasks return
plain dicts (a typed error does not survive pickling with its fields), never raise for a bad report.
"""
from __future__ import annotations

import asyncio
import concurrent.futures as cf
import contextlib
import logging
import multiprocessing as mp
import os
import signal
import threading
from pathlib import Path
from typing import Any, Callable, Optional

from ..errors import AuditorError, InputError, RulePackError

log = logging.getLogger(__name__)

_STATE: dict[str, Any] = {}
MAX_RULESETS = 16


def init_worker() -> None:
    """Paid once per process, at start: the first upload is as fast as the next."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    from ..fold import fold

    fold("法治政府建設年度報告")  # loads the opencc dictionary
    from .. import pipeline  # noqa: F401  (extract/evaluate modules)
    from ..report import render

    if hasattr(render, "warm_up"):
        with contextlib.suppress(Exception):  # the audit works without PDF; the PDF task reports it
            render.warm_up()
    _STATE["rulesets"] = {}
    with contextlib.suppress(AuditorError):
        _ruleset(None, 0)


def _ruleset(pack: Optional[str], version: int):
    from ..packs.loader import load_rules

    cache: dict = _STATE.setdefault("rulesets", {})
    key = (pack, version)
    if key not in cache:
        if len(cache) >= MAX_RULESETS:
            cache.clear()
        cache[key] = load_rules([pack] if pack else None)
    return cache[key]


def _audit(path: str, pack: Optional[str], version: int):
    from .. import api

    return api.check(path, ruleset=_ruleset(pack, version))


def _failure(exc: BaseException, name: str) -> dict:
    if isinstance(exc, AuditorError):
        exc.path = name  # the user's file name, not the server's temporary path
        status = 400 if isinstance(exc, (InputError, RulePackError)) else 500
        return {"ok": False, "status": status, "error": str(exc), "type": type(exc).__name__}
    log.exception("audit failed")
    return {"ok": False, "status": 500, "error": f"{name}: 审核时出现内部错误（{type(exc).__name__}）",
            "type": type(exc).__name__}


def fits(doc, candidates: list[tuple[str, str]], version: int) -> dict[str, str]:
    """Whether each pack applies to the document, as the audit's own alerts judge it (applicability.py):
    yes, unknown (something could not be identified) or no (another year, level or place)."""
    from ..applicability import pack_alerts

    out: dict[str, str] = {}
    for key, pack in candidates:
        try:
            ruleset = _ruleset(pack, version)
        except AuditorError:
            continue
        alerts = [a for a in pack_alerts(doc, ruleset) if a.code != "national_only"]
        out[key] = "no" if any(a.severity == "error" for a in alerts) else "unknown" if alerts else "yes"
    return out


def pick(fit: dict[str, str], candidates: list[tuple[str, str]], version: int) -> Optional[tuple[str, str]]:
    """The one most specific pack that surely applies (scoped by place over year over level); None when
    no scoped pack applies or two are equally specific: then the default pack, never a guess."""
    from ..packs.model import AppliesTo

    ranked = []
    for key, pack in candidates:
        scope = _ruleset(pack, version).applies_to if fit.get(key) == "yes" else AppliesTo()
        if scope != AppliesTo():
            ranked.append(((bool(scope.jurisdictions), bool(scope.year), bool(scope.levels)), key, pack))
    ranked.sort(reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1], ranked[0][2]


def audit_task(path: str, pack: Optional[str], version: int, name: str,
               candidates: tuple = (), auto: bool = False) -> dict:
    """The check: the JSON contract (`auditor check --format json`), the page's view model, and which
    served packs apply to the report. With `auto`, the report is audited against the pack that applies."""
    from ..pipeline import audit_document
    from ..report.json import audit_dict
    from . import view

    try:
        audit = _audit(path, pack, version)
        fit = fits(audit.document, list(candidates), version)
        chosen = pick(fit, list(candidates), version) if auto else None
        if chosen is not None:
            audit = audit_document(audit.document, _ruleset(chosen[1], version))
        data = audit_dict(audit)
        data["report"]["file"] = name
        return {"ok": True, "json": data, "view": view.build(audit), "fits": fit,
                "chosen": chosen[0] if chosen else None}
    except Exception as exc:
        return _failure(exc, name)


# The files a check can be downloaded as besides its JSON: kind -> (file name, media type).
OUTPUTS = {
    "pdf": ("差距报告.pdf", "application/pdf"),
    "docx": ("差距报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "annotated": ("标注.html", "text/html; charset=utf-8"),
}


def output_task(path: str, pack: Optional[str], version: int, name: str, out: str, kind: str) -> dict:
    """Write one of OUTPUTS for the report at path, atomically, to out."""
    from ..report import annotate, render, word

    writers = {"pdf": render.write_pdf, "docx": word.write_docx, "annotated": annotate.write_annotated}
    try:
        writers[kind](_audit(path, pack, version), Path(out))
        return {"ok": True}
    except Exception as exc:
        return _failure(exc, name)


class WorkerPool:
    """A process pool started (and warmed) before the server answers; rebuilt if a process dies."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._pool: Optional[cf.ProcessPoolExecutor] = None

    def _new(self) -> cf.ProcessPoolExecutor:
        # spawn: safe from a threaded server, and the only way on Windows
        return cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context("spawn"),
                                      initializer=init_worker)

    def start(self) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = self._new()
            pool = self._pool
        # one long-ish task per process so every process starts and warms now, not on the first upload
        futures = [pool.submit(_warm_wait, self.workers) for _ in range(self.workers)]
        for f in futures:
            f.result()

    async def run(self, fn: Callable, *args, timeout: float = 300) -> dict:
        with self._lock:
            if self._pool is None:
                self._pool = self._new()
            pool = self._pool
        try:
            fut = pool.submit(fn, *args)
        except (cf.process.BrokenProcessPool, RuntimeError):
            self._replace(pool)
            return self._crashed(args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(fut), timeout)
        except cf.process.BrokenProcessPool:
            self._replace(pool)
            return self._crashed(args)
        except asyncio.TimeoutError:
            self._replace(pool, kill=True)  # a process stuck on one file must not hold a slot for good
            return {"ok": False, "status": 500, "error": f"{args[3]}: 审核超时（超过 {timeout:.0f} 秒），文件可能异常"}

    @staticmethod
    def _crashed(args) -> dict:
        return {"ok": False, "status": 500,
                "error": f"{args[3]}: 处理该文件时审核进程意外退出（文件可能已损坏，导致解析库崩溃）"}

    def _replace(self, broken: cf.ProcessPoolExecutor, kill: bool = False) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        if kill:
            for p in list((getattr(broken, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    p.terminate()
        with contextlib.suppress(Exception):
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _warm_wait(n: int) -> int:
    import time

    time.sleep(0.2 if n > 1 else 0)  # keep this process busy so the next warm task goes to a new one
    return os.getpid()
