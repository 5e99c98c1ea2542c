"""engines.py and worker.audit_bytes: the per-report function is pure, the local and Dask engines give the
same outputs (byte-identical JSON, the same ranking and tables), a lost Dask worker costs nothing, and
errors for engines or clusters we cannot use are clear."""
from __future__ import annotations

import builtins
import json
import os
import shutil
import signal
import sys
from datetime import date
from pathlib import Path

import pytest

from auditor.batch import engines, run as batch, worker
from auditor.batch.cache import MANIFEST
from auditor.batch.details import DETAILS_CSV
from auditor.batch.tables import SUMMARY_CSV
from auditor.errors import UsageError
from auditor.packs.loader import load_rules
from helpers import HUZHU, SEEDS

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 3, 1)


def _outputs(out: Path) -> dict[str, bytes]:
    """Every result file but the manifest (it records when it was written)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.suffix in (".json", ".csv") and p.name != MANIFEST}


def _synthetic(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    synth.write_corpus(folder, n, seed=17)
    return folder


def test_audit_bytes_is_pure_and_matches_the_file_path(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    job = worker.Job(load_rules([HUZHU]), today=TODAY)
    data = seed.read_bytes()
    a = worker.audit_bytes("x.txt", "报告/x.txt", data, job)
    b = worker.audit_bytes("x.txt", "报告/x.txt", data, job)
    assert a.error is None and a.json == b.json and a.details == b.details
    assert a.row.jurisdiction and json.loads(a.json)["report"]["file"] == "报告/x.txt"
    assert len(a.details) == len(a.row.findings)
    assert list(tmp_path.iterdir()) == []  # wrote nothing


def test_audit_bytes_turns_bad_input_into_an_error_row():
    job = worker.Job(load_rules([HUZHU]))
    out = worker.audit_bytes("空.txt", "空.txt", b"", job)
    assert out.row is None and out.error.stage == "读取" and out.error.rel == "空.txt"


def test_unknown_engine_and_stray_scheduler_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        batch.execute(SEEDS, rules=[HUZHU], out=tmp_path / "o", pdf=False, engine="spark")
    with pytest.raises(UsageError):
        batch.execute(SEEDS, rules=[HUZHU], out=tmp_path / "o", pdf=False, scheduler="tcp://127.0.0.1:1")
    assert not (tmp_path / "o").exists()


def test_dask_missing_says_how_to_install(monkeypatch):
    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(UsageError) as exc:
        engines._distributed()
    assert "auditor[dask]" in exc.value.hint


def _local_and_dask(src: Path, tmp_path: Path, pdf: bool, jobs: int = 2):
    local, dask = tmp_path / "local", tmp_path / "dask"
    r1 = batch.execute(src, rules=[HUZHU], out=local, jobs=jobs, pdf=pdf, today=TODAY)
    r2 = batch.execute(src, rules=[HUZHU], out=dask, jobs=jobs, pdf=pdf, today=TODAY, engine="dask")
    return (r1, local), (r2, dask)


def _ranking(res) -> list:
    return [(rank, r.rel, r.name, r.score) for rank, r in res.summary.ranked]


@pytest.mark.slow
def test_dask_gives_the_local_engines_outputs_on_the_seeds(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    (src / "坏.txt").write_bytes(b"")
    (r1, local), (r2, dask) = _local_and_dask(src, tmp_path, pdf=True)
    assert _outputs(local) == _outputs(dask) and len(_outputs(local)) == 6  # 4 JSON, 2 CSV
    assert _ranking(r1) == _ranking(r2) and len(r1.reports) == 4
    assert [e.rel for e in r2.errors] == ["坏.txt"]
    for name in (p.stem for p in local.glob("*.json") if p.name != MANIFEST):
        assert (dask / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
    assert not [p for p in dask.iterdir() if p.name.startswith(".batch-")]
    # the manifest the Dask run kept lets a local re-run skip everything
    r3 = batch.execute(src, rules=[HUZHU], out=dask, jobs=1, pdf=True, today=TODAY)
    assert r3.audited == 0 and r3.skipped == 5 and _outputs(dask) == _outputs(local)


@pytest.mark.slow
def test_dask_gives_the_local_engines_outputs_on_1000_reports(tmp_path):
    pytest.importorskip("distributed")
    src = _synthetic(tmp_path / "src", 1000)
    (r1, local), (r2, dask) = _local_and_dask(src, tmp_path, pdf=False)
    assert len(r1.reports) + len(r1.errors) == 1000
    assert _ranking(r1) == _ranking(r2)
    a, b = _outputs(local), _outputs(dask)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []
    assert {SUMMARY_CSV, DETAILS_CSV} <= a.keys()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kills a worker process by its pid")
def test_a_lost_dask_worker_is_retried(tmp_path):
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):  # enough work that a worker is busy when it is killed
        for p in SEEDS.glob("*.txt"):
            shutil.copy(p, src / f"{i:02d}-{p.name}")
    expected = batch.execute(src, rules=[HUZHU], out=tmp_path / "local", jobs=1, pdf=False, today=TODAY)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            client.run(lambda: None)  # both workers up
            pids = list(client.run(os.getpid).values())
            killed = []

            def kill_one(event):
                if event.kind == "advance" and not killed:
                    killed.append(pids[0])
                    os.kill(pids[0], signal.SIGKILL)  # the nanny starts a new worker

            res = batch.execute(src, rules=[HUZHU], out=tmp_path / "dask", pdf=False, today=TODAY, engine="dask",
                                scheduler=cl.scheduler_address, on_event=kill_one)
    assert killed and res.errors == []
    assert _ranking(res) == _ranking(expected)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path):
    pytest.importorskip("distributed")
    engines_timeout = engines.CONNECT_TIMEOUT_S
    try:
        engines.CONNECT_TIMEOUT_S = 2
        with pytest.raises(UsageError) as exc:
            batch.execute(SEEDS, rules=[HUZHU], out=tmp_path / "o", pdf=False, engine="dask",
                          scheduler="tcp://127.0.0.1:9")
    finally:
        engines.CONNECT_TIMEOUT_S = engines_timeout
    assert "Dask 调度器" in exc.value.message


def test_results_reach_the_batch_in_file_order():
    from auditor.batch.files import Item
    from auditor.batch.rows import ErrorRow

    items = [Item(i, f"{i}.txt", Path(f"{i}.txt")) for i in range(4)]
    seen = []
    order = engines.InOrder(items, lambda it, res: seen.append(("ok", it.idx)),
                            lambda it, row: seen.append(("fail", it.idx)))
    order.accept(items[2], worker.WorkResult(2))
    order.fail(items[1], ErrorRow("1.txt", "KilledWorker", "x"))
    assert seen == [] and order.waiting == 2
    order.accept(items[0], worker.WorkResult(0))
    assert seen == [("ok", 0), ("fail", 1), ("ok", 2)] and order.waiting == 0
    order.accept(items[3], worker.WorkResult(3))
    assert seen[-1] == ("ok", 3)
