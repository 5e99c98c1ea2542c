"""Rule kinds: a small registry. Each module has KIND, LABEL, DEFAULT_UNIT, DEFAULTS, VALUES and
facts(rule, text) -> [Fact] (extraction), check(rule, ctx) -> Finding (evaluation),
validate(spec, target) -> [SpecProblem] (what the schema cannot say about a rule of this kind).

Adding a kind: one module here, one line in KINDS, one `if kind == … then` block (and enum entry) in the schema.
"""
from __future__ import annotations

from types import ModuleType

from . import count, mention, metadata, metric, part

KINDS: dict[str, ModuleType] = {m.KIND: m for m in (part, metric, count, mention, metadata)}


def get(kind: str) -> ModuleType:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown rule kind {kind!r}; valid: {', '.join(KINDS)}") from None


def check(rule, ctx):
    return get(rule.kind).check(rule, ctx)


def labels() -> dict[str, str]:
    return {k: m.LABEL for k, m in KINDS.items()}
