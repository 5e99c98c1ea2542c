"""vocab: the one place for what every output says and shows about a finding.

Status labels, their order, colours, terminal styles and symbols; the words for values that are not numbers;
number, score and date formats; the order of gaps. The gap report (PDF/HTML), the terminal, the JSON labels,
the batch spreadsheets and summary, and `rules show` all take their words from here, so a value reads the
same everywhere. tests/test_vocab.py checks the stylesheets' status colours equal COLORS/TEXT_COLORS.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Any, Iterable, Optional

from ..models import LEVEL_LABELS, MENTIONED, PART_LABELS, STATUS_LABELS, STATUS_SEVERITY, STATUSES, Finding

__all__ = ["LEVEL_LABELS", "PART_LABELS", "STATUS_LABELS", "STATUS_SEVERITY", "STATUSES"]

# ---------------------------------------------------------------- statuses

STATUS_ORDER = STATUSES  # met, not met, not reported, review, waived: counts tables and legends
GAP_STATUSES = ("not_met", "not_reported", "review")  # what needs action, worst first
# The status colour (chart fills, swatches, borders).
COLORS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "not_reported": "#ef6c00",
    "review": "#1f5fa8",
    "waived": "#9e9e9e",
}
# The status as the colour of text: orange and grey a shade darker, to read on white.
TEXT_COLORS = dict(COLORS, not_reported="#d35400", waived="#757575")
# Light fills for spreadsheet cells (RRGGBB).
FILLS = {"met": "C8E6C9", "not_met": "FFCDD2", "not_reported": "FFE0B2", "review": "BBDEFB", "waived": "E0E0E0"}
# Symbols that carry the status without colour (terminal, black-and-white print); each is in every CJK
# face the PDF uses (Noto has no ✗, hence ×).
SYMBOLS = {"met": "✓", "not_met": "×", "not_reported": "○", "review": "?", "waived": "–"}
TERMINAL_STYLES = {"met": "green", "not_met": "bold red", "not_reported": "yellow", "review": "magenta",
                   "waived": "dim"}
SCORE_COLORS = ((90, COLORS["met"]), (60, "#e09100"), (0, COLORS["not_met"]))  # at or above each bound

# Informational (profile) rows are not judged: they say whether the report gives the figure.
PROFILE_LABELS = {True: "已报告", False: "未报告"}
PROFILE_CLASSES = {True: "pf-yes", False: "pf-no"}
PROFILE_SYMBOLS = {True: "✓", False: "–"}
TAILORED = "本地定制"  # a target changed by the pack's `targets:` for this jurisdiction
DERIVED = "推算"  # a value implied by other figures of the report
ALERT_LABELS = {"error": "警示", "warning": "注意"}
# Alert codes (applicability.py, load.py, readers/) by what they mean to an assessor counting them.
ALERT_KINDS = {
    "wrong_year": "年度与规则包不符", "wrong_level": "层级与规则包不符", "other_jurisdiction": "其他地区的规则包",
    "not_a_report": "不是年度报告", "kind_uncertain": "可能不是年度报告", "text_loss": "读取时丢失文字", "year_unknown": "未能识别年度",
    "level_unknown": "未能识别层级", "jurisdiction_unknown": "未能确认地区", "national_only": "只按全国通用规则审核",
    "replaced_characters": "有无法识别的字符", "encoding_repaired": "乱码已还原",
}
NO_VALUE = "—"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def finding_label(f: Finding) -> str:
    """The word for a finding's conclusion: its status, or for a profile row whether it is reported."""
    return PROFILE_LABELS[reported(f)] if f.informational else status_label(f.status)


def finding_symbol(f: Finding) -> str:
    return PROFILE_SYMBOLS[reported(f)] if f.informational else SYMBOLS.get(f.status, "")


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 40 -> 四十, 105 -> 一百零五: the numbering of 公文 headings（一）、二、."""
    if n <= 0:
        return str(n)
    if n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = (_DIGITS[hundreds] + "百") if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _DIGITS[ones]
    return out


def score_color(score: float) -> str:
    return next(c for bound, c in SCORE_COLORS if score >= bound)


def gap_key(f: Finding) -> tuple:
    """Worst first: not met, not reported, review; then by weight; then by position in the report."""
    return (-STATUS_SEVERITY.get(f.status, 0), -f.weight, f.position)


def gaps(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that need action (parts included), in gap order."""
    return sorted((f for f in findings if not f.informational and f.status in GAP_STATUSES), key=gap_key)


# ---------------------------------------------------------------- values

PART_VALUES = {"present": "单独成部分", "partial": "仅在其他部分提及", "absent": "缺失"}
# "mentioned" is the value of a mention rule that is met, and of a count/metric rule whose report names the
# indicator without a figure: the words differ by kind, not by output.
MENTIONED_WORDS = {"mention": "已提及"}
MENTIONED_NO_FIGURE = "已提及，无数字"


def fmt_number(v: float) -> str:
    """12, 95.61, 1.5 (at most two decimals, no trailing zeros); huge or non-finite values as written."""
    v = float(v)
    if not math.isfinite(v):
        return "—"
    if abs(v) >= 1e15:
        return f"{v:.6g}"
    if v.is_integer():
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def with_unit(v: float, unit: Optional[str]) -> str:
    return fmt_number(v) + (unit or "")


def value_word(value: Any, unit: Optional[str] = None, kind: str = "") -> str:
    """A value alone, in words: a number with its unit, 已提及…, a part's presence, or — for none."""
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return with_unit(value, unit)
    if value == MENTIONED:
        return MENTIONED_WORDS.get(kind, MENTIONED_NO_FIGURE)
    return PART_VALUES.get(value, str(value))


def value_text(value: Any, unit: Optional[str] = None, kind: str = "", derived: bool = False,
               alternatives: Iterable[float] = ()) -> str:
    """What the report says for a rule: the value, marked if derived, with other readings if ambiguous."""
    text = value_word(value, unit, kind)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        notes = [DERIVED] if derived else []
        alts = [with_unit(a, unit) for a in alternatives]
        if alts:
            notes.append("也可能为 " + "、".join(alts))
        if notes:
            text += "（" + "，".join(notes) + "）"
    return text


def finding_value(f: Finding) -> str:
    return value_text(f.value, f.unit, f.kind, f.derived, f.alternatives)


def reported(f: Finding) -> bool:
    return f.value is not None and f.value != "absent"


def target_text(target: Optional[str], tailored: bool = False) -> str:
    return (target or NO_VALUE) + (f"（{TAILORED}）" if tailored and target else "")


def clause_text(clause: Any) -> str:
    """A clause as written in the pack; a bare number is an item of a work plan (第22项)."""
    text = str(clause or "").strip()
    return f"第{text}项" if text.isdigit() else text


def clause_full(source: str, clause: Any) -> str:
    """The document and its clause: 互政办〔2024〕18号 第22项, 《…评分标准》 一（一）第2项."""
    return " ".join(x for x in (source, clause_text(clause)) if x)


# ---------------------------------------------------------------- scores and dates

def fmt_score(score: float) -> str:
    """One decimal, none when whole: 72.5, 68."""
    s = f"{float(score):.1f}"
    return s[:-2] if s.endswith(".0") else s


def as_date(value: Any) -> Optional[date]:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def fmt_date(d: Any) -> str:
    """2025年4月1日; an unparseable value as given; nothing for None."""
    if d is None:
        return ""
    parsed = as_date(d)
    return f"{parsed.year}年{parsed.month}月{parsed.day}日" if parsed else str(d)


def level_label(level: Optional[str]) -> str:
    return LEVEL_LABELS.get(level or "", level or "")


def part_label(kind: Optional[str]) -> str:
    return PART_LABELS.get(kind or "", "") if kind else ""
