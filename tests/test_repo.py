"""The newcomer's path: CI runs exactly the README's test command."""
from helpers import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    cmd = "bash scripts/setup.sh && .venv/bin/python -m pytest -q"
    assert cmd in readme and cmd in ci
