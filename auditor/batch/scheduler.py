"""scheduler: run the work in a pool of processes; survive a worker that dies; stop on Ctrl-C or SIGTERM.

When a worker dies (a C library crashing on one file) the files it was on are retried one at a time in a
single-worker pool, so the culprit alone becomes an error row. Results are handed to `accept` in the parent
as they come; nothing here writes or prints. Ctrl-C and SIGTERM are noted while the work runs and stop it
between two results (Interrupts), never in the middle of one.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import math
import multiprocessing as mp
import signal
import sys
import threading
from typing import Callable, Iterator, Sequence

from . import worker
from .files import Item
from .rows import ErrorRow, error_text

Accept = Callable[[Item, "worker.WorkResult"], None]
Fail = Callable[[Item, ErrorRow], None]


def _mp_context():
    methods = mp.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):
        return mp.get_context("fork")  # workers inherit the loaded rules: no start-up cost
    return mp.get_context("spawn" if "spawn" in methods else None)


def _args(it: Item) -> tuple[int, str, str, str]:
    return it.idx, it.rel, str(it.path), it.shown_path


def _crash(it: Item, why: str) -> ErrorRow:
    return ErrorRow(it.rel, "BrokenProcessPool", why, "审核")


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the batch like Ctrl-C: finished work is kept (main thread only)."""
    def raise_interrupt(signum, frame):
        raise KeyboardInterrupt

    old = None
    with contextlib.suppress(ValueError):  # not the main thread
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN:  # as Interrupts: ignored stays ignored
            old = signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        yield
    finally:
        if old is not None:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGTERM, old)


POLL_S = 0.2  # how soon a noted Ctrl-C stops a pool that is waiting for results


class Interrupts:
    """Ctrl-C and SIGTERM while the work runs: the handler only notes them; `check()` raises
    KeyboardInterrupt where we choose, between two results.

    Raised wherever the main thread happens to be, the interrupt can land inside threading.Condition.wait
    (under concurrent.futures and Dask), which then fails with RuntimeError "release unlocked lock"
    instead of stopping, or between renaming a result into place and recording it. A second signal
    stops at once (a user who insists). Main thread only; elsewhere nothing is installed. A signal ignored
    when the batch starts stays ignored: whoever started it (nohup, `&` in a shell without job control) asked
    that it not stop on that signal."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.noted = 0
        self._old: dict = {}

    def __enter__(self) -> "Interrupts":
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                if signal.getsignal(sig) is signal.SIG_IGN:
                    continue
                with contextlib.suppress(ValueError, OSError):
                    self._old[sig] = signal.signal(sig, self._note)
        return self

    def _note(self, signum, frame) -> None:
        self.noted += 1
        if self.noted > 1:
            raise KeyboardInterrupt

    def check(self) -> None:
        if self.noted:
            raise KeyboardInterrupt

    def __exit__(self, kind, exc, tb) -> None:
        for sig, old in self._old.items():
            if old is None:  # set outside Python: back to Python's defaults
                old = signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, old)
        self._old = {}
        if kind is None:
            self.check()  # a stop asked for as the last result came in


class Scheduler:
    def __init__(self, state: dict, jobs: int, pdf: bool, accept: Accept, fail: Fail,
                 pause: Callable[[], None] = lambda: None, resume: Callable[[], None] = lambda: None):
        self.state, self.jobs, self.pdf = state, jobs, pdf
        self.accept, self.fail, self.pause, self.resume = accept, fail, pause, resume
        self.pool = None
        self.interrupts = Interrupts()

    def run(self, todo: list[Item]) -> None:
        with self.interrupts:
            if self.jobs == 1 or len(todo) == 1:
                worker.setup(self.state)
                for it in todo:
                    self.interrupts.check()
                    self.accept(it, worker.audit_one(*_args(it)))
            else:
                self.run_pool(todo)

    def run_pool(self, todo: list[Item]) -> None:
        queue, suspects, rounds = list(todo), [], 0
        while queue or suspects:
            rounds += 1
            if rounds > 2 * len(todo) + 4:  # cannot happen unless workers die at start-up
                for it in queue + suspects:
                    self.fail(it, _crash(it, "工作进程反复异常退出，未能审核"))
                return
            if suspects:
                batch, workers, chunk, suspects = suspects, 1, 1, []
            else:
                batch, workers, chunk, queue = queue, self.jobs, self.chunk_size(len(queue)), []
            broken = self._pool_pass(batch, workers, chunk)
            if broken is None:
                continue
            unfinished, running = broken
            if not running:  # died before taking any file (start-up): give up on these files
                for it in unfinished + queue + suspects:
                    self.fail(it, _crash(it, "工作进程启动失败，未能审核"))
                return
            if workers == 1:
                for it in unfinished:
                    if it.idx in running:
                        self.fail(it, _crash(it, "处理该文件时工作进程意外退出（文件可能已损坏，导致解析库崩溃）"))
                    else:
                        suspects.append(it)
            else:
                suspects = [it for it in unfinished if it.idx in running]
                queue = [it for it in unfinished if it.idx not in running] + queue

    def chunk_size(self, n: int) -> int:
        if self.pdf:
            return 1  # seconds per report: balance beats overhead
        return max(1, min(16, math.ceil(n / (self.jobs * 8))))

    def _pool_pass(self, batch: Sequence[Item], workers: int, chunk: int):
        """One pool over `batch`; None when all finished, else (unfinished items, idx the dead were on)."""
        ctx = _mp_context()
        chunks = [batch[i:i + chunk] for i in range(0, len(batch), chunk)]
        workers = max(1, min(workers, len(chunks)))
        slots = ctx.Array("i", [-1] * workers, lock=False)
        counter = ctx.Value("i", 0)
        self.pause()  # no live refresh thread while forking
        pool = self.pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker.init_worker,
                                                  initargs=(self.state, slots, counter))
        try:
            futures = {pool.submit(worker.work, [_args(it) for it in ch]): ch for ch in chunks}
        finally:
            self.resume()
        by_idx = {it.idx: it for it in batch}
        try:
            pending = set(futures)
            while pending:
                self.interrupts.check()
                done, pending = cf.wait(pending, timeout=POLL_S, return_when=cf.FIRST_COMPLETED)
                for fut in sorted(done, key=lambda f: futures[f][0].idx if f in futures else -1):
                    self.interrupts.check()
                    broken = self._handle(fut, futures, by_idx, slots)
                    if broken is not None:
                        return broken
        except BaseException:  # Ctrl-C or a failure in the parent: stop our workers now
            self.terminate()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        return None

    def _handle(self, fut, futures: dict, by_idx: dict, slots):
        """Hand on a finished chunk; on a broken pool, what other workers finished, and return
        (unfinished items, idx the dead were on)."""
        if fut not in futures:
            return None  # handled while recovering from a broken pool
        try:
            results = fut.result()
        except cf.process.BrokenProcessPool:
            running = {int(s) for s in slots if s >= 0}
            for f2 in list(futures):  # keep what other workers finished
                if f2.done() and not f2.cancelled() and f2.exception() is None:
                    futures.pop(f2)
                    for res in f2.result():
                        self.accept(by_idx[res.idx], res)
            return [it for ch in futures.values() for it in ch], running
        except Exception as exc:  # e.g. a result that could not be sent back
            for it in futures.pop(fut):
                self.fail(it, ErrorRow(it.rel, type(exc).__name__, error_text(exc), "审核"))
            return None
        futures.pop(fut)  # the parent keeps no result it has handed on: flat memory
        for res in results:
            self.accept(by_idx[res.idx], res)
        return None

    def terminate(self) -> None:
        """Stop this pool's worker processes (only ours, by their process objects)."""
        pool = self.pool
        if pool is None:
            return
        for p in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                p.terminate()
        with contextlib.suppress(Exception):
            pool.shutdown(wait=False, cancel_futures=True)
