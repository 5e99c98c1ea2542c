"""The CLI: exit codes (README "退出码"), JSON contract, Chinese words for every error and every help page."""
import json
import tempfile

import pytest
from typer.testing import CliRunner

from auditor import api
from auditor.cli import app
from auditor.cli_help import cell_width
from helpers import HUZHU, SEEDS, SEEDS_2023

runner = CliRunner()
SEED = {p.name[:3]: str(p) for p in SEEDS.glob("*.txt")}


def test_check_json_contract():
    r = runner.invoke(app, ["check", SEED["002"], "--rules", HUZHU, "--format", "json", "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) >= {"report", "packs", "score", "findings"}
    assert data["report"]["jurisdiction"] == "楚雄州" and data["report"]["year"] == 2023
    f = next(x for x in data["findings"] if x["id"] == "court_appearance_rate")
    assert set(f) >= {"id", "kind", "name", "status", "value", "unit", "target", "derived", "evidence"}
    assert f["value"] == 100 and f["status"] == "met" and f["target"] == "不低于90%"
    assert f["evidence"][0]["quote"] and f["evidence"][0]["part"].startswith("一、")


def test_exit_codes_follow_fail_on():
    # seed 003 has a missing part (not met) -> 1 by default
    assert runner.invoke(app, ["check", SEED["003"], "--rules", HUZHU]).exit_code == 1
    assert runner.invoke(app, ["check", SEED["003"], "--rules", HUZHU, "--fail-on", "never"]).exit_code == 0
    # seed 002 has nothing not met, but has items to review
    assert runner.invoke(app, ["check", SEED["002"], "--rules", SEEDS_2023]).exit_code == 0  # a pack that fits it
    assert runner.invoke(app, ["check", SEED["002"], "--rules", SEEDS_2023, "--fail-on", "review"]).exit_code == 1
    # against the Huzhu pack it is another place's 2024 pack: error alerts, exit 1 unless --fail-on never
    assert runner.invoke(app, ["check", SEED["002"], "--rules", HUZHU]).exit_code == 1


def test_default_pack_is_national():
    r = runner.invoke(app, ["check", SEED["001"], "--format", "json", "--fail-on", "never"])
    ids = [f["id"] for f in json.loads(r.stdout)["findings"]]
    assert "part_first_responsible" in ids and "court_appearance_rate" not in ids


def test_terminal_output_shows_parts_gaps_and_quotes():
    r = runner.invoke(app, ["check", SEED["000"], "--rules", HUZHU, "--fail-on", "never"])
    assert r.exit_code == 0
    assert "船營區" in r.output and "得分" in r.output  # the report's own name as written
    assert "出庭" in r.output and "待核实" in r.output and "待核實" not in r.output  # the tool's words stay simplified


def test_bad_inputs_exit_4_with_chinese_message(tmp_path):
    empty = tmp_path / "空报告.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    for p in (empty, binary, tmp_path / "missing.txt"):
        r = runner.invoke(app, ["check", str(p)])
        assert r.exit_code == 4, r.output
        assert p.name in r.output and "错误" in r.output


def test_bad_pack_exits_3(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("pack: x\ntitle: 坏规则包\nrules:\n  - id: a\n    kind: metric\n    name: 某率\n", encoding="utf-8")
    r = runner.invoke(app, ["check", SEED["001"], "--rules", str(p)])
    assert r.exit_code == 3 and "bad.yaml" in r.output and "aliases" in r.output


def _commands(group=None, path=()):
    import typer.main

    group = group or typer.main.get_command(app)
    out = [list(path)] if path else []
    for name in group.list_commands(None):
        sub = group.get_command(None, name)
        out += _commands(sub, path + (name,)) if hasattr(sub, "list_commands") else [list(path + (name,))]
    return out


COMMANDS = _commands()  # every command, found from the app itself
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]", "TEXT", "PATH")


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_has_chinese_help(cmd):
    r = runner.invoke(app, cmd + ["--help"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("用法：auditor ") and "显示本帮助并退出" in r.output
    assert not [w for w in ENGLISH if w in r.output], r.output
    assert cmd[0] == "rules" and len(cmd) == 1 or "例：auditor " in r.output
    assert all(cell_width(line) <= 80 for line in r.output.splitlines()), r.output


def test_group_help_lists_every_command_with_its_whole_summary():
    r = runner.invoke(app, ["--help"])
    assert "选项" in r.output and "命令" in r.output and "..." not in r.output and "…" not in r.output.split("命令\n")[1]
    flat = r.output.replace("\n", "").replace(" ", "")
    assert "批量审核一个文件夹中的所有报告，输出排名、汇总表和每份报告的差距报告。" in flat


@pytest.mark.parametrize("args,words", [
    (["check", SEED["001"], "--bogus"], ["没有“--bogus”这个选项", "用法：auditor check [选项] 报告"]),
    (["check"], ["缺少参数“报告”"]),
    (["check", SEED["001"], "extra.txt"], ["多余的参数：extra.txt"]),
    (["check", SEED["001"], "--fail-on", "sometimes"], ["“sometimes”无效", "not_reported"]),
    (["check", SEED["001"], "--format", "xml"], ["“xml”无效", "json"]),
    (["check", SEED["001"], "--rules"], ["--rules", "后面要写一个值"]),
    (["batch", SEED["001"], "--jobs", "two"], ["“two”无效，应为正整数"]),
    (["rules", "sho"], ["没有“sho”这个命令", "是否想写“show”"]),
    (["chek"], ["是否想写“check”"]),
])
def test_usage_errors_exit_2_in_chinese(args, words):
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    for w in words:
        assert w in r.output, r.output
    assert not any(e in r.output for e in ("Error", "No such", "Missing", "Try ", "Invalid value", "Got unexpected"))


def test_no_arguments_prints_the_help():
    r = runner.invoke(app, [])
    assert r.exit_code == 2 and r.output.startswith("用法：auditor [选项] 命令")


def test_unexpected_exception_exits_70_with_a_log(monkeypatch, tmp_path):
    def broken(*a, **k):
        raise RuntimeError("boom in the evaluator")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(api, "check", broken)
    r = runner.invoke(app, ["check", SEED["001"]])
    assert r.exit_code == 70, r.output
    assert "程序内部错误（RuntimeError）" in r.stderr and "Traceback" not in r.stderr
    logs = list((tmp_path / "auditor-logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in r.stderr
    text = logs[0].read_text(encoding="utf-8")
    assert "boom in the evaluator" in text and "Traceback" in text and "命令：" in text


def test_an_os_error_nobody_converted_is_chinese_and_exits_70(monkeypatch, tmp_path):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", "差距报告.pdf")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(api, "check", denied)
    r = runner.invoke(app, ["check", SEED["001"]])
    assert r.exit_code == 70 and "差距报告.pdf: 没有访问权限" in r.stderr and "Permission denied" not in r.stderr


def test_ctrl_c_exits_130(monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    r = runner.invoke(app, ["check", SEED["001"]])
    assert r.exit_code == 130 and "已中断" in r.stderr


def test_an_output_that_cannot_be_written_exits_5_in_chinese(tmp_path):
    blocker = tmp_path / "不是文件夹.txt"
    blocker.write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["check", SEED["001"], "--pdf", str(blocker / "差距报告.pdf"), "--fail-on", "never"])
    assert r.exit_code == 5, r.output
    assert "差距报告.pdf" in r.stderr and "无法写入" in r.stderr
    assert not any(w in r.stderr for w in ("File exists", "Not a directory", "Errno"))


def test_waiver_matches_short_place_names_and_warns_on_unknown_ids(tmp_path):
    w = tmp_path / "豁免.yaml"
    w.write_text("waivers:\n"
                 "  - {rule: trial_observation, jurisdiction: 楚雄彝族自治州, reason: 示例理由, approver: 州司法局, expires: 2099-12-31}\n"
                 "  - {rule: no_such_rule, jurisdiction: 楚雄州, reason: 示例理由, approver: 州司法局, expires: 2099-12-31}\n",
                 encoding="utf-8")
    r = runner.invoke(app, ["check", SEED["002"], "--rules", HUZHU, "--waivers", str(w), "--format", "json",
                            "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    f = next(x for x in data["findings"] if x["id"] == "trial_observation")
    assert f["status"] == "waived" and f["waiver"]["status_before"] == "not_reported"
    assert data["score"] > data["score_before_waivers"]
    assert "no_such_rule" in r.stderr
