"""Helpers of the web tests and bench/web_load.py: a served instance started by the caller, and the CLI's JSON.

The server is `auditor serve` in a subprocess on a free port of 127.0.0.1; the browser is Debian's Chromium
(scripts/setup.sh installs it) driven by Playwright through `executable_path` — nothing is downloaded.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Screenshots go to a temporary folder unless AUDITOR_SCREENSHOTS names one (docs/screenshots is refreshed with
# `AUDITOR_SCREENSHOTS=docs/screenshots pytest tests/web`), so a test run leaves the checkout as it was.
SHOTS_ENV = "AUDITOR_SCREENSHOTS"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str, proc: subprocess.Popen, work: Path, log: Path):
        self.url, self.proc, self.work, self.log = url, proc, work, log

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
        req = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def post(self, path: str, files: list[tuple[str, str, bytes]], fields: dict | None = None,
             headers: dict | None = None) -> tuple[int, bytes, dict]:
        """multipart/form-data by hand: the standard library has no client for it."""
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in (fields or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        for field, name, data in files:
            head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                    f"Content-Type: application/octet-stream\r\n\r\n").encode()
            parts.append(head + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        req = urllib.request.Request(self.url + path, data=body, method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def json(self, path: str) -> dict:
        status, body, _ = self.get(path)
        assert status == 200, body[:300]
        return json.loads(body)


def start_server(tmp: Path, *extra: str) -> Server:
    port = free_port()
    work = tmp / f"work-{port}"
    log = tmp / f"server-{port}.log"
    cmd = [sys.executable, "-m", "auditor.cli", "serve", "--port", str(port), "--work-dir", str(work), *extra]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("auditor serve exited: " + log.read_text(encoding="utf-8", errors="replace"))
        try:
            with urllib.request.urlopen(url + "/api/packs", timeout=2):
                return Server(url, proc, work, log)
        except urllib.error.HTTPError:
            return Server(url, proc, work, log)  # answering (e.g. 401 behind a password)
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise AssertionError("auditor serve did not answer in 180 s: " + log.read_text(encoding="utf-8"))


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(30)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(10)


def cli_json(path: Path, rules: str | None = None) -> dict:
    """What `auditor check --format json` prints for the file."""
    cmd = [sys.executable, "-m", "auditor.cli", "check", str(path), "--format", "json", "--fail-on", "never"]
    if rules:
        cmd += ["--rules", rules]
    out = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    return json.loads(out.stdout)
