"""What a target is set for: the indicator named around it, and the several indicators one target is shared by.

    行政机关负责人出庭应诉率不低于90%              the phrase before the target
    每年发布1次行政复议典型案例                     the phrase after it (a count of something done)
    对上年度行政执法案卷至少开展1次评查             对 X … 评查 -> X评查
    备案率、合法性审查率、覆盖率均保持100%          three rates, one target
    政府常务会议、部门领导班子会议会前学法每年不少于4次   the shared tail (会前学法) given to each
    依法履行行政诉讼裁判、行政复议决定率达到95%以上  the shared verb and 率 given to each
    党委、党组每年专题学法不少于2次                 subjects, not indicators: one rule
"""
from __future__ import annotations

import re

from ...grammar.plan_targets import TARGET_VERBS, WINDOW, PlanTarget
from .phrases import TIME_WORDS, clean_name, jieba

RATE_END = re.compile(r"(率|比例|比率)$")
_FREQ_WORDS = re.compile(r"每年度?|年内|全年|年度内|每季度|每半年|每月|每周")
_NOTES = re.compile(r"[(（][^()（）]{0,30}[)）]")  # (3分), (含…), (牵头单位…)
_COLLECTIVE = re.compile(r"等[^、]{0,4}$")  # 法治讲座、法律培训等活动: one total, not one target each
_EACH = re.compile(r"(均|各|都|分别)$")


# Verbs that only say a thing takes place (会前学法每月至少安排1次): no part of its name, unlike 报送 or 发布
_LIGHT_VERBS = {"安排", "进行", "组织", "开展", "组织开展", "举办", "举行", "召开", "集中", "参加", "接受", "主持", "讲授"}
_SCORE_CELL = re.compile(r"[0-9]+(?:\.[0-9]+)?分")  # a scoring table's points, written between its cells
_COMPARED = re.compile(r"(较|比|与)[^、,]{0,14}?(时|相比|同期)?$")  # 较2010年时: the baseline of a change


def _plain(text: str, before: bool = True) -> str:
    """Text around a target without notes in brackets, period words, or the score cells before it; inside an
    open bracket (工作台账(基础数据半年报送1次…) only the bracket's own words."""
    text = _FREQ_WORDS.sub("", _NOTES.sub("", text))
    if before and (m := re.search(r"[(（][^()（）]*$", text)):
        text = text[m.start() + 1:]
    elif not before and (m := re.match(r"^[^()（）]*[)）]", text)):
        text = text[:m.end() - 1]
    elif not before:
        text = re.sub(r"[(（][^()（）]*$", "", text)  # …联系(联系电话: the bracket is cut by the clause
    cells = list(_SCORE_CELL.finditer(text))
    return text[cells[-1].end():] if cells else text


def _shared_tail(parts: list[str]) -> list[str]:
    """政府常务会议、部门领导班子会议会前学法 -> the last part's tail after the ending the first part shares with it."""
    first, last = parts[0], parts[-1]
    for n in range(min(len(first), 6), 1, -1):
        at = last.rfind(first[-n:])
        if at >= 0 and at + n < len(last):
            tail = last[at + n:]
            return [p + tail for p in parts[:-1]] + [last]
    return []


def _shared_rate(parts: list[str]) -> list[str]:
    """依法履行行政诉讼裁判、行政复议决定率 -> each with 率, and with the verb the first part governs them by."""
    tokens = list(jieba().posseg.cut(parts[0]))
    verbs = [i for i, t in enumerate(tokens) if t.flag == "v" and i < len(tokens) - 1]
    if not verbs:
        return []  # 行政决定、行政裁决在行政复议中被维持率: subjects of one rate, not several rates
    suffix = RATE_END.search(parts[-1]).group(1)
    prefix = "".join(t.word for t in tokens[:verbs[0] + 1])
    heads = [p if RATE_END.search(p) else p + suffix for p in parts[:-1]] + [parts[-1]]
    return [heads[0]] + [prefix + h for h in heads[1:]]


def _parallel_tail(parts: list[str]) -> list[str]:
    """行政处罚、行政许可案卷合格率分别…: the last part's head as long as the first part, its tail shared."""
    head = len(parts[0])
    if len(parts[-1]) <= head + 1:
        return []
    tail = parts[-1][head:]
    return [p + tail for p in parts[:-1]] + [parts[-1]]


def split_shared(name: str, each: bool = False) -> list[str]:
    """The indicators a target named `name` is set for (one, or each of a list)."""
    if _COLLECTIVE.search(name):
        return [name]
    parts = [p for p in name.split("、") if p]
    if len(parts) == 1:
        both = [p for p in re.split(r"和|及|与", name) if p]
        if len(both) > 1 and all(RATE_END.search(p) for p in both):
            parts = both
    if len(parts) < 2:
        return [name]
    if all(RATE_END.search(p) for p in parts):
        return parts
    if each:  # 均, 各, 分别: one target for each of the list
        return _shared_tail(parts) or _parallel_tail(parts) or parts
    if RATE_END.search(parts[-1]):
        return _shared_rate(parts) or [name]
    return _shared_tail(parts) or [name]


def _qualifier(sentence: str, cs: int, clause_start) -> str:
    """A qualifier in the clause before: 经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%."""
    if cs <= 1:
        return ""
    prev = sentence[clause_start(cs - 1):cs - 1].strip()
    return clean_name(prev) if prev.endswith("中") and len(prev) <= 30 else ""


_SUBJECT_STOP = {"p", "v", "d", "c", "r", "u", "m", "q", "x", "ad", "uj", "ul", "f"}


def sentence_subject(sentence: str) -> str:
    """行政规范性文件按照规定的程序报送备案 -> 行政规范性文件: the nouns a sentence opens with."""
    head = re.split(r"[,;:]", sentence, maxsplit=1)[0][:30]
    words = []
    for w in jieba().posseg.cut(head):
        if w.flag in _SUBJECT_STOP or w.flag.startswith("v") and w.flag != "vn":
            break
        words.append(w.word)
    subject = "".join(words)
    return subject if len(subject) >= 4 else ""


# A list item that is a duty of its own (不得创新行政处罚、报备率…百分之百): the rates after it are no part of it
_PREDICATE = re.compile(r"不得|严禁|禁止|不准|应当|必须")


def _after_predicates(name: str) -> str:
    parts = name.split("、")
    last = max((i for i, p in enumerate(parts[:-1]) if _PREDICATE.search(p)), default=-1)
    return "、".join(parts[last + 1:]) if last >= 0 else name


def _with_subject(names: list[str], sentence: str, cs: int, own: str = "") -> list[str]:
    """报备率、报备及时率、规范率均达100%: bare rates take the subject the sentence opened with (or the one their
    clause opened with, before a duty of its own: 政府规范性文件不得…、报备率…)."""
    if not (own or cs) or not (all(len(n) <= 5 for n in names) or own and len(names[0]) <= 5):
        return names
    subject = own or sentence_subject(sentence)
    return [subject + n if subject and subject not in n else n for n in names]


def target_names(t: PlanTarget, sentence: str, cs: int, ce: int, clause_start) -> list[str]:
    """The indicator(s) of a rate or count target: before it, or after it for a count of something done."""
    clause = cs
    cs, ce = max(cs, t.start - WINDOW), min(ce, t.end + WINDOW)
    before, after = _plain(sentence[cs:t.start]), _plain(sentence[t.end:ce], before=False)
    if t.kind == "change":
        before = _COMPARED.sub("", before)
    each = bool(t.values) or bool(_EACH.search(sentence[cs:t.start].rstrip()))
    after_name = clean_name(re.sub(r"^(的|地)", "", after))
    if re.match(r"^(的|地)?(目标|要求|共|合计|累计)", after):
        after_name = ""  # 半年报送1次共2次: a total, not what is done
    if t.kind == "rate" and "比例" in t.text and len(after_name) >= 2:
        return [after_name + "比例"]  # 按1/3的比例组织行政执法人员轮训
    if t.kind in ("count", "amount") and len(after_name) >= 2:
        if "对" in before and len(after_name) <= 4:
            obj = clean_name(TIME_WORDS.sub("", before.split("对")[-1]))
            return [obj + after_name] if obj else [after_name]
        return [after_name]
    name = clean_name(before)
    own = ""
    if t.kind == "rate" and (cut := _after_predicates(name)) != name:
        own, name = sentence_subject(sentence[clause:]), clean_name(cut)
    if not name:
        return [after_name] if len(after_name) >= 2 else []
    verb = next((v for v in TARGET_VERBS if v in t.text), "") if t.kind in ("count", "amount") else ""
    if verb and not name.endswith(verb) and verb not in _LIGHT_VERBS:
        name += verb  # 基础数据半年报送1次 -> 基础数据报送
    if t.kind in ("rate", "change"):
        name = (_qualifier(sentence, clause, clause_start) if clause == cs else "") + name
    names = split_shared(name, each)
    if t.kind == "rate":
        names = _with_subject(names, sentence, clause, own)
    if t.kind == "change":
        names = [n + ("降幅" if t.down else "增幅") for n in names]
    return names


def object_after(t: PlanTarget, sentence: str, ce: int) -> str:
    """What a duration, cycle or lead time is for: 15日内上报备案 -> 上报备案; 三年对全体执法人员轮训一遍 -> 全体执法人员轮训."""
    inner = ""
    if t.kind == "cycle":
        inner = re.sub(r"^(每隔)?[^年]{1,4}年(要|应|须)?(进行|开展|组织)?|(一次|一遍|一轮|全覆盖)$", "", t.text)
    rest = re.sub(r"^(的|地)", "", inner + _plain(sentence[t.end:min(ce, t.end + WINDOW)], before=False))
    if m := re.match(r"向[^向]{1,12}?(报送|报告|提交|上报|备案)", rest):  # 向本级人民政府报送… -> 报送…
        rest = m.group(1) + rest[m.end():]
    return clean_name(rest)


def zero_object(sentence: str, end: int, ce: int) -> str:
    """不发生…的重大行政执法违法案件 -> 重大行政执法违法案件."""
    return clean_name(sentence[end:min(ce, end + WINDOW)].split("的")[-1])


def object_before(t: PlanTarget, sentence: str, cs: int) -> str:
    """讲解时间控制在30分钟内 -> 讲解时间: a duration set for the thing named before it."""
    return clean_name(_plain(sentence[max(cs, t.start - WINDOW):t.start]))
