"""Batch jobs: a job the server did not finish goes back in the queue at the next start."""
from __future__ import annotations

import json
from dataclasses import asdict

from auditor.web.jobs import JOB_FILE, RESULT_FILE, Job, JobRunner


def write_job(folder, **kw) -> Job:
    folder.mkdir(parents=True)
    job = Job(id=folder.name, names=["a.txt"], pack_key=None, pack_path=None, pack_label="默认", total=1, **kw)
    (folder / JOB_FILE).write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    return job


def test_unfinished_jobs_are_queued_again_finished_ones_are_not(tmp_path):
    runner = JobRunner(1)
    write_job(tmp_path / "AAAAAAAAAAAAAAAA", state="running")
    write_job(tmp_path / "BBBBBBBBBBBBBBBB", state="done")
    write_job(tmp_path / "CCCCCCCCCCCCCCCC", state="running")
    (tmp_path / "CCCCCCCCCCCCCCCC" / RESULT_FILE).write_text('{"ok": true, "ranking": [], "errors": []}')
    for f in sorted(tmp_path.iterdir()):
        runner.resume(f)
    assert runner.queue == ["AAAAAAAAAAAAAAAA"]
    assert runner.jobs["AAAAAAAAAAAAAAAA"].state == "queued"
    assert runner.busy("AAAAAAAAAAAAAAAA") and not runner.busy("BBBBBBBBBBBBBBBB")
    assert runner.status("BBBBBBBBBBBBBBBB")["done"] == 1
    assert runner.jobs["CCCCCCCCCCCCCCCC"].state == "done" and not runner.busy("CCCCCCCCCCCCCCCC")


def test_a_damaged_job_file_is_skipped(tmp_path):
    (tmp_path / "DDDDDDDDDDDDDDDD").mkdir()
    (tmp_path / "DDDDDDDDDDDDDDDD" / JOB_FILE).write_text("{not json")
    assert JobRunner(1).resume(tmp_path / "DDDDDDDDDDDDDDDD") is None
