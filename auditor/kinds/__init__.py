"""Rule kinds: a small registry. Each module has KIND and check(rule, ctx) -> Finding."""
from __future__ import annotations

from . import count, mention, metadata, metric, part

KINDS = {m.KIND: m.check for m in (part, metric, count, mention, metadata)}


def check(rule, ctx):
    try:
        fn = KINDS[rule.kind]
    except KeyError:
        raise ValueError(f"unknown rule kind {rule.kind!r}; valid: {', '.join(KINDS)}") from None
    return fn(rule, ctx)
