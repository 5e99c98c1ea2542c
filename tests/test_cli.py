"""The CLI: exit codes, JSON contract, Chinese messages for bad input."""
import json

from typer.testing import CliRunner

from auditor.cli import app
from helpers import HUZHU, SEEDS

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
    assert runner.invoke(app, ["check", SEED["002"], "--rules", HUZHU]).exit_code == 0
    assert runner.invoke(app, ["check", SEED["002"], "--rules", HUZHU, "--fail-on", "review"]).exit_code == 1


def test_default_pack_is_national():
    r = runner.invoke(app, ["check", SEED["001"], "--format", "json", "--fail-on", "never"])
    ids = [f["id"] for f in json.loads(r.stdout)["findings"]]
    assert "part_first_responsible" in ids and "court_appearance_rate" not in ids


def test_terminal_output_shows_parts_gaps_and_quotes():
    r = runner.invoke(app, ["check", SEED["000"], "--rules", HUZHU, "--fail-on", "never"])
    assert r.exit_code == 0
    assert "船營區" in r.output and "得分" in r.output and "報告" not in r.output[:0]
    assert "出庭" in r.output and "待核实" in r.output


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


def test_usage_error_exits_2():
    assert runner.invoke(app, ["check"]).exit_code == 2
    assert runner.invoke(app, ["check", SEED["001"], "--fail-on", "sometimes"]).exit_code == 2


def test_every_command_has_help():
    for cmd in (["check"], ["batch"], ["rules", "check"], ["rules", "test"], ["rules", "draft"], ["rules", "list"],
                ["rules", "show"], ["setup"]):
        r = runner.invoke(app, cmd + ["--help"])
        assert r.exit_code == 0 and "例" in r.output or cmd == ["setup"], cmd


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
