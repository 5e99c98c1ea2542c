"""engines: where a batch's per-report work runs.

local (the default): a pool of processes on this machine (scheduler.py); each worker reads its file and
writes its results to temporary files in the output folder.
dask: tasks on a Dask distributed cluster (`--scheduler tcp://host:8786`, or a LocalCluster on this
machine). The client reads each file and sends its bytes; a task runs worker.audit_bytes, which is pure,
and returns the Outcome; the client writes the temporary files. Workers need the project installed and
nothing else: no shared folder, no state of ours. Dask reschedules a task whose worker was lost; a file
that keeps killing workers becomes an error row. Both engines hand WorkResults to the same `accept`, so
the outputs are the same.
"""
from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path
from typing import Callable, Optional

from .files import Item
from .rows import ErrorRow, error_text
from .scheduler import POLL_S, Accept, Fail, Interrupts, Scheduler
from .worker import WorkResult, audit_bytes, place_temp, read_input
from ..errors import UsageError

ENGINES = ("local", "dask")
IN_FLIGHT_PER_THREAD = 4  # tasks queued per worker thread: enough to keep it busy, bounded client memory
CONNECT_TIMEOUT_S = 20
MAX_WAITING = 4096  # finished results held back for the file order before the client stops submitting
log = logging.getLogger(__name__)


class InOrder:
    """Hands results on in the order of the files, whatever order they finish in, so that names that
    clash (two reports of one county) go to the same file on every run and with every engine. What waits
    is small: a result's outputs are temporary files already."""

    def __init__(self, todo: list[Item], accept: Accept, fail: Fail):
        self._order, self._pos, self._ready = [it.idx for it in todo], 0, {}
        self._accept, self._fail = accept, fail

    @property
    def waiting(self) -> int:
        return len(self._ready)

    def accept(self, it: Item, res: WorkResult) -> None:
        self._ready[it.idx] = (it, self._accept, res)
        self._flush()

    def fail(self, it: Item, row: ErrorRow) -> None:
        self._ready[it.idx] = (it, self._fail, row)
        self._flush()

    def _flush(self) -> None:
        while self._pos < len(self._order) and self._order[self._pos] in self._ready:
            it, hand_on, what = self._ready.pop(self._order[self._pos])
            self._pos += 1
            hand_on(it, what)


class Ordered:
    """An engine whose results reach the batch in file order (InOrder)."""

    def __init__(self, make, accept: Accept, fail: Fail):
        self.make, self.accept, self.fail, self.engine = make, accept, fail, None

    def run(self, todo: list[Item]) -> None:
        order = InOrder(todo, self.accept, self.fail)
        self.engine = self.make(order)
        self.engine.run(todo)

    def terminate(self) -> None:
        if self.engine is not None:
            self.engine.terminate()


def check_engine(kind: str, address: Optional[str]) -> None:
    """UsageError for an engine we do not have, or a scheduler address without the dask engine."""
    if kind not in ENGINES:
        raise UsageError(f"未知的运行方式“{kind}”，可选：" + "、".join(ENGINES))
    if address and kind != "dask":
        raise UsageError("--scheduler 只能与 --engine dask 一起使用")


def make_engine(kind: str, state: dict, jobs: int, accept: Accept, fail: Fail, address: Optional[str] = None,
                pause: Callable[[], None] = lambda: None, resume: Callable[[], None] = lambda: None):
    check_engine(kind, address)
    if kind == "dask":
        return Ordered(lambda order: DaskEngine(state, jobs, order, address), accept, fail)
    return Ordered(lambda order: Scheduler(state, jobs, state["job"].pdf, order.accept, order.fail, pause=pause,
                                           resume=resume), accept, fail)


def _distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError("--engine dask 需要 Dask（dask[distributed]），本机尚未安装",
                         hint="请安装：pip install 'auditor[dask]'（集群的每台机器都要安装本工具和 Dask）") from None
    return distributed


class DaskEngine:
    def __init__(self, state: dict, jobs: int, order: InOrder, address: Optional[str]):
        self.state, self.jobs, self.order, self.address = state, jobs, order, address
        self.accept, self.fail = order.accept, order.fail
        self.client = self.cluster = None
        self.out, self.token = Path(state["out"]), state["token"]

    def _connect(self):
        dd = _distributed()
        if self.address:
            try:
                return dd.Client(self.address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"无法连接 Dask 调度器：{error_text(exc)}", self.address,
                                 hint="请确认调度器已启动（dask scheduler），地址形如 tcp://192.168.1.10:8786") from None
        self.cluster = dd.LocalCluster(n_workers=max(1, self.jobs), threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
        return dd.Client(self.cluster, set_as_default=False)

    def run(self, todo: list[Item]) -> None:
        dd = _distributed()
        with Interrupts() as interrupts:
            self.client = client = self._connect()
            try:
                self._run(todo, client, dd, interrupts)
            finally:
                self.close()

    def _run(self, todo: list[Item], client, dd, interrupts: Interrupts) -> None:
        job = client.scatter(self.state["job"], broadcast=True, hash=False)  # the rule set once per worker
        window = max(2, IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values())))
        queue, items = iter(todo), {}

        def submit_next():
            for it in queue:
                data, err = read_input(it.rel, str(it.path))
                if err is not None:
                    self.accept(it, WorkResult(it.idx, error=err))
                    continue
                fut = client.submit(audit_bytes, it.rel, it.shown_path, data, job, pure=False,
                                    key=f"auditor-{self.token}-{it.idx}")
                items[fut.key] = it
                return fut
            return None

        first = [f for f in (submit_next() for _ in range(window)) if f is not None]
        pending = dd.as_completed(first, loop=client.loop)
        while not pending.is_empty():
            interrupts.check()  # Ctrl-C stops between results, not inside Dask's waiting
            if not pending.has_ready():
                time.sleep(POLL_S / 10)
                continue
            for fut in pending.next_batch(block=False):
                interrupts.check()
                it = items.pop(fut.key)
                self._collect(it, fut, dd)
                fut.release()
                # bounded: tasks in flight, and results waiting for a slower one before them
                while len(items) < window and self.order.waiting < MAX_WAITING:
                    nxt = submit_next()
                    if nxt is None:
                        break
                    pending.add(nxt)

    def _collect(self, it: Item, fut, dd) -> None:
        try:
            outcome = fut.result()
        except dd.KilledWorker:
            self.fail(it, ErrorRow(it.rel, "KilledWorker",
                                   "处理该文件时工作进程多次意外退出（文件可能已损坏，导致解析库崩溃）", "审核"))
            return
        except Exception as exc:  # e.g. a result that could not be sent back
            self.fail(it, ErrorRow(it.rel, type(exc).__name__, error_text(exc), "审核"))
            return
        self.accept(it, place_temp(outcome, it.idx, self.out, self.token, bool(self.state.get("json_lines"))))

    def terminate(self) -> None:
        self.close()

    def close(self) -> None:
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
