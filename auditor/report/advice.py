"""advice: what to do about a finding, from the finding itself.

One template per situation (not reported · below target · reported without a figure · to review · a part
missing), filled with the effective target (a tailored one included), the value and the gap. The rule's own
`advice` text follows when it cannot contradict the finding: it is written against the pack's original
target, so a tailored rule's advice is left out, and so is a "write the figure" advice for a figure that
was written.
"""
from __future__ import annotations

from typing import Optional

from .vocab import finding_value, fmt_number
from ..grammar.targets import TargetError, parse_target
from ..models import MENTIONED, Finding, Target

_LOWER_IS_BETTER = ("<", "<=")


def _target(f: Finding) -> Optional[Target]:
    if not f.target:
        return None
    try:
        return parse_target(f.target, f.unit)
    except (TargetError, ValueError, TypeError):
        return None


def gap_text(f: Finding) -> str:
    """How far the reported value is from the target: "差 5 个百分点", "还差 1次", or ""."""
    t = _target(f)
    if t is None or t.value is None or t.relative_to or not isinstance(f.value, float):
        return ""
    diff = t.value - f.value if t.op not in _LOWER_IS_BETTER else f.value - t.value
    if diff <= 0:
        return ""
    unit = f.unit or t.unit or ""
    if unit == "%":
        return f"相差 {fmt_number(diff)} 个百分点"
    return f"还差 {fmt_number(diff)}{unit}"


def _target_words(f: Finding) -> str:
    return f"“{f.target}”" + ("（本地定制目标）" if f.tailored else "") if f.target else ""


def _own(f: Finding) -> str:
    """The rule's advice, when it cannot contradict the finding."""
    if not f.advice or f.tailored:
        return ""
    return f.advice


def action(f: Finding) -> str:
    """The advice under a gap's heading and its status and target line: for a rule not reported, the rule's
    own advice alone, since "报告未写明…，目标为…" says again what the heading and that line say."""
    if f.status == "not_reported" and f.kind != "part" and not f.informational and _own(f):
        return _own(f)
    return advice(f)


def advice(f: Finding) -> str:
    """The advice for one finding that needs action ("" for one that does not)."""
    if f.informational or f.status in ("met", "waived"):
        return ""
    target = _target_words(f)
    if f.kind == "part":
        name = f.name
        if f.value == "partial":
            return f"“{name}”只散见于其他部分，建议单列一部分集中写明。"
        return f"报告缺少“{name}”部分，应按要求单列一部分写明。"
    if f.status == "not_reported":
        text = f"报告未写明{f.name}" + (f"，目标为{target}" if target else "") + "。"
        return "".join(x for x in (text, _own(f)) if x)  # Chinese sentences run on without a space
    if f.value == MENTIONED:  # named, but without a figure
        what = "比例" if f.kind == "metric" else "次数或数量"
        return f"报告提到了{f.name}，但没有写出具体{what}：请补充数字" + (f"（目标为{target}）" if target else "") + "。"
    if f.status == "not_met":
        gap = gap_text(f)
        return (f"报告值 {finding_value(f)} 未达到目标{target}" + (f"，{gap}" if gap else "") +
                "。请核实数据；确未达到的，写明原因和整改措施。")
    # review
    why = f.note or "判定依据不充分"
    return f"请人工核实：{why}。" + (f"核实后按目标{target}判断。" if target else "")
