"""Words of a plan sentence: the noun phrase an indicator or a duty is called by, and the shorter forms a report
is likely to use for it. Word boundaries come from jieba; the word lists name what a phrase may not start or end
with (adverbs, verbs of intent, time words, 均/都/要 …).
"""
from __future__ import annotations

import logging
import re
from typing import Optional

from .plan import CLAUSE_END

LEAD_WORDS = {"确保", "力争", "实现", "推动", "推进", "进一步", "全面", "持续", "不断", "切实", "努力", "提升", "提高",
              "开展", "组织", "组织开展", "举办", "召开", "举行", "进行", "完成", "落实", "深入", "认真", "积极",
              "保证", "使", "让", "将", "要", "全县", "全市", "全州", "全区", "全省", "全旗", "各级", "各地", "年内",
              "全年", "每年", "今年", "本年度", "上年度", "年度", "原则上", "做到", "争取", "并", "且", "同时", "其中",
              "分别", "均", "都", "也", "还", "又", "再", "已", "已经", "逐步", "一律", "先后", "相继"}
_LEAD_FLAGS = {"d", "c", "p", "r", "t", "m", "u", "f", "x", "ad", "uj", "ul", "y", "e", "o", "q"}
_TRAIL = re.compile(r"(均|都|要|应|须|必须|应当|需|需要|力争|确保|将|总体|保持|稳定|继续|可|能|全部|整体)+$")
TIME_WORDS = re.compile(r"^(上一?年度|本年度|上年度|年度|全年|每年|当年|年内)")
_GENERIC_HEAD = {"行政", "行政机关", "全县", "全市", "全州", "全区", "全省", "各级", "县级", "市级", "本级", "政府", "各类"}

SYSTEM_VERBS = ("建立健全", "健全完善", "严格落实", "全面落实", "严格执行", "认真落实", "全面推行", "建立", "健全", "完善",
                "落实", "推行", "实行", "执行", "坚持", "贯彻", "遵守", "创新", "规范", "深化", "加强", "推进")
_OBJ_STOP = ("制定", "编制", "做好", "建立", "健全", "完善", "梳理", "发布", "形成", "推行", "实行", "落实", "调整",
             "修订", "出台", "公开", "公布", "开展", "实施", "执行", "严格", "加强", "推进", "及时", "各", "于", "在",
             "对", "将", "把", "由", "并", "和", "及")
STOP_TOKENS = set(SYSTEM_VERBS) | set(_OBJ_STOP) | {
    "的", "前", "之前", "做好", "好", "完成", "建成", "基本建成", "实现", "出台", "印发", "向", "社会", "年底", "深入",
    "严格", "全面", "认真", "进一步", "持续", "切实", "积极", "逐步", "不断", "加快"}


def jieba():
    import jieba as _jieba
    import jieba.posseg  # noqa: F401  (loads the tagger)

    _jieba.setLogLevel(logging.WARNING)
    return _jieba


def strip_quotes(s: str) -> str:
    return re.sub(r"[“”\"'‘’《》<>「」]", "", s).strip()


def clean_name(phrase: str) -> str:
    """The noun phrase an indicator is called by: leading adverbs, verbs of intent and time words removed."""
    s = _TRAIL.sub("", phrase.strip(" ,;:、"))
    if not s:
        return ""
    toks = [(w.word, w.flag) for w in jieba().posseg.cut(s)]
    while toks and (toks[0][0] in LEAD_WORDS or toks[0][1] in _LEAD_FLAGS or re.fullmatch(r"[\d年月日]+", toks[0][0])):
        if toks[0][1] == "p" and len(toks) > 1 and len(toks[1][0]) == 1 and toks[1][1] == "n":
            break  # 在岗, 在编, 在职: one word the tagger split, not a preposition
        if toks[0][1] == "d" and toks[0][0] not in LEAD_WORDS and len(toks) > 1 and toks[1][1] in ("v", "vn"):
            break  # 依申请类事项, 按期办结率, 从严审查: the manner of the verb counted is part of the name
        toks.pop(0)
    s = TIME_WORDS.sub("", "".join(w for w, _ in toks)).strip(" ,;:、的")
    if s.count("”") > s.count("“"):
        s = "“" + s  # the opening quote went with the leading words
    return s


def _unquote(s: str) -> str:
    s = re.sub(r"^[“”\"《》「」]+|[“”\"《》「」]+$", "", s)
    return re.sub(r"[“”\"《》「」]+", "*", s)


def alias_variants(name: str) -> list[str]:
    """The name, and a shorter form a report is likely to use; quotes become gaps (with or without quotes)."""
    out = [_unquote(name)]
    base = re.sub(r"(活动|工作)$", "", name)
    if base != name and len(base) >= 4:
        out.append(_unquote(base))
    words = [w for w in jieba().lcut(base) if w.strip()]
    cand = None
    if len(words) > 2 and words[0] in _GENERIC_HEAD:
        cand = "".join(words[1:])
    elif len(words) >= 2 and words[0].startswith("行政") and len(words[0]) > 2:
        cand = words[0][2:] + "".join(words[1:])  # 行政复议决定履行率 -> 复议决定履行率
    if cand and len(cand) >= 4:
        out.append(_unquote(cand))
    return list(dict.fromkeys(out))


def gap_variant(phrase: str) -> Optional[str]:
    """A long phrase as `head*tail`: 重大行政决策事项目录 -> 重大行政*目录."""
    words = [w for w in jieba().lcut(phrase) if w.strip()]
    if len(words) >= 4 and len(phrase) > 6:
        return "".join(words[:2]) + "*" + words[-1]
    return None


def object_before(sentence: str, end: int, verbs: tuple = ()) -> str:
    """The noun phrase ending at `end`: words back to the last verb, preposition, 的 or clause start."""
    cs = max((x.end() for x in CLAUSE_END.finditer(sentence, 0, end)), default=0)
    out: list[str] = []
    for t in reversed(jieba().lcut(sentence[cs:end])):
        if t in STOP_TOKENS or t in verbs or re.fullmatch(r"[\d年月日底末]+", t):
            break
        out.insert(0, t)
    return TIME_WORDS.sub("", "".join(out).strip())


def duty_object(rest: str) -> str:
    """What a deadline sentence asks to be done: 完成行政执法主体资格清理并向社会公布 -> 行政执法主体资格清理."""
    first = next((c for c in re.split(r"[,;:]", rest) if c.strip()), "")
    if "的" in first:
        first = first.split("的")[-1]
    toks = jieba().lcut(first)
    while toks and (toks[0] in STOP_TOKENS or toks[0] in LEAD_WORDS):
        toks.pop(0)
    out = []
    for t in toks:
        if t in ("并", "及", "和", "向", "并向"):
            break
        out.append(t)
    return strip_quotes("".join(out))[:30]


def in_title(sentence: str, pos: int) -> bool:
    """Inside 《…》: the name of a document, not a duty."""
    return sentence.count("《", 0, pos) > sentence.count("》", 0, pos)
