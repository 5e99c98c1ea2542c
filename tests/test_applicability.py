"""The right pack for the document: year, level and place of a pack's applies_to held against the report; work
plans refused; the national pack alone said so. Asserted on the JSON contract and exit codes."""
import json

import pytest
from typer.testing import CliRunner

from auditor.applicability import NATIONAL_ONLY, NotAReportError, pack_alerts, within
from auditor.cli import app
from auditor.load import document_from_raw
from auditor.models import RawText
from helpers import HUZHU, ROOT, SEEDS, ruleset

runner = CliRunner()
SEED = {p.name[:3]: str(p) for p in SEEDS.glob("*.txt")}
WORKPLAN = str(next((ROOT / "seeds" / "workplans").glob("*.txt")))
BODY = ("\n一、主要举措和成效\n全年举办法治专题讲座3次，行政机关负责人出庭应诉率100%。\n二、存在的不足和原因\n基层力量薄弱。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头述法。\n四、下一年度工作安排\n继续推进。\n")


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def run_json(path, *args):
    r = runner.invoke(app, ["check", path, "--format", "json", *args])
    return r.exit_code, (json.loads(r.stdout) if r.stdout.strip().startswith("{") else None), r


def codes(data):
    return {a["code"]: a["severity"] for a in data["alerts"]}


def doc(text):
    return document_from_raw("r.txt", RawText(text=text, format="txt"))


def test_a_2023_report_against_the_2024_huzhu_pack(tmp_path):
    p = write(tmp_path, "r.txt", "互助县2023年度法治政府建设情况报告\n2023年，互助县坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--rules", HUZHU)
    assert codes(data) == {"wrong_year": "error"}
    assert "2023" in data["alerts"][0]["message"] and "2024" in data["alerts"][0]["message"]
    assert code == 1
    assert run_json(p, "--rules", HUZHU, "--fail-on", "never")[0] == 0


def test_a_prefecture_report_against_a_county_pack(tmp_path):
    p = write(tmp_path, "r.txt", "海东市人民政府关于2024年法治政府建设情况的报告\n2024年，海东市坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--rules", HUZHU)
    assert codes(data)["wrong_level"] == "error" and code == 1
    assert data["report"]["level"] == "prefecture" and data["report"]["division_code"] == "630200"


def test_a_2021_report(tmp_path):
    p = write(tmp_path, "r.txt", "互助县2021年度法治政府建设情况报告\n2021年，互助县坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--rules", HUZHU)
    assert codes(data) == {"wrong_year": "error"} and code == 1


def test_another_countys_report(tmp_path):
    p = write(tmp_path, "r.txt", "大通县2024年度法治政府建设情况报告\n2024年，大通县坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--rules", HUZHU)
    assert codes(data) == {"other_jurisdiction": "error"} and code == 1
    assert "大通" in data["alerts"][0]["message"] and "互助" in data["alerts"][0]["message"]


def test_the_work_plan_itself_is_refused_or_alerted_when_forced():
    code, data, r = run_json(WORKPLAN, "--rules", HUZHU)
    assert code == 4 and data is None
    assert "工作要点" in r.output and "--as-report" in r.output
    code, data, _ = run_json(WORKPLAN, "--rules", HUZHU, "--as-report")
    assert codes(data)["not_a_report"] == "error" and code == 1
    assert data["report"]["kind"] == "work_plan"


def test_a_rules_document_is_refused_naming_its_signs(tmp_path):
    p = write(tmp_path, "z.txt", "某局机关会前学法制度\n第一条 为规范会前学法，特制定本制度。\n第二条 会前学法每月不少于1次。")
    code, data, r = run_json(p, "--rules", HUZHU)
    assert code == 4 and data is None and "制度" in r.output and "第一条" in r.output


def test_mixed_evidence_is_audited_with_a_warning(tmp_path):
    # three duties and nothing else: perhaps a plan's fragment; audited, and said so
    p = write(tmp_path, "m.txt", "严格执行规范性文件备案审查制度，报备率应当达到100%。规范性文件每2年清理一次，不得超期。"
                                 "行政执法人员必须持证上岗。")
    code, data, _ = run_json(p, "--rules", HUZHU, "--fail-on", "never")
    assert code == 0 and codes(data)["kind_uncertain"] == "warning"
    assert data["report"]["kind"] == "work_plan" and data["report"]["kind_certain"] is False
    assert "可能是工作要点" in next(a["message"] for a in data["alerts"] if a["code"] == "kind_uncertain")


def test_the_right_pack_raises_nothing(tmp_path):
    p = write(tmp_path, "r.txt", "互助县2024年度法治政府建设情况报告\n2024年，互助县坚持依法行政。" + BODY)
    assert run_json(p, "--rules", HUZHU, "--fail-on", "never")[1]["alerts"] == []
    town = write(tmp_path, "t.txt", "互助县威远镇2024年法治政府建设工作报告\n2024年，威远镇坚持依法行政。" + BODY)
    assert run_json(town, "--rules", HUZHU, "--fail-on", "never")[1]["alerts"] == []


def test_a_township_whose_county_is_not_named_is_a_warning(tmp_path):
    p = write(tmp_path, "r.txt", "威远镇2024年法治政府建设工作报告\n2024年，在县委、县政府的领导下，威远镇坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--rules", HUZHU, "--fail-on", "never")
    assert codes(data) == {"jurisdiction_unknown": "warning"}


def test_only_the_national_pack_is_a_warning(tmp_path):
    p = write(tmp_path, "r.txt", "互助县2024年度法治政府建设情况报告\n2024年，互助县坚持依法行政。" + BODY)
    code, data, _ = run_json(p, "--fail-on", "never")
    assert data["alerts"] == [{"code": "national_only", "severity": "warning", "message": NATIONAL_ONLY}]


def test_unknown_year_and_level_are_warnings():
    d = doc("法治政府建设情况报告\n我们坚持依法行政。" + BODY)
    alerts = {a.code: a.severity for a in pack_alerts(d, ruleset(HUZHU))}
    assert alerts["year_unknown"] == "warning" and alerts["level_unknown"] == "warning"
    unknown_place = next(a for a in pack_alerts(d, ruleset(HUZHU)) if a.code == "jurisdiction_unknown")
    assert "（（" not in unknown_place.message and "（）" not in unknown_place.message


@pytest.mark.parametrize("text,names,verdict", [
    ("互助县2024年度法治政府建设情况报告", ["互助土族自治县"], True),
    ("互助土族自治县司法局2024年度法治政府建设情况报告", ["互助县"], True),
    ("青海省海东市互助土族自治县2024年度法治政府建设情况报告", ["青海省海东市互助土族自治县"], True),
    ("海东市2024年法治政府建设情况报告", ["海东市"], True),
    ("平安区2024年法治政府建设情况报告", ["海东市"], True),  # a district of the city the pack is for
    ("西宁市城东区2024年法治政府建设年度报告", ["海东市"], False),
    ("五象新区2024年度法治政府建设工作情况的报告", ["五象新区"], True),  # not in the table: by name
    ("南宁市2024年法治政府建设情况报告", ["五象新区"], False),
])
def test_within(text, names, verdict):
    assert within(doc(text + "\n2024年，坚持依法行政。" + BODY), names) is verdict


def test_refusal_is_an_input_error():
    from auditor.api import check
    from auditor.errors import EXIT_INPUT
    with pytest.raises(NotAReportError) as e:
        check(WORKPLAN, ruleset=ruleset(HUZHU))
    assert e.value.exit_code == EXIT_INPUT and WORKPLAN in str(e.value)
