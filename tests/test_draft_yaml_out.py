"""authoring/draft/yaml_out.py: the draft as YAML: fields in order, PyYAML quoting, the comments a reviewer needs."""
from __future__ import annotations

import pytest
import yaml

from auditor.authoring.draft.rules import DraftRule
from auditor.authoring.draft.yaml_out import comment_lines, field_yaml, rule_yaml
from auditor.packs.loader import SCHEMA_PATH
from draft_helpers import drafted_huzhu


@pytest.fixture
def drafted():
    return drafted_huzhu()


def test_draft_header_and_source(drafted):
    text = drafted.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (drafted.parent / first.split("=", 1)[1]).resolve() == SCHEMA_PATH.resolve()
    assert "draft: true  # 草稿，须人工审核后改为 false" in text
    data = yaml.safe_load(text)
    assert data["pack"] == "qinghai/huzhu-2025" and data["draft"] is True
    assert data["extends"] == ["national/annual-report", "national/profile"]
    assert data["title"] == "互助县2024年法治政府建设工作要点"
    assert data["source"] == {"document": "互政办〔2024〕18号",
                              "title": "互助土族自治县人民政府办公室关于印发互助县2024年法治政府建设工作要点的通知",
                              "issued": "2024-04-22", "issuer": "互助土族自治县人民政府办公室"}
    assert data["applies_to"] == {"year": 2024}


def test_each_rule_carries_its_source_sentence(drafted):
    lines = drafted.read_text(encoding="utf-8").splitlines()
    ids = [i for i, line in enumerate(lines) if line.startswith(("  - id: ", "  - indicator: "))]
    assert ids
    for i in ids:
        assert lines[i - 1].startswith("  # "), lines[i]
    i = next(i for i in ids if lines[i].endswith("court_appearance_rate"))
    above = []
    j = i - 1
    while lines[j].startswith("  # "):
        above.insert(0, lines[j][4:])
        j -= 1
    assert "第22项" in above[0] and "不低于90%" in "".join(above)


HOSTILE = ["a: b", "#注释", "- 列表", "{x}", "[1, 2]", "yes", "null", "2024-04-22", "'单引号'", '"双引号"', "*星号",
           "&锚点", "!标签", "%百分号", "@符号", "`反引号`", "行1\n行2", " 前后空格 ", "出庭率,95%", "90", "1e3", "~"]


@pytest.mark.parametrize("value", HOSTILE)
def test_any_string_round_trips(value):
    for v in (value, [value, "别名"], {"text": value, "value": 1}):
        assert yaml.safe_load("\n".join(field_yaml("k", v))) == {"k": v}


def test_a_rule_is_a_list_item_with_its_source_above_and_examples_marked():
    r = DraftRule(id="indicator_1_1", kind="metric", name="备案率", clause="1", sentence="备案率达到100%",
                  target="达到100%", aliases=["备案率"], examples=[{"text": "备案率为100%。", "value": 100}])
    lines = rule_yaml(r, "第1项：备案率达到100%")
    assert lines[0] == "  # 第1项：备案率达到100%" and lines[1] == "  - id: indicator_1_1"
    assert "    aliases: [备案率]" in lines and "    clause: '1'" in lines
    assert any(line.startswith("    examples:  # 自动生成的例句") for line in lines)
    data = yaml.safe_load("rules:\n" + "\n".join(lines))
    assert data["rules"][0]["target"] == "达到100%" and data["rules"][0]["clause"] == "1"


def test_long_comments_wrap():
    lines = comment_lines("字" * 200, "  ")
    assert len(lines) == 3 and all(line.startswith("  # ") for line in lines)
