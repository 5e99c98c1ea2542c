"""The kind registry, and what adding a kind takes: one module, one registry line, one schema block.

The throwaway kind below (`absent`: the report must not say something) is not shipped; it is built here the way a
new kind would be, and audited end to end.
"""
import copy
import types

import pytest

from auditor import kinds
from auditor.kinds.base import finding
from auditor.load import document_from_raw
from auditor.models import MENTIONED, Fact, RawText
from auditor.packs import assemble
from auditor.packs.schema import load_schema
from auditor.pipeline import audit_document
from helpers import report


def _absent_kind():
    """A whole kind in a few lines: facts() reads the text, check() judges, validate() guards its spec."""
    m = types.ModuleType("absent")
    m.KIND, m.LABEL, m.DEFAULT_UNIT, m.TARGETS, m.DEFAULTS, m.VALUES = "absent", "不应出现", None, False, {}, (MENTIONED,)

    def facts(rule, text):
        return [Fact(rule.id, MENTIONED, None, text.evidence(s, e)) for s, e in text.hits(rule.any_of)]

    def check(rule, ctx):
        seen = ctx.facts.for_indicator(rule.id)
        if seen:
            return finding(rule, "not_met", MENTIONED, (seen[0].evidence,), note="报告中出现了不应出现的表述")
        return finding(rule, "met", None, note="未出现")

    def validate(spec, target):
        return []

    m.facts, m.check, m.validate = facts, check, validate
    return m


def test_every_kind_module_has_the_interface():
    for name, m in kinds.KINDS.items():
        assert m.KIND == name and m.LABEL
        for attr in ("DEFAULT_UNIT", "DEFAULTS", "VALUES", "TARGETS", "facts", "check", "validate"):
            assert hasattr(m, attr), (name, attr)


def test_unknown_kind_lists_the_valid_ones():
    with pytest.raises(ValueError, match="metric"):
        kinds.get("nope")


def test_adding_a_kind_is_one_module_one_line_one_schema_block(monkeypatch, tmp_path):
    monkeypatch.setitem(kinds.KINDS, "absent", _absent_kind())  # the registry line
    schema = copy.deepcopy(load_schema())  # the schema block (and its enum entry)
    rule = schema["definitions"]["rule"]
    rule["properties"]["kind"]["enum"].append("absent")
    rule["allOf"].append({"if": {"properties": {"kind": {"const": "absent"}}, "required": ["kind"]},
                          "then": {"required": ["any_of"],
                                   "propertyNames": {"enum": ["id", "kind", "name", "any_of", "weight"]}}})
    p = tmp_path / "p.yaml"
    p.write_text("pack: test/absent\ntitle: 不应出现的表述\nrules:\n"
                 "  - {id: no_formalism, kind: absent, name: 不写空话套话, any_of: [高度重视]}\n", encoding="utf-8")
    got = assemble([str(p)], with_profile=False, schema=schema)
    assert not got.problems, got.problems
    rs = got.ruleset
    bad = document_from_raw("t.txt", RawText(text=report("我县高度重视法治政府建设。"), format="txt"))
    good = document_from_raw("t.txt", RawText(text=report("全年举办法治讲座3次。"), format="txt"))
    assert audit_document(bad, rs).findings[0].status == "not_met"
    assert audit_document(good, rs).findings[0].status == "met"
    # without its schema block the same pack is refused: the schema knows every kind
    assert assemble([str(p)], with_profile=False).problems
