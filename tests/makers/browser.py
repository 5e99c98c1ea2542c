"""Chromium from the Debian package, headless: print a page to PDF, save it as MHTML ("save as single
file"). Never a browser download; a fresh profile every time; no network."""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--disable-dev-shm-usage"]


def chromium() -> Optional[str]:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(page: Path, out: Path, timeout: float = 120) -> Path:
    """What "Print -> Save as PDF" writes (Skia's PDF backend, CJK fonts as Type 3)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", page.resolve().as_uri()],
                       check=True, capture_output=True, timeout=timeout)
    return out


class _Pipe:
    """The DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, profile: str) -> None:
        self.to_r, self.to_w = os.pipe()
        self.from_r, self.from_w = os.pipe()
        self.proc = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=self._fds)
        os.close(self.to_r)
        os.close(self.from_w)
        self.buf = b""
        self.next_id = 0

    def _fds(self) -> None:  # in the child: its fd 3 reads what we write, fd 4 writes what we read
        os.dup2(self.to_r, 3)
        os.dup2(self.from_w, 4)

    def call(self, method: str, session: Optional[str] = None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_event(self, name: str) -> dict:
        while True:
            msg = self._read()
            if msg.get("method") == name:
                return msg

    def _read(self) -> dict:
        while b"\0" not in self.buf:
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 - it may already be gone
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_w)
        os.close(self.from_r)


def save_mhtml(page: Path, out: Path) -> Path:
    """What "Save page as -> Webpage, single file (.mhtml)" writes (Page.captureSnapshot)."""
    with tempfile.TemporaryDirectory() as profile:
        pipe = _Pipe(profile)
        try:
            target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
            session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            pipe.call("Page.enable", session)
            pipe.call("Page.navigate", session, url=page.resolve().as_uri())
            pipe.wait_event("Page.loadEventFired")
            data = pipe.call("Page.captureSnapshot", session, format="mhtml")["data"]
        finally:
            pipe.close()
    out.write_bytes(data.encode("utf-8"))  # the snapshot is a str of ASCII MIME text (QP/base64 parts)
    return out


def print_pdf_cdp(page: Path, out: Path, **options) -> Path:
    """Page.printToPDF with options (paper size, scale) that the command line does not offer."""
    with tempfile.TemporaryDirectory() as profile:
        pipe = _Pipe(profile)
        try:
            target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
            session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            pipe.call("Page.enable", session)
            pipe.call("Page.navigate", session, url=page.resolve().as_uri())
            pipe.wait_event("Page.loadEventFired")
            data = pipe.call("Page.printToPDF", session, **options)["data"]
        finally:
            pipe.close()
    out.write_bytes(base64.b64decode(data))
    return out
