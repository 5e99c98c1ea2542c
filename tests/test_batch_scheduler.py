"""scheduler.py: Ctrl-C and SIGTERM stop a batch between two results, never inside the pool's waiting or
in the middle of handing a result on (an interrupt raised inside threading.Condition.wait turned into
RuntimeError "release unlocked lock", exit 70)."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

import pytest

from auditor.batch import scheduler, worker
from auditor.batch.files import Item

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals, fork")


@pytest.fixture(autouse=True)
def sigint_as_in_a_terminal():
    """A job started in the background without job control (CI) inherits SIGINT ignored, which the scheduler
    rightly leaves alone; these tests are about a batch started from a terminal."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def _items(n: int) -> list[Item]:
    return [Item(idx=i, rel=f"{i:04d}.txt", path=Path(f"/nonexistent/{i:04d}.txt")) for i in range(n)]


@pytest.fixture
def fake_work(monkeypatch):
    """Workers that only sleep: the parent spends its time waiting for results."""
    monkeypatch.setattr(worker, "setup", lambda state: None)

    def one(idx, rel, path, shown, pause=float(os.environ.get("AUDITOR_TEST_PAUSE", "0.05"))):
        time.sleep(pause)
        return worker.WorkResult(idx)

    monkeypatch.setattr(worker, "audit_one", one)


def _signal_later(sig: int, delay: float) -> threading.Timer:
    t = threading.Timer(delay, lambda: os.kill(os.getpid(), sig))
    t.start()
    return t


def _innermost_file(exc: BaseException) -> str:
    return traceback.extract_tb(exc.__traceback__)[-1].filename


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("delay", [0.3, 0.55, 0.8])
def test_signal_while_the_pool_works_stops_at_our_check(fake_work, sig, delay):
    accepted, timers = [], []

    def accept(it, res):
        accepted.append(it.idx)
        if not timers:  # timed from the first result, not from the pool's start (slow on a loaded machine)
            timers.append(_signal_later(sig, delay))

    s = scheduler.Scheduler({}, 2, True, accept, lambda it, row: None)
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt) as caught:
        s.run(_items(400))
    timers[0].cancel()
    # raised by the scheduler itself, not from inside concurrent.futures/threading
    assert _innermost_file(caught.value) == scheduler.__file__
    assert 0 < len(accepted) < 400 and len(set(accepted)) == len(accepted)
    assert s.pool is None
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_a_result_being_handed_on_is_finished_before_stopping(fake_work):
    """The interrupt that comes while the parent renames a result into place waits for it to end."""
    events = []

    def accept(it, res):
        events.append(("start", it.idx))
        if len(events) == 5:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler has run by now
        events.append(("end", it.idx))

    s = scheduler.Scheduler({}, 2, False, accept, lambda it, row: None)
    with pytest.raises(KeyboardInterrupt):
        s.run(_items(200))
    assert events[-1][0] == "end" and events[-1][1] == events[-2][1]
    assert len(events) < 400


def test_serial_run_stops_between_files(fake_work):
    seen = []

    def accept(it, res):
        seen.append(it.idx)
        if it.idx == 2:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        scheduler.Scheduler({}, 1, False, accept, lambda it, row: None).run(_items(10))
    assert seen == [0, 1, 2]


def test_a_second_signal_stops_at_once():
    stop = scheduler.Interrupts()
    with pytest.raises(KeyboardInterrupt):
        with stop:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)
            assert stop.noted == 1  # noted, not raised
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    assert stop.noted == 2 and signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_stop_noted_as_the_work_ends_still_stops():
    with pytest.raises(KeyboardInterrupt):
        with scheduler.Interrupts():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.4, 1.0])
def test_ctrl_c_to_auditor_batch_exits_130_with_nothing_half_written(tmp_path, delay):
    """The whole command: exit 130, no traceback, no temporary file left, every manifest entry's result whole."""
    import json
    import shutil
    import subprocess

    from auditor.batch.cache import MANIFEST
    from helpers import HUZHU, ROOT, SEEDS, as_in_a_terminal

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(300):
        shutil.copy(seeds[i % len(seeds)], src / f"{i:03d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "auditor.cli", "batch", str(src), "--rules", HUZHU, "--out",
                             str(out), "--jobs", "2", "--no-pdf"], stderr=subprocess.PIPE, text=True, cwd=ROOT,
                             preexec_fn=as_in_a_terminal)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (out / MANIFEST).exists() and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(delay)
    assert proc.poll() is None, "finished before the interrupt: give it more files"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".batch-") or p.name.endswith(".tmp")]
    files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert files
    for entry in files.values():
        assert entry.get("error") or json.loads((out / f"{entry['name']}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_ignored_at_the_start_stays_ignored(sig):
    # nohup, or `auditor batch … &` in a shell without job control: the starter asked not to stop on it
    before = signal.signal(sig, signal.SIG_IGN)
    try:
        with scheduler.Interrupts() as stop:
            assert signal.getsignal(sig) is signal.SIG_IGN
            os.kill(os.getpid(), sig)
            time.sleep(0.01)
        assert stop.noted == 0 and signal.getsignal(sig) is signal.SIG_IGN
        if sig == signal.SIGTERM:
            with scheduler.sigterm_as_interrupt():
                assert signal.getsignal(sig) is signal.SIG_IGN
    finally:
        signal.signal(sig, before)
