"""Batch mode end to end (run.py, scheduler.py, worker.py): outputs per report and for the fleet, one error
row per broken file, skip/force, JSON lines, exit codes 1/3/5/130, a worker crash that costs one file only."""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.batch import cache, run as batch, worker
from auditor.batch.cache import MANIFEST
from auditor.batch.summary_pdf import SUMMARY_PDF
from auditor.batch.tables import SUMMARY_CSV, SUMMARY_XLSX
from auditor.cli import app
from helpers import HUZHU, SEEDS, SEEDS_2023

runner = CliRunner()
SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
GOOD = 5  # four seeds and a GBK copy of one
INDICATOR = "行政机关负责人出庭应诉率（%）"


def _textless_pdf() -> bytes | None:
    try:
        from weasyprint import HTML
    except Exception:
        return None
    page = '<html><body><div style="width:40mm;height:20mm;background:#c00"></div></body></html>'
    return HTML(string=page).write_pdf()


def _broken(folder: Path) -> list[str]:
    """Deliberately broken files; returns their paths relative to the corpus."""
    folder.mkdir(parents=True)
    (folder / "空报告.txt").write_bytes(b"")
    rng = random.Random(7)
    (folder / "garbage.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    import docx

    d = docx.Document()
    d.add_paragraph("某县2024年度法治政府建设情况报告")
    buf = io.BytesIO()
    d.save(buf)
    (folder / "截断.docx").write_bytes(buf.getvalue()[:100])
    names = ["空报告.txt", "garbage.bin", "截断.docx"]
    pdf = _textless_pdf()
    if pdf:
        (folder / "扫描件.pdf").write_bytes(pdf)
        names.append("扫描件.pdf")
    return [f"broken/{n}" for n in names]


@pytest.fixture(scope="module", autouse=True)
def stable_code(request):
    """The re-run key includes a hash of the code; others edit the tree while tests run."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch, "code_fingerprint", lambda: "test")
        yield


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, stable_code):
    root = tmp_path_factory.mktemp("batch")
    src = root / "reports"
    shutil.copytree(SEEDS, src / "seeds")
    text = SEED["002"].read_text(encoding="utf-8").replace("\u2014", "-")
    (src / "seeds" / "楚雄州-GBK.txt").write_bytes(text.encode("gbk"))  # must be read, not an error
    broken = _broken(src / "broken")
    out = root / "结果"
    lines = []
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=2, pdf=False, on_event=lines.append)
    return {"src": src, "out": out, "broken": broken, "res": res, "root": root, "events": lines}


def _copy_out(corpus, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(corpus["out"], out)
    return out


def test_one_json_per_report_named_after_the_jurisdiction(corpus):
    out = corpus["out"]
    stems = sorted(p.stem for p in out.glob("*.json") if p.name != MANIFEST)
    assert len(stems) == GOOD
    assert {"船營區-2023", "双河街道-2023", "楚雄州-2023", "汤郎乡-2024"} <= set(stems)
    twin = [s for s in stems if s.startswith("楚雄州-2023-")]
    assert len(twin) == 1  # same county twice: a unique name, not an overwrite
    files = {json.loads((out / f"{s}.json").read_text(encoding="utf-8"))["report"]["file"] for s in stems}
    assert len(files) == GOOD
    assert not list(out.glob("*.pdf"))  # --no-pdf
    assert not [p for p in out.iterdir() if ".batch-" in p.name or p.name.endswith(".tmp")]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["files"]) == GOOD + len(corpus["broken"])


def test_exactly_one_error_row_per_broken_file(corpus):
    res = corpus["res"]
    assert sorted(e.rel for e in res.errors) == sorted(corpus["broken"])
    assert all(any("\u4e00" <= c <= "\u9fff" for c in e.message) for e in res.errors)
    by = {e.rel: e for e in res.errors}
    assert by["broken/空报告.txt"].error_type == "InputError"
    assert "seeds/楚雄州-GBK.txt" in {r.rel for r in res.reports}


def test_rerun_skips_unchanged_and_force_redoes(corpus, tmp_path):
    out = _copy_out(corpus, tmp_path)
    stamp = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    res = batch.execute(corpus["src"], rules=[HUZHU], out=out, jobs=2, pdf=False)
    assert (res.audited, res.skipped) == (0, GOOD + len(corpus["broken"]))
    assert len(res.reports) == GOOD and len(res.errors) == len(corpus["broken"])
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamp

    res = batch.execute(corpus["src"], rules=[HUZHU], out=out, jobs=2, pdf=False, force=True)
    assert (res.audited, res.skipped) == (GOOD + len(corpus["broken"]), 0)
    assert len(res.reports) == GOOD and len(res.errors) == len(corpus["broken"])


def test_changed_input_or_rules_is_redone(corpus, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(corpus["src"] / "seeds", src)
    out = tmp_path / "out"
    batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False)
    p = src / SEED["001"].name
    p.write_text(p.read_text(encoding="utf-8") + "\n全年开展法治讲座3次。", encoding="utf-8")
    (src / SEED["003"].name).unlink()  # a vanished input takes its outputs with it
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False)
    assert (res.audited, res.skipped) == (1, GOOD - 2)
    assert not (out / "汤郎乡-2024.json").exists()

    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: test/derived\ntitle: 测试规则包\nextends: [qinghai/huzhu-2024]\nrules: []\n", encoding="utf-8")
    res = batch.execute(src, rules=[str(pack)], out=out, jobs=1, pdf=False)
    assert res.audited == GOOD - 1


def test_output_folders_are_not_read_as_reports(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED["002"], src)
    quiet = {"rules": [HUZHU], "jobs": 1, "pdf": False}
    batch.execute(src, out=src / "结果", **quiet)  # out/ inside the reports folder
    assert len(batch.execute(src, out=src / "结果", **quiet).reports) == 1
    res = batch.execute(src, out=tmp_path / "elsewhere", **quiet)  # an earlier out/ is not input either
    assert [r.rel for r in res.reports] == [SEED["002"].name] and not res.errors
    with pytest.raises(batch.UsageError):
        batch.execute(src, out=src, **quiet)


def test_format_json_prints_one_line_per_report(corpus, tmp_path):
    out = _copy_out(corpus, tmp_path)
    for extra in ([], ["--force"]):
        r = runner.invoke(app, ["batch", str(corpus["src"]), "--rules", HUZHU, "--out", str(out), "--no-pdf",
                                "--format", "json", "--jobs", "2"] + extra)
        assert r.exit_code == 4, r.output[-2000:]  # files it could not read
        lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
        assert len(lines) == GOOD + len(corpus["broken"])
        audits = [x for x in lines if "findings" in x]
        errors = [x for x in lines if "error" in x]
        assert len(audits) == GOOD and all(x["schema_version"] == 1 for x in audits)
        assert len(errors) == len(corpus["broken"]) and all(set(x) >= {"file", "error"} for x in errors)


def test_exit_codes_follow_fail_on(corpus, tmp_path):
    out = _copy_out(corpus, tmp_path)
    base = ["batch", str(corpus["src"]), "--rules", HUZHU, "--out", str(out), "--no-pdf"]
    r = runner.invoke(app, base)
    assert r.exit_code == 4 and f"无法读取 {len(corpus['broken'])} 份" in r.stdout  # unreadable files: non-zero by default
    assert f"共 {GOOD + len(corpus['broken'])} 份报告" in r.stdout  # the duplicate is counted (ranked once)
    assert runner.invoke(app, base + ["--allow-unreadable"]).exit_code == 0  # --fail-on never by default
    r = runner.invoke(app, base + ["--allow-unreadable", "--fail-on", "not_met"])
    assert r.exit_code == 1 and "无法读取" in r.stdout
    assert "重复" in r.stdout and "排名（" in r.stdout  # the GBK copy of 楚雄州 is ranked once; top printed
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(SEED["002"], one)  # nothing not met, some to review; a pack whose scope fits it (no alerts)
    base = ["batch", str(one), "--rules", SEEDS_2023, "--out", str(tmp_path / "o1"), "--no-pdf", "--jobs", "1"]
    assert runner.invoke(app, base + ["--fail-on", "not_met"]).exit_code == 0
    assert runner.invoke(app, base + ["--fail-on", "review"]).exit_code == 1


def test_bad_rule_pack_fails_fast_with_exit_3(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\ntitle: 坏规则包\nrules:\n  - id: a\n    kind: metric\n    name: 某率\n", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(SEEDS), "--rules", str(bad), "--out", str(out), "--no-pdf"])
    assert r.exit_code == 3 and "bad.yaml" in r.output
    assert not out.exists()


def test_usage_errors():
    assert runner.invoke(app, ["batch", "/nonexistent/报告目录", "--no-pdf"]).exit_code == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only when forked")
def test_a_crashing_worker_costs_one_file(tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    shutil.copy(SEED["001"], src / "crash.txt")
    real = worker.audit_one

    def one(idx, rel, path, shown):
        if rel == "crash.txt":
            import os

            os._exit(3)  # as a C library crash would
        return real(idx, rel, path, shown)

    monkeypatch.setattr(worker, "audit_one", one)
    res = batch.execute(src, rules=[HUZHU], out=tmp_path / "out", jobs=2, pdf=False)
    assert [e.rel for e in res.errors] == ["crash.txt"] and res.errors[0].error_type == "BrokenProcessPool"
    assert len(res.reports) == 4


def test_pdfs_and_summary_pdf(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED["002"], src)
    pdf = _textless_pdf()
    if pdf:
        (src / "扫描件.pdf").write_bytes(pdf)
    out = tmp_path / "out"
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=True, )
    assert (out / "楚雄州-2023.pdf").read_bytes()[:5] == b"%PDF-"
    assert (out / SUMMARY_PDF).read_bytes()[:5] == b"%PDF-"
    assert [e.rel for e in res.errors] == (["扫描件.pdf"] if pdf else [])
    # a --no-pdf re-run keeps the PDF that still matches
    res = batch.execute(src, rules=[HUZHU], out=out, jobs=1, pdf=False, force=True)
    assert (out / "楚雄州-2023.pdf").exists()


def test_word_copies_with_docx(tmp_path):
    """--docx: a Word gap report beside each JSON; kept by a run without it, redone when missing, removed when
    the report changed and this run makes none."""
    import docx

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED["002"], src)
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--rules", SEEDS_2023, "--out", str(out), "--no-pdf", "--docx",
                            "--jobs", "1"])
    assert r.exit_code == 0, r.output
    word = out / "楚雄州-2023.docx"
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "楚雄州" in text
    assert not list(out.glob("*.pdf"))
    res = batch.execute(src, rules=[SEEDS_2023], out=out, jobs=1, pdf=False)  # unchanged, no --docx: reused
    assert res.skipped == 1 and word.exists()
    word.unlink()
    res = batch.execute(src, rules=[SEEDS_2023], out=out, jobs=1, pdf=False, docx=True)  # missing: redone
    assert res.skipped == 0 and word.exists()
    path = src / SEED["002"].name
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明。", encoding="utf-8")
    res = batch.execute(src, rules=[SEEDS_2023], out=out, jobs=1, pdf=False)  # changed, no --docx: stale copy gone
    assert res.skipped == 0 and not word.exists()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"][SEED["002"].name]["docx"] is False
