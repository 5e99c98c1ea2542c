"""`auditor serve`: one warm process (packs, fonts, templates loaded once) behind uvicorn."""
from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from typing import Callable

from ..errors import UsageError
from .config import ServeConfig


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """A clear message now rather than uvicorn's traceback after the warm-up."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise UsageError(f"无法在 {host}:{port} 上启动服务：{exc.strerror or exc}",
                             hint="端口可能已被占用，请用 --port 换一个端口") from None


def serve(config: ServeConfig, open_browser: bool = False, say: Callable[[str], None] = print) -> None:
    import uvicorn

    from .app import create_app
    from .service import Service

    if not 0 < config.port < 65536:
        raise UsageError("--port 应为 1–65535 之间的整数")
    check_port(config.host, config.port)
    service = Service(config)
    bad = [e for e in service.catalog.entries if not e.usable]
    say(f"规则包：{len(service.catalog.entries)} 个（{service.catalog.root}）" +
        (f"，其中 {len(bad)} 个有错误，已在页面上标出" if bad else ""))
    say(f"正在启动 {service.pool.workers} 个审核进程（加载规则、字体和词典）……")
    service.start()
    url = f"http://{'127.0.0.1' if config.host in ('0.0.0.0', '::') else config.host}:{config.port}/"
    say(f"已就绪：{url}" + ("（需要口令）" if config.token else ""))
    if not is_loopback(config.host):
        say(f"注意：服务监听 {config.host}，同一网络中的其他电脑也能访问" +
            ("" if config.token else "；建议用 --token 设置口令"))
    say("按 Ctrl+C 停止服务")
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.run(create_app(service), host=config.host, port=config.port, log_level="warning",
                    access_log=False, server_header=False, timeout_graceful_shutdown=5)
    finally:
        service.close()
