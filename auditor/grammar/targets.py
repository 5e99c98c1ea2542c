"""Targets as work plans write them: 不低于90%, 低于30%, 至少2次, 达到90%以上, 每年发布1次, >= 90%."""
from __future__ import annotations

import re
from typing import Any, Optional

from ..models import Target
from .numerals import CN_NUM_CHARS, parse_number

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}

_OPS = (  # longest first
    (r"不低于|不少于|不小于|至少|最少|起码|>=|≥|大于等于", ">="),
    (r"不高于|不超过|不多于|不大于|至多|最多|<=|≤|小于等于|控制在", "<="),
    (r"高于|超过|多于|大于|>", ">"),
    (r"低于|少于|小于|<", "<"),
    (r"等于|==|=|全部达到|均达到", "=="),
)
_NUM = rf"(\d+(?:\.\d+)?|[{CN_NUM_CHARS}]+)"
_UNITS = r"(%|‰|个百分点|次|场|期|轮|批|届|件|项|个|人次|人|名|家|份|篇|卷|天|日|学时|课时|小时)"
_FILLER = re.compile(r"^(每年|年内|全年|年度|每季度|每半年|举办|组织|开展|发布|公布|召开|达到|达|保持|确保|实现|力争|在|为|须|应|要|均|以上|及以上|或以上|\s|…|\.{3})*")


class TargetError(ValueError):
    pass


def parse_target(raw: Any, default_unit: Optional[str] = None) -> Target:
    """Parse a target; raise TargetError (Chinese message) on anything not understood."""
    if isinstance(raw, dict):
        op = raw["op"]
        return Target(text=raw.get("text") or _describe(op, raw.get("value"), raw.get("unit") or default_unit,
                                                         raw.get("relative_to")),
                      op=op, value=raw.get("value"), unit=raw.get("unit") or default_unit,
                      relative_to=raw.get("relative_to"))
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Target(text=f"{raw:g}{default_unit or ''}", op=">=", value=float(raw), unit=default_unit)
    if not isinstance(raw, str) or not raw.strip():
        raise TargetError("目标为空")
    text = raw.strip()
    s = text.translate(_FOLD).replace("≥", ">=").replace("≤", "<=").replace(" ", "")
    s = re.sub(rf"百分之([\d.{CN_NUM_CHARS}点]+)", r"\1%", s)
    s = re.sub(r"^(年内|全年|每年|年度|每季度|每半年)", "", s)
    s = re.sub(r"^(举办|组织|开展|发布|公布|召开)", "", s)
    op = None
    m = re.search("|".join(f"(?:{p})" for p, _ in _OPS), s)
    if m:
        for pattern, o in _OPS:
            if re.fullmatch(pattern, m.group(0)):
                op = o
                break
        before, s = s[: m.start()], s[m.end():]
        if re.search(r"\d", before):
            raise TargetError(f"无法解析目标“{text}”：数字应写在比较词之后")
    s = _FILLER.sub("", s)
    num = re.match(_NUM + r"\s*" + _UNITS + "?", s)
    if not num:
        raise TargetError(f"无法解析目标“{text}”：没有找到数值（可写作 不低于90%、至少2次、低于30%、>= 90%）")
    value = parse_number(num.group(1))
    if value is None:
        raise TargetError(f"无法解析目标“{text}”：数值“{num.group(1)}”无法识别")
    unit = num.group(2) or default_unit
    rest = s[num.end():]
    rest_clean = re.sub(r"^(以上|及以上|或以上|以内|以下|及以下|之内)", "", rest)
    if re.sub(r"[的目标要求。.,，;]", "", rest_clean):
        raise TargetError(f"无法解析目标“{text}”：末尾的“{rest}”无法理解")
    if op is None:
        if rest.startswith(("以下", "及以下", "以内", "之内")):
            op = "<="
        else:
            op = ">="  # "达到90%以上", "100%", "1次"
    if unit == "‰":
        unit, value = "%", value / 10
    return Target(text=text, op=op, value=value, unit=unit)


def compare(value: float, target: Target, other: Optional[float] = None) -> bool:
    ref = other if target.relative_to else target.value
    if ref is None:
        raise ValueError("no reference value")
    v, r = round(float(value), 6), round(float(ref), 6)
    return {">=": v >= r, ">": v > r, "<=": v <= r, "<": v < r, "==": abs(v - r) < 1e-6}[target.op]


_OP_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "等于"}


def _describe(op: str, value: Optional[float], unit: Optional[str], relative_to: Optional[str]) -> str:
    if relative_to:
        return f"{_OP_WORDS[op]}{relative_to}"
    return f"{_OP_WORDS[op]}{value:g}{unit or ''}" if value is not None else _OP_WORDS[op]
