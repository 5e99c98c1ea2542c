"""The HTTP API as another system uses it: the CLI's JSON, batch jobs, statuses, the password, broken packs."""
from __future__ import annotations

import io
import json
import shutil
import time
import zipfile

import pytest

from auditor.resources import bundled_rules_dir
from web.webtools import ROOT, cli_json, start_server, stop_server
from makers.writers import SEEDS

pytestmark = pytest.mark.slow
TOKEN = "office-s3cret"


def without_paths(d: dict) -> dict:
    """The JSON less what differs by design: where the file and packs were on the machine that read them."""
    d = json.loads(json.dumps(d))
    d["report"]["file"] = None
    for p in d["packs"]:
        p["path"] = None
    return d


@pytest.mark.parametrize("rules", [None, "qinghai/huzhu-2024", "qinghai/huzhu-2024.yaml"])
def test_check_returns_the_cli_json(server, rules):
    seed = SEEDS[0]
    status, body, headers = server.post("/api/check", [("file", seed.name, seed.read_bytes())],
                                        {"rules": rules} if rules else None)
    assert status == 200, body[:300]
    got = json.loads(body)
    assert got["report"]["file"] == seed.name
    assert without_paths(got) == without_paths(cli_json(seed, rules.removesuffix(".yaml") if rules else None))
    page = headers.get("x-auditor-result") or headers.get("X-Auditor-Result")
    assert server.get(page)[0] == 200


def error_of(resp) -> tuple[int, str]:
    status, body, headers = resp
    assert "json" in (headers.get("content-type") or headers.get("Content-Type") or "")
    data = json.loads(body)
    assert data["status"] == status
    return status, data["error"]


@pytest.mark.parametrize("name,data,status,words", [
    ("空.txt", b"", 400, "空"),
    ("乱码.txt", bytes(range(256)) * 32, 415, "二进制"),
    ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, 415, ".doc"),
    ("表格.xlsx", b"PK\x03\x04" + b"\0" * 100, 415, "不支持"),
    ("很大.txt", b"x" * (30 * 1024 * 1024), 413, "过大"),
    ("二十一兆.txt", b"x" * (20 * 1024 * 1024 + 10), 413, "过大"),
    ("无中文.txt", b"hello world " * 100, 400, "中文"),
])
def test_check_errors(server, name, data, status, words):
    got_status, message = error_of(server.post("/api/check", [("file", name, data)]))
    assert got_status == status and words in message


@pytest.mark.parametrize("rules", ["../../etc/passwd", "/etc/passwd", "national/../../x", "no/such-pack"])
def test_rules_resolve_only_to_served_packs(server, rules):
    status, message = error_of(server.post("/api/check", [("file", "a.txt", SEEDS[0].read_bytes())], {"rules": rules}))
    assert status == 400 and "找不到规则包" in message


def test_missing_file_field_is_400(server):
    status, message = error_of(server.post("/api/check", [("other", "a.txt", b"x")]))
    assert status == 400 and "file" in message


def wait_for(server, job_id: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        s = server.json(f"/api/batch/{job_id}")
        seen.append((s["state"], s["done"]))
        assert 0 <= s["done"] <= s["total"]
        if s["state"] in ("done", "failed"):
            assert [d for _, d in seen] == sorted(d for _, d in seen)  # progress never goes back
            return s
        time.sleep(0.3)
    raise AssertionError("batch did not finish")


def test_batch_of_several_files_with_one_bad(server):
    files = [("files", s.name, s.read_bytes()) for s in SEEDS[:2]] + [("files", "旧版.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 600)]
    status, body, _ = server.post("/api/batch", files, {"rules": "qinghai/huzhu-2024"})
    assert status == 202, body[:300]
    job = json.loads(body)
    assert job["total"] == 3
    s = wait_for(server, job["id"])
    assert s["state"] == "done" and s["done"] == 3
    assert [r["file"] for r in s["ranking"]] and len(s["ranking"]) == 2
    assert [e["file"] for e in s["errors"]] == ["旧版.doc"]  # one bad file never stops the others
    for key in ("xlsx", "csv", "pdf"):
        assert server.get(s["files"][key])[0] == 200
    status, pdf, _ = server.get(s["ranking"][0]["pdf_url"])
    assert status == 200 and pdf.startswith(b"%PDF")
    status, data, _ = server.get(s["ranking"][0]["json_url"])
    assert json.loads(data)["report"]["jurisdiction"] == s["ranking"][0]["jurisdiction"]


def test_batch_refuses_a_zip_bomb_and_an_unknown_job(server):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("炸弹.txt", b"\0" * (15 * 1024 * 1024))
    status, message = error_of(server.post("/api/batch", [("files", "a.zip", buf.getvalue())]))
    assert status == 400 and "压缩炸弹" in message
    status, message = error_of(server.get("/api/batch/AAAAAAAAAAAAAAAA"))
    assert status == 404
    status, message = error_of(server.get("/api/batch/..%2F..%2Fetc"))
    assert status == 404


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A served instance with a password and a rules folder holding one broken pack."""
    tmp = tmp_path_factory.mktemp("guarded")
    rules = tmp / "rules"
    shutil.copytree(bundled_rules_dir(), rules, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (rules / "local").mkdir()
    (rules / "local" / "broken.yaml").write_text("pack: local/broken\ntitle: 坏的规则包\nrules: 3\n", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "rulepacks" / "seeds-2023.ok.yaml", rules / "local" / "seeds-2023.yaml")
    s = start_server(tmp, "--token", TOKEN, "--rules", str(rules), "--workers", "1")
    yield s
    stop_server(s)


def test_password_is_needed(guarded):
    seed = [("file", SEEDS[0].name, SEEDS[0].read_bytes())]
    status, message = error_of(guarded.post("/api/check", seed))
    assert status == 401 and "口令" in message
    assert guarded.post("/api/check", seed, headers={"Authorization": "Bearer wrong"})[0] == 401
    assert guarded.post("/api/check", seed, headers={"Authorization": f"Bearer {TOKEN}"})[0] == 200
    status, body, _ = guarded.get("/")  # a page: redirected to the login form (urllib follows the 303)
    assert status == 200 and "输入访问口令" in body.decode("utf-8")
    cookie = login(guarded)
    status, body, _ = guarded.get("/", headers={"Cookie": cookie})
    assert status == 200 and "check-form" in body.decode("utf-8")


def test_a_broken_pack_is_listed_not_fatal(guarded):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, body, _ = guarded.get("/api/packs", headers=auth)
    packs = {p["key"]: p for p in json.loads(body)}
    assert not packs["local/broken"]["usable"] and packs["local/broken"]["error"]
    assert packs["qinghai/huzhu-2024"]["usable"]
    status, message = error_of(guarded.post("/api/check", [("file", "a.txt", SEEDS[0].read_bytes())],
                                            {"rules": "local/broken"}, headers=auth))
    assert status == 400 and "local/broken" in message
    status, body, _ = guarded.get("/packs", headers=auth)
    page = body.decode("utf-8")
    assert status == 200 and "坏的规则包" in page and "有错误" in page


def login(server) -> str:
    import http.client
    import urllib.parse

    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("POST", "/login", urllib.parse.urlencode({"token": TOKEN}),
                 {"Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    assert resp.status == 303
    cookie = resp.getheader("set-cookie").split(";")[0]
    conn.close()
    return cookie


def test_auto_picks_the_pack_that_applies(guarded):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    seed = SEEDS[0]  # a 2023 report: the 2023 pack applies, the Huzhu 2024 plan does not
    status, body, _ = guarded.post("/api/check", [("file", seed.name, seed.read_bytes())], {"rules": "auto"}, auth)
    assert status == 200, body[:300]
    got = json.loads(body)
    assert [p["id"] for p in got["packs"]][-1] == "test/seeds-2023"
    want = cli_json(seed, str(ROOT / "tests" / "rulepacks" / "seeds-2023.ok.yaml"))
    assert got["findings"] == want["findings"] and got["alerts"] == want["alerts"]
    seed = SEEDS[3]  # a 2024 township elsewhere: no served pack is scoped to it, so the default
    status, body, _ = guarded.post("/api/check", [("file", seed.name, seed.read_bytes())], {"rules": "auto"}, auth)
    assert [p["id"] for p in json.loads(body)["packs"]] == [p["id"] for p in cli_json(seed)["packs"]]
