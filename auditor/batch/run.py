"""batch: audit every report in a folder, in parallel; a ranking, a fleet view and a report per file.

folder ─▶ pool of workers (rules, opencc, fonts loaded once per worker; audit; JSON and PDF written to
temp files; a slim summary sent back) ─▶ parent (names the outputs, renames them into place, keeps the
manifest, streams the 明细 sheet) ─▶ summary (汇总.xlsx, summary.csv, 汇总.pdf).

Every file lands atomically (temp + os.replace). The manifest records, per input, the hash of its bytes
and of the rules/tool, so a re-run skips what has not changed and a Ctrl-C keeps finished work.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import csv
import hashlib
import io
import json
import math
import multiprocessing as mp
import os
import re
import secrets
import signal
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..atomic import write_bytes
from ..errors import AuditorError, InputError, RenderError, UsageError
from ..models import LEVEL_LABELS, STATUS_LABELS, STATUS_SEVERITY, STATUSES
from ..packs.loader import RuleSet, load_rules, load_waivers
from ..resources import templates_dir

MANIFEST = "manifest.json"
SUMMARY_XLSX = "汇总.xlsx"
SUMMARY_CSV = "summary.csv"
SUMMARY_PDF = "汇总.pdf"
SUMMARY_TEMPLATE = "summary.html.j2"
SUMMARY_CSS = "summary.css"
TEMPLATE_DIR = templates_dir()
MANIFEST_FORMAT = 1
QUOTE_MAX = 200  # characters of evidence kept per finding for the summary
MATRIX_ROWS_PER_BLOCK = 55
MATRIX_MAX_ROWS = 5000  # past this the matrix would dominate the PDF; the per-rule bars still cover all
RANKING_MAX_ROWS = 5000
SAVE_EVERY_S = 1.0  # manifest is rewritten at most this often while the batch runs
FAIL_LEVEL = {"not_met": 3, "not_reported": 2, "review": 1, "never": 99}
SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
# Output stems the summary files and the manifest use: a county may not take them.
RESERVED_STEMS = {"manifest", "汇总", "summary"}
_WIN_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
VALUE_WORDS = {"mentioned": "已提及（无数字）", "present": "单独成部分", "partial": "仅在其他部分提及", "absent": "缺失"}
# Cell fills in the XLSX, light versions of the report's status colours.
FILLS = {"met": "C8E6C9", "not_met": "FFCDD2", "not_reported": "FFE0B2", "review": "BBDEFB", "waived": "E0E0E0"}
INDICATOR_KINDS = ("metric", "count")


# ---------------------------------------------------------------- small helpers

def tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("auditor")
    except Exception:  # not installed (running from a checkout)
        return "0"


def _code_fingerprint() -> str:
    """Hash of the code, schema and templates: a re-run after an upgrade redoes everything."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parents[1]
    paths = sorted(list(pkg.rglob("*.py")) + list(pkg.rglob("schema/*.yaml")) +
                   [p for p in TEMPLATE_DIR.glob("*") if p.is_file()])
    for p in paths:
        with contextlib.suppress(OSError):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def rules_key(ruleset: RuleSet, waivers: Optional[str], today: date) -> str:
    """What, besides a report's bytes, decides its result: rule files, waivers, tool version, code."""
    h = hashlib.sha256()
    h.update(f"auditor {tool_version()} {_code_fingerprint()}\n".encode())
    for pack in ruleset.packs:
        h.update(pack.id.encode() + b"\0")
        try:
            h.update(Path(pack.path).read_bytes())
        except OSError:
            h.update(repr(pack.data).encode())
    if waivers:
        h.update(b"waivers\0" + Path(waivers).read_bytes())
        h.update(today.isoformat().encode())  # waivers expire
    return h.hexdigest()


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def error_text(err: BaseException) -> str:
    """The Chinese message without the path (the file is its own column)."""
    if isinstance(err, AuditorError):
        text = err.message
        if err.key:
            text += f"（字段：{err.key}）"
        if err.hint:
            text += f"。{err.hint}"
        return text
    detail = str(err).strip()
    return f"程序内部错误（{type(err).__name__}）" + (f"：{detail[:300]}" if detail else "")


def _clip_bytes(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def safe_name(text: str, limit: int = 120) -> str:
    """A file-name stem that is valid on Windows, macOS and Linux (no separators, no reserved names)."""
    s = unicodedata.normalize("NFC", text or "")
    s = _UNSAFE.sub("_", s)
    s = re.sub(r"\s+", " ", s).strip(" ._-")
    s = _clip_bytes(s, limit).rstrip(" .")
    if not s:
        return "报告"
    if s.split(".")[0].lower() in _WIN_RESERVED or s.casefold() in RESERVED_STEMS:
        s = "报告-" + s
    return s


def _atomic_write(path: Path, produce: Callable[[], bytes], what: str) -> None:
    try:
        write_bytes(path, produce())
    except OSError as exc:
        raise RenderError(f"无法写入{what}：{exc.strerror or exc}", path=str(path)) from exc


def value_text(value: Any, unit: Optional[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _num(value) + (unit or "")
    return VALUE_WORDS.get(value, str(value))


def _num(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _renderer():
    """auditor.render if it is there and usable, else None (scoring still works)."""
    try:
        from ..report import render
    except Exception:
        return None
    if not all(hasattr(render, n) for n in ("write_pdf", "write_pdf_from_html")):
        return None
    return render


# ---------------------------------------------------------------- what workers return

# A finding as the summary needs it: (id, kind, name, status, value, unit, target, quote, informational).
F_ID, F_KIND, F_NAME, F_STATUS, F_VALUE, F_UNIT, F_TARGET, F_QUOTE, F_INFO = range(9)


def slim(d: dict) -> dict:
    """The part of an audit dict the summary uses (small to send between processes)."""
    r = d["report"]
    findings = []
    for f in d["findings"]:
        quote = f["evidence"][0]["quote"] if f.get("evidence") else ""
        if len(quote) > QUOTE_MAX:
            quote = quote[:QUOTE_MAX] + "…"
        findings.append((f["id"], f["kind"], f["name"], f["status"], f["value"], f["unit"], f["target"], quote,
                         bool(f.get("informational"))))
    return {
        "jurisdiction": r.get("jurisdiction"), "level": r.get("level"), "level_label": r.get("level_label"),
        "year": r.get("year"), "title": r.get("title"), "format": r.get("format"),
        "score": d["score"], "score_before_waivers": d.get("score_before_waivers", d["score"]),
        "counts": d["counts"], "findings": findings,
    }


# ---------------------------------------------------------------- the worker side

_W: dict = {}  # per-process state, set once by the initializer


def _init_worker(state: dict, slots=None, counter=None) -> None:
    """Paid once per worker: rules (inherited or unpickled once), opencc, templates and fonts."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # inherited from the parent's handler
    _setup(state)
    if slots is not None and counter is not None:
        with counter.get_lock():
            _W["slot"] = counter.value
            counter.value += 1
        _W["slots"] = slots


def _setup(state: dict) -> None:
    _W.clear()
    _W.update(state)
    from ..fold import fold

    fold("法治政府建設年度報告")  # loads the opencc dictionary
    from .. import pipeline  # noqa: F401  (imports the extract/evaluate modules)

    _W["render"] = None
    if state.get("pdf"):
        render = _renderer()
        if render is None:
            _W["pdf_broken"] = "PDF 渲染模块不可用"
        else:
            try:
                if hasattr(render, "warm_up"):
                    render.warm_up()  # weasyprint, fonts
                _W["render"] = render
            except Exception as exc:  # the audit still runs; each report notes the PDF failure
                _W["pdf_broken"] = error_text(exc)


def _work(items: Sequence[tuple[int, str, str]]) -> list[dict]:
    out = []
    slots, slot = _W.get("slots"), _W.get("slot")
    for idx, rel, path in items:
        if slots is not None:
            slots[slot] = idx  # which file this worker is on, should it crash
        out.append(_one(idx, rel, path))
    if slots is not None:
        slots[slot] = -1
    return out


def _one(idx: int, rel: str, path: str) -> dict:
    from ..pipeline import audit_file
    from ..report.json import audit_dict

    t0 = time.perf_counter()
    try:
        audit = audit_file(path, _W["ruleset"], _W["waivers"], _W["today"])
        d = audit_dict(audit)
    except InputError as exc:
        return {"idx": idx, "file": rel, "error": error_text(exc), "error_type": type(exc).__name__, "stage": "读取"}
    except Exception as exc:  # one bad file never stops the batch
        return {"idx": idx, "file": rel, "error": error_text(exc), "error_type": type(exc).__name__, "stage": "审核"}
    out_dir, token = Path(_W["out"]), _W["token"]
    res: dict = {"idx": idx, "file": rel, "summary": slim(d), "pdf_tmp": None, "pdf_error": None}
    try:
        json_tmp = out_dir / f".batch-{token}-{idx}.json"
        line = json.dumps(d, ensure_ascii=False)  # compact: the C encoder, ~6x faster than indent=2
        json_tmp.write_text(line, encoding="utf-8")
        res["json_tmp"] = str(json_tmp)
    except OSError as exc:
        return {"idx": idx, "file": rel, "error": f"无法写入结果文件：{exc.strerror or exc}",
                "error_type": type(exc).__name__, "stage": "写出"}
    if _W.get("json_lines"):
        res["line"] = line
    if _W.get("pdf"):
        render = _W.get("render")
        if render is None:
            res["pdf_error"] = _W.get("pdf_broken") or "PDF 渲染模块不可用"
        else:
            pdf_tmp = out_dir / f".batch-{token}-{idx}.pdf"
            try:
                render.write_pdf(audit, pdf_tmp)
                res["pdf_tmp"] = str(pdf_tmp)
            except Exception as exc:
                res["pdf_error"] = error_text(exc)
                res["pdf_error_type"] = type(exc).__name__
    res["seconds"] = round(time.perf_counter() - t0, 4)
    return res


# ---------------------------------------------------------------- the parent side

@dataclass
class Item:
    idx: int
    rel: str  # path relative to the folder, POSIX style: the manifest key and the "文件" column
    path: Path
    sha256: str = ""


@dataclass
class Report:
    rel: str
    name: str  # output stem
    data: dict  # slim()
    pdf: bool = False


@dataclass
class ErrorRow:
    rel: str
    error_type: str
    message: str
    stage: str = "读取"


@dataclass
class BatchResult:
    reports: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    audited: int = 0
    skipped: int = 0
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)  # seconds per phase: plan, audit, tables, summary_pdf
    summary: Any = None
    pdf: bool = False


def _is_output_dir(d: Path) -> bool:
    """A folder an earlier batch wrote (it holds our manifest): its JSON/PDF are results, not reports."""
    try:
        data = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("tool", "")).startswith("auditor")


def discover(folder: Path, out: Path) -> list[Item]:
    """Report files under folder (recursively), in name order, skipping hidden files, Office lock files,
    out/ and any other output folder of an earlier batch."""
    out_res = out.resolve()
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        keep = []
        for d in dirs:
            sub = here / d
            if d.startswith(".") or sub.resolve() == out_res or _is_output_dir(sub):
                continue
            keep.append(d)
        dirs[:] = keep
        for name in files:
            p = here / name
            if name.startswith((".", "~$")) or name.lower() in SKIP_NAMES or not p.is_file():
                continue
            found.append((p.relative_to(folder).as_posix(), p))
    found.sort(key=lambda rp: rp[0])
    return [Item(i, rel, p) for i, (rel, p) in enumerate(found)]


class Manifest:
    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, dict] = {}
        self.dirty = False
        self.saved_at = 0.0
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT and isinstance(data.get("files"), dict):
                self.files = data["files"]
        except (OSError, ValueError):
            pass  # missing or damaged: start afresh (outputs are simply redone)

    def save(self, force: bool = True) -> None:
        if not force and (not self.dirty or time.monotonic() - self.saved_at < SAVE_EVERY_S):
            return
        data = {"format": MANIFEST_FORMAT, "tool": f"auditor {tool_version()}",
                "updated": datetime.now().isoformat(timespec="seconds"), "files": self.files}
        _atomic_write(self.path, lambda: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), "清单文件")
        self.dirty = False
        self.saved_at = time.monotonic()


class Progress:
    """A rich progress bar on stderr, or nothing (not a TTY, or JSON output)."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if not enabled or total == 0:
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.bar = RichProgress(TextColumn("[bold]批量审核[/bold]"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[note]}"), TimeElapsedColumn(), TextColumn("剩余"),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.task = self.bar.add_task("audit", total=total, note="")

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()

    def pause(self):
        if self.bar:
            self.bar.stop()

    def resume(self):
        if self.bar:
            self.bar.start()

    def advance(self, n: int = 1, note: str = "") -> None:
        if self.bar:
            from rich.markup import escape

            self.bar.update(self.task, advance=n, note=escape(note[:24]))


def _mp_context():
    methods = mp.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):
        return mp.get_context("fork")  # workers inherit the loaded rules: no start-up cost
    return mp.get_context("spawn" if "spawn" in methods else None)


class Batch:
    def __init__(self, folder: Path, out: Path, ruleset: RuleSet, waivers_path: Optional[str], waivers: tuple,
                 jobs: int, pdf: bool, force: bool, json_lines: bool, today: date):
        self.folder, self.out, self.ruleset = folder, out, ruleset
        self.waivers_path, self.waivers = waivers_path, waivers
        self.jobs, self.pdf, self.force, self.json_lines, self.today = jobs, pdf, force, json_lines, today
        self.token = secrets.token_hex(4)
        self.key = rules_key(ruleset, waivers_path, today)
        self.manifest = Manifest(out / MANIFEST)
        self.result = BatchResult()
        self.taken: dict[str, str] = {}  # casefolded output stem -> rel of its owner
        self.owned: dict[str, str] = {}  # rel -> its casefolded output stem
        self.progress: Optional[Progress] = None
        self.pool = None
        self.book = XlsxBook()  # the 明细 sheet fills up in file order while the batch runs
        self.pending: dict[int, Optional[Report]] = {}
        self.next_idx = 0

    def _resolve(self, idx: int, report: Optional[Report]) -> None:
        """File `idx` is done (report, or None for an error); stream what is now in file order."""
        self.pending[idx] = report
        while self.next_idx in self.pending:
            r = self.pending.pop(self.next_idx)
            if r is not None:
                self.book.add_details(r)
            self.next_idx += 1

    # -------- names

    def _claim(self, rel: str, name: str) -> None:
        self._release(rel)
        self.taken[name.casefold()] = rel
        self.owned[rel] = name.casefold()

    def _release(self, rel: str) -> None:
        key = self.owned.pop(rel, None)
        if key is not None and self.taken.get(key) == rel:
            del self.taken[key]

    def assign_name(self, rel: str, data: dict) -> str:
        stem = safe_name(Path(rel).stem, 80)
        if data.get("jurisdiction"):
            base = safe_name(data["jurisdiction"] + (f"-{data['year']}" if data.get("year") else ""), 100)
        else:
            base = stem
        tries = [base]
        if base != stem:
            tries.append(safe_name(f"{base}-{stem}", 180))
        else:
            ext = Path(rel).suffix.lstrip(".")
            if ext:
                tries.append(safe_name(f"{stem}-{ext}", 180))
        for cand in tries:
            owner = self.taken.get(cand.casefold())
            if owner is None or owner == rel:
                break
        else:
            n = 2
            while (owner := self.taken.get(f"{base}-{n}".casefold())) not in (None, rel):
                n += 1
            cand = f"{base}-{n}"
        self._claim(rel, cand)
        return cand

    def _remove_outputs(self, name: Optional[str]) -> None:
        if not name:
            return
        for ext in (".json", ".pdf"):
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
                self._claim(rel, entry["name"])
        todo = []
        for it in items:
            try:
                it.sha256 = _file_hash(it.path)
            except OSError as exc:
                self._error(it, ErrorRow(it.rel, "InputError", f"无法读取文件：{exc.strerror or exc}"))
                continue
            entry = self.manifest.files.get(it.rel)
            if not self.force and entry and entry.get("sha256") == it.sha256 and entry.get("key") == self.key \
                    and self._reuse(it, entry):
                continue
            todo.append(it)
        return todo

    def _reuse(self, it: Item, entry: dict) -> bool:
        if entry.get("error"):
            self.result.errors.append(ErrorRow(it.rel, entry.get("error_type") or "InputError", entry["error"],
                                               entry.get("stage") or "读取"))
            self._resolve(it.idx, None)
            self._emit({"file": str(it.path), "error": entry["error"], "error_type": entry.get("error_type")})
            self.result.skipped += 1
            return True
        name = entry.get("name")
        if not name or (self.pdf and not (entry.get("pdf") and (self.out / f"{name}.pdf").is_file())):
            return False
        try:
            text = (self.out / f"{name}.json").read_text(encoding="utf-8")
            d = json.loads(text)
            data = slim(d)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return False
        if self.json_lines:
            text = text.strip()
            self._emit_line(text if "\n" not in text else json.dumps(d, ensure_ascii=False))
        report = Report(it.rel, name, data, pdf=bool(entry.get("pdf")))
        self.result.reports.append(report)
        self._resolve(it.idx, report)
        self.result.skipped += 1
        return True

    # -------- results

    def _emit(self, obj: dict) -> None:
        if self.json_lines:
            self._emit_line(json.dumps(obj, ensure_ascii=False))

    def _emit_line(self, line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def _error(self, it: Item, row: ErrorRow) -> None:
        old = self.manifest.files.get(it.rel) or {}
        self._remove_outputs(old.get("name"))
        self._release(it.rel)
        self.manifest.files[it.rel] = {"sha256": it.sha256, "key": self.key, "error": row.message,
                                       "error_type": row.error_type, "stage": row.stage}
        self.manifest.dirty = True
        self.result.errors.append(row)
        self._resolve(it.idx, None)
        self._emit({"file": str(it.path), "error": row.message, "error_type": row.error_type})

    def accept(self, it: Item, res: dict) -> None:
        if "error" in res:
            self._error(it, ErrorRow(it.rel, res["error_type"], res["error"], res.get("stage", "读取")))
        else:
            old = (self.manifest.files.get(it.rel) or {}).get("name")
            name = self.assign_name(it.rel, res["summary"])
            prev = self.manifest.files.get(it.rel) or {}
            has_pdf = False
            try:
                os.replace(res["json_tmp"], self.out / f"{name}.json")
                if res.get("pdf_tmp"):
                    os.replace(res["pdf_tmp"], self.out / f"{name}.pdf")
                    has_pdf = True
            except OSError as exc:  # the output folder itself is the problem: stop the batch
                raise RenderError(f"无法写入结果文件：{exc.strerror or exc}", str(self.out / name)) from exc
            if has_pdf:
                pass  # a fresh PDF
            elif not self.pdf and prev.get("pdf") and prev.get("sha256") == it.sha256 \
                    and prev.get("key") == self.key and old == name:
                has_pdf = True  # --no-pdf re-run: the PDF an earlier run made for these bytes still holds
            else:
                with contextlib.suppress(OSError):  # a stale PDF from an earlier run would mislead
                    (self.out / f"{name}.pdf").unlink()
                if self.pdf:
                    self.result.errors.append(ErrorRow(it.rel, res.get("pdf_error_type") or "RenderError",
                                                       res.get("pdf_error") or "PDF 生成失败", "生成 PDF"))
            if old and old != name:
                self._remove_outputs(old)
            entry = {"sha256": it.sha256, "key": self.key, "name": name, "pdf": has_pdf}
            if res.get("pdf_error") and self.pdf:
                entry["pdf_error"] = res["pdf_error"]
            self.manifest.files[it.rel] = entry
            self.manifest.dirty = True
            report = Report(it.rel, name, res["summary"], pdf=entry["pdf"])
            self.result.reports.append(report)
            self._resolve(it.idx, report)
            if self.json_lines and res.get("line"):
                self._emit_line(res["line"])
        self.result.audited += 1
        self.manifest.save(force=False)
        if self.progress:
            data = res.get("summary") or {}
            self.progress.advance(1, data.get("jurisdiction") or Path(it.rel).name)

    # -------- running

    def state(self) -> dict:
        return {"ruleset": self.ruleset, "waivers": self.waivers, "today": self.today, "out": str(self.out),
                "token": self.token, "pdf": self.pdf, "json_lines": self.json_lines}

    def run_inline(self, todo: list[Item]) -> None:
        _setup(self.state())
        for it in todo:
            self.accept(it, _one(it.idx, it.rel, str(it.path)))

    def run_pool(self, todo: list[Item]) -> None:
        """Full pool; when a worker dies (a C library crashing on one file), the files it was on are
        retried one at a time in a single-worker pool, so the culprit alone becomes an error row."""
        queue, suspects, rounds = list(todo), [], 0
        while queue or suspects:
            rounds += 1
            if rounds > 2 * len(todo) + 4:  # cannot happen unless workers die at start-up
                for it in queue + suspects:
                    self._error(it, ErrorRow(it.rel, "BrokenProcessPool", "工作进程反复异常退出，未能审核", "审核"))
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
                for it in unfinished:
                    self._error(it, ErrorRow(it.rel, "BrokenProcessPool", "工作进程启动失败，未能审核", "审核"))
                return
            if workers == 1:
                for it in unfinished:
                    if it.idx in running:
                        self._error(it, ErrorRow(it.rel, "BrokenProcessPool",
                                                 "处理该文件时工作进程意外退出（文件可能已损坏，导致解析库崩溃）", "审核"))
                    else:
                        suspects.append(it)
            else:
                suspects = [it for it in unfinished if it.idx in running]
                queue = [it for it in unfinished if it.idx not in running] + queue

    def chunk_size(self, n: int) -> int:
        if self.pdf:
            return 1  # seconds per report: balance beats overhead
        return max(1, min(16, math.ceil(n / (self.jobs * 8))))

    def _pool_pass(self, batch: list[Item], workers: int, chunk: int):
        ctx = _mp_context()
        chunks = [batch[i:i + chunk] for i in range(0, len(batch), chunk)]
        workers = max(1, min(workers, len(chunks)))
        slots = ctx.Array("i", [-1] * workers, lock=False)
        counter = ctx.Value("i", 0)
        if self.progress:
            self.progress.pause()  # no live refresh thread while forking
        pool = self.pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                                  initargs=(self.state(), slots, counter))
        try:
            futures = {pool.submit(_work, [(it.idx, it.rel, str(it.path)) for it in ch]): ch for ch in chunks}
        finally:
            if self.progress:
                self.progress.resume()
        handled = set()
        by_idx = {it.idx: it for it in batch}
        try:
            for fut in cf.as_completed(futures):
                try:
                    results = fut.result()
                except cf.process.BrokenProcessPool:
                    running = {int(s) for s in slots if s >= 0}
                    for f2, ch in futures.items():  # keep what other workers finished
                        if f2 not in handled and f2.done() and not f2.cancelled() and f2.exception() is None:
                            handled.add(f2)
                            for res in f2.result():
                                self.accept(by_idx[res["idx"]], res)
                    unfinished = [it for f2, ch in futures.items() if f2 not in handled for it in ch]
                    return unfinished, running
                except Exception as exc:  # e.g. a result that could not be sent back
                    handled.add(fut)
                    for it in futures[fut]:
                        self._error(it, ErrorRow(it.rel, type(exc).__name__, error_text(exc), "审核"))
                    continue
                handled.add(fut)
                for res in results:
                    self.accept(by_idx[res["idx"]], res)
        except BaseException:  # Ctrl-C or a failure in the parent: stop our workers now
            _terminate(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        return None

    def abort(self) -> None:
        """Ctrl-C: stop workers now (they are ours), keep the finished work, drop temp files."""
        if self.pool is not None:
            _terminate(self.pool)
        with contextlib.suppress(AuditorError):
            self.manifest.save()

    def clean_temp(self) -> None:
        for p in self.out.glob(f"*batch-{self.token}-*"):
            with contextlib.suppress(OSError):
                p.unlink()


def _terminate(pool) -> None:
    """Stop this pool's worker processes (only ours, by their process objects)."""
    for p in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            p.terminate()
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


def _lock(out: Path):
    """One batch per output folder at a time (POSIX advisory lock; a no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def held():
        fh = open(out / ".lock", "a+")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise UsageError("另一个批量审核正在向该输出文件夹写入结果", str(out),
                                 hint="请等待其完成，或改用其他 --out 文件夹") from None
            yield
        finally:
            fh.close()

    return held()


def run_batch(folder, rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None, out="结果",
              jobs: Optional[int] = None, pdf: bool = True, force: bool = False, json_lines: bool = False,
              fail_on: str = "never", today: Optional[date] = None, progress: Optional[bool] = None,
              echo: Optional[Callable[[str], None]] = None) -> int:
    """Audit every report in `folder`; write per-report JSON/PDF and the summary into `out`.

    Returns the exit code: 1 if `fail_on` is a status and any file failed or any finding is at/above it.
    Raises RulePackError before any work if the rules or waivers are bad."""
    if fail_on not in FAIL_LEVEL:
        raise UsageError(f"--fail-on 的值“{fail_on}”无效，可选：" + "、".join(FAIL_LEVEL))
    res = execute(folder, rules, waivers, out, jobs, pdf, force, json_lines, today, progress, echo)
    if not json_lines:
        _print_summary(res.summary, Path(out), res.pdf, echo or print)  # the command's result: stdout
    return exit_code(res, fail_on)


def execute(folder, rules: Optional[Sequence[str]] = None, waivers: Optional[str] = None, out="结果",
            jobs: Optional[int] = None, pdf: bool = True, force: bool = False, json_lines: bool = False,
            today: Optional[date] = None, progress: Optional[bool] = None,
            echo: Optional[Callable[[str], None]] = None) -> BatchResult:
    """The batch itself (run_batch without the printing and the exit code)."""
    t0 = time.perf_counter()
    folder, out = Path(folder), Path(out)
    say = echo or (lambda s: print(s, file=sys.stderr))
    if not folder.exists():
        raise UsageError("找不到报告文件夹", str(folder))
    if not folder.is_dir():
        raise UsageError("这不是文件夹（审核单个文件请用 auditor check）", str(folder))
    if out.resolve() == folder.resolve():
        raise UsageError("输出文件夹不能与报告文件夹相同", str(out), hint="请用 --out 指定另一个文件夹，如 结果/")
    if jobs is not None and jobs < 0:
        raise UsageError("--jobs 应为正整数")
    jobs = jobs or os.cpu_count() or 1
    today = today or date.today()
    ruleset = load_rules(rules)  # fails fast (exit 3) before any work
    waiver_list = load_waivers(waivers) if waivers else ()
    items = discover(folder, out)
    if not items:
        raise UsageError("文件夹中没有报告文件", str(folder), hint="支持 .txt、.docx、.pdf、.html")
    render = None
    if pdf:
        render = _renderer()
        if render is None:
            say("提示：PDF 渲染模块不可用，本次只评分，不生成 PDF")
            pdf = False
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"无法创建输出文件夹：{exc.strerror or exc}", str(out)) from exc

    with _lock(out):
        b = Batch(folder, out, ruleset, waivers, waiver_list, jobs, pdf, force, json_lines, today)
        show = (not json_lines) and sys.stderr.isatty() if progress is None else progress
        old_term = None
        with contextlib.suppress(ValueError):  # not the main thread
            old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
        t = b.result.timings
        try:
            todo = b.plan(items)
            if b.manifest.dirty:
                b.manifest.save()
            t["plan"] = time.perf_counter() - t0
            c1 = time.process_time()
            with Progress(len(todo), show) as bar:
                b.progress = bar
                if todo:
                    if jobs == 1 or len(todo) == 1:
                        b.run_inline(todo)
                    else:
                        b.run_pool(todo)
            b.progress = None
            if b.manifest.dirty or not b.manifest.path.exists():
                b.manifest.save()
            t["audit"] = time.perf_counter() - t0 - t["plan"]
            t["audit_cpu_parent"] = time.process_time() - c1
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                b.abort()
            b.book.discard()
            raise
        finally:
            b.clean_temp()
            if old_term is not None:
                with contextlib.suppress(ValueError):
                    signal.signal(signal.SIGTERM, old_term)
        res = b.result
        res.pdf = pdf
        t1, c1 = time.perf_counter(), time.process_time()
        res.summary = summary = Summary(res, ruleset, folder, today)
        if b.next_idx != len(items):  # not every file streamed into 明细 (cannot happen): rebuild it
            b.book.discard()
            b.book = XlsxBook.of(summary)
        try:
            write_table_outputs(summary, out, b.book)
        except BaseException:
            b.book.discard()
            raise
        t["tables"] = time.perf_counter() - t1
        t["tables_cpu"] = time.process_time() - c1
        if pdf and render is not None:
            t1 = time.perf_counter()
            try:
                render.write_pdf_from_html(summary_html(summary), out / SUMMARY_PDF)
            except AuditorError:
                raise
            except Exception as exc:
                raise RenderError(f"生成汇总 PDF 失败：{error_text(exc)}", str(out / SUMMARY_PDF)) from exc
            t["summary_pdf"] = time.perf_counter() - t1
        res.seconds = time.perf_counter() - t0
    return res


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def exit_code(res: BatchResult, fail_on: str) -> int:
    level = FAIL_LEVEL[fail_on]
    if level >= 99:
        return 0
    if res.errors:
        return 1
    for r in res.reports:
        for f in r.data["findings"]:
            if not f[F_INFO] and STATUS_SEVERITY.get(f[F_STATUS], 0) >= level:
                return 1
    return 0


def _print_summary(s: "Summary", out: Path, pdf: bool, say: Callable[[str], None]) -> None:
    r = s.result
    say(f"完成：共 {len(s.ranked) + len(s.read_errors)} 份报告，本次审核 {r.audited} 份，"
        f"跳过 {r.skipped} 份（输入和规则均未变化），无法读取 {len(s.read_errors)} 份；用时 {r.seconds:.1f} 秒")
    for e in r.errors[:20]:
        say(f"  {e.stage}失败：{e.rel}：{e.message}")
    if len(r.errors) > 20:
        say(f"  ……另有 {len(r.errors) - 20} 个错误，见 {SUMMARY_XLSX} 的 errors 表")
    names = [SUMMARY_XLSX, SUMMARY_CSV] + ([SUMMARY_PDF] if pdf else [])
    say(f"结果：{out}{os.sep}（{'、'.join(names)}，以及每份报告的 JSON" + (" 和 PDF）" if pdf else "）"))


# ---------------------------------------------------------------- the summary

@dataclass
class RuleMeta:
    id: str
    kind: str
    name: str
    unit: Optional[str]
    target: Optional[str]
    informational: bool


class Summary:
    """Everything the XLSX, CSV and PDF show, computed once."""

    def __init__(self, result: BatchResult, ruleset: RuleSet, folder: Path, today: date):
        self.result, self.ruleset, self.folder, self.today = result, ruleset, folder, today
        reports = sorted(result.reports, key=lambda r: (-_score(r), r.data.get("jurisdiction") or "", r.rel))
        self.ranked: list[tuple[int, Report]] = []
        prev, rank = None, 0
        for i, r in enumerate(reports, 1):
            if _score(r) != prev:
                rank, prev = i, _score(r)
            self.ranked.append((rank, r))
        self.errors = sorted(result.errors, key=lambda e: (e.rel, e.stage))
        self.read_errors = sorted({e.rel for e in result.errors if e.stage != "生成 PDF"})
        self.rules = self._rules(reports)
        self.indicators = [m for m in self.rules if m.kind in INDICATOR_KINDS]
        self.status = {r.rel: {f[F_ID]: f for f in r.data["findings"]} for r in reports}

    def _rules(self, reports: list[Report]) -> list[RuleMeta]:
        metas = {}
        for r in self.ruleset.rules:
            metas[r.id] = RuleMeta(r.id, r.kind, r.name, r.unit, r.target.text if r.target else None, r.informational)
        seen = {}
        for rep in reports:  # order and any rule the packs did not list, as the findings have them
            for f in rep.data["findings"]:
                if f[F_ID] not in seen:
                    seen[f[F_ID]] = metas.get(f[F_ID]) or RuleMeta(f[F_ID], f[F_KIND], f[F_NAME], f[F_UNIT],
                                                                   f[F_TARGET], f[F_INFO])
                    if f[F_TARGET] and not seen[f[F_ID]].target:
                        seen[f[F_ID]].target = f[F_TARGET]
        return list(seen.values()) if seen else list(metas.values())

    def finding(self, rel: str, rule_id: str):
        return self.status.get(rel, {}).get(rule_id)

    # ---- fleet statistics

    def rule_counts(self) -> list[tuple[RuleMeta, dict]]:
        out = []
        for m in self.rules:
            counts = {s: 0 for s in STATUSES}
            for _, r in self.ranked:
                f = self.finding(r.rel, m.id)
                if f is not None:
                    counts[f[F_STATUS]] += 1
            out.append((m, counts))
        return out

    def suspicious(self) -> list[dict]:
        """Rules that never fire (all not reported) or always pass (all met) across the batch."""
        out = []
        if len(self.ranked) < 2:
            return out
        for m, c in self.rule_counts():
            n = sum(c.values())
            if n < 2:
                continue
            if c["not_reported"] == n:
                out.append({"id": m.id, "name": m.name, "kind": "never", "label": "全部未报告",
                            "hint": "从未命中：别名（aliases）可能过窄，或与报告用语不一致"})
            elif c["met"] == n:
                out.append({"id": m.id, "name": m.name, "kind": "always", "label": "全部达标",
                            "hint": "总是达标：目标可能过宽，或规则过于容易满足"})
        return out

    def indicator_stats(self) -> list[dict]:
        out = []
        n_reports = len(self.ranked)
        for m in self.indicators:
            values, c = [], {s: 0 for s in STATUSES}
            for _, r in self.ranked:
                f = self.finding(r.rel, m.id)
                if f is None:
                    continue
                c[f[F_STATUS]] += 1
                if isinstance(f[F_VALUE], (int, float)) and not isinstance(f[F_VALUE], bool):
                    values.append(float(f[F_VALUE]))
            unit = m.unit or ""
            row = {"id": m.id, "name": m.name, "unit": unit, "target": m.target or "", "n": len(values),
                   "total": n_reports, "met": c["met"], "not_met": c["not_met"], "review": c["review"],
                   "not_reported": c["not_reported"], "median": "", "min": "", "max": ""}
            if values:
                row.update(median=_num(round(statistics.median(values), 2)) + unit,
                           min=_num(min(values)) + unit, max=_num(max(values)) + unit)
            out.append(row)
        return out

    def scores(self) -> list[float]:
        return [_score(r) for _, r in self.ranked]


def _score(r: Report) -> float:
    return round(float(r.data.get("score") or 0.0), 1)


def _level(data: dict) -> str:
    return data.get("level_label") or LEVEL_LABELS.get(data.get("level") or "", "") or ""


# ---------------------------------------------------------------- XLSX and CSV

SUMMARY_HEAD = ["排名", "文件", "地区", "层级", "年度", "得分", "豁免前得分"] + [STATUS_LABELS[s] for s in STATUSES]
FINDING_HEAD = ["报告", "规则 id", "规则名称", "状态", "报告值", "目标", "原文摘录"]
ERROR_HEAD = ["文件", "阶段", "错误类型", "原因"]


def _indicator_head(m: RuleMeta) -> str:
    return f"{m.name}（{m.unit}）" if m.unit else m.name


def _headers(s: Summary) -> list[str]:
    heads = SUMMARY_HEAD + [_indicator_head(m) for m in s.indicators] + ["结果文件"]
    seen: dict[str, int] = {}
    out = []
    for h in heads:  # two rules with the same name still get two distinct columns
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h}（{seen[h]}）")
    return out


def _summary_rows(s: Summary):
    """(rank, report, plain values, indicator statuses) for each report, best first."""
    for rank, r in s.ranked:
        d = r.data
        counts = d["counts"]
        row = [rank, r.rel, d.get("jurisdiction") or "", _level(d), d.get("year") or "", _score(r),
               round(float(d.get("score_before_waivers") or 0), 1)] + [counts.get(st, 0) for st in STATUSES]
        statuses = []
        for m in s.indicators:
            f = s.finding(r.rel, m.id)
            if f is None:
                row.append("")
                statuses.append(None)
                continue
            v = f[F_VALUE]
            row.append(v if isinstance(v, (int, float)) and not isinstance(v, bool) else value_text(v, f[F_UNIT]))
            statuses.append(f[F_STATUS])
        row.append(r.name)
        yield rank, r, row, statuses


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(v: Any) -> Any:
    """Report text is untrusted: never let a spreadsheet read it as a formula."""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def write_table_outputs(s: Summary, out: Path, book: Optional["XlsxBook"] = None) -> None:
    _atomic_write(out / SUMMARY_XLSX, lambda: (book or XlsxBook.of(s)).finish(s), "汇总表")
    _atomic_write(out / SUMMARY_CSV, lambda: csv_bytes(s), "CSV 汇总表")


def csv_bytes(s: Summary) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(s))
    for _, _, row, _ in _summary_rows(s):
        w.writerow([_csv_text(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")  # BOM: Excel then reads the Chinese correctly


class XlsxBook:
    """汇总.xlsx, write-only. The 明细 sheet (one row per finding, the bulk of the file) is streamed while
    the batch runs, in file order; the ranked 汇总 sheet, errors and 说明 are written at the end."""

    def __init__(self):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.col = get_column_letter
        self.wb = Workbook(write_only=True)
        self.fills = {k: PatternFill("solid", fgColor="FF" + v) for k, v in FILLS.items()}
        self.bold = Font(bold=True)
        self.head_fill = PatternFill("solid", fgColor="FFEEEEEE")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.styled: dict = {}
        # sheet order is creation order
        self.summary = self.wb.create_sheet("汇总")
        self.details = self.wb.create_sheet("明细")
        self.errors = self.wb.create_sheet("errors")
        self.about = self.wb.create_sheet("说明")
        ws = self.details
        for i, w in enumerate([20, 30, 32, 9, 18, 16, 90], 1):
            ws.column_dimensions[self.col(i)].width = w
        ws.freeze_panes = "B2"
        self.header(ws, FINDING_HEAD)
        self.detail_rows = 0

    @classmethod
    def of(cls, s: Summary) -> "XlsxBook":
        book = cls()
        for r in sorted((r for _, r in s.ranked), key=lambda r: r.rel):
            book.add_details(r)
        return book

    # ---- cells

    def cell(self, ws, value, fill=None, font=None, comment=None, align=None):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.comments import Comment

        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32000]
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # report text is never a formula
        if fill is not None:
            c.fill = fill
        if font is not None:
            c.font = font
        if comment:
            c.comment = Comment(comment, "auditor")
        if align is not None:
            c.alignment = align
        return c

    def text(self, ws, value):
        """Untrusted text, stored as text (never a formula); plain strings are the fast path."""
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if not value:
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32000]
        return self.cell(ws, value) if value.startswith("=") else value

    def status_cell(self, ws, value, status):
        """A cell filled with a status colour; the style is built once per status and copied."""
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
        from openpyxl.styles.cell_style import StyleArray

        if status not in self.fills:
            return self.text(ws, value) if isinstance(value, str) else value
        if (ws, status) not in self.styled:
            self.styled[(ws, status)] = self.cell(ws, "", self.fills[status])._style
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32000]
        c = Cell(ws, row=1, column=1, value=value, style_array=StyleArray(self.styled[(ws, status)]))
        if isinstance(value, str):
            c.data_type = "s"
        return c

    def _colour_statuses(self, ws, ref: str) -> None:
        """Status colours as conditional formatting on the labels: one rule per status, not a style per
        cell (the 明细 sheet has a row per finding; styled cells cost ten times plain ones)."""
        from openpyxl.formatting.rule import CellIsRule

        labels = dict(STATUS_LABELS, **{"met_profile": "已列示"})
        for st, label in labels.items():
            fill = self.fills.get("met" if st == "met_profile" else st)
            if fill is not None:
                ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{label}"'], fill=fill))

    def header(self, ws, names, comments=None):
        comments = comments or {}
        ws.append([self.cell(ws, n, self.head_fill, self.bold, comments.get(i), self.wrap)
                   for i, n in enumerate(names)])

    # ---- sheets

    def add_details(self, r: Report) -> None:
        ws, text = self.details, self.text
        who = text(ws, r.name)
        append = ws.append
        for f in r.data["findings"]:
            st = f[F_STATUS]
            label = "已列示" if f[F_INFO] and st == "met" else STATUS_LABELS.get(st, st)
            append([who, f[F_ID], text(ws, f[F_NAME]), label,  # coloured by conditional formatting
                    text(ws, value_text(f[F_VALUE], f[F_UNIT])) or None, text(ws, f[F_TARGET]) or None,
                    text(ws, f[F_QUOTE]) or None])
            self.detail_rows += 1

    def discard(self) -> None:
        """Drop the workbook unsaved (interrupted batch): end the streams cleanly, remove temp files."""
        for ws in (self.summary, self.details, self.errors, self.about):
            with contextlib.suppress(Exception):
                ws.close()
            with contextlib.suppress(Exception):
                ws._writer.cleanup()

    def finish(self, s: Summary) -> bytes:
        col, cell, text = self.col, self.cell, self.text
        self.details.auto_filter.ref = f"A1:{col(len(FINDING_HEAD))}{self.detail_rows + 1}"
        self._colour_statuses(self.details, f"D2:D{self.detail_rows + 1}")

        ws = self.summary  # one row per report, ranked
        heads = _headers(s)
        widths = [6, 28, 16, 12, 7, 7, 9] + [7] * len(STATUSES) + [14] * len(s.indicators) + [20]
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[col(i)].width = w
        ws.freeze_panes = "D2"
        first = len(SUMMARY_HEAD)
        comments = {first + j: f"规则 id：{m.id}" + (f"\n目标：{m.target}" if m.target else "")
                    for j, m in enumerate(s.indicators)}
        self.header(ws, heads, comments)
        n = 0
        for _, _, row, statuses in _summary_rows(s):
            cells = [text(ws, v) if isinstance(v, str) else v for v in row[:first]]
            cells += [self.status_cell(ws, v, st) for v, st in zip(row[first:], statuses)]
            cells += [text(ws, v) if isinstance(v, str) else v for v in row[first + len(statuses):]]
            ws.append(cells)
            n += 1
        ws.auto_filter.ref = f"A1:{col(len(heads))}{n + 1}"

        ws = self.errors  # files that could not be read (or whose PDF failed)
        for i, w in enumerate([36, 10, 18, 90], 1):
            ws.column_dimensions[col(i)].width = w
        self.header(ws, ERROR_HEAD)
        for e in s.errors:
            ws.append([cell(ws, e.rel), cell(ws, e.stage), cell(ws, e.error_type),
                       cell(ws, e.message, align=self.wrap)])

        ws = self.about  # colours and rules
        for i, w in enumerate([30, 40, 10, 16, 10], 1):
            ws.column_dimensions[col(i)].width = w
        from openpyxl.styles import Font

        ws.append([cell(ws, "批量审核汇总", font=Font(bold=True, size=14))])
        ws.append([cell(ws, "生成日期"), cell(ws, s.today.isoformat())])
        ws.append([cell(ws, "报告文件夹"), cell(ws, str(s.folder))])
        for p in s.ruleset.packs:
            ws.append([cell(ws, "规则包"), cell(ws, f"{p.title}（{p.id}）")])
        ws.append([cell(ws, "审核报告数"), cell(ws, len(s.ranked))])
        ws.append([cell(ws, "无法读取的文件数"), cell(ws, len(s.read_errors))])
        ws.append([cell(ws, "明细表顺序"), cell(ws, "按文件名")])
        ws.append([])
        ws.append([cell(ws, "颜色", font=self.bold)])
        for st in ("met", "not_met", "not_reported", "review", "waived"):
            ws.append([cell(ws, STATUS_LABELS[st], self.fills[st])])
        ws.append([])
        self.header(ws, ["规则 id", "名称", "类型", "目标", "单位"])
        for m in s.rules:
            ws.append([cell(ws, m.id), cell(ws, m.name), cell(ws, m.kind), cell(ws, m.target or ""),
                       cell(ws, m.unit or "")])
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()


def xlsx_bytes(s: Summary) -> bytes:
    return XlsxBook.of(s).finish(s)


# ---------------------------------------------------------------- the summary PDF (HTML + inline SVG)

def histogram_svg(scores: Sequence[float], width: int = 600, height: int = 210):
    """Distribution of scores in ten bins of 10 points; every text is a number or our own label."""
    from markupsafe import Markup, escape

    from ..report.charts import FONT, score_color

    bins = [0] * 10
    for x in scores:
        bins[min(9, max(0, int(float(x) // 10)))] += 1
    top = max(bins) or 1
    left, right, top_pad, bottom = 40, 10, 18, 40
    pw, ph = width - left - right, height - top_pad - bottom
    bw = pw / 10
    parts = [f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="得分分布">']
    step = max(1, math.ceil(top / 5))
    for t in range(0, top + 1, step):
        y = top_pad + ph - ph * t / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end" font-family="{FONT}" '
                     f'font-size="10" fill="#666">{t}</text>')
    for i, n in enumerate(bins):
        x = left + i * bw
        h = ph * n / top
        y = top_pad + ph - h
        if n:
            parts.append(f'<rect x="{x + 3:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{h:.1f}" '
                         f'fill="{score_color(i * 10 + 5)}"><title>{i * 10}–{i * 10 + 10} 分：{n} 份</title></rect>')
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-family="{FONT}" '
                         f'font-size="11" font-weight="bold" fill="#333">{n}</text>')
    for i in range(11):
        x = left + i * bw
        parts.append(f'<text x="{x:.1f}" y="{top_pad + ph + 14}" text-anchor="middle" font-family="{FONT}" '
                     f'font-size="10" fill="#666">{i * 10}</text>')
    parts.append(f'<line x1="{left}" y1="{top_pad + ph}" x2="{width - right}" y2="{top_pad + ph}" stroke="#999"/>')
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{height - 6}" text-anchor="middle" font-family="{FONT}" '
                 f'font-size="11" fill="#444">{escape("得分")}</text>')
    parts.append(f'<text x="12" y="{top_pad + ph / 2:.1f}" text-anchor="middle" font-family="{FONT}" font-size="11" '
                 f'fill="#444" transform="rotate(-90 12 {top_pad + ph / 2:.1f})">{escape("报告数（份）")}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def matrix_svgs(rows: Sequence[tuple[str, dict]], columns: Sequence[str], width: int = 640,
                per_block: int = MATRIX_ROWS_PER_BLOCK) -> list:
    """County × rule matrix, one SVG per page-sized block; `rows` are (label, {rule id: status})."""
    from markupsafe import Markup, escape

    from ..report.charts import COLORS, FONT

    label_w = 128
    k = max(1, len(columns))
    cw = max(4.0, min(16.0, (width - label_w - 4) / k))
    rh, head = 12, 18
    out = []
    for b in range(0, len(rows), per_block):
        block = rows[b:b + per_block]
        h = head + rh * len(block) + 2
        w = label_w + cw * k + 2
        parts = [f'<svg class="matrix" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h}" '
                 f'width="{w:.0f}" height="{h}" role="img" aria-label="地区与规则矩阵">']
        fs = 8 if cw >= 11 else 6
        for j in range(k):
            x = label_w + j * cw + cw / 2
            parts.append(f'<text x="{x:.1f}" y="{head - 5}" text-anchor="middle" font-family="{FONT}" '
                         f'font-size="{fs}" fill="#555">{j + 1}</text>')
        paths: dict[str, list[str]] = {}  # one <path> per colour: a few elements instead of rows × rules
        for i, (label, sts) in enumerate(block):
            y = head + i * rh
            if i % 2:
                paths.setdefault("#f5f5f5", []).append(f"M0 {y}h{label_w - 2}v{rh}h-{label_w - 2}z")
            for j, rid in enumerate(columns):
                st = sts.get(rid)
                if st in COLORS:
                    paths.setdefault(COLORS[st], []).append(
                        f"M{label_w + j * cw:.1f} {y}h{cw - 1:.1f}v{rh - 1}h-{cw - 1:.1f}z")
        for color, d in paths.items():
            parts.append(f'<path d="{"".join(d)}" fill="{color}"/>')
        for i, (label, _) in enumerate(block):
            parts.append(f'<text x="2" y="{head + i * rh + rh - 3}" font-family="{FONT}" font-size="8.5" '
                         f'fill="#222">{escape(_short(label, 14))}</text>')
        parts.append("</svg>")
        out.append(Markup("".join(parts)))
    return out


def summary_context(s: Summary) -> dict:
    from markupsafe import Markup

    from ..report.charts import COLORS, group_bars, legend

    scores = s.scores()
    counted = [(m, c) for m, c in s.rule_counts() if not m.informational]
    order = sorted(counted, key=lambda mc: (-(mc[1]["not_met"] + mc[1]["not_reported"]), -mc[1]["review"]))
    bars = group_bars([(m.name, c) for m, c in order], width=230, height=12)
    rule_rows = []
    for no, ((m, c), (_, total, svg)) in enumerate(zip(order, bars), 1):
        miss = c["not_met"] + c["not_reported"]
        rule_rows.append({"no": no, "id": m.id, "name": m.name, "target": m.target or "", "bar": svg,
                          "miss": miss, "total": total, "met": c["met"], "review": c["review"],
                          "share": f"{100 * miss / total:.0f}%" if total else "—"})
    columns = [m.id for m, _ in order]
    matrix_rows = []
    for rank, r in s.ranked[:MATRIX_MAX_ROWS]:
        who = r.data.get("jurisdiction") or Path(r.rel).stem
        matrix_rows.append((f"{rank}. {who}", {rid: f[F_STATUS] for rid, f in s.status[r.rel].items()}))
    ranking = []
    for rank, r in s.ranked[:RANKING_MAX_ROWS]:
        d = r.data
        ranking.append({"rank": rank, "jurisdiction": d.get("jurisdiction") or "（未识别）", "level": _level(d),
                        "year": d.get("year") or "", "score": _num(_score(r)), "counts": d["counts"],
                        "file": r.rel, "name": r.name})
    packs = [{"title": p.title, "id": p.id, "source": p.source} for p in s.ruleset.packs]
    return {
        "title": "法治政府建设年度报告批量审核汇总",
        "packs": packs, "folder": str(s.folder), "generated": f"{s.today.year}年{s.today.month}月{s.today.day}日",
        "version": tool_version(),
        "n_reports": len(s.ranked), "n_errors": len(s.read_errors), "n_rules": len(counted),
        "score_mean": _num(round(statistics.fmean(scores), 1)) if scores else "—",
        "score_median": _num(round(statistics.median(scores), 1)) if scores else "—",
        "score_min": _num(min(scores)) if scores else "—", "score_max": _num(max(scores)) if scores else "—",
        "histogram": histogram_svg(scores) if scores else Markup(""),
        "ranking": ranking, "ranking_cut": max(0, len(s.ranked) - RANKING_MAX_ROWS),
        "rule_rows": rule_rows, "matrix": matrix_svgs(matrix_rows, columns) if matrix_rows else [],
        "matrix_cut": max(0, len(s.ranked) - MATRIX_MAX_ROWS),
        "suspicious": s.suspicious(), "indicators": s.indicator_stats(),
        "errors": [{"file": e.rel, "stage": e.stage, "type": e.error_type, "message": e.message} for e in s.errors],
        "legend": legend(), "status_labels": STATUS_LABELS, "colors": COLORS,
        "statuses": [(st, STATUS_LABELS[st]) for st in ("met", "not_met", "not_reported", "review", "waived")],
    }


def _summary_env():
    from ..report.render import template_env

    return template_env()


def summary_html(s: Summary) -> str:
    from markupsafe import Markup

    css = (TEMPLATE_DIR / SUMMARY_CSS).read_text(encoding="utf-8")
    if "</" in css:  # it goes inside <style>
        raise RenderError("样式表中含有非法内容", path=str(TEMPLATE_DIR / SUMMARY_CSS))
    ctx = summary_context(s)
    ctx["css"] = Markup(css)
    return _summary_env().get_template(SUMMARY_TEMPLATE).render(**ctx)
