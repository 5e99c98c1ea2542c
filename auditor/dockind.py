"""dockind: what the document is (an annual report, a work plan, a scoring sheet, a 制度, news of one), read
from classes of evidence, each a sign a person would name:

- the genre its title ends in (…工作要点, …学法制度, …评分细则 against …情况的报告, …工作总结);
- a notice issuing a plan (现将《…》印发) or arranging an activity (现就…有关事项通知如下), a plan's headings (指导思想, 工作目标), task owners (牵头单位：);
- articles numbered 第一条, 第二条 and a text naming itself (特制定本制度, 本办法自…起施行);
- a scoring sheet's points (分值, 扣2分, （15分）);
- news framing a document (近日，…印发《…意见》; 草案规定，…);
- the body's grammar: sentences of duties (应当, 须, 不得, 不少于, 每年至少) against a report's narrative of what
  was done (完成了, 累计, 共办理…件, 同比);
- against them, a report's headings (主要举措和成效, 存在的问题, 下一步打算) and its opening (现将…报告如下).

A title decides alone. Otherwise the weights of each side are summed: strong plan evidence and no report
evidence is a plan, refused by `auditor check`; plan evidence that outweighs mixed report evidence, or weak plan
evidence alone, is uncertain: the document is audited as a report with a warning naming the signs. When in
doubt, a report: refusing a real report is worse than auditing a plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from . import rx
from .fold import fold

HEAD = 8000  # the opening the body evidence is read from
GRAMMAR_HEAD = 3000  # the opening whose sentences are classed as duties or narrative


@dataclass(frozen=True)
class KindReading:
    kind: str  # a key of models.DOCUMENT_KIND_LABELS
    certain: bool = True  # False: audited as a report, with a warning naming `signs`
    signs: tuple[str, ...] = ()  # the evidence, in Chinese, strongest first


@dataclass(frozen=True)
class _Sign:
    side: str  # "plan" or "report"
    weight: int  # 1 weak (grammar), 2 strong, 3 decisive on its own
    kind: str  # the kind the sign points to (annual_report for report signs)
    label: str  # Chinese, for the alert


# --- the title's genre: the head noun a title ends in ---------------------------------------------------------
# 关于印发《…工作要点》的通知 is the plan; a title citing a document (关于落实《…纲要》情况的报告) is its own genre
_TITLE_TAIL = rx.compile(r"\s*(?:[(（〔][^()（）〔〕]{0,20}[)）〕]\s*)+$")  # （草案） （试行） （2021—2025年）
_REPORT_GENRE = rx.compile(r"(报告|总结|情况|汇报|综述)$")
_SCORING_GENRE = rx.compile(r"(指标体系|考核办法|考核细则|考评办法|考评细则|考评制度|考核制度|考核评价|评价指标|评分标准|"
                            r"评分细则|评分表|考核方案|考核指标|评估指标|考核标准|验收标准|评价标准|指标)$")
_PLAN_GENRE = rx.compile(r"(工作要点|要点|实施方案|行动方案|工作方案|方案|工作计划|学法计划|计划|工作安排|任务清单|责任清单|清单|"
                         r"任务分工|规划)$")
_REPORT_JOINED = rx.compile(r"(报告|总结)(?:和|及|与|暨|以及|并)")
_RULES_GENRE = rx.compile(r"(制度|规定|办法|规则|细则|守则|规范)$")
_POLICY_GENRE = rx.compile(r"(意见|决定|纲要|决议)$")
_ISSUE_NOTICE = rx.compile(r"(?:印发|转发|下发)[^《》]{0,4}(?:《([^《》]+)》|(.+?))的?通知$")


# A title guess that is a sentence or an item (6.…有报告. 见报告, a scoring sheet's row): no evidence of a genre
_NOT_A_TITLE = rx.compile(r"[，,。；;！!？?]|\.(?=[\s\u4e00-\u9fff])|^\s*(?:\d+\s+)?\d+\s*[.、]")


def title_genre(title: str) -> Optional[str]:
    """The kind a title's head noun names, or None: 某县2024年法治政府建设工作要点 -> work_plan, 关于印发《…考核细则》的通知
    -> scoring_system, 某镇领导干部集体学法制度 -> rules, 关于…情况的报告 -> annual_report."""
    t = _TITLE_TAIL.sub("", fold(title)[0].strip())
    if m := _ISSUE_NOTICE.search(t):
        cited = _TITLE_TAIL.sub("", (m.group(1) or m.group(2) or "").strip())
        return _genre_of(cited) or "work_plan"  # a notice issues a plan of some kind
    return _genre_of(re.sub(r"《[^《》]*》", "", t) if not t.startswith("《") else t.strip("《》"))


def _genre_of(t: str) -> Optional[str]:
    if _REPORT_GENRE.search(t) or _REPORT_JOINED.search(t):  # …2023年工作总结和2024年工作计划: a report first
        return "annual_report"
    if _SCORING_GENRE.search(t) or _RULES_GENRE.search(t) and re.search(r"(考核|考评|评分|评价|评估|验收)", t):
        return "scoring_system"
    if _PLAN_GENRE.search(t):
        return "work_plan"
    if _RULES_GENRE.search(t):
        return "rules"
    if _POLICY_GENRE.search(t):
        return "other"
    return None


# A document's own title line the title guess does not take (it wants 法治/依法行政 in it): 林业局…会前学法制度
_TITLE_LINE = rx.compile(r"^[\s·•|｜]*(?:[^\s:：>›»]{0,30}[:：>›»]\s*)?([\u4e00-\u9fff“”《》()（）、\d]{4,40})\s*$")
_SENTENCE_MARK = rx.compile(r"[,，。;；!?！？]")
_LINK_LINE = rx.compile(r"(上一篇|下一篇|相关|推荐|热门|阅读|附件)")  # a link to another document, not this one's title
_HEADING_MARK = rx.compile(r"^\s*(?:第[一二三四五六七八九十]+[部分条章节]|[一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．])")


def _title_line(lines: list[str]) -> Optional[str]:
    """The first short line without a sentence in it, among the first non-empty three, when its genre is known."""
    for line in [x for x in lines[:12] if x.strip()][:3]:
        if _SENTENCE_MARK.search(line) or _HEADING_MARK.match(line) or _LINK_LINE.search(line):
            continue
        if (m := _TITLE_LINE.match(line)) and len(m.group(1)) >= 6 and title_genre(m.group(1)):
            return m.group(1)
    return None


# --- structure ---------------------------------------------------------------------------------------------------
_ISSUING = rx.compile(r"现将《[^《》]{0,60}(要点|计划|方案|规划|清单|办法|细则|指标|制度|规定)》(?:予以)?印发")
_TASK_OWNER = rx.compile(r"(牵头单位|责任单位|配合单位|完成时限|责任领导)\s*[:：]")
_PLAN_HEADING = rx.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|第[一二三四五六七八九十]+部分)\s*"
                           r"(指导思想|总体要求|工作目标|目标任务|主要任务|基本原则|保障措施|实施步骤|工作要求)", re.M)
# A report's headings: the keyword ends the heading (一、存在的问题和不足 / 三、2024年工作安排), not a duty's line that
# happens to hold it (一、会前学法原则上每月至少安排1次，…)
_REPORT_HEADINGS = (
    ("成效", rx.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|第[一二三四五六七八九十]+部分)[^\n，,。；;]{0,30}"
                        r"(?:举措|成效|成绩|开展情况|工作情况|建设情况|推进情况|落实情况)[^\n，,。；;\d]{0,10}(?:$|[。：:\s])", re.M)),
    ("问题", rx.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|第[一二三四五六七八九十]+部分)[^\n，,。；;]{0,30}"
                        r"(?:存在|不足|问题|短板)[^\n，,。；;\d]{0,10}(?:$|[。：:\s])", re.M)),
    ("下一步", rx.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|第[一二三四五六七八九十]+部分)[^\n，,。；;]{0,30}"
                         r"(?:下一步|下步|打算|工作安排|工作计划|工作思路|努力方向)[^\n，,。；;\d]{0,10}(?:$|[。：:\s])", re.M)),
)
# A notice arranging an activity (an exam, a training, a check): 现就…有关事项通知如下, 特此通知. A report states
# what was done (报告如下); a notice tells its addressees what to do
_NOTICE_ARRANGES = rx.compile(r"(?:有关|相关)?事项(?:安排|通知|明确)如下|特此通知")
_REPORTED_ON = rx.compile(r"(?:报告|汇报)如下|(?:特此|专此)报告")
# Articles: 第一条, 第二条 opening a line or a sentence (not 《条例》第十二条 cited inside one: _opens_sentence)
_ARTICLE = rx.compile(r"第([一二三四五六七八九十]{1,3})条(?=[\s\u4e00-\u9fff])")
# The text naming itself by its genre: 特制定本制度; at a sentence's start, 本办法自…起施行, 本制度适用于
_SELF_GENRE = "制度|办法|细则|规定|方案|意见|标准|要点|计划|规则|决定"
_SELF_MADE = rx.compile(rf"制(?:定|订)了?本((?:实施|工作|管理|考核)?(?:{_SELF_GENRE}))")
_SELF_SUBJECT = rx.compile(rf"本((?:实施|工作|管理|考核)?(?:{_SELF_GENRE}))(?=自|由|适用|所称|未尽|中|规定|的|经)")
_SENTENCE_START = frozenset("\n。；; \t\u3000")


def _opens_sentence(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] in _SENTENCE_START
_SCORE_MARKS = rx.compile(r"(扣\s*\d+(?:\.\d+)?\s*分|得\s*\d+\s*分|计\s*\d+\s*分|[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]|"
                          r"计入总分|评分标准|考评内容|考核内容|分值)")

# --- news framing a document: 近日，…印发《…意见》 / 市人大常委会会议审议了《…决定(草案)》 ---------------------------
_NEWS_FRAME = rx.compile(r"(?:近日|日前|昨日|今日|昨天|今天|近期|本报讯|讯\s*[(（]?记者|记者|据悉|据了解)")
_NEWS_ISSUES = rx.compile(r"(?:印发|出台|发布|制定|审议|通过|下发|公布)了?[^。，,]{0,20}?(?:《[^《》]{2,60}》|"
                          r"(?:意见|制度|办法|方案|要点|规定|决定|草案|细则|计划|规划))")
_NEWS_RELAYS = rx.compile(r"(?:规定|要求|明确|提出|指出)[,，:：]")

# --- grammar: duties against a narrative of what was done --------------------------------------------------------
_DUTY = rx.compile(r"(应当|必须|务必|(?<![必无])须(?!知)|不得|严禁|不少于|不低于|不超过|不多于|(?<![达到])至少|力争|原则上|一律|"
                   r"(?<![相反适响供对回效感呼照顺])应(?![用对急届聘收付答诉邀有该])|"
                   r"每(?:年|季度|半年|月|周|学期)[^，,。；;了]{0,10}?(?:定期|组织|开展|举办|举行|进行|召开|安排)|"
                   r"(?<![主重需只纲摘提概必简])要(?![求点素件案害闻事的么])(?=(?:[\u4e00-\u9fff]{0,2})(?:加强|建立|健全|严格|认真|坚持|"
                   r"落实|组织|开展|推进|做好|按时|及时|定期|切实|进一步|把|将|以|在|对|结合|通过|根据|围绕|集中)))")
_DONE = rx.compile(r"((?<![为除罢])了(?![解如])|累计|共计|合计|同比|环比|截至|截止|(?<![一早])已(?:经)?|先后|荣获|获评|"
                   r"取得|圆满|顺利完成|共(?:办理|开展|举办|受理|组织|完成|培训|审查|化解|接待|发放|调解|排查|召开|出动|"
                   r"立案|审核|备案|清理|收到|处理|查处))")
# A count stated as a result (培训12场次, 述法1300余人), not a bound or a period's quota (不少于2次, 2期以上, 每月2次)
_COUNTED = rx.compile(r"\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:人次|场次|次|场|件|期|人|家|项|篇|份|部|个)(?!以上|以内|以下|左右)")
_BOUND_BEFORE = rx.compile(r"(?:不少于|不低于|不超过|不多于|至少|少于|低于|多于|达到|达|每[\u4e00-\u9fff]{0,6})[^，,]{0,4}$")
# 每年应至少举办两次…, 要按时完成…: a done-word a modal governs states a duty
_MODAL_BEFORE = rx.compile(r"(?<![主重需只])(?:应当|应|要|须|必须)(?:至少|按时|及时|定期|认真|全面|依法)?[\u4e00-\u9fff]{0,2}$")
_POINTS = rx.compile(r"\d+(?:\.\d+)?\s*分(?![钟之类别期局析工配解管级布散批])")
_SENTENCES = rx.compile(r"[^。；;！!？?\n]+")
# Titles and slogans cited, and set phrases (应知应会, 应述尽述, 应编尽编): their words are not the text's own
_CITED = rx.compile(r"《[^《》]*》|“[^“”]*”|应知应会|应[\u4e00-\u9fff]尽[\u4e00-\u9fff]")


def _narrates(s: str) -> bool:
    if any(not _MODAL_BEFORE.search(s[max(0, d.start() - 8):d.start()]) for d in _DONE.finditer(s)):
        return True
    return any(not _BOUND_BEFORE.search(s[max(0, c.start() - 10):c.start()]) for c in _COUNTED.finditer(s))


def grammar(head: str) -> tuple[int, int]:
    """(sentences stating duties only, sentences narrating what was done only)."""
    duty = done = 0
    for m in _SENTENCES.finditer(_CITED.sub("《》", head)):
        s = m.group(0)
        if len(s) < 6 or _POINTS.search(s):  # a scoring row (…（6分）, 合计6分): the sheet's grammar, neither
            continue
        has_duty = bool(_DUTY.search(s))
        has_done = _narrates(s)
        duty += has_duty and not has_done
        done += has_done and not has_duty
    return duty, done


def _article_numbers(head: str) -> set[str]:
    return {m.group(1) for m in _ARTICLE.finditer(head) if _opens_sentence(head, m.start())}


def _self_named(head: str) -> Optional[str]:
    """The genre a text calls itself by (特制定本制度 -> 制度), or None."""
    if m := _SELF_MADE.search(head):
        return m.group(1)
    return next((m.group(1) for m in _SELF_SUBJECT.finditer(head) if _opens_sentence(head, m.start())), None)


def _news_of_a_document(opening: str) -> bool:
    """近日，…印发《…意见》 / 出台意见: news framing, and a document of some genre other than a report issued."""
    if not _NEWS_FRAME.search(opening):
        return False
    for m in _NEWS_ISSUES.finditer(opening):
        cited = re.search(r"《([^《》]+)》", m.group(0))
        if cited is None or title_genre(cited.group(1)) not in (None, "annual_report"):
            return True
    return False


def signs(text: str) -> list[_Sign]:
    """Every piece of evidence the opening holds, of both sides."""
    head = text[:HEAD]
    out: list[_Sign] = []
    if line := _title_line(head.split("\n", 12)[:12]):
        genre = title_genre(line)
        out.append(_Sign("report" if genre == "annual_report" else "plan", 3, genre, f"开头一行是“{line}”"))
    if len(found := {name for name, p in _REPORT_HEADINGS if p.search(head)}) >= 1:
        out.append(_Sign("report", 3 if len(found) >= 2 else 1, "annual_report",
                         "有年度报告的标题（" + "、".join(n for n, _ in _REPORT_HEADINGS if n in found) + "）"))
    if _REPORTED_ON.search(head):
        out.append(_Sign("report", 2, "annual_report", "有“现将……报告如下”"))
    if _ISSUING.search(head[:1500]):
        out.append(_Sign("plan", 3, "work_plan", "有印发工作要点的通知（现将《……》印发）"))
    if _NOTICE_ARRANGES.search(head[:1500]):
        out.append(_Sign("plan", 3, "other", "是安排工作的通知（现就……有关事项通知如下、特此通知）"))
    if _PLAN_HEADING.search(head):
        out.append(_Sign("plan", 2, "work_plan", "有工作要点的标题（指导思想、工作目标等）"))
    if len(_TASK_OWNER.findall(head)) >= 2:
        out.append(_Sign("plan", 2, "work_plan", "列有牵头单位、责任单位"))
    scored = len(_SCORE_MARKS.findall(head))
    if scored >= 3:
        out.append(_Sign("plan", 3, "scoring_system", "有分值和扣分办法"))
    if len(_article_numbers(head)) >= 2:
        out.append(_Sign("plan", 2, "rules", "按“第一条、第二条”分条规定"))
    if genre := _self_named(head):
        kind = _genre_of(genre)
        out.append(_Sign("plan", 2, "rules" if kind in (None, "annual_report") else kind, f"称自己为“本{genre}”"))
    opening = head[:400]
    if _news_of_a_document(opening):
        out.append(_Sign("plan", 2, "news", "是介绍文件出台的新闻（近日……印发、出台）"))
    elif len(_NEWS_RELAYS.findall(opening)) >= 2 and re.search(r"(?:草案|意见|制度|办法|规定|决定)(?:规定|要求|明确|提出)", opening):
        out.append(_Sign("plan", 2, "news", "转述文件的规定（草案规定、制度要求）"))
    if not any(x.side == "plan" for x in out) and sum(x.weight for x in out) >= 2:
        return out  # a report's evidence no grammar can outweigh (a plan's grammar weighs 2 at most)
    duty, done = grammar(head[:GRAMMAR_HEAD])
    if duty >= 3 and duty >= 3 * done:
        out.append(_Sign("plan", 2 if duty >= 4 and done == 0 or duty >= 6 and done <= 1 else 1, "work_plan",
                         f"正文是要求（应当、须、不少于等）{duty} 句，叙述已完成工作的只有 {done} 句"))
    elif done >= 2 and done >= 2 * duty:
        out.append(_Sign("report", 3 if done >= 10 else 2 if done >= 5 else 1, "annual_report",
                         f"正文叙述已完成的工作（完成了、累计、同比等）{done} 句"))
    return out


def read_kind(title: Optional[str], text: str) -> KindReading:
    """What the document is. `title` and `text` are folded (simplified)."""
    if title and not _NOT_A_TITLE.search(title) and (own := title_genre(title)):
        return KindReading(own, True, () if own == "annual_report" else (f"标题为“{title}”",))
    found = signs(text)
    plan = sorted((s for s in found if s.side == "plan"), key=lambda s: -s.weight)
    report = [s for s in found if s.side == "report"]
    p, r = sum(s.weight for s in plan), sum(s.weight for s in report)
    if not plan or r >= p:
        return KindReading("annual_report")
    labels = tuple(s.label for s in plan) + tuple(s.label for s in report)
    return KindReading(_likely_kind(plan), r == 0 and plan[0].weight >= 2, labels)


def _likely_kind(plan: list[_Sign]) -> str:
    """The kind the signs agree on: news of a document first (its provisions are relayed, not its own), then a
    scoring sheet's points (scoring sheets hold a plan's headings and duties), then the heaviest."""
    weights: dict[str, int] = {}
    for s in plan:
        weights[s.kind] = weights.get(s.kind, 0) + s.weight
    for kind in ("news", "scoring_system"):
        if kind in weights:
            return kind
    return max(weights, key=lambda k: (weights[k], k == "work_plan"))


def document_kind(title: Optional[str], text: str) -> str:
    return read_kind(title, text).kind


def outcome(kind: str, certain: bool = True) -> str:
    """What `auditor check` does with a document of this reading: report (audited), uncertain (audited with a
    kind_uncertain warning) or refused (not an annual report; audited only with --as-report)."""
    return "report" if kind == "annual_report" else "refused" if certain else "uncertain"
