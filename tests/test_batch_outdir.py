"""outdir.py and the exit codes of a batch that cannot write or is stopped: leftovers of killed runs
cleaned, stale results removed or reported, a read-only --out exits 5, an interrupt exits 130 keeping
finished work."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.batch import outdir, run as batch, worker
from auditor.batch.cache import MANIFEST
from auditor.cli import app
from helpers import HUZHU, ROOT, SEEDS, as_in_a_terminal

runner = CliRunner()
SEED = sorted(SEEDS.glob("*.txt"))


def _src(tmp_path: Path, n: int = 2) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for p in SEED[:n]:
        shutil.copy(p, src)
    return src


def test_leftovers_of_killed_runs_are_cleaned_and_no_system_temp_files(tmp_path, monkeypatch):
    src, out = _src(tmp_path), tmp_path / "out"
    out.mkdir()
    left = [out / ".batch-deadbeef-0.json", out / ".batch-deadbeef-1.pdf", out / ".汇总.xlsx.k3j_9x2a.tmp",
            out / ".manifest.json.ab12cd34.tmp"]
    for p in left:
        p.write_bytes(b"partial")
    rows = out / ".batch-k3j9x2a"  # the workbook's row files of a run killed while writing 汇总.xlsx
    rows.mkdir()
    (rows / "tmpab12cd").write_bytes(b"<row")
    left.append(rows)
    keep = out / "说明.txt"
    keep.write_text("用户自己的文件", encoding="utf-8")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))  # workers are forked: they inherit it
    batch.execute(src, rules=[HUZHU], out=out, jobs=2, pdf=False)
    assert not any(p.exists() for p in left)
    assert keep.exists()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != outdir.LOCK]
    assert list(system_tmp.iterdir()) == []  # the workbook's row files are in the output folder, removed


def test_results_no_manifest_entry_owns_are_removed_others_reported(tmp_path):
    src, out = _src(tmp_path), tmp_path / "out"
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False)
    name = res.reports[0].name
    # a run killed after renaming a report's JSON into place, before the manifest said so
    shutil.copy(out / f"{name}.json", out / "旧名称-2023.json")
    (out / "旧名称-2023.pdf").write_bytes(b"%PDF-1.7 stale")
    (out / "用户的数据.json").write_text('{"mine": true}', encoding="utf-8")
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False)
    assert not (out / "旧名称-2023.json").exists() and not (out / "旧名称-2023.pdf").exists()
    assert (out / "用户的数据.json").exists() and (out / f"{name}.json").exists()
    assert any("旧名称-2023.json" in n for n in res.notices) and any("用户的数据.json" in n for n in res.notices)


class read_only:
    """A folder nobody may write into, root included: chmod for users, the immutable flag for root."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        if os.geteuid() != 0:
            self.path.chmod(0o555)
        else:
            subprocess.run(["chattr", "+i", str(self.path)], check=True, capture_output=True)
        return self.path

    def __exit__(self, *exc):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(self.path)], check=True, capture_output=True)
        self.path.chmod(0o755)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX permissions")
def test_read_only_out_exits_5_with_a_chinese_message(tmp_path):
    src, out = _src(tmp_path, 1), tmp_path / "只读"
    out.mkdir()
    with read_only(out):
        r = runner.invoke(app, ["batch", str(src), "--rules", HUZHU, "--out", str(out), "--no-pdf", "--jobs", "1"])
        assert r.exit_code == 5, r.output
        assert "无法写入输出文件夹：没有写入权限" in r.output and str(out) in r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)
        assert list(out.iterdir()) == []


def test_out_that_cannot_be_created_exits_5():
    r = runner.invoke(app, ["batch", str(SEEDS), "--rules", HUZHU, "--out", "/proc/auditor-结果", "--no-pdf"])
    assert r.exit_code == 5 and "无法写入输出文件夹" in r.output


def test_interrupt_exits_130_and_keeps_finished_work(tmp_path, monkeypatch):
    src, out = _src(tmp_path, 3), tmp_path / "out"
    real, seen = worker.audit_one, []

    def one(idx, rel, path, shown):
        seen.append(rel)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(idx, rel, path, shown)

    monkeypatch.setattr(worker, "audit_one", one)
    r = runner.invoke(app, ["batch", str(src), "--rules", HUZHU, "--out", str(out), "--no-pdf", "--jobs", "1"])
    assert r.exit_code == 130 and "已中断" in r.output
    files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert list(files) == [seen[0]] and (out / f"{files[seen[0]]['name']}.json").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".batch-")]
    monkeypatch.setattr(worker, "audit_one", real)
    r = runner.invoke(app, ["batch", str(src), "--rules", HUZHU, "--out", str(out), "--no-pdf", "--jobs", "1"])
    assert r.exit_code == 0 and "跳过 1 份" in r.output


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals")
def test_sigint_to_a_running_batch_exits_130(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(60):
        shutil.copy(SEED[i % len(SEED)], src / f"{i:03d}.txt")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "auditor.cli", "batch", str(src), "--rules", HUZHU, "--out", str(out),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                             preexec_fn=as_in_a_terminal)
    deadline = time.monotonic() + 600  # a loaded machine is slow to start the pool
    placed = lambda: [p for p in out.glob("*.pdf") if not p.name.startswith(".")]  # noqa: E731 (not temp files)
    while time.monotonic() < deadline and not placed() and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()[1][-2000:]
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert 0 < len(files) < 60
    assert not [p for p in out.iterdir() if p.name.startswith(".batch-") or p.name.endswith(".tmp")]
