"""One unit vocabulary: the units reports count in and targets are written in, and their normal forms.

Counts in reports (举办3场, 开展2堂, 查处3起, 办理2宗) and targets (至少2堂, 不少于2宗) read the same words.
"""
from __future__ import annotations

RATE_UNITS = ("%", "‰", "个百分点")
# What is held: sessions of a lecture, an exam, a review. The default units of a count rule.
EVENT_UNITS = ("次", "场", "期", "轮", "批", "届", "堂", "课")
# What is counted as cases or items: numerators and denominators of an implied rate.
CASE_UNITS = ("件", "起", "宗", "个", "项", "人", "人次", "次")
# Everything else reports count in; a figure in one of these is a figure, but not of an event.
OTHER_UNITS = ("卷", "名", "家", "份", "条", "所", "户", "篇", "部", "类", "档", "天", "日", "学时", "课时", "小时", "分钟",
               "元")
# Lengths of time in plans (15日内, 三个月内, 每隔2年): read by the plan-target grammar only, never as report
# figures (2024年, 3月 are dates there).
DURATION_UNITS = ("分钟", "小时", "学时", "课时", "个工作日", "工作日", "天", "日", "周", "个月", "月", "年")
MONEY_UNITS = {"万元": 10_000, "亿元": 100_000_000}  # written as one unit: 5.51亿元
SYNONYMS = {"场次": "场", "期次": "期", "卷次": "卷", "宗次": "宗", "起次": "起"}  # written -> normal form

COUNT_UNITS = tuple(dict.fromkeys(EVENT_UNITS + CASE_UNITS + OTHER_UNITS))
# Longest first, so 人次 wins over 人 and 场次 over 场.
WRITTEN_UNITS = tuple(sorted(dict.fromkeys(RATE_UNITS + COUNT_UNITS + tuple(MONEY_UNITS) + tuple(SYNONYMS)),
                             key=len, reverse=True))


def normal(unit: str) -> str:
    """The normal form of a written unit: 场次 -> 场, ‰ stays ‰ (values convert it)."""
    return SYNONYMS.get(unit, unit)


def pattern() -> str:
    """A regex alternation of every written unit, longest first."""
    import re

    return "|".join(re.escape(u) for u in WRITTEN_UNITS)
