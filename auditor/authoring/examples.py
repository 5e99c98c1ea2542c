"""`auditor rules test`: run each rule's `examples` through the real pipeline on a tiny synthetic report.

An example is one sentence (placed under a title and one part heading) or a whole multi-line text. It is audited by
`pipeline.audit_document` with its rule alone (plus the rule a relative target compares with), in the context of
its own pack (inheritance and tailoring applied).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from ..errors import InputError, RulePackError
from ..load import document_from_raw
from ..models import PART_LABELS, STATUS_LABELS, RawText
from ..packs.loader import Rule, RuleSet, line_of, load_rules
from ..packs.source import read_source
from ..pipeline import audit_document
from ..report.vocab import value_word
from .files import collect_files, display_path, problem

HEADINGS = {k: v for k, v in PART_LABELS.items() if k != "preamble"}
_MATCHED_BY_FACTS = ("metric", "count", "mention")


def example_text(text: str, part: str = "achievements", year: int = 2024) -> str:
    """The report an example sentence is tested in: a title and one part heading, or a multi-line text as is."""
    if "\n" in text.strip():
        return text
    return f"某县{year}年度法治政府建设情况报告\n一、{HEADINGS.get(part, HEADINGS['achievements'])}\n{text}"


@dataclass(frozen=True)
class ExampleResult:
    path: str
    line: Optional[int]
    rule_id: str
    rule_name: str
    text: str
    ok: bool
    expected: str = ""
    actual: str = ""


@dataclass(frozen=True)
class ExampleRun:
    """Everything `rules test` found: example results, invalid packs, and rules that carry no example."""

    results: tuple[ExampleResult, ...]
    problems: tuple[RulePackError, ...]
    missing: tuple[str, ...]

    @property
    def failed(self) -> list[ExampleResult]:
        return [r for r in self.results if not r.ok]


def expect_text(ex: dict) -> str:
    """What an example asks for, in words."""
    if ex.get("match") is False:
        return "不应识别为本指标"
    bits = []
    if "value" in ex:
        bits.append(f"数值 {ex['value']}")
    if "status" in ex:
        bits.append(f"状态 {STATUS_LABELS.get(ex['status'], ex['status'])}（{ex['status']}）")
    return "、".join(bits) or "应识别为本指标"


def _same_value(want: Any, got: Any) -> bool:
    if isinstance(want, bool):
        return False
    if isinstance(want, (int, float)) or (isinstance(want, str) and re.fullmatch(r"-?\d+(\.\d+)?", want)):
        return isinstance(got, float) and abs(float(want) - got) < 0.006
    return want == got


def _example_ruleset(rule: Rule, ruleset: RuleSet) -> RuleSet:
    deps = []
    if rule.target and rule.target.relative_to and ruleset.get(rule.target.relative_to):
        deps.append(ruleset.get(rule.target.relative_to))
    return RuleSet(packs=ruleset.packs, rules=tuple([rule] + deps))


def run_example(rule: Rule, ruleset: RuleSet, ex: dict) -> tuple[bool, str]:
    """(passed, what actually happened) for one example of a rule in its pack context."""
    year = ruleset.applies_year or 2024
    body = example_text(ex["text"], ex.get("part") or "achievements", year)
    try:
        doc = document_from_raw("<例句>", RawText(text=body, format="txt"))
    except InputError as exc:
        return False, f"例句无法作为报告读取：{exc.message}（例句过短时可写成多行的完整片段）"
    audit = audit_document(doc, _example_ruleset(rule, ruleset))
    f = next(x for x in audit.findings if x.rule_id == rule.id)
    found = audit.facts.for_indicator(rule.id)
    matched = bool(found) if rule.kind in _MATCHED_BY_FACTS else f.value not in (None, "absent")
    actual = f"{STATUS_LABELS[f.status]}（{f.status}），数值 {value_word(f.value, f.unit, f.kind)}"
    if f.note:
        actual += f"；{f.note}"
    if ex.get("match") is False:
        if matched:
            quote = found[0].evidence.quote if found else (f.evidence[0].quote if f.evidence else "")
            return False, f"被识别为本指标：{actual}" + (f"；原文“{quote}”" if quote else "")
        return True, actual
    ok = True
    if "value" in ex and not _same_value(ex["value"], f.value):
        ok = False
    if "status" in ex and ex["status"] != f.status:
        ok = False
    if "value" not in ex and "status" not in ex and not matched:
        ok = False
    return ok, actual


def _pack_examples(f: Path, results: list, problems: list, missing: list) -> None:
    try:
        src = read_source(f, display_path(f))
    except RulePackError as exc:
        problems.append(exc)
        return
    data, node = src.data, src.node
    if not isinstance(data, dict) or ("waivers" in data and "pack" not in data):
        return
    try:
        ruleset = load_rules([str(f)])
    except RulePackError as exc:
        for e in getattr(exc, "errors", [exc]):
            problems.append(problem(e.message, e.path or f, e.line, e.key, e.hint))
        return
    for i, spec in enumerate(data.get("rules") or ()):
        rule = ruleset.get(spec.get("id") or spec.get("indicator"))  # a catalog indicator's id is the rule's
        if rule is None:  # disabled by its own pack
            continue
        exs = rule.examples  # the pack's own, else the catalog indicator's
        if not exs:
            missing.append(f"{display_path(f)}:{line_of(node, ['rules', i])}: {rule.id}（{rule.name}）")
        for j, ex in enumerate(exs):
            ok, actual = run_example(rule, ruleset, ex)
            results.append(ExampleResult(display_path(f), line_of(node, ["rules", i, "examples", j]), rule.id,
                                         rule.name, ex["text"], ok, expect_text(ex), actual))


def run_examples(paths: Sequence[Path]) -> ExampleRun:
    """Run the examples of every pack file under `paths`."""
    files, problems = collect_files(paths)
    results: list[ExampleResult] = []
    missing: list[str] = []
    for f in files:
        _pack_examples(f, results, problems, missing)
    return ExampleRun(tuple(results), tuple(problems), tuple(missing))
