"""What the pages and the HTTP API share: taking an upload in, auditing it in the pool, keeping the result.

Every failure is a WebError with its Chinese message and HTTP status; pages show it, the API returns it.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import anyio
from starlette.datastructures import FormData, UploadFile

from ..atomic import write_bytes
from .catalog import Catalog, PackEntry
from .config import MB, ServeConfig
from .jobs import INPUT, Job, JobRunner
from .store import Store
from .uploads import UploadError, check_report, safe_name, size_text, suffix_of, unpack_zip, write_unique
from .worker import OUTPUTS, WorkerPool, audit_task, output_task

RESULT = "result.json"
DEFAULT_LABEL = "全国通用规则包（法治政府建设年度报告的基本内容）"
AUTO = "auto"  # `rules=auto`: the pack that applies to the report's place, level and year, else the default
FIELD_BYTES = 64 * 1024
MULTIPART_SLACK = 1 * MB  # boundaries, headers and the small fields around the file


class WebError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def upload_error(exc: UploadError) -> WebError:
    return WebError(str(exc), exc.status)


@dataclass
class Checked:
    id: str
    folder: Path
    data: dict  # {"json", "view", "pack", "name"}


class Service:
    """One per server: the catalog, the store, the worker pool and the batch runner, made once."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.catalog = Catalog(config.rules_dir)
        self.store = Store(config.work_dir, config.keep_minutes * 60)
        self.pool = WorkerPool(config.worker_count)
        self.runner = JobRunner(config.batch_job_count)

    # -------- life

    def start(self) -> None:
        self.pool.start()
        root = self.store.root / "batches"
        for folder in sorted(root.iterdir()) if root.is_dir() else []:
            job = self.runner.resume(folder)
            if job is not None:
                self.store.adopt("batches", job.id, folder)
        self.store.forget_unindexed("batches", keep=lambda f: False)
        self.store.forget_unindexed("checks", keep=lambda f: False)  # results of an earlier run: unreachable

    def sweep(self) -> int:
        return self.store.sweep(busy=lambda kind, rid: kind == "batches" and self.runner.busy(rid))

    def close(self) -> None:
        self.runner.stop()
        self.pool.close()

    # -------- limits

    def body_limit(self, path: str) -> int:
        if path.rstrip("/").endswith("batch"):
            return self.config.max_batch_bytes + MULTIPART_SLACK
        return self.config.max_file_bytes + MULTIPART_SLACK

    async def form(self, request, max_files: int) -> FormData:
        from starlette.formparsers import MultiPartException

        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise WebError("请以 multipart/form-data 方式上传文件（字段 file）", 400)
        try:
            return await request.form(max_files=max_files, max_fields=50, max_part_size=FIELD_BYTES)
        except MultiPartException as exc:
            if "Too many files" in str(exc):
                raise WebError(f"上传的文件过多，每批最多 {self.config.max_files} 个", 413) from None
            raise WebError("上传的数据不完整或格式不正确，请重新上传", 400) from None

    # -------- packs

    def pack(self, ref: Optional[str]) -> Optional[PackEntry]:
        """The pack a request names; None for the default. Unknown or broken packs are refused."""
        if not ref or not str(ref).strip() or ref == AUTO:
            return self.catalog.default()
        entry = self.catalog.find(str(ref))
        if entry is None:
            known = "、".join(e.key for e in self.catalog.entries if e.usable)
            raise WebError(f"找不到规则包“{str(ref)[:80]}”（只能使用服务所用规则文件夹中的规则包：{known}）", 400)
        if not entry.usable:
            raise WebError(f"规则包“{entry.key}”有错误，无法使用：{entry.error}", 400)
        return entry

    @staticmethod
    def pack_label(entry: Optional[PackEntry]) -> str:
        return entry.label if entry else DEFAULT_LABEL

    # -------- one report

    async def check(self, form: FormData) -> Checked:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise WebError("请选择要审核的报告文件（字段 file）", 400)
        ref = _text(form.get("rules"))
        entry = self.pack(ref)
        name = safe_name(upload.filename or "", fallback="报告")
        data = await upload.read(self.config.max_file_bytes + 1)
        try:
            check_report(name, data, self.config.max_file_bytes)
        except UploadError as exc:
            raise upload_error(exc) from None
        rid, folder = self.store.new("checks")
        await anyio.to_thread.run_sync((folder / name).write_bytes, data)
        try:
            return await self._audit(rid, folder, name, entry, auto=ref == AUTO)
        except WebError:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    async def recheck(self, rid: str, folder: Path, ref: Optional[str]) -> Checked:
        entry = self.pack(ref)
        old = self.load(folder)
        return await self._audit(rid, folder, old["name"], entry)

    async def _audit(self, rid: str, folder: Path, name: str, entry: Optional[PackEntry],
                     auto: bool = False) -> Checked:
        pack = str(entry.path) if entry else None
        candidates = tuple((e.key, str(e.path)) for e in self.catalog.entries if e.usable)
        res = await self.pool.run(audit_task, str(folder / name), pack, self.catalog.version, name, candidates, auto)
        if not res.get("ok"):
            raise WebError(res["error"], res.get("status", 500))
        if res.get("chosen"):
            entry = self.catalog.find(res["chosen"])
        label = self.pack_label(entry)
        if auto:
            label += "（自动选择：适用于本报告的地区和年度）" if res.get("chosen") else "（自动选择：没有专门适用于本报告的规则包）"
        data = {"json": res["json"], "view": res["view"], "pack": entry.key if entry else None,
                "pack_label": label, "name": name, "fits": res.get("fits") or {}}
        blob = json.dumps(data, ensure_ascii=False).encode("utf-8")
        await anyio.to_thread.run_sync(write_bytes, folder / RESULT, blob)
        for file_name, _ in OUTPUTS.values():  # made with the previous pack, they would mislead
            (folder / file_name).unlink(missing_ok=True)
        return Checked(rid, folder, data)

    @staticmethod
    def load(folder: Path) -> dict:
        return json.loads((folder / RESULT).read_text(encoding="utf-8"))

    async def output(self, folder: Path, kind: str) -> Path:
        """The check's file of `kind` (OUTPUTS), made in the pool on first request and kept beside the result."""
        out = folder / OUTPUTS[kind][0]
        if out.is_file():
            return out
        data = self.load(folder)
        entry = self.catalog.find(data["pack"]) if data.get("pack") else None
        pack = str(entry.path) if entry else None
        res = await self.pool.run(output_task, str(folder / data["name"]), pack, self.catalog.version,
                                  data["name"], str(out), kind)
        if not res.get("ok"):
            raise WebError(res["error"], res.get("status", 500))
        return out

    # -------- batches

    async def start_batch(self, form: FormData) -> Job:
        uploads = [u for key in ("files", "file") for u in form.getlist(key) if isinstance(u, UploadFile)]
        if not uploads:
            raise WebError("请选择要批量审核的报告文件，或一个包含报告的 zip 压缩包（字段 files）", 400)
        entry = self.pack(_text(form.get("rules")))
        rid, folder = self.store.new("batches")
        try:
            names, ignored = await anyio.to_thread.run_sync(self._take_batch, uploads, folder / INPUT)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = Job(id=rid, names=names, pack_key=entry.key if entry else None,
                  pack_path=str(entry.path) if entry else None, pack_label=self.pack_label(entry),
                  total=len(names), ignored=ignored)
        self.runner.add(job, folder)
        return job

    def _take_batch(self, uploads: list[UploadFile], dest: Path) -> tuple[list[str], list[str]]:
        cfg = self.config
        dest.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        names: list[str] = []
        ignored: list[str] = []
        for up in uploads:
            name = safe_name(up.filename or "", fallback="报告")
            size = up.size if up.size is not None else 0
            try:
                if suffix_of(name) == ".zip":
                    got, skipped = unpack_zip(up.file, dest, taken, cfg.max_file_bytes,
                                              cfg.max_batch_bytes, cfg.max_files - len(names))
                    names += [n for n, _ in got]
                    ignored += skipped
                    continue
            except UploadError as exc:
                raise upload_error(exc) from None
            if size > cfg.max_file_bytes:
                raise WebError(f"{name}: 文件过大（{size_text(size)}），超过每个文件 {size_text(cfg.max_file_bytes)} 的上限",
                               413)
            up.file.seek(0)
            write_unique(dest, name, up.file.read(cfg.max_file_bytes + 1), taken)
            names.append(up.filename or name)
        if not names:
            raise WebError("上传的内容中没有报告文件", 400)
        if len(names) > cfg.max_files:
            raise WebError(f"共 {len(names)} 个文件，超过每批 {cfg.max_files} 个的上限，请分批上传", 413)
        return names, ignored


def _text(value) -> Optional[str]:
    return value if isinstance(value, str) else None
