"""The ASGI application: pages, the HTTP API, and the guards in front of both (size, password, headers)."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
from http.cookies import SimpleCookie
from typing import Optional

import anyio
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..resources import templates_dir
from .config import MB
from .service import Service, WebError
from .uploads import size_text

log = logging.getLogger(__name__)

COOKIE = "auditor_session"
DRAIN_CAP = 512 * MB  # past this a too-large body is not read to its end: the connection is closed
SWEEP_EVERY_S = 60
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def wants_json(scope) -> bool:
    if scope.get("path", "").startswith("/api/"):
        return True
    headers = dict(scope.get("headers") or [])
    return headers.get(b"x-requested-with") == b"fetch" or b"application/json" in headers.get(b"accept", b"")


def error_response(scope, status: int, message: str, service: Service) -> Response:
    if wants_json(scope):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    from .pages import render

    return HTMLResponse(render("error.html.j2", {"message": message, "status": status, "limits": service.config}),
                        status_code=status)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 before a request can fill memory or disk: by Content-Length, or counted as the body arrives."""

    def __init__(self, app, service: Service):
        self.app, self.service = app, service

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        limit = self.service.body_limit(scope["path"])
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await self._reject(scope, receive, send, int(length), limit)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return msg

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._reject(scope, receive, send, seen, limit)

    async def _reject(self, scope, receive, send, size: int, limit: int):
        # read (and drop) the rest first: a browser shows a reset connection, not our answer, otherwise
        drained = 0
        while drained < DRAIN_CAP:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            drained += len(msg.get("body", b""))
            if not msg.get("more_body"):
                break
        per_file = size_text(self.service.config.max_file_bytes)
        message = (f"上传的内容过大（至少 {size_text(size)}），超过上限：每个文件 {per_file}，"
                   f"每批共 {size_text(self.service.config.max_batch_bytes)}")
        await error_response(scope, 413, message, self.service)(scope, receive, send)


def session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"auditor-serve-session", hashlib.sha256).hexdigest()


class PasswordGate:
    """With --token: pages need the login cookie, the API the token (Authorization: Bearer …)."""

    OPEN = ("/login", "/static/")

    def __init__(self, app, token: Optional[str]):
        self.app, self.token = app, token

    def allowed(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip(), self.token):
            return True
        cookie = SimpleCookie()
        with contextlib.suppress(Exception):
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        got = cookie.get(COOKIE)
        return got is not None and hmac.compare_digest(got.value, session_value(self.token))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.token or scope["path"].startswith(self.OPEN) or self.allowed(scope):
            return await self.app(scope, receive, send)
        if wants_json(scope):
            resp = JSONResponse({"error": "需要口令：请在请求头中提供 Authorization: Bearer <口令>", "status": 401},
                                status_code=401)
        else:
            resp = Response(status_code=303, headers={"location": "/login"})
        await resp(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                msg.setdefault("headers", [])
                msg["headers"] = list(msg["headers"]) + SECURITY_HEADERS
            await send(msg)

        await self.app(scope, receive, send_with_headers)


async def _web_error(request, exc: WebError):
    return error_response(request.scope, exc.status, exc.message, request.app.state.service)


async def _not_found(request, exc):
    return error_response(request.scope, 404, "找不到该页面或结果（结果可能已过期被删除，请重新上传）",
                          request.app.state.service)


def create_app(service: Service) -> Starlette:
    from . import http_api, pages

    @contextlib.asynccontextmanager
    async def lifespan(app):
        service.runner.start()
        sweeper = asyncio.get_running_loop().create_task(_sweep_forever(service))
        try:
            yield
        finally:
            sweeper.cancel()
            service.close()

    routes = pages.routes() + http_api.routes() + [
        Mount("/static", app=StaticFiles(directory=str(templates_dir() / "web" / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={WebError: _web_error, 404: _not_found})
    app.state.service = service
    app.add_middleware(BodyLimit, service=service)
    app.add_middleware(PasswordGate, token=service.config.token)
    app.add_middleware(SecurityHeaders)
    return app


async def _sweep_forever(service: Service) -> None:
    while True:
        try:
            await anyio.to_thread.run_sync(service.sweep)
        except Exception:  # the sweeper must outlive one bad folder
            log.exception("sweep failed")
        await asyncio.sleep(SWEEP_EVERY_S)
