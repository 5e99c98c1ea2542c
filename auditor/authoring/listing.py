"""`auditor rules list` and `auditor rules show`: what a loaded rule set holds, as text that reads at 80 columns.

Both return lines of text wrapped at a given width (None: not wrapped, for pipes and files); the CLI prints them.
The list is grouped by pack, one rule per two lines (the id with its kind, clause and weight, then its name and
target), so no column ever splits an id.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..cjkwrap import wrap
from ..errors import UsageError
from ..models import PART_LABELS
from ..packs.loader import Rule, RuleSet, _did_you_mean
from ..report.vocab import NO_VALUE, TAILORED
from .examples import expect_text
from .files import display_path

KIND_LABELS = {"part": "组成部分", "metric": "比率", "count": "次数", "mention": "提及", "metadata": "报告信息"}


def target_text(r: Rule) -> str:
    if r.target is None:
        return ""
    if r.tailored:
        return f"{r.target.text}（{TAILORED}，原：{r.original_target or NO_VALUE}）"
    return r.target.text


def _weight_text(r: Rule) -> str:
    return "仅列示，不计分" if r.informational else f"权重 {r.weight:g}"


def _wrapped(text: str, indent: int, width: Optional[int], hang: int = 0) -> list[str]:
    if width is None:
        return [" " * indent + text]
    lines = wrap(text, max(20, width - indent - hang))
    return [" " * indent + lines[0]] + [" " * (indent + hang) + line for line in lines[1:]]


def _rule_lines(r: Rule, width: Optional[int]) -> list[str]:
    bits = [KIND_LABELS.get(r.kind, r.kind)] + ([f"条款 {r.clause}"] if r.clause else []) + [_weight_text(r)]
    body = r.name + (f"；目标：{target_text(r)}" if r.target is not None else "")
    return _wrapped(f"{r.id}  " + " · ".join(bits), 2, width, 4) + _wrapped(body, 4, width)


def rule_listing(rs: RuleSet, width: Optional[int] = None) -> list[str]:
    """Every rule of the set, grouped by the pack that defines it, with each pack's source document."""
    out: list[str] = []
    for p in rs.packs:
        out += _wrapped(f"{p.id}：{p.title}" + ("  草稿，未经审核" if p.draft else ""), 0, width)
        src = (f"来源：{p.source}" if p.source else "来源：未写明") + (f"（{p.issued}）" if p.issued else "")
        out += _wrapped(f"{src}  {display_path(p.path)}", 2, width)
        for r in rs.rules:
            if r.pack == p.id:
                out += _rule_lines(r, width)
    if rs.disabled:
        out += _wrapped("已停用：" + "、".join(rs.disabled), 0, width)
    n_tailored = sum(1 for r in rs.rules if r.tailored)
    out.append(f"共 {len(rs.rules)} 条规则" + (f"，其中 {n_tailored} 条目标经过裁剪" if n_tailored else ""))
    return out


def _comment_above(path: str, line: int) -> list[str]:
    """The comment lines right above a rule (drafts put the source sentence there)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    i = line - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        text = lines[i].strip().lstrip("#").strip()
        if text and not text.startswith("---"):
            out.insert(0, text)
        i -= 1
    return out


def _derive_text(d: Optional[dict]) -> str:
    if not d:
        return ""
    bits = []
    for key, label in (("numerator", "分子"), ("denominator", "分母"), ("complement", "互补")):
        if d.get(key):
            bits.append(f"{label}：" + "、".join(d[key]))
    return "；".join(bits)


def _review_text(d: Optional[dict]) -> str:
    if not d:
        return ""
    return "、".join(d.get("any_of", ())) + (f"（{d['note']}）" if d.get("note") else "")


def find_rule(rs: RuleSet, rule_id: str) -> Rule:
    """The rule with this id; UsageError (with the nearest id) when the set has none."""
    r = rs.get(rule_id)
    if r is not None:
        return r
    if rule_id in rs.disabled:
        raise UsageError(f"规则“{rule_id}”已被停用（disable）")
    hint = _did_you_mean(rule_id, [x.id for x in rs.rules])
    raise UsageError(f"没有找到规则“{rule_id}”", hint=(hint or "") + "可用 auditor rules list 查看全部规则")


def _detail_rows(rs: RuleSet, r: Rule) -> list[tuple[str, str]]:
    pack = next((p for p in rs.packs if p.id == r.pack), None)
    return [
        ("id", r.id), ("类型", f"{r.kind}（{KIND_LABELS.get(r.kind, r.kind)}）"), ("名称", r.name),
        ("说明", r.description), ("目标", target_text(r)),
        ("比较对象", r.target.relative_to if r.target and r.target.relative_to else ""),
        ("单位", r.unit or ""), ("计数单位", "、".join(r.units) if r.kind == "count" else ""),
        ("条款", r.clause or ""), ("权重", "仅列示，不计分" if r.informational else f"{r.weight:g}"),
        ("分组", r.category), ("报告组成部分", PART_LABELS.get(r.part, "") if r.part else ""),
        ("说法（aliases）", "、".join(r.aliases)), ("部分具备的说法", "、".join(r.partial_aliases)),
        ("须同时出现（all_of）", "；".join("或".join(g) for g in r.all_of)),
        ("出现其一（any_of）", "、".join(r.any_of)), ("只在这些部分查找", "、".join(r.within)),
        ("排除（exclude）", "、".join(r.exclude)), ("所在句须含（context）", "、".join(r.context)),
        ("推算（derive）", _derive_text(r.derive)), ("需人工核实（review_if）", _review_text(r.review_if)),
        ("检查", r.check or ""), ("截止", r.deadline or ""), ("整改建议", r.advice),
        ("规则包", f"{r.pack}（{pack.title}）" if pack else r.pack),
        ("来源文件", (pack.source if pack else r.source) + (f"（{pack.issued}）" if pack and pack.issued else "")),
        ("定义位置", f"{display_path(r.path)}:{r.line}"),
    ]


def rule_details(rs: RuleSet, rule_id: str, width: Optional[int] = None) -> list[str]:
    """Everything about one rule: its fields, where it is defined, its source sentence and examples."""
    r = find_rule(rs, rule_id)
    out: list[str] = []
    for label, value in _detail_rows(rs, r):
        if value:
            out += _wrapped(f"{label}：{value}", 0, width, 2)
    above = _comment_above(r.path, r.line)
    if above:
        out += _wrapped("原文：" + "".join(above), 0, width, 2)
    if r.examples:
        out.append(f"例句（{len(r.examples)} 条）：")
        for ex in r.examples:
            out += _wrapped(f"- {str(ex['text']).strip()}  → {expect_text(ex)}", 2, width, 2)
    return out
