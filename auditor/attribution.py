"""attribution: which figure near a phrase belongs to it — a rate stated after its name, a count beside an event,
a numerator and denominator that imply a rate.

Every function looks at a bounded window around one hit, so its cost does not grow with the sentence.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from . import rx
from .models import Quantity
from .text import Text, literal

_CHANGE = rx.compile(r"提高|提升|增长|上升|下降|降低|增加|减少|增幅|降幅|同比|环比|较上年|比上年")
_SHARE = rx.compile(r"[ \t]{0,2}[,，]?[ \t]{0,2}(?:占|占比|比例为|比率为)[^,;。]{0,14}?[0-9]{1,6}(?:\.[0-9]{1,4})?%")
_NEXT_LEVEL = rx.compile(r"[ \t]{0,2}(?:达到|达|为|至|到|是)[ \t]{0,2}[0-9]{1,6}(?:\.[0-9]{1,4})?[ \t]?%")
_MOVED_TO = rx.compile(r"[^,;。]{0,10}?(?:提升|提高|上升|增长|增加|下降|降低|减少)(?:至|到)")
_LIST_SEP = rx.compile(r"[、和及与]")
_NEGATION = rx.compile(r"(未|没有|尚未|缺乏|无)$")
RATE_WINDOW = 160  # characters after a rate's name where its value may stand (分别为 lists included)
COUNT_AFTER = 12
COUNT_BEFORE = 10


def rate_after(t: Text, hs: int, he: int) -> tuple[Optional[Quantity], str]:
    """The percentage a rate's name at [hs, he) states, within its clause; (None, "change") when only a change is."""
    text = t.text
    cs, ce = t.clause(hs)
    end = min(ce, he + RATE_WINDOW)
    cands = [q for q in t.quantities_in(he, end, limit=12) if q.unit == "%"]
    if not cands:
        # "出庭应诉率同比上升5个百分点，达到98%": the level follows the change, in the next clause
        changed = _CHANGE.search(text, he, end)
        if changed and ce < len(text) and text[ce] in ",;":
            nxt = _NEXT_LEVEL.match(text, ce + 1)
            if nxt:
                q = next((q for q in t.quantities_in(nxt.start(), nxt.end() + 1) if q.unit == "%"), None)
                if q is not None and not q.target:
                    return q, ""
        return None, "change" if changed else ""
    resp = text.find("分别", he, cands[0].start)
    if resp >= 0:
        items = [m.start() for m in _LIST_SEP.finditer(text, max(cs, hs - RATE_WINDOW), resp)]
        idx = bisect.bisect_right(items, hs)
        after = [q for q in cands if q.start > resp]
        return (after[idx], "") if idx < len(after) else (None, "")
    q = next((c for c in cands if not c.target), None)
    if q is None:
        return None, ""
    between = text[he:q.start]
    if len(between) > 25:
        return None, ""
    if _CHANGE.search(between) and not re.search(r"(至|到)\s*$", between):
        return None, "change"
    # "从2022年的85%提升至97%": the level is where it went, not where it came from
    moved = _MOVED_TO.match(text, q.end, ce)
    if moved:
        later = next((c for c in cands if c.start >= moved.end() - 1 and c.start > q.start), None)
        if later is not None:
            return later, ""
    if "率" in between or "比例" in between:
        # another rate noun in between: fine only as a list sharing one value ("出庭应诉率、胜诉率均为100%")
        if not _LIST_SEP.search(between.split("率")[0] + "率"):
            return None, ""
    return q, ""


def labelled_count(t: Text, hs: int, he: int, units: tuple[str, ...]) -> Optional[Quantity]:
    """A count written right after a label: "化解527件", "复议后提起诉讼的6件"."""
    _, ce = t.clause(hs)
    if t.text.startswith("(", he):  # "直接纠正(含撤销、确认违法)行政机关决定46件": an aside before the count
        close = t.text.find(")", he, min(ce, he + 40))
        he = close + 1 if close > 0 else he
    for q in t.quantities_in(he, min(ce, he + 20), limit=1):
        between = t.text[he:q.start]
        if len(between) <= 8 and not re.search(r"[0-9%]", between) and q.unit in units:
            return q
    return None


def share_after(t: Text, pos: int, end: int) -> Optional[Quantity]:
    """"11件，占审结案件的22.4%": the rate a count is said to be of its base, right after it."""
    share = _SHARE.match(t.text, pos, end)
    if not share:
        return None
    return next((q for q in t.quantities_in(share.start(), share.end() + 1) if q.unit == "%"), None)


def count_near(t: Text, hs: int, he: int, units: tuple[str, ...]) -> tuple[Optional[Quantity], bool]:
    """The count of an event named at [hs, he): just after ("讲座3次"), just before ("3次讲座"), or inside a name
    read across a gap ("案卷2轮次评查").

    Returns (quantity, shared): shared when the figure counts a list of activities ("讲座、咨询等40余场").
    """
    text = t.text
    cs, ce = t.clause(hs)
    after = [q for q in t.quantities_in(he, min(ce, he + COUNT_AFTER + 8), limit=3) if not q.target]
    if after and after[0].unit in units:
        between = text[he:after[0].start]
        # "2次专题讲座和3次警示教育": a count after a joiner, with words after it, is the next item's
        next_item = _JOINER.fullmatch(between) and text[after[0].end:ce].strip(" \t")
        if len(between) <= COUNT_AFTER and not re.search(r"[0-9]", between) and not next_item:
            return after[0], bool(re.search(r"[、等]", between))
    before = [q for q in t.quantities_before(max(cs, hs - COUNT_BEFORE - 8), hs, limit=3) if not q.target]
    if before and before[-1].unit in units:
        between = text[before[-1].end:hs]
        if len(between) <= COUNT_BEFORE and not re.search(r"[0-9、,]", between):
            tail = text[he:min(ce, he + 8)]
            return before[-1], bool(re.match(r"^[^,;。]{0,6}?[、等]", tail))
    if he - hs > 4:  # a name read across a gap ("案卷…评查"): the one count inside it ("四类案卷2轮次全覆盖评查")
        inside = [q for q in t.quantities_in(hs, he, limit=2) if not q.target]
        if len(inside) == 1 and inside[0].unit in units and not re.search(r"[、等]", text[hs:he]):
            return inside[0], False
    return None, False


_JOINER = rx.compile(r"[ \t]*(?:和|及|与|以及|并)[ \t]*")
_CITED_KIND = rx.compile(r"(?:标准|办法|规定|通知|方案|意见|制度|细则|规范|条例|清单|指引|指南|计划|要点|规则|决定|规划|纲要)"
                         r"(?:[(（][^()（）]{1,12}[)）])?$")


def in_cited_document(t: Text, hs: int, he: int) -> bool:
    """"《行政处罚案卷评查标准（试行）》": the name stands inside the title of a document (a standard, rules, a
    notice), which is no report that the activity was held."""
    text = t.text
    op = text.rfind("《", max(0, hs - 60), hs)
    if op < 0 or "》" in text[op:hs]:
        return False
    cl = text.find("》", he, he + 60)
    if cl < 0 or "《" in text[he:cl]:
        return False
    return bool(_CITED_KIND.search(text[op + 1:cl]))


# or an item of a longer list closed by 等制度: "落实中心组学法、旁听行政诉讼案件庭审、依法行政专题培训、…出庭应诉等制度"
_SYSTEM_AFTER = rx.compile(r"(?:[^,;:。0-9\n]{0,12}?|(?:、[^,;:。0-9\n、]{1,18}){1,6}?等[^,;:。0-9\n、]{0,4}?)(?:制度|机制)(?!化)")


def names_a_system(t: Text, he: int) -> bool:
    """"落实考法学法述法制度", "学法考试和宪法宣誓等制度", an item of a list of systems (…、旁听庭审、…等制度): the
    name is part of a system's, not an occasion held."""
    return bool(_SYSTEM_AFTER.match(t.text, he))


def negated(t: Text, start: int, hs: int) -> bool:
    """未/没有/尚未/缺乏/无 right before the phrase: "未开展案卷评查"."""
    return bool(_NEGATION.search(t.text[max(start, hs - 3):hs]))


# --- whose figure, and in what words -------------------------------------------------------------

# Scope words wider than a report of each level: "全市…85.3%" in a district's report is the city's figure.
_WIDER = {"township": ("全国", "全省", "全区", "全市", "全州", "全盟", "全县", "全旗", "省级", "市级", "县级"),
          "county": ("全国", "全省", "全市", "全州", "全盟", "省级", "市级"),
          "prefecture": ("全国", "全省", "省级"),
          "province": ("全国",)}
_OURS_AFTER = rx.compile(r"[,;][ \t]{0,2}(?:本|我)(?:区|县|市|州|盟|旗|镇|乡|街道|局|委|办)"
                         r"[^,;。%]{0,8}?(?:为|达到|达|是|实现)[ \t]{0,2}([0-9]{1,3}(?:\.[0-9]{1,4})?)[ \t]?%")
_ZERO_AFTER = rx.compile(r"[^,;。0-9]{0,4}?(?:为|是|保持|均为|实现)[ \t]{0,2}(?:零|0)(?![0-9.%])")
_QUOTES = " \t\"'“”‘’「」《》"
_MEANS_BEFORE = rx.compile(r"通过")
_MEANS_AFTER = rx.compile(r"[^,;。]{0,30}?等(?:多种)?(?:手段|方式|形式|途径|载体|集中学习|活动形式)")
_ORGANISED = rx.compile(r"组织|举办|开展|召开")


def wider_scope(t: Text, hs: int) -> Optional[str]:
    """The wider jurisdiction a figure at hs belongs to ("全市行政机关…率为85.3%" in a district's report), or None.

    Read from the words before the name in its clause and the report's level; a department's report is not judged.
    """
    words = _WIDER.get(t.doc.level or "")
    if not words:
        return None
    cs, _ = t.clause(hs)
    before = t.text[max(cs, hs - 20):hs]
    return next((w for w in words if w in before), None)


def ours_after(t: Text, pos: int) -> Optional[Quantity]:
    """"…全市为85.3%，本区为97%": the figure the report gives for itself, right after another's."""
    _, se = t.sentence(pos)
    m = _OURS_AFTER.match(t.text, pos, min(se, pos + 40))
    if not m:
        return None
    return next((q for q in t.quantities_in(m.start(1), m.end()) if q.unit == "%"), None)


def rate_before(t: Text, hs: int) -> Optional[Quantity]:
    """"100%“网上可办”": a percentage written right before the name, nothing but quotes between."""
    before = t.quantities_before(max(0, hs - 12), hs, limit=1)
    if before and before[0].unit == "%" and not before[0].target:
        gap = t.text[before[0].end:hs]
        if all(c in _QUOTES for c in gap):
            return before[0]
    return None


_RATE_VERB = rx.compile(r"[ \t]{0,2}(?:达到|达|为|均为|实现)?[ \t]{0,2}")


def rate_beside(t: Text, hs: int, he: int, phrases: tuple[str, ...]) -> Optional[Quantity]:
    """The rate of an act written beside its verb phrase, not as a name ending in 率: "负责人100%出庭应诉" (the one
    percentage standing alone in the gap of a phrase `负责人*出庭应诉`) or "负责人出庭应诉100%" (right after it)."""
    text = t.text
    span = text[hs:he]
    inside = t.quantities_in(hs, he, limit=2)
    if len(inside) == 1 and inside[0].unit == "%" and not inside[0].target:
        q = inside[0]
        for phrase in phrases:
            head, _, tail = phrase.partition("*")
            if tail and span.startswith(head) and span.endswith(tail) and \
                    not text[hs + len(head):q.start].strip(" \t") and not text[q.end:he - len(tail)].strip(" \t"):
                return q
        return None
    if inside:
        return None
    _, ce = t.clause(hs)
    after = t.quantities_in(he, min(ce, he + 8), limit=1)
    if after and after[0].unit == "%" and not after[0].target and _RATE_VERB.fullmatch(text, he, after[0].start):
        return after[0]
    return None


def zero_after(t: Text, he: int) -> bool:
    """"败诉率为零": a rate of zero written in words, right after the name."""
    _, ce = t.clause(he)
    return bool(_ZERO_AFTER.match(t.text, he, min(ce, he + 12)))


def means_only(t: Text, hs: int, he: int) -> Optional[bool]:
    """Is the phrase only one of the means of study listed in "通过A、B、C等手段…"? True: a means named, nothing
    held (通过集体学法、学法考试等手段，提高…); False: the forms of something held (通过组织…等形式 / …等形式开展学习);
    None: not in such a list."""
    ss, se = t.sentence(hs)
    lo = max(ss, hs - 40)
    at = t.text.rfind("通过", lo, hs)
    if at < 0:
        return None
    tail = _MEANS_AFTER.match(t.text, he, se)
    if tail is None:
        return None
    organised = _ORGANISED.search(t.text, at, hs) or _ORGANISED.search(t.text, tail.end(), min(se, tail.end() + 12))
    return not organised


def _named_on_topic(t: Text, hs: int, not_with: tuple[str, ...], subject: tuple[str, ...]) -> bool:
    """The near form's own name, quoted right before it (a word such as 专题 between), carries a subject word and none of not_with
    (举办“习近平法治思想大学堂”宣讲活动): its topic is its name's, whatever else its sentence names."""
    closed = t.text.rfind("”", max(0, hs - 3), hs)  # “…”宣讲, “…”专题宣讲
    if not subject or closed < 0:
        return False
    ss, _ = t.sentence(hs)
    opened = t.text.rfind("“", max(ss, closed - 30), closed)
    if opened < 0:
        return False
    name = t.text[opened + 1:closed]
    return any(literal(w) in name for w in subject) and not any(literal(w) in name for w in not_with)


def off_topic(t: Text, hs: int, not_with: tuple[str, ...], about: tuple[str, ...], subject: tuple[str, ...]) -> bool:
    """Is a near form at hs (宣讲, 专题考试) used in another sense than the indicator's?

    - a `not_with` word within its sentence ("宣讲党的二十大精神");
    - no `about` word in its sentence nor in the point before it ("参加专题考试6场次" is a law exam only in a
      point about 学法);
    - a bare near form, its sentence naming none of the `subject` words, in a point that set another topic
      before it ("一是…学习贯彻党的二十大精神…。领导班子成员分头…进行宣讲。"). With a subject of its own
      ("开展法治宣讲2场", "…组织宣讲…，掀起学习法治思想的热潮") the point's earlier topic does not decide.
    """
    if not_with and t.near_has(hs, not_with) and not _named_on_topic(t, hs, not_with, subject):
        return True
    if about and not t.topic_has(hs, about):
        return True
    return bool(not_with and subject and not t.sentence_has(hs, subject) and t.point_has(hs, not_with))


def shared_before(t: Text, hs: int) -> bool:
    """"综合培训和基层执法专项培训3次": another activity joined before the name shares the count."""
    cs, _ = t.clause(hs)
    return bool(_JOINED_BEFORE.search(t.text[max(cs, hs - 14):hs]))


_JOINED_BEFORE = rx.compile(r"(?:培训|讲座|考试|评查|宣讲|活动|学习|研讨|会议|课)[^,;。0-9]{0,2}[和及与、][^,;。0-9、和及与]{0,4}$")
# 作 holds a talk (作…专题报告); 作为 ranks a topic ("把宪法作为…专题课程"), nothing is held
_HELD_BY = rx.compile(r"开展|举办|组织|邀请|聘请|进行|开设|召开|带头|牵头|实行|推行|落实|作(?!为)|完成|参加|参与|接受")


_OPENERS, _CLOSERS = "《“(「‘", "》”)」’"
_ROUTINE = rx.compile(r"(?:常态化|经常性|日常化|长效化)[ \t]?$")


def routine(t: Text, hs: int) -> bool:
    """"组织干部常态化学法考试": a practice named as a standing routine, the qualifier right before the activity
    (not "常态化开展法治讲座", where an activity is said to be held)."""
    return bool(_ROUTINE.search(t.text, max(0, hs - 4), hs))


# The object of an effort: "加强执法人员日常学习培训", "强化案卷评查" strengthen a practice; no occasion is reported
_EFFORT_BEFORE = rx.compile(r"(?:加强|强化|注重|重视|抓好|抓实|狠抓|深化)[^,;:。0-9]{0,8}$")


def effort_only(t: Text, hs: int) -> bool:
    """Is the activity at hs only the object of an effort (加强…培训, 强化对全县行政执法人员的培训), in its clause, with
    no verb there that holds it?"""
    cs, _ = t.clause(hs)
    return bool(_EFFORT_BEFORE.search(t.text, max(cs, hs - 12), hs)) and not held(t, hs)


# Another body's act the reporting body helps with or oversees: "配合新区完成…", "督促各县区公布…", "协助区政府编制…"
_HELPED = rx.compile(r"(?:配合|协助|协同|督促|指导)[^,;:。]{0,12}$")


def helped_only(t: Text, hs: int) -> bool:
    """Is the duty named at hs, in its clause, another body's that the reporting body only helps with (配合, 协助) or
    oversees (督促, 指导)?"""
    cs, _ = t.clause(hs)
    return bool(_HELPED.search(t.text, max(cs, hs - 16), hs))


def rate_stated(t: Text, he: int) -> bool:
    """"考核合格率99.5%": a pass or participation rate stated right after an exam's name ending in 率 says it was held
    (not "考试合格率不低于90%", a target)."""
    if t.text[he - 1:he] != "率":
        return False
    _, ce = t.clause(he)
    figures = t.quantities_in(he, min(ce, he + 12), limit=1)
    return bool(figures) and figures[0].unit == "%" and not figures[0].target


def held(t: Text, hs: int) -> bool:
    """Is the activity named at hs said to be held (举办…, 邀请…为…授课, 开展…) in the same clause, a comma inside
    a quoted title not ending the clause?"""
    ss, _ = t.sentence(hs)
    text, depth, i = t.text, 0, hs - 1
    while i >= max(ss, hs - 60):
        c = text[i]
        if c in _CLOSERS:
            depth += 1
        elif c in _OPENERS:
            depth = max(0, depth - 1)
        elif c in ",;:" and depth == 0:
            break
        i -= 1
    return bool(_HELD_BY.search(text, i + 1, hs) or _HELD_BY.match(text, hs)  # or the phrase opens with it: 作…专题培训
                or _TO_AUDIENCE.search(text, i + 1, hs))  # the near form is the verb: 对地方政府负责人宣讲…


# A near form used as the predicate after whom it is for: "对地方政府负责人宣讲…", "向机关干部授课", "为班子成员授课"
# 为 ends verbs too (列为, 作为, 成为, 定为, 视为, 纳为): "列为各级党校教学专题课程" makes a topic part of a syllabus; no one
# is lectured there
_TO_AUDIENCE = rx.compile(r"(?:对|向|给|(?<![列作成定视纳改评认称选划转])为)[^,;:。对向给为]{2,20}$")
