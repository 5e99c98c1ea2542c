"""One comparison vocabulary: the words that bound a figure (不低于, 至少, 控制在 …) and the operator each means.

Targets read them as operators; report text reads them as the sign that a figure is a threshold, not a result.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import rx

AT_LEAST = ("不低于", "不少于", "不小于", "不得少于", "不得低于", "不应少于", "不应低于", "至少", "最少", "起码", "大于等于",
            ">=", "≥")
AT_MOST = ("不高于", "不超过", "不多于", "不大于", "不得超过", "不得高于", "不得多于", "至多", "最多", "小于等于", "控制在",
           "<=", "≤")
ABOVE = ("高于", "超过", "多于", "大于", ">")
BELOW = ("低于", "少于", "小于", "<")
EQUAL = ("等于", "全部达到", "均达到", "==", "=")
OPERATORS = ((AT_LEAST, ">="), (AT_MOST, "<="), (ABOVE, ">"), (BELOW, "<"), (EQUAL, "=="))
OP_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "等于"}
OPS = tuple(OP_WORDS)
# After a figure: 90%以上 (>=), 30%以下 / 以内 (<=)
AFTER_AT_LEAST = ("及以上", "或以上", "以上")
AFTER_AT_MOST = ("及以下", "或以下", "以下", "以内", "之内")

_WORD_OP = {w: op for words, op in OPERATORS for w in words}
_ANY = rx.compile("|".join(re.escape(w) for w in sorted(_WORD_OP, key=len, reverse=True)))
# In report text a bound word before a figure marks a threshold ("确保不低于90%"), never a result.
BOUND_WORDS = tuple(w for w in AT_LEAST + AT_MOST if not w[0] in "<>=≤≥")


def find_op(s: str) -> Optional[re.Match]:
    """The first comparison word in s (longest at each position)."""
    return _ANY.search(s)


def op_of(word: str) -> str:
    return _WORD_OP[word]


def describe(op: str) -> str:
    return OP_WORDS[op]
