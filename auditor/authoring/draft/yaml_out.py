"""The draft pack as YAML a person reviews: fields in a fixed order (the tables below), values written by PyYAML
(quoting, flow lists), and comments where the reviewer needs them: the source sentence above each rule, a line per
category, the draft flag and the generated examples marked.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Optional

import yaml

# (field, value of a DraftRule or None to leave it out) in the order a rule is written. A rule on a catalog
# indicator writes `indicator:` and what the plan sets (target, clause, weight …): its kind, name and phrases are
# the catalog's; an id and name of its own only when the plan sets the indicator a second time.
RULE_FIELDS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("indicator", lambda r: r.indicator),
    ("id", lambda r: r.id if r.id != r.indicator else None),
    ("kind", lambda r: None if r.indicator else r.kind),
    ("name", lambda r: r.name if r.id != r.indicator else None),
    ("description", lambda r: r.description or None),
    ("aliases", lambda r: list(r.aliases) or None),
    ("any_of", lambda r: list(r.any_of) or None),
    ("all_of", lambda r: [list(g) for g in r.all_of] or None),
    ("exclude", lambda r: list(r.exclude) or None),
    ("context", lambda r: list(r.context) or None),
    ("units", lambda r: list(r.units) or None),
    ("target", lambda r: r.target),
    ("clause", lambda r: str(r.clause) if r.clause else None),
    ("informational", lambda r: True if r.informational else None),
    ("weight", lambda r: None if r.informational else _number(r.weight)),
    ("category", lambda r: r.category or None),
    ("derive", lambda r: dict(r.derive) if r.derive else None),
    ("review_if", lambda r: dict(r.review_if) if r.review_if else None),
    ("zero_when", lambda r: list(r.zero_when) or None),
    ("advice", lambda r: r.advice or None),
    ("examples", lambda r: [dict(e) for e in r.examples] or None),
)

# (field, value from the pack's metadata) for the head of the file
PACK_FIELDS: tuple[tuple[str, Callable[[dict], Any]], ...] = (
    ("pack", lambda m: m["pack"]),
    ("title", lambda m: m["plan_title"]),
    ("draft", lambda m: True),
    ("source", lambda m: {k: m[k] for k in ("document", "title", "issued", "issuer") if m.get(k)} or None),
    ("applies_to", lambda m: {"year": m["year"]} if m.get("year") else None),
    ("extends", lambda m: list(m["extends"])),
)
BLOCK_MAPPINGS = {"source", "applies_to", "derive", "review_if", "targets"}  # written one key per line; other values in flow
DRAFT_NOTE = "草稿，须人工审核后改为 false"
EXAMPLES_NOTE = "自动生成的例句，请换成报告中的真实说法"
COMMENT_WIDTH = 90


class _Dumper(yaml.SafeDumper):
    """Block sequences indented under their key; no anchors for repeated values."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _FlowList(list):
    pass


class _FlowMap(dict):
    pass


_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


def _styled(value: Any) -> Any:
    """Lists and mappings on one line ([a, b], {op: ">=", value: 90}) unless they hold mappings."""
    if isinstance(value, dict):
        inner = {k: _styled(v) for k, v in value.items()}
        return inner if any(isinstance(v, dict) for v in value.values()) else _FlowMap(inner)
    if isinstance(value, (list, tuple)):
        inner = [_styled(v) for v in value]
        return inner if any(isinstance(v, dict) for v in value) else _FlowList(inner)
    return value


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def field_yaml(key: str, value: Any) -> list[str]:
    """`key: value` as YAML lines: scalars and lists of scalars on one line, mappings as blocks."""
    if key in BLOCK_MAPPINGS and isinstance(value, dict):
        value = {k: _styled(v) for k, v in value.items()}
    else:
        value = _styled(value)
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30)
    return text.rstrip("\n").split("\n")


def comment_lines(text: str, indent: str, width: int = COMMENT_WIDTH) -> list[str]:
    """A comment wrapped at `width` characters (Chinese has no spaces to break at)."""
    text = re.sub(r"\s+", " ", text).strip()
    return [f"{indent}# {text[i:i + width]}" for i in range(0, len(text), width)] or [f"{indent}#"]


def _fields(obj: Any, table: Iterable[tuple[str, Callable[[Any], Any]]]) -> list[tuple[str, Any]]:
    return [(key, value) for key, get in table if (value := get(obj)) is not None]


def rule_yaml(r: Any, comment: str, examples_note: Optional[str] = None) -> list[str]:
    """One rule as an item of `rules:`, its source sentence (and what to check) as comments above it."""
    out = comment_lines(comment, "  ")
    if getattr(r, "note", ""):
        out += comment_lines(f"请核实：{r.note}", "  ")
    for i, (key, value) in enumerate(_fields(r, RULE_FIELDS)):
        lines = field_yaml(key, value)
        if key == "examples":
            lines[0] += f"  # {examples_note or EXAMPLES_NOTE}"
        out += [("  - " if i == 0 and j == 0 else "    ") + line for j, line in enumerate(lines)]
    return out


def pack_yaml(meta: dict, rules: list, header: list[str], where: Callable[[Any], str]) -> str:
    """The whole draft: header comments, the pack fields, then the rules grouped by category."""
    out = list(header)
    for key, value in _fields(meta, PACK_FIELDS):
        lines = field_yaml(key, value)
        if key == "draft":
            lines[0] += f"  # {DRAFT_NOTE}"
        out += lines
    out.append("rules:")
    category = None
    for r in rules:
        if r.category != category:
            category = r.category
            out.append(f"  # --- {category or '（未分组）'} " + "-" * max(3, 60 - len(category or "")))
        out += rule_yaml(r, f"{where(r)}：{r.sentence}", r.examples_note)
    return "\n".join(out) + "\n"
