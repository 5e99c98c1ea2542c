"""The package stands alone: a wheel built from the checkout, installed into a fresh virtual environment
outside it, audits a seed with the same JSON as the checkout and writes a PDF."""
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow
SEED = ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt"


def _run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kw)


def test_wheel_outside_checkout(tmp_path):
    dist = tmp_path / "dist"
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)])
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(dist.glob("auditor-*.whl"))
    env_dir = tmp_path / "venv"
    # the fresh environment reuses this one's installed dependencies, so no download is needed
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    py = env_dir / "bin" / "python"
    site = next(Path(p) for p in sys.path if p.endswith("site-packages"))
    pth = next((env_dir / "lib").glob("python*/site-packages"))
    (pth / "deps.pth").write_text(str(site) + "\n")
    r = _run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)])
    assert r.returncode == 0, r.stderr[-2000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # the checkout's editable install must not be what runs: the wheel's copy is found first
    probe = _run([str(py), "-c", "import auditor, sys; print(auditor.__file__)"], cwd=work, env=env)
    assert str(ROOT) not in probe.stdout and "site-packages" in probe.stdout, probe.stdout + probe.stderr
    cli = [str(py), "-m", "auditor.cli"]
    r = _run(cli + ["check", SEED.name, "--rules", "qinghai/huzhu-2024", "--format", "json", "--fail-on", "never"],
             cwd=work, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    here = _run([sys.executable, "-m", "auditor.cli", "check", SEED.name, "--rules", "qinghai/huzhu-2024",
                 "--format", "json", "--fail-on", "never"], cwd=work, env=env)
    assert here.returncode == 0, here.stderr[-2000:]
    a, b = json.loads(r.stdout), json.loads(here.stdout)
    for d in (a, b):
        for p in d["packs"]:
            p.pop("path")
    assert a == b
    r = _run(cli + ["check", SEED.name, "--rules", "qinghai/huzhu-2024", "--pdf", "out.pdf", "--fail-on", "never"],
             cwd=work, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert (work / "out.pdf").read_bytes()[:5] == b"%PDF-"
