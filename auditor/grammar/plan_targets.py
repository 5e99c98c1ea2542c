"""Targets in a plan's running text: every figure a work plan, scoring table or implementation plan sets.

    不低于90% · 不少于5次 · 至少一次 · 达到80%以上 · 保持100% · 力争达到95%     at least
    低于30% · 不高于5% · 不得超过3次 · 控制在30分钟内 · 下降到5%以下           at most
    每年不少于4次 · 每季度报送1次 · 半年报送1次 · 年内不少于4条 · 每五年一次    per period
    每次不少于30分钟 · 每期培训在8小时以上 · 每学期不得少于8课时              per occasion or term
    每年A不少于2次,B不少于24次 · 每年还要组织…,时间不得少于40个小时          a period opening the sentence
    15日内 · 自收到之日起30个工作日内 · 三个月内 · 会议前5日 · 有效期不超过5年    durations and lead times
    每隔2年一次 · 三年轮训一遍 · 每年11月底前 · 2024年底前                      cycles and dates
    增加10%以上 · 提高5个百分点 · 不发生…案件 · 每年定期举行…考试               changes, zero, implied once
    第一年…不低于90%，第二年…不低于96% · 2024年、2025年分别达到90%、95%         per year

The scanner reads each numeral once and looks a bounded distance before it (the words that bound it, walked back
word by word) and after it (its unit and a tail such as 以上/以内), so it is linear in the sentence. It reports
what a target is, not what it is called: naming the indicator is the drafter's work. Operators come from the one
comparison vocabulary (comparisons.py), units from the one unit vocabulary (units.py).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Iterator, Optional

from .. import rx
from . import comparisons, units
from .numerals import parse_number

CLAUSE_MARKS = ",;:。!?\n"
_CLAUSE = rx.compile(f"[{re.escape(CLAUSE_MARKS)}]")
NUMBER = rx.compile(r"[0-9]+(?:\.[0-9]+)?(?:/[0-9]+)?|[零〇一二两三四五六七八九十百千]+")
_APPROX = {"一两": 1, "两三": 2, "二三": 2, "三四": 3, "三五": 3, "四五": 4, "五六": 5, "六七": 6, "七八": 7, "八九": 8}
RATE_UNITS = ("%", "‰", "个百分点")
_UNITS = tuple(sorted(dict.fromkeys(units.WRITTEN_UNITS + units.DURATION_UNITS + ("个小时",)), key=len, reverse=True))
_UNIT = rx.compile(r"[ \t]?(?P<approx>余|多)?[ \t]?(?P<unit>" + "|".join(map(re.escape, _UNITS)) + ")")
_UNIT_FORMS = {"个小时": "小时", "个工作日": "工作日", "个月": "月"}
_RANGE = rx.compile(r"[ \t]?[—–\-~～至到][ \t]?(?:[0-9]+|[一二两三四五六七八九十]{1,3})(?=[ \t]?[^\d一二两三四五六七八九十])")
_TAIL = rx.compile(r"[ \t]?(?P<tail>" + "|".join(comparisons.AFTER_AT_LEAST + comparisons.AFTER_AT_MOST + ("内",)) + ")")
_TIME_UNITS = set(units.DURATION_UNITS) - {"年"}
_DATE = rx.compile(r"(?:(?:(?P<y>[0-9]{4})[ \t]?)?年[ \t]?(?:底|末)"
                   r"|(?:(?P<y2>[0-9]{4})[ \t]?年[ \t]?)?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[ \t]?月[ \t]?"
                   r"(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[ \t]?[日号]|底|末|上旬|中旬|下旬)?)"
                   r"[ \t]?(?:前|之前|以前)")
_YEAR_LIST = rx.compile(r"(?:(?:19|20)[0-9]{2}[ \t]?年(?:底|末|度)?[、和及,][ \t]?){1,9}$")
_YEAR_ANCHOR = rx.compile(r"(?:到|至|在)?(?:(?P<y>(?:19|20)[0-9]{2})[ \t]?年(?:底|末|度)?|第(?P<i>[一二三四五六七八九十0-9]{1,2})年)"
                          r"(?:前|时|内)?[ \t]?$")
_IMPLICIT = rx.compile(r"(?P<freq>每年度?|每季度|每半年|每月|每周)(?:都|要|应当|应|均|须|必须)?(?:定期)?(?:要|应)?"
                       r"(?P<verb>举行|举办|召开|开展|组织|发布|公布|报送|通报|更新|评选|编制|印发)")
# A scoring sheet's step (每低一个百分点扣1分, 每少1次扣0.5分, 每多举办1次加0.5分): the figure after 每 prices a
# shortfall or a surplus in points, it sets no target
_STEP_BEFORE = rx.compile(r"每[^，,。；;：:0-9]{0,4}$")
_STEP_POINTS = rx.compile(r"[ \t]?(?:扣|减|加)(?:除)?[ \t]?[0-9]+(?:\.[0-9]+)?[ \t]?分")
# 每月集中学习1次 · 每半年召开党组会议1次: a period, then an activity no verb list names, then a count of events;
# the activity is part of the name (会前学法每年不少于4次 keeps 会前学法 before its period)
# 每月1日召开, 每月10日前报送: a day of the month right after 每月, no bound between, is a schedule, not an amount
_DAY_OF_MONTH_BEFORE = rx.compile(r"每个?月[ \t]?$")
_PERIOD_ACTIVITY = rx.compile(r"(每年度?|每季度|每半年|每月|每周)[\u4e00-\u9fff]{2,8}[ \t]?$")
_EVENTS = frozenset(units.EVENT_UNITS)
# 九成以上 · 达到八成: tenths as a share; 一成不变, 成立, 完成 are no share (a mark or a bound must follow)
_TENTHS = rx.compile(r"成(?=$|[,;:。!?\n、]|以上|以下|以内|左右)")
_ZERO = rx.compile(r"(?:不发生|零发生|不出现)")
_ZERO_HEADS = rx.compile(r"(案件|事件|事故|问题)$")

# Walking back from a figure: the words that may stand between an indicator and its figure, longest first.
_FREQ = {"每年度": "年", "每年": "年", "年内": "年", "全年": "年", "年度内": "年", "每季度": "季度", "季度": "季度",
         "每半年": "半年", "半年": "半年", "每月": "月", "每周": "周", "每届": "届", "每学期": "学期",
         "每次": "次", "每期": "期"}  # 每次/每期: the basis of a length of time (每次不少于30分钟)
_UP = ("达到", "达", "保持在", "保持", "稳定在", "实现", "提高到", "提升到", "提高至", "提升至", "增加到", "增长到", "上升到", "上升至")
_DOWN = ("降至", "降到", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "压减到", "压减至", "压缩到", "压缩至", "控制到")
_CHANGE_UP = ("增加", "增长", "提高", "提升", "上升")
_CHANGE_DOWN = ("下降", "降低", "减少", "压减", "压缩")
TARGET_VERBS = ("组织开展", "组织召开", "组织", "举办", "开展", "召开", "举行", "发布", "公布", "进行", "集中", "印发", "编发",
                "更新", "通报", "安排", "参加", "接受", "报送", "上报", "完成", "建立", "开办", "办理", "主持", "讲授")
_FILLER = ("要", "应", "应当", "须", "必须", "需", "均", "都", "各", "在", "为", "按", "力争", "确保", "争取", "努力", "原则上",
           "定期", "的", " ", "\t")
_WORDS: dict[str, tuple[str, str]] = {}
for _ops, _op in comparisons.OPERATORS[:4]:
    _WORDS.update({w: ("cmp", _op) for w in _ops if not w[0] in "<>=≤≥"})
_WORDS.update({w: ("freq", p) for w, p in _FREQ.items()})
_WORDS.update({w: ("up", ">=") for w in _UP})
_WORDS.update({w: ("down", "<=") for w in _DOWN})
_WORDS.update({w: ("change", ">=") for w in _CHANGE_UP + _CHANGE_DOWN})
_WORDS.update({w: ("verb", "") for w in TARGET_VERBS})
_WORDS.update({w: ("filler", "") for w in _FILLER})
_WORDS.update({"分别": ("each", ""), "共": ("total", ""), "合计": ("total", ""), "累计": ("total", ""), "前": ("lead", ""),
               "提前": ("lead", "")})
_BACK_LENGTHS = tuple(sorted({len(w) for w in _WORDS}, reverse=True))
_FAR_FREQ = rx.compile("|".join(k for k in _FREQ if k.startswith(("每", "年", "全"))))
# A clause a period opens (每年领导干部专题学法不少于2次 · 每年还要组织…): the period of later clauses without one
_OPENING_FREQ = rx.compile(r"[ \t]*(?:并|还|同时|且)?[ \t]*(" + "|".join(k for k in _FREQ if k.startswith(("每", "全")))
                           + ")")
_OCCASIONS = ("每次", "每期")  # open a clause of their own, but are no period for the clauses after it
# 至少培育3个, 不少于打造5个: a bound, then a verb the lists do not name, then the figure
_CMP_VERB = rx.compile("(" + "|".join(sorted((w for w, (c, _) in _WORDS.items() if c == "cmp"), key=len, reverse=True))
                       + r")[\u4e00-\u9fff]{1,2}$")
_MAX_BACK_STEPS = 10
WINDOW = 60  # how far before or after a figure its words are looked for: names and bounds are shorter


@dataclass(frozen=True)
class PlanTarget:
    """One target as a plan writes it, with its span in the sentence."""

    start: int  # first character of the target's words (frequency, comparison, verb) or of its figure
    end: int
    op: str
    value: Optional[float]  # None for a date (每年11月底前)
    unit: Optional[str]  # %, 次, 学时, 日, 年 (a cycle) …; None for a date
    kind: str  # rate, count, amount (at least N hours/days), session (each occasion's length), duration, lead, cycle,
    # date, change, zero
    text: str  # the target's words as written
    per: Optional[str] = None  # 年, 半年, 季度, 月, 周, 5年: the period a count is set for
    review: str = ""  # why a person should check the reading
    year: Optional[int] = None  # 2025 in 2025年达到95%
    year_index: Optional[int] = None  # 2 in 第二年不低于96%
    values: tuple = ()  # 分别 90%、95%: the further values, in order
    down: bool = False  # a change downwards (下降10%): the indicator is a decrease
    years: tuple = ()  # 2024年、2025年分别达到90%、95%: the year of each value (value first, then `values`)


@dataclass
class _Back:
    start: int
    kinds: dict = field(default_factory=dict)  # category -> (word, op) nearest the figure
    per: Optional[str] = None
    year: Optional[int] = None
    year_index: Optional[int] = None
    words: int = 0  # where the target's own words start (after a year anchor)
    years: tuple = ()


class Clauses:
    """Clause boundaries of a text, found once (so a long sentence with many figures stays linear)."""

    def __init__(self, text: str):
        self.marks = [m.start() for m in _CLAUSE.finditer(text)]
        self.size = len(text)

    def at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.marks, pos)
        start = self.marks[i - 1] + 1 if i > 0 else 0
        return start, self.marks[i] if i < len(self.marks) else self.size


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    return Clauses(text).at(pos)


def _walk_back(text: str, pos: int, floor: int) -> _Back:
    """The words bounding a figure at `pos`, walked back towards the clause start `floor`."""
    back = _Back(start=pos)
    for _ in range(_MAX_BACK_STEPS):
        seg = text[max(floor, back.start - 16):back.start]
        if back.year is None and back.year_index is None and (m := _YEAR_ANCHOR.search(seg[-12:])):
            back.words = back.words or back.start
            back.start -= len(m.group(0))
            if m.group("y"):
                back.year = int(m.group("y"))
                if lm := _YEAR_LIST.search(text, max(floor, back.start - 80), back.start):
                    back.years = tuple(int(y) for y in re.findall(r"(?:19|20)[0-9]{2}", lm.group(0))) + (back.year,)
                    back.start = lm.start()
            else:
                back.year_index = int(parse_number(m.group("i")) or 0) or None
            continue
        word = next((seg[-n:] for n in _BACK_LENGTHS if seg[-n:] in _WORDS and len(seg) >= n), None)
        if word is None and "cmp" not in back.kinds and (m := _CMP_VERB.search(seg[-8:])):
            back.start -= len(m.group(0))
            back.kinds["cmp"] = _WORDS[m.group(1)]
            continue
        if word is None:
            break
        cat, op = _WORDS[word]
        back.start -= len(word)
        if cat == "freq":
            back.per = back.per or op
        back.kinds.setdefault(cat, (word, op))
    return back


def _value(num: str) -> tuple[Optional[float], str]:
    """The value of a numeral, and a review note when it is not exact (一两个, 1/3)."""
    if num in _APPROX:
        return float(_APPROX[num]), f"“{num}”是约数，按下限{_APPROX[num]}起草"
    if "/" in num:
        a, b = num.split("/")
        if float(b) == 0:
            return None, ""
        return round(float(a) / float(b) * 100, 1), f"“{num}”按百分比{round(float(a) / float(b) * 100, 1)}%起草"
    return parse_number(num), ""


def _op_kind(back: _Back, unit: str, tail: str) -> Optional[tuple[str, str]]:
    """(op, kind) of a figure from the words around it; None when nothing marks it as a target."""
    k = back.kinds
    if "total" in k:
        return None  # 共4次: a sum of the targets before it
    if unit in RATE_UNITS and ("change" in k or unit == "个百分点"):
        return ">=", "change"
    op = (k["cmp"][1] if "cmp" in k else k["down"][1] if "down" in k else k["up"][1] if "up" in k else
          ">=" if tail in comparisons.AFTER_AT_LEAST else
          "<=" if tail in comparisons.AFTER_AT_MOST + ("内",) else
          ">=" if back.per or "lead" in k else None)
    if op is None:
        return None
    if unit in RATE_UNITS:
        return op, "rate"
    if unit in _TIME_UNITS:
        if "lead" in k and "cmp" not in k:
            return ">=", "lead"
        return op, ("duration" if op in ("<=", "<") else "amount")
    return op, "count"


def _figure(text: str, m: re.Match, anchors: dict, in_date, clauses: Clauses) -> Optional[PlanTarget]:
    s, e = m.start(), m.end()
    if in_date(s) or (s > 0 and text[s - 1] in "第0123456789.") or text.startswith("百分之", s):
        return None
    num = m.group(0)
    worded = text.endswith("百分之", 0, s)  # 百分之九十
    um = None if worded else _UNIT.match(text, e)
    span = None
    if um is None and (rm := _RANGE.match(text, e)) and (um := _UNIT.match(text, rm.end())) is not None:
        if um.group("unit") in units.COUNT_UNITS and um.group("unit") not in _TIME_UNITS:
            span = f"{num}{rm.group(0)}"  # 1—2次: a range, its low end the floor
        else:
            um = None
    frac = re.match(r"[ \t]?的?比例", text[e:e + 4]) if "/" in num else None
    tenths = (um is None and not worded and len(num) == 1 and num in "一二三四五六七八九123456789"
              and _TENTHS.match(text, e))
    if um is None and not (frac or worded or tenths):
        return None
    unit = "%" if frac or worded or tenths else _UNIT_FORMS.get(um.group("unit"), um.group("unit"))
    end = (frac.end() + e if frac else e + 1 if tenths else e) if frac or worded or tenths else um.end()
    if worded:
        s -= 3
    cs, ce = clauses.at(s)
    if _STEP_POINTS.match(text, end) and _STEP_BEFORE.search(text[max(cs, s - 5):s]):
        return None
    if unit == "年":
        return _year_figure(text, num, s, end, cs, ce, anchors)
    if unit == "月" and um.group("unit") == "月":
        return None  # 3月: a date, read by the date grammar
    tm = _TAIL.match(text, end)
    tail = tm.group("tail") if tm else ""
    if tail == "内" and unit not in _TIME_UNITS:
        tail = ""
    end = tm.end() if tail else end
    if (um is not None and um.group("unit") == "日" and not tail and _DAY_OF_MONTH_BEFORE.search(text, max(cs, s - 3), s)
            and (v := _value(num)[0]) is not None and v <= 31):
        return None
    back = _walk_back(text, s, cs)
    if back.per is None and anchors.get("per"):
        back.per = anchors["per"]
        if anchors["per_span"][1] == back.start:  # 每五年进行一次: the period is part of the target's words
            back.start = anchors["per_span"][0]
    got = _op_kind(back, unit, tail)
    if got is None and span and "verb" in back.kinds:
        got = (">=", "count")  # 组织1—2次: a range done; 每小组10-20户 is the size of each, no target
    if got is None and not span and unit in _EVENTS and (pa := _PERIOD_ACTIVITY.search(text, max(cs, s - 14), s)):
        back.per, got = _FREQ[pa.group(1)], (">=", "count")
    if got is None:
        bare = re.search(r"(率|比例)(为|均为|要|均)?$", text[max(cs, s - 8):s])
        if not (unit in RATE_UNITS and bare):
            return None
        got = (">=", "rate")
    op, kind = got
    value, review = _value(num)
    if tenths and value is not None:
        value, review = value * 10, f"“{num}成”按{value * 10:g}%起草"
    if span and value is not None:
        review = review or f"“{span}{um.group('unit')}”是范围，按下限{value:g}{unit}起草"
    if value is None:
        return None
    if unit == "‰":
        value, unit = round(value / 10, 4), "%"
    if um is not None and um.group("approx"):
        review = review or f"“{text[s:end]}”是约数"
    if kind == "lead":
        review = review or f"“{text[back.start:end]}”按“至少提前{value:g}{unit}”起草"
    per = back.per
    if per is None and kind in ("count", "amount"):
        far = list(_FAR_FREQ.finditer(text, max(cs, back.start - WINDOW), back.start))
        per = _FREQ[far[-1].group(0)] if far else None  # the nearest: 每年举办…每次不少于2小时 is per occasion
    if per is not None and (per == unit or (per in ("次", "期") and unit not in _TIME_UNITS)):
        per = None  # 每次…1次, 每期…20人: an occasion is the basis of a length of time only
    if per in ("次", "期") and kind == "amount":
        kind = "session"  # 每次不少于30分钟: how long each occasion lasts
    while text[back.start] in "的 \t" and back.start < s:
        back.start += 1
    words = back.words if back.words and back.words > back.start else back.start
    t = PlanTarget(start=back.start, end=end, op=op, value=value, unit=unit, kind=kind, text=text[words:end].strip(),
                   per=per, review=review, year=back.year, year_index=back.year_index,
                   down=kind == "change" and any(w in _CHANGE_DOWN for w, _ in [back.kinds.get("change", ("", ""))]))
    if "each" in back.kinds:
        t = replace(t, values=tuple(_respective(text, end, unit)))
        if back.years and len(back.years) == 1 + len(t.values):
            t = replace(t, years=back.years, year=back.years[0])
    return t


def _respective(text: str, pos: int, unit: str) -> Iterator[float]:
    """分别达到90%、95%、100%: the values after the first, in order."""
    rest = rx.compile(r"[、和及][ \t]?(" + NUMBER.pattern + r")[ \t]?" + re.escape(unit) + "?")
    while m := rest.match(text, pos):
        v, _ = _value(m.group(1))
        if v is None:
            return
        yield v
        pos = m.end()


def _year_figure(text: str, num: str, s: int, end: int, cs: int, ce: int, anchors: dict) -> Optional[PlanTarget]:
    """N年: a period (每五年一次), a cycle (每隔两年一次, 三年轮训一遍) or a duration (三年内)."""
    n = parse_number(num)
    if n is None or n >= 100:
        return None  # 2024年 is a date
    before = text[max(cs, s - 2):s]
    if before.endswith("每") and not before.endswith("每隔"):
        anchors["per"], anchors["per_span"] = f"{n:g}年", (s - 1, end)
        return None
    rest = text[end:min(ce, end + WINDOW)]
    tm = re.match(r"[ \t]?(以内|之内|内)", rest)
    if tm:
        return PlanTarget(s, end + tm.end(), "<=", n, "年", "duration", text[s:end + tm.end()])
    back = _walk_back(text, s, cs)
    if "cmp" in back.kinds and not before.endswith("每隔"):  # 有效期一般不超过5年, 保存期限不少于3年
        op = back.kinds["cmp"][1]
        return PlanTarget(back.start, end, op, n, "年", "duration" if op in ("<=", "<") else "amount",
                          text[back.start:end])
    once = re.search(r"(一次|一遍|一轮|全覆盖)", rest)
    if before.endswith("每隔") or once:
        start = s - 2 if before.endswith("每隔") else s
        stop = end + once.end() if once else end
        return PlanTarget(start, stop, "<=", n, "年", "cycle", text[start:stop])
    return None


def _dates(text: str) -> Iterator[PlanTarget]:
    for m in _DATE.finditer(text):
        start = m.start()
        if text.endswith("每年", 0, start):
            start -= 2
        per = "年" if start < m.start() else None
        yield PlanTarget(start, m.end(), "<=", None, None, "date", text[start:m.end()], per=per,
                         year=int(m.group("y") or m.group("y2")) if (m.group("y") or m.group("y2")) else None)


def _implicit(text: str, taken: list[PlanTarget], clauses: Clauses) -> Iterator[PlanTarget]:
    """每年定期举行…考试: once a period, though no number is written."""
    starts = sorted(t.start for t in taken)
    for m in _IMPLICIT.finditer(text):
        cs, ce = clauses.at(m.start())
        i = bisect.bisect_left(starts, cs)
        if i < len(starts) and starts[i] < ce:
            continue  # the clause has a written target
        yield PlanTarget(m.start(), m.end(), ">=", 1.0, "次", "count", m.group(0), per=_FREQ[m.group("freq")],
                         review="原文未写次数，按每期至少1次起草")


def _zeros(text: str, clauses: Clauses) -> Iterator[PlanTarget]:
    """不发生…案件: none at all."""
    for m in _ZERO.finditer(text):
        cs, ce = clauses.at(m.start())
        head = _ZERO_HEADS.search(text[m.end():min(ce, m.end() + WINDOW)])
        if head:
            unit = "起" if head.group(1) in ("事故", "事件") else "件"
            yield PlanTarget(m.start(), m.end(), "==", 0.0, unit, "zero", m.group(0))


def _carry_periods(text: str, found: list[PlanTarget], clauses: Clauses) -> list[PlanTarget]:
    """每年领导干部专题学法不少于2次,领导干部及职工会前学法不少于24次: a period that opens a clause holds for the
    counts of the clauses after it that name none, until another clause opens with a period (a reviewer checks)."""
    starts = [0] + [m + 1 for m in clauses.marks]
    out, period, seen = [], None, 0  # seen: clause starts already looked at
    for t in found:
        cs, _ = clauses.at(t.start)
        upto = bisect.bisect_right(starts, cs)
        for c in starts[seen:upto]:
            if (m := _OPENING_FREQ.match(text, c)) and m.group(1) not in _OCCASIONS:
                period = (_FREQ[m.group(1)], m.group(1))
        seen = max(seen, upto)
        if (t.per is None and period and t.kind in ("count", "amount") and t.year is None and t.year_index is None
                and not _OPENING_FREQ.match(text, cs)):
            t = replace(t, per=period[0], review=t.review or f"周期“{period[1]}”取自前一分句，请核对")
        out.append(t)
    return out


def find_targets(text: str) -> list[PlanTarget]:
    """Every target of a plan sentence (folded text), in order."""
    clauses = Clauses(text)
    dates = list(_dates(text))
    date_starts = [d.start for d in dates]

    def in_date(pos: int) -> bool:
        i = bisect.bisect_right(date_starts, pos) - 1
        return i >= 0 and pos < dates[i].end

    anchors: dict = {}
    found: list[PlanTarget] = []
    clause = None
    for m in NUMBER.finditer(text):
        c = clauses.at(m.start())[0]
        if c != clause:
            clause, anchors = c, {}
        t = _figure(text, m, anchors, in_date, clauses)
        if t is not None and not (found and found[-1].start <= t.start < found[-1].end):
            found.append(t)
    found = _carry_periods(text, found, clauses)
    found += dates
    found += list(_zeros(text, clauses))
    found += list(_implicit(text, found, clauses))
    return sorted(found, key=lambda t: t.start)
