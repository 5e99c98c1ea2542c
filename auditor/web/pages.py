"""The pages: upload, result (gaps beside the marked-up text), batch progress and ranking, rule packs.

Templates live in templates/web/ and use the gap report's own Jinja2 environment (autoescape on, the same
vocabulary); every piece of report or rule text reaches them as a plain string.
"""
from __future__ import annotations

import hmac
import urllib.parse

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..batch.run import SUMMARY_CSV, SUMMARY_PDF, SUMMARY_XLSX
from ..models import STATUS_LABELS
from ..report.render import template_env
from ..report.vocab import FILLS, TEXT_COLORS
from .config import ACCEPTED_SUFFIXES, BATCH_SUFFIXES
from .jobs import OUTPUT
from .service import Service, WebError
from .worker import OUTPUTS

APPLICABILITY_NOTE = "选“自动选择”时，按报告识别出的地区、层级和年度选用适用的规则包"
FIT_GROUPS = (("yes", "适用于本报告的规则包"), ("unknown", "未能确认是否适用"), ("no", "不适用于本报告（年度、层级或地区不符）"))
BATCH_FILES = {"xlsx": (SUMMARY_XLSX, "汇总表（XLSX）"), "csv": (SUMMARY_CSV, "汇总表（CSV）"),
               "pdf": (SUMMARY_PDF, "汇总 PDF")}


def render(name: str, ctx: dict) -> str:
    return template_env().get_template(f"web/{name}").render(
        status_labels=STATUS_LABELS, status_colors=TEXT_COLORS, status_fills=FILLS, accept=",".join(ACCEPTED_SUFFIXES), batch_accept=",".join(BATCH_SUFFIXES),
        **ctx)


def service_of(request: Request) -> Service:
    return request.app.state.service


def _page(request: Request, name: str, ctx: dict, status: int = 200) -> HTMLResponse:
    svc = service_of(request)
    base = {"packs": svc.catalog.entries, "pack_groups": None, "default_pack": svc.catalog.default(),
            "applicability_note": APPLICABILITY_NOTE, "limits": svc.config}
    return HTMLResponse(render(name, {**base, **ctx}), status_code=status)


def _fetch(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


def _go(request: Request, url: str) -> Response:
    """After a POST: JSON for the page's script, a 303 for a plain form."""
    if _fetch(request):
        return JSONResponse({"url": url})
    return RedirectResponse(url, status_code=303)


async def index(request: Request):
    return _page(request, "index.html.j2", {})


async def post_check(request: Request):
    svc = service_of(request)
    got = await svc.check(await svc.form(request, max_files=1))
    return _go(request, f"/r/{got.id}")


def _check_folder(request: Request):
    folder = service_of(request).store.get("checks", request.path_params["rid"])
    if folder is None:
        raise WebError("找不到该审核结果（可能已过期被删除），请重新上传报告", 404)
    return folder


async def result(request: Request):
    svc = service_of(request)
    folder = _check_folder(request)
    data = svc.load(folder)
    rid = request.path_params["rid"]
    view = data["view"]
    return _page(request, "result.html.j2", {
        "rid": rid, "v": view, "gauge": Markup(view["gauge"]),  # built and escaped by report.charts
        "name": data["name"], "pack_key": data.get("pack"), "pack_label": data["pack_label"],
        "pack_groups": _pack_groups(svc, data.get("fits") or {}),
        "applicability_note": f"按本报告的地区（{view['doc']['jurisdiction']}）、层级和年度（{view['doc']['year']}）分组",
        "downloads": [{"href": f"/r/{rid}/report.pdf", "label": "下载 PDF 差距报告", "id": "dl-pdf"},
                      {"href": f"/r/{rid}/report.docx", "label": "下载 Word 版", "id": "dl-docx"},
                      {"href": f"/r/{rid}/annotated.html", "label": "下载标注版报告", "id": "dl-annotated"},
                      {"href": f"/r/{rid}/audit.json", "label": "下载 JSON", "id": "dl-json"}],
    })


def _pack_groups(svc: Service, fits: dict) -> list:
    """(label, usable packs) by whether they apply to the report; a pack added since counts as unknown."""
    usable = [e for e in svc.catalog.entries if e.usable]
    return [(label, [e for e in usable if fits.get(e.key, "unknown") == fit]) for fit, label in FIT_GROUPS]


async def recheck(request: Request):
    svc = service_of(request)
    folder = _check_folder(request)
    form = await svc.form(request, max_files=0)
    got = await svc.recheck(request.path_params["rid"], folder, form.get("rules"))
    return _go(request, f"/r/{got.id}")


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _output_route(kind: str):
    async def download(request: Request):
        svc = service_of(request)
        folder = _check_folder(request)
        path = await svc.output(folder, kind)
        file_name, media_type = OUTPUTS[kind]
        return FileResponse(path, media_type=media_type, filename=_stem(svc.load(folder)["name"]) + "-" + file_name)

    return download


async def result_json(request: Request):
    svc = service_of(request)
    data = svc.load(_check_folder(request))
    return JSONResponse(data["json"], headers={
        "content-disposition": "attachment; filename*=utf-8''" + urllib.parse.quote(_stem(data["name"]) + ".json")})


# -------- batches

async def post_batch(request: Request):
    svc = service_of(request)
    job = await svc.start_batch(await svc.form(request, max_files=svc.config.max_files * 2))
    return _go(request, f"/b/{job.id}")


def job_id(request: Request) -> str:
    svc = service_of(request)
    rid = request.path_params["rid"]
    if svc.store.get("batches", rid) is None or rid not in svc.runner.jobs:
        raise WebError("找不到该批量审核任务（可能已过期被删除）", 404)
    return rid


async def batch_page(request: Request):
    svc = service_of(request)
    rid = job_id(request)
    status = svc.runner.status(rid)
    res = svc.runner.result(rid) if status["state"] == "done" else None
    files = [{"href": f"/b/{rid}/files/{k}", "label": label} for k, (_, label) in BATCH_FILES.items()
             if res and (svc.runner.folders[rid] / OUTPUT / BATCH_FILES[k][0]).is_file()]
    return _page(request, "batch.html.j2", {"rid": rid, "s": status, "res": res, "files": files,
                                            "job": svc.runner.jobs[rid]})


def _output(request: Request, filename: str, download: str) -> FileResponse:
    svc = service_of(request)
    path = svc.runner.folders[job_id(request)] / OUTPUT / filename
    if not path.is_file():
        raise WebError("该结果文件尚未生成或已被删除", 404)
    return FileResponse(path, filename=download)


async def batch_file(request: Request):
    which = request.path_params["which"]
    if which not in BATCH_FILES:
        raise WebError("没有这种结果文件", 404)
    return _output(request, BATCH_FILES[which][0], BATCH_FILES[which][0])


async def batch_report(request: Request):
    """One report's PDF or JSON, by its row in the ranking (the URL carries a number, never a name)."""
    svc = service_of(request)
    rid = job_id(request)
    res = svc.runner.result(rid) or {}
    row, ext = request.path_params["row"], request.path_params["ext"]
    ranking = res.get("ranking") or []
    if ext not in ("pdf", "json") or not 0 <= row < len(ranking):
        raise WebError("没有这份报告的结果文件", 404)
    name = ranking[row]["name"]
    return _output(request, f"{name}.{ext}", f"{name}.{ext}")


# -------- rule packs

async def packs_page(request: Request):
    return _page(request, "packs.html.j2", {})


async def pack_page(request: Request):
    entry = service_of(request).catalog.find(request.path_params["key"])
    if entry is None:
        raise WebError("找不到该规则包", 404)
    return _page(request, "pack.html.j2", {"entry": entry})


# -------- password

async def login(request: Request):
    svc = service_of(request)
    if request.method == "GET":
        return _page(request, "login.html.j2", {"failed": False})
    from .app import COOKIE, session_value

    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    given = form.get("token")
    if not svc.config.token or not isinstance(given, str) or not hmac.compare_digest(given, svc.config.token):
        return _page(request, "login.html.j2", {"failed": True}, status=401)
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(COOKIE, session_value(svc.config.token), httponly=True, samesite="strict")
    return resp


def routes() -> list[Route]:
    return [
        Route("/", index),
        Route("/check", post_check, methods=["POST"]),
        Route("/r/{rid}", result),
        Route("/r/{rid}/recheck", recheck, methods=["POST"]),
        Route("/r/{rid}/report.pdf", _output_route("pdf")),
        Route("/r/{rid}/report.docx", _output_route("docx")),
        Route("/r/{rid}/annotated.html", _output_route("annotated")),
        Route("/r/{rid}/audit.json", result_json),
        Route("/batch", post_batch, methods=["POST"]),
        Route("/b/{rid}", batch_page),
        Route("/b/{rid}/files/{which}", batch_file),
        Route("/b/{rid}/reports/{row:int}.{ext}", batch_report),
        Route("/packs", packs_page),
        Route("/packs/{key:path}", pack_page),
        Route("/login", login, methods=["GET", "POST"]),
    ]
