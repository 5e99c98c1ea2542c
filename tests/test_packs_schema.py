"""The schema: one block per kind that forbids the other kinds' fields; the defaults it quotes are the code's."""
import re

from auditor import kinds
from auditor.grammar import units
from auditor.kinds import metadata, metric
from auditor.packs.model import Rule
from auditor.packs.schema import load_schema

SCHEMA = load_schema()
RULE = SCHEMA["definitions"]["rule"]


def _blocks():
    return {b["if"]["properties"]["kind"]["const"]: b["then"] for b in RULE["allOf"]}


def test_kind_enum_and_blocks_follow_the_registry():
    assert RULE["properties"]["kind"]["enum"] == list(kinds.KINDS)
    assert set(_blocks()) == set(kinds.KINDS)


def test_each_block_lists_only_known_fields_and_the_common_ones():
    common = {"id", "kind", "name", "description", "clause", "weight", "informational", "advice", "category",
              "examples"}
    for kind, then in _blocks().items():
        allowed = set(then["propertyNames"]["enum"])
        assert common <= allowed, kind
        assert allowed <= set(RULE["properties"]), kind
    assert "target" not in _blocks()["mention"]["propertyNames"]["enum"]
    assert "units" in _blocks()["count"]["propertyNames"]["enum"]
    assert "units" not in _blocks()["metric"]["propertyNames"]["enum"]


def _quoted_default(description: str) -> list[str]:
    m = re.search(r"默认 ([^，。（）,]+)", description)
    return re.split(r"[、 ]", m.group(1).strip()) if m else []


def test_quoted_defaults_come_from_the_code():
    props = RULE["properties"]
    assert _quoted_default(props["units"]["description"]) == list(kinds.count.DEFAULTS["units"])
    assert kinds.count.DEFAULTS["units"] == units.EVENT_UNITS
    assert _quoted_default(props["derive"]["properties"]["units"]["description"]) == list(metric.DERIVE_UNITS)
    assert props["weight"]["default"] == Rule.__dataclass_fields__["weight"].default
    assert props["deadline"]["default"] == metadata.DEFAULT_DEADLINE
    assert "metric 默认 " + metric.DEFAULT_UNIT in props["unit"]["description"]
    assert "count 默认 " + kinds.count.DEFAULT_UNIT in props["unit"]["description"]
    assert props["informational"]["default"] is Rule.__dataclass_fields__["informational"].default
    assert SCHEMA["properties"]["draft"]["default"] is False


def test_every_property_has_a_chinese_description():
    def walk(node, path=""):
        if isinstance(node, dict):
            for k, v in (node.get("properties") or {}).items():
                assert isinstance(v, dict) and (v.get("description") or "$ref" in v), f"{path}.{k}"
                walk(v, f"{path}.{k}")
    walk(SCHEMA)
    walk(RULE, "rule")


def test_applies_to_is_described_as_checked_by_applicability():
    assert "适用性检查" in SCHEMA["properties"]["applies_to"]["description"]


def test_a_file_found_valid_is_remembered_and_a_changed_one_checked_again(tmp_path, monkeypatch):
    from auditor.packs import schema as S
    from auditor.packs.source import parse_source

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    S._valid_cache.cache_clear()
    good = parse_source("pack: test/a\ntitle: 某规则包\n", "a.yaml")
    assert S.schema_errors(good) == []
    assert good.digest and (tmp_path / "auditor" / "valid-packs.txt").read_text().strip()
    bad = parse_source("pack: test/a\ntitle: 某规则包\nweight: 3\n", "a.yaml")
    assert S.schema_errors(bad)  # other bytes: validated again, and refused
    S._valid_cache.cache_clear()
