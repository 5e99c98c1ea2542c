"""Targets as work plans write them: 不低于90%, 低于30%, 至少2次, 达到90%以上, 每年发布1次, 至少2堂, >= 90%."""
from __future__ import annotations

import re
from typing import Any, Optional

from .. import rx
from ..models import Target
from . import comparisons, units
from .numerals import CN_NUM_CHARS, bounded, parse_number

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}

_NUM = rf"([0-9]+(?:\.[0-9]+)?|[{CN_NUM_CHARS}]+)"
_UNITS = rf"({units.pattern()})"
_FILLER = rx.compile(r"^(?:每年|年内|全年|年度|每季度|每半年|举办|组织|开展|发布|公布|召开|达到|达|保持|确保|实现|力争|在|为|须|应|要|均"
                     r"|以上|及以上|或以上|\s|…|\.{3}){0,12}")
_AFTER_BOUNDS = "|".join(comparisons.AFTER_AT_LEAST + comparisons.AFTER_AT_MOST)
MAX_TARGET_TEXT = 80


class TargetError(ValueError):
    pass


def parse_target(raw: Any, default_unit: Optional[str] = None) -> Target:
    """Parse a target; raise TargetError (Chinese message) on anything not understood."""
    if isinstance(raw, dict):
        return _from_mapping(raw, default_unit)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = bounded(float(raw))
        if value is None:
            raise TargetError(f"目标数值“{raw}”无效")
        return Target(text=f"{value:g}{default_unit or ''}", op=">=", value=value, unit=default_unit)
    if not isinstance(raw, str) or not raw.strip():
        raise TargetError("目标为空")
    text = raw.strip()
    if len(text) > MAX_TARGET_TEXT:
        raise TargetError(f"目标过长（{len(text)} 字）：请只写比较词、数值和单位，如 不低于90%")
    s = text.translate(_FOLD).replace(" ", "")
    s = re.sub(rf"百分之([0-9.{CN_NUM_CHARS}点]+)", r"\1%", s)
    s = re.sub(r"^(年内|全年|每年|年度|每季度|每半年)", "", s)
    s = re.sub(r"^(举办|组织|开展|发布|公布|召开)", "", s)
    op = None
    m = comparisons.find_op(s)
    if m:
        op = comparisons.op_of(m.group(0))
        before, s = s[: m.start()], s[m.end():]
        if re.search(r"[0-9]", before):
            raise TargetError(f"无法解析目标“{text}”：数字应写在比较词之后")
    s = _FILLER.sub("", s)
    num = re.match(_NUM + r"\s*" + _UNITS + "?", s)
    if not num:
        raise TargetError(f"无法解析目标“{text}”：没有找到数值（可写作 不低于90%、至少2次、低于30%、>= 90%）")
    value = parse_number(num.group(1))
    if value is None:
        raise TargetError(f"无法解析目标“{text}”：数值“{num.group(1)}”无法识别")
    unit = units.normal(num.group(2)) if num.group(2) else default_unit
    rest = s[num.end():]
    bound = re.match(_AFTER_BOUNDS, rest)
    rest_clean = rest[bound.end():] if bound else rest
    if re.sub(r"[的目标要求。.,，;]", "", rest_clean):
        raise TargetError(f"无法解析目标“{text}”：末尾的“{rest}”无法理解")
    if op is None:
        op = "<=" if bound and bound.group(0) in comparisons.AFTER_AT_MOST else ">="  # 达到90%以上, 100%, 1次
    if unit == "‰":
        unit, value = "%", value / 10
    return Target(text=text, op=op, value=value, unit=unit)


def _from_mapping(raw: dict, default_unit: Optional[str]) -> Target:
    op = raw.get("op")
    if op not in comparisons.OPS:
        raise TargetError(f"比较符“{op}”无效，可选：" + "、".join(comparisons.OPS))
    value, relative_to = raw.get("value"), raw.get("relative_to")
    if relative_to is None:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or bounded(float(value)) is None:
            raise TargetError("目标须写明数值（value）或比较对象（relative_to）")
        value = float(value)
    unit = raw.get("unit") or default_unit
    text = raw.get("text") or _describe(op, value, unit, relative_to)
    return Target(text=text, op=op, value=value if relative_to is None else None, unit=unit, relative_to=relative_to)


def compare(value: float, target: Target, other: Optional[float] = None) -> bool:
    ref = other if target.relative_to else target.value
    if ref is None:
        raise ValueError("no reference value")
    v, r = round(float(value), 6), round(float(ref), 6)
    return {">=": v >= r, ">": v > r, "<=": v <= r, "<": v < r, "==": abs(v - r) < 1e-6}[target.op]


def _describe(op: str, value: Optional[float], unit: Optional[str], relative_to: Optional[str]) -> str:
    word = comparisons.describe(op)
    if relative_to:
        return f"{word}{relative_to}"
    return f"{word}{value:g}{unit or ''}" if value is not None else word
