"""The HTTP API for other systems (an OA system, a provincial platform). docs: README「网页服务」.

POST /api/check   multipart `file` (+ `rules`): the JSON of `auditor check --format json`
POST /api/batch   multipart `files` (several) or one zip: 202 and the job's id
GET  /api/batch/{id}  progress, then the result links
GET  /api/packs   the served rule packs
Errors: {"error": Chinese message, "status": code} with 400 (bad input), 401, 404, 413 (too large),
415 (unsupported type), 500.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .pages import BATCH_FILES, job_id, service_of
from .jobs import OUTPUT


async def api_check(request: Request):
    svc = service_of(request)
    got = await svc.check(await svc.form(request, max_files=1))
    return JSONResponse(got.data["json"], headers={"x-auditor-result": f"/r/{got.id}"})


async def api_batch(request: Request):
    svc = service_of(request)
    job = await svc.start_batch(await svc.form(request, max_files=svc.config.max_files * 2))
    return JSONResponse({"id": job.id, "total": job.total, "status_url": f"/api/batch/{job.id}",
                         "page_url": f"/b/{job.id}"}, status_code=202)


async def api_batch_status(request: Request):
    svc = service_of(request)
    rid = job_id(request)
    out = svc.runner.status(rid)
    out["page_url"] = f"/b/{rid}"
    res = svc.runner.result(rid) if out["state"] == "done" else None
    if res:
        folder = svc.runner.folders[rid] / OUTPUT
        out["files"] = {k: f"/b/{rid}/files/{k}" for k, (name, _) in BATCH_FILES.items() if (folder / name).is_file()}
        out["ranking"] = [{**row, "pdf_url": f"/b/{rid}/reports/{i}.pdf" if row.get("pdf") else None,
                           "json_url": f"/b/{rid}/reports/{i}.json"} for i, row in enumerate(res["ranking"])]
        out["errors"] = res["errors"]
    return JSONResponse(out)


async def api_packs(request: Request):
    svc = service_of(request)
    return JSONResponse([{"key": e.key, "id": e.id, "title": e.title, "year": e.year, "source": e.source,
                          "issued": e.issued, "levels": list(e.levels), "draft": e.draft, "default": e.default,
                          "usable": e.usable, "error": e.error, "problems": list(e.problems)}
                         for e in svc.catalog.entries])


def routes() -> list[Route]:
    return [
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/batch", api_batch, methods=["POST"]),
        Route("/api/batch/{rid}", api_batch_status),
        Route("/api/packs", api_packs),
    ]
