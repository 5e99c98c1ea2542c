"""Fixtures of the web tests: a served instance and a fresh Chromium profile, both started here."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from web.webtools import CHROMIUM, CHROMIUM_ARGS, ROOT, SHOTS_ENV, start_server, stop_server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s = start_server(tmp_path_factory.mktemp("serve"))
    yield s
    stop_server(s)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"找不到 Chromium（{CHROMIUM}）：请先运行 bash scripts/setup.sh")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, accept_downloads=True,
            viewport={"width": 1400, "height": 900}, locale="zh-CN", reduced_motion="reduce")
        ctx.set_default_timeout(60_000)
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    pg = browser_context.new_page()
    yield pg
    pg.close()




@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get(SHOTS_ENV)
    folder = (ROOT / where) if where else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
