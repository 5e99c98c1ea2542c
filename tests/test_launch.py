"""The thin start-up of `auditor check` (launch.py): the same parameters, words and exit codes as the Typer app,
and Click left to read everything else."""
import json
import re
import subprocess
import sys

import pytest
import typer

from auditor import launch
from auditor.cli import app
from helpers import HUZHU, SEEDS

SEED = {p.name[:3]: str(p) for p in SEEDS.glob("*.txt")}
KIND = {"flag": (True, False), "many": (False, True), "value": (False, False)}  # (is_flag, multiple)


def _check_command():
    return typer.main.get_command(app).commands["check"]


def test_the_option_table_is_the_typer_commands():
    options = [p for p in _check_command().params if p.param_type_name == "option"]
    spellings = {o: p.name for p in options for o in p.opts + p.secondary_opts}
    assert {o: param for o, (param, _) in launch.CHECK_OPTIONS.items()} == spellings
    for p in options:
        for o in p.opts:
            assert KIND[launch.CHECK_OPTIONS[o][1]] == (bool(p.is_flag), bool(p.multiple)), o
        assert launch.CHECK_DEFAULTS[p.name] == p.default, p.name
    paths = {p.name for p in _check_command().params if type(p.type).__name__ == "TyperPath"}
    assert paths == set(launch.PATH_PARAMS)


@pytest.mark.parametrize("args", [
    ["check", "a.txt", "--help"], ["check", "-h"], ["check"], ["check", "a.txt", "b.txt"], ["check", "a.txt", "--bogus"],
    ["check", "a.txt", "--rules"], ["check", "a.txt", "-rhuzhu"], ["check", "a.txt", "--format", "json", "-f", "text"],
    ["check", "a.txt", "--pdf", "-x.pdf"], ["check", "--", "a.txt"], ["check", "-"], ["check", "a.txt", "--format="],
    ["check", "a.txt", "--as-report=yes"], ["check", ""], ["batch", "dir"], [], ["--help"], ["chek", "a.txt"],
])
def test_what_click_must_read_goes_to_the_typer_app(args):
    assert launch.run_thin(args) is None


def test_a_shell_completion_request_goes_to_the_typer_app(monkeypatch):
    monkeypatch.setenv("_AUDITOR_COMPLETE", "bash_complete")
    assert launch.parse_check(["a.txt"]) is not None and launch.run_thin(["check", "a.txt"]) is None


def test_parameters_as_click_gives_them():
    got = launch.parse_check(["a.txt", "-r", "x", "--rules=y", "--format", "json", "--as-report", "--pdf=o.pdf"])
    assert got["rules"] == ["x", "y"] and got["format"] == "json" and got["as_report"] is True
    assert got["report"] == launch.Path("a.txt") and got["pdf"] == launch.Path("o.pdf") and got["waivers"] is None
    assert got["style"] == "gongwen" and got["fail_on"] == "not_met" and got["html"] is None


def _typer_run(args, capsys):
    code = app(args, standalone_mode=False)
    out = capsys.readouterr()
    return code, out.out, out.err


def _thin_run(args, capsys):
    code = launch.run_thin(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def _same(a, b):
    elapsed = re.compile(r"用时 [\d.]+ 秒")
    return [elapsed.sub("用时", x) if isinstance(x, str) else x for x in a] == \
           [elapsed.sub("用时", x) if isinstance(x, str) else x for x in b]


@pytest.mark.parametrize("args", [
    ["check", SEED["001"], "--rules", HUZHU, "--format", "json", "--fail-on", "never"],
    ["check", SEED["003"], "--rules", HUZHU],  # text, exit 1 (not met)
    ["check", SEED["002"], "-r", HUZHU, "-f", "json", "--fail-on", "review"],
    ["check", SEED["001"], "--format", "xml"],  # the command's own value check: exit 2
    ["check", "no-such-report.txt"],  # exit 4
    ["check", SEED["001"], "--rules", "no/such-pack"],  # exit 3
])
def test_the_thin_start_up_says_and_exits_as_the_typer_app(args, capsys):
    thin = _thin_run(args, capsys)
    full = _typer_run(args, capsys)
    assert thin[0] is not None and _same(thin, full), (thin[0], full[0], thin[2], full[2])


def test_a_waiver_warning_and_a_crash_are_the_same(tmp_path, capsys, monkeypatch):
    w = tmp_path / "豁免.yaml"
    w.write_text("waivers:\n  - {rule: no_such_rule, jurisdiction: 楚雄州, reason: 示例理由, approver: 州司法局, "
                 "expires: 2099-12-31}\n", encoding="utf-8")
    args = ["check", SEED["002"], "--rules", HUZHU, "--waivers", str(w), "--format", "json", "--fail-on", "never"]
    thin, full = _thin_run(args, capsys), _typer_run(args, capsys)
    assert "no_such_rule" in thin[2] and _same(thin, full)
    assert json.loads(thin[1])["findings"]

    import tempfile
    from auditor import api

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(api, "check", lambda *a, **k: 1 / 0)
    thin, full = _thin_run(args[:2], capsys), _typer_run(args[:2], capsys)
    assert thin[0] == full[0] == 70 and "ZeroDivisionError" in thin[2]
    assert len(list((tmp_path / "auditor-logs").glob("crash-*.log"))) == 2


def test_the_thin_start_up_loads_no_typer():
    code = ("import sys\nfrom auditor import launch\n"
            f"code = launch.run_thin(['check', {SEED['001']!r}, '--rules', {HUZHU!r}, '--format', 'json'])\n"
            "print(code, 'typer' in sys.modules, file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stderr.split()[-1] == "False" and p.stderr.split()[-2] in ("0", "1"), p.stderr
