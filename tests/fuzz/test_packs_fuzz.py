"""Totality of the one validator: any YAML gives a rule set or RulePackErrors naming file, line and field.

Two generators: pack structures built from the schema's vocabulary with hostile values (huge and non-finite numbers,
lone surrogates, wrong types, non-text keys, hostile references, phrases with many gaps), and text mutations of the
bundled packs (deleted spans, YAML punctuation, anchors and aliases, tabs). 5,000+ cases in all.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import RulePackError
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.packs import assemble
from auditor.pipeline import audit_document
from auditor.resources import bundled_rules_dir

pytestmark = pytest.mark.slow
TEXT = "某县2024年度法治政府建设情况报告\n一、主要举措和成效\n全年举办法治专题讲座3次，出庭应诉率98%，复议纠错率12%。\n"
DOC = document_from_raw("t.txt", RawText(text=TEXT, format="txt"))

words = st.sampled_from(["出庭应诉率", "法治讲座", "案卷*评查", "a*b*c*d", "*", "…", "复议…典型…案例", "\ud800", "",
                         "x" * 80, "不低于90%", "至少2堂", "至少", "90%左右", "1/3", "%", "五成"])
numbers = st.one_of(st.integers(-10 ** 40, 10 ** 40), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, -1, 1e12, 10 ** 13]))
scalars = st.one_of(st.none(), st.booleans(), numbers, words, st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.one_of(words, scalars), inner, max_size=4)),
                      max_leaves=12)
kinds = st.sampled_from(["metric", "count", "mention", "part", "metadata", "metrik", None, 5])
rule_ids = st.sampled_from(["court_appearance_rate", "legal_lectures", "a", "x_1", "Bad-Id", "", "litigation_correction_rate"])
targets = st.one_of(words, numbers, st.fixed_dictionaries({"op": st.sampled_from([">", ">=", "<", "~", None])},
                                                          optional={"value": numbers, "relative_to": rule_ids,
                                                                    "unit": words, "text": words}))
refs = st.sampled_from(["national/annual-report", "qinghai/huzhu-2024", "national/profile", "/etc/passwd",
                        "../../../../etc/passwd", "national/../../../x", "./self.yaml", "nothing", "x" * 300, "C:/x",
                        "national/annual-report.yaml"])
rule = st.fixed_dictionaries(
    {"id": rule_ids, "kind": kinds, "name": st.one_of(words, st.text(max_size=6))},
    optional={"aliases": st.one_of(st.lists(words, max_size=4), values), "target": targets, "weight": numbers,
              "units": st.lists(words, max_size=3), "part": st.sampled_from(["achievements", "next_year", "x"]),
              "any_of": st.lists(words, max_size=3), "all_of": st.lists(st.one_of(words, st.lists(words)), max_size=3),
              "check": st.sampled_from(["covers_previous_year", "published_by", "x"]),
              "deadline": st.sampled_from(["04-01", "02-30", "13-40", "x"]), "derive": values, "review_if": values,
              "examples": st.lists(values, max_size=3), "zero_when": st.lists(words, max_size=2),
              "context": st.lists(words, max_size=2), "within": values, "clause": scalars, "extra": values})
pack = st.fixed_dictionaries(
    {"pack": st.one_of(st.just("test/fuzz"), scalars), "title": st.one_of(st.just("模糊测试规则包"), scalars)},
    optional={"extends": st.one_of(st.lists(refs, max_size=5), values), "rules": st.one_of(st.lists(rule, max_size=5), values),
              "targets": st.one_of(st.dictionaries(st.one_of(rule_ids, scalars), targets, max_size=3), values),
              "disable": st.one_of(st.lists(rule_ids, max_size=3), values), "applies_to": values, "source": values,
              "draft": scalars, "waivers": values})


def _verdict(tmp: Path, text: str) -> None:
    path = tmp / "self.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    got = assemble([str(path)], with_profile=False)
    for p in got.problems:
        assert isinstance(p, RulePackError) and p.path
        str(p).encode("utf-8")  # printable: no lone surrogate reaches a message
        assert len(str(p)) < 2000
    if got.ruleset is None:
        assert got.problems
    else:
        audit_document(DOC, got.ruleset)  # a set that loads also evaluates


def _dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        return "pack: test/fuzz\n"


@settings(max_examples=3500, deadline=None, suppress_health_check=list(HealthCheck))
@given(pack)
def test_any_pack_structure_gives_a_rule_set_or_rule_pack_errors(data):
    with tempfile.TemporaryDirectory() as d:
        _verdict(Path(d), _dump(data))


_SNIPPETS = ["&a [*a]", "*a", "~: x", "5: x", "!!python/object:os.system x", "\t", ": ", "- ", "{", "[", "'", '"',
             "9" * 60, ".nan", "extends: [/etc/passwd]", "target: {op: '>'}", "<<: *b", "&b {x: 1}", "\n", "#", "|"]
_BASE = [(bundled_rules_dir() / p).read_text(encoding="utf-8")
         for p in ("qinghai/huzhu-2024.yaml", "national/annual-report.yaml", "national/profile.yaml")]


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(_BASE))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.integers(0, 2))
        if op == 0:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == 1:
            text = text[:at] + draw(st.sampled_from(_SNIPPETS)) + text[at:]
        else:
            line = text.count("\n", 0, at)
            lines = text.split("\n")
            lines.insert(line, lines[draw(st.integers(0, len(lines) - 1))])
            text = "\n".join(lines)
    return text


@settings(max_examples=1600, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_bundled_packs_give_a_rule_set_or_rule_pack_errors(text):
    with tempfile.TemporaryDirectory() as d:
        _verdict(Path(d), text)
