"""metadata: what the report is, not what it says: the year it covers, when it was published.

met:     楚雄州2023年度法治政府建设情况报告, published 2024-01-18 (before 2024-04-01)
not_met: published 2024-05-06
"""
from __future__ import annotations

from datetime import date

from ..identify import YEAR_BASES
from ..packs.model import Rule
from .base import EvalContext, SpecProblem, finding, no_facts

KIND = "metadata"
LABEL = "报告信息"
DEFAULT_UNIT = None
TARGETS = False
DEFAULT_DEADLINE = "04-01"  # 督察规定 第二十四条: published before 1 April of the next year
DEFAULTS = {"deadline": DEFAULT_DEADLINE}
VALUES = "number"
CHECKS = ("covers_previous_year", "published_by")
facts = no_facts


def _deadline(rule: Rule, year: int) -> date:
    mm, dd = (int(x) for x in (rule.deadline or DEFAULT_DEADLINE).split("-"))
    return date(year + 1, mm, dd)


def check(rule: Rule, ctx: EvalContext):
    doc = ctx.doc
    if rule.check == "covers_previous_year":
        if doc.year is None:
            return finding(rule, "review", None, note="未能从标题或开头识别报告所涵盖的年度")
        if doc.year_basis not in (None, "title", "opening"):
            basis = YEAR_BASES.get(doc.year_basis, doc.year_basis)
            return finding(rule, "review", float(doc.year), unit="年",
                           note=f"标题和开头没有写明所涵盖的年度，按{basis}推定为{doc.year}年；应在标题或开头写明")
        if doc.published and doc.year != doc.published.year - 1:
            return finding(rule, "not_met", float(doc.year), unit="年",
                           note=f"报告涵盖{doc.year}年，但发布于{doc.published:%Y年%m月%d日}，应报告上一年度（{doc.published.year - 1}年）情况")
        # whether the pack is for this year is an alert of the audit (applicability), not this rule
        return finding(rule, "met", float(doc.year), unit="年", note=f"报告涵盖{doc.year}年度")
    if rule.check == "published_by":
        if doc.published is None:
            return finding(rule, "not_reported", None, note="文件中没有发布日期（网页版报告可判断是否按时公开）")
        if doc.year is None:
            return finding(rule, "review", None, note=f"发布于{doc.published:%Y年%m月%d日}，但未能识别报告年度")
        deadline = _deadline(rule, doc.year)
        ok = doc.published < deadline
        return finding(rule, "met" if ok else "not_met", doc.published.isoformat(), unit="",
                       note=f"发布于{doc.published:%Y年%m月%d日}，{'早于' if ok else '晚于'}截止日期{deadline:%Y年%m月%d日}")
    raise ValueError(f"unknown metadata check {rule.check!r}")


def validate(spec: dict, target) -> list[SpecProblem]:
    deadline = spec.get("deadline")
    if isinstance(deadline, str):
        try:
            mm, dd = (int(x) for x in deadline.split("-"))
            date(2001, mm, dd)  # a year without 29 February: the deadline must exist every year
        except (ValueError, OverflowError):  # 99999999999999999999-01: too large for a date
            return [SpecProblem(("deadline",), f"截止日期“{deadline[:10]}”不是有效的月-日", "应写成 04-01")]
    return []
