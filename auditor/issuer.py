"""issuer: whose report it is, from a name as a report writes it, resolved against the gazetteer.

A name is a chain read left to right: divisions (重庆市 綦江区), then a special zone (五象新区), a township by its
form (关坝镇, 人民街街道), or a self-reference (我县, 全省, 市 in 市交通运输局); then the organ (人民政府, 党委,
管委会) or a department (司法局, 卫生健康委, 交通运输局龙岗管理局). Which of two same-named divisions is meant
(朝阳区 of 北京 or of 长春), and what a self-reference stands for, is decided by the other names the
document gives (evidence: a Counter of division codes).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from . import gazetteer as gz, rx
from .gazetteer import Division

# What follows a name: its organ, a department, a verb of the opening sentence, a year, punctuation.
_AFTER = (r"(?=$|[\s,，、。:：;；(（《“\"]|人民政府|政府|党委|党工委|工委|办事处|管委会|管理委员会|委员会|行政公署|关于|20\d\d|"
          r"在|坚持|深入|认真|全面|紧紧|紧扣|紧密|围绕|聚焦|扎实|始终|以|按照|贯彻|落实|着力|持续|立足|积极|切实|严格|统筹|"
          r"主动|高度|不断|牢牢|锚定|努力|法治|年度|的|各|党组|党政|和|与|及)")
# What follows a subject that is not a full name (a bare 邹城, a street 联和街): only the predicate of the opening
# sentence, or 在 of "在…领导下" — never 的, 和 or punctuation, after which a bare name is an ordinary word.
_PREDICATE_WORDS = (r"(?:人民政府|政府|办事处|党工委)?(?:在|坚持|深入|认真|全面|紧紧|紧扣|紧密|围绕|聚焦|扎实|始终|以|"
                    r"按照|贯彻|落实|着力|持续|立足|积极|切实|严格|统筹|主动|高度|不断|牢牢|锚定|努力)")
PREDICATE = rx.compile(_PREDICATE_WORDS)
# Characters of a name: not a preposition or a verb that starts the sentence's predicate (和 is allowed: 北和镇,
# 住房和城乡建设局).
_NAME_CHAR = r"(?![在的及对全各我本该是为把将从于以])[\u4e00-\u9fff]"
_NAME_RUN = rx.compile(rf"{_NAME_CHAR}+")
# after an ideograph, checked per match: a leading lookbehind would be tried at every position of the text
_TOWNSHIP_SUFFIX = rx.compile(r"街道|镇|乡")
# checked after matching: cheaper than in the patterns. With the predicate's first words: "我镇按照县司法局的部署"
# is the township and a superior, not a bureau named 我镇按照县司法局
_VERB_IN_NAME = rx.compile(r"坚持|深入|贯彻|学习|认真|落实|推进|按照|围绕|聚焦|扎实|始终|立足|积极|切实|严格|紧紧|紧扣|着力|"
                           r"持续|锚定|努力|牢牢")


def _name(m: Optional[re.Match]) -> Optional[re.Match]:
    return m if m and not _VERB_IN_NAME.search(m.group(1)) else None
# ... or a department of its own after the place (市交通运输局, 高新区综治局, 某某县司法局)
_AFTER_OR_DEPT = _AFTER.replace("(?=$|", "(?=$|[\u4e00-\u9fff]{0,20}?(?:局|厅|委|办|中心|署|处)|", 1)
_SELF = rx.compile(r"(?:我|本|全|该)?(街道|自治区|地区|省|市|州|县|区|旗|盟|镇|乡)" + _AFTER_OR_DEPT)
_SELF_DEPT = rx.compile(r"(?:我|本)(局|委|办|厅|中心)" + _AFTER)
# A bureau named by its kind alone as the subject ("2024年以来，教育局坚持…"): a department that does not name itself
_BARE_DEPT = rx.compile(rf"{_NAME_CHAR}{{2,10}}?(?:局|厅|办公室|中心)(?={_PREDICATE_WORDS})")
# A zone; its name may join two places with a dash (广西-东盟经济技术开发区, 中国—马来西亚钦州产业园区)
_ZONE = rx.compile(rf"((?:{_NAME_CHAR}{{2,6}}[-－‐–—])?{_NAME_CHAR}{{2,14}}?(?:新区|经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|产业园区|"
                   rf"工业园区|实验区|试验区|示范区|合作区|片区管理局|管理区|新城(?!区|镇|乡|街道|社区|村)))" + _AFTER)
_TOWNSHIP = rx.compile(rf"({_NAME_CHAR}{{1,8}}?(?:街道|民族乡|苏木|乡|镇|片区))(?:办事处)?" + _AFTER)
# A street written 街 for 街道 (联和街, common in 广州): only as a subject, before its predicate.
_STREET = rx.compile(rf"({_NAME_CHAR}{{2,4}}?街)(?={_PREDICATE_WORDS}|(?:办事处|党工委)?(?:20\d\d|关于|法治政府))")
# A place the table does not know (renamed after it, misspelt, 某某县): its level from its suffix where that is sure.
_UNKNOWN = rx.compile(rf"({_NAME_CHAR}{{2,6}}?(?:自治县|县|旗|区|市))" + _AFTER)
_UNKNOWN_LEVEL = {"县": "county", "旗": "county", "区": "county"}
_ORGAN = rx.compile(r"(?:中共)?(人民政府|政府|党委|党工委|工委|委员会|委|行政公署|管委会|管理委员会|办事处)")
_GOV_OFFICE = rx.compile(r"(?:人民)?政府(办公室|办公厅|办)")
_GOV_BEFORE_TOWN = rx.compile(r"(?:人民)?政府(?=[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡)(?:办事处|人民政府|政府|党工委|党委)?(?:关于|20\d\d|[\s,，。:：]|$))")
_DEPT = rx.compile(rf"((?:{_NAME_CHAR}|[（）()]){{1,20}}?(?:局|厅|委员会|卫生健康委|委|办公室|办|中心|署|处|支队|大队)"
                   r"(?:[（(][\u4e00-\u9fff]{1,8}[)）])?)" + _AFTER)
# A national ministry or commission, named without a place: 司法部, 国家市场监督管理总局.
_NATIONAL = rx.compile(rf"((?:国家|中华人民共和国)?{_NAME_CHAR}{{1,10}}?(?:部|总局|总署)|国家{_NAME_CHAR}{{1,12}}?(?:委员会|委|局|署))"
                       + _AFTER)
_PARTY = rx.compile(r"^\s*(?:中共|中国共产党)")
# A title opening with its preposition (关于大吉山镇2022年度…工作情况的报告): the name follows it
_ABOUT = rx.compile(r"\s*关于\s*(?=[\u4e00-\u9fff])")
# "中共互助县委 互助县人民政府": two organs of one place; the government is the report's issuer. The party
# committee is a name, so it holds no 在 and no punctuation: "银杏街道在区委、区政府领导下" names the street as the
# subject and its superiors after 在 (the subject before 在…领导下 is the issuer, not the body it names).
# The government after it must carry a name: "大河镇党委、政府在…" is one body's two organs, the name before both.
# Both organs sit in one name, so neither part crosses a mark: "东溪镇认真贯彻中央、省委、市委…，…法治政府" lists the
# superiors' committees after the subject; it is no "X委、X政府" pair.
_TWO_ORGANS = rx.compile(r"[^\s,，。;；:：、在]{1,20}?委(?:员会)?\s*[、和\s]\s*"
                         r"(?=(?!(?:人民)?政府)[^\s,，。;；:：]{2,30}?(?:人民政府|政府))")

# A zone named only by its kind (经济开发区, 高新区): the issuer, but not its name (宁河经济开发区 may follow).
_GENERIC_ZONE = rx.compile(r"(?:经济技术|经济|高新技术产业|高新|产业|工业)?(?:开发区|园区)|经开区|高新区|新区|新城|示范区|实验区|试验区|合作区")

TIER_OF_WORD = {"省": "province", "自治区": "province", "州": "prefecture", "地区": "prefecture", "盟": "prefecture",
                "县": "county", "旗": "county",
                "镇": "township", "乡": "township", "街道": "township"}


@dataclass
class Unit:
    kind: str  # division | self | zone | township | unknown | bare (a name without its suffix)
    start: int
    end: int
    form: str
    candidates: tuple[Division, ...] = ()
    word: str = ""  # for self: the tier word (县, 市 …)


@dataclass
class Parsed:
    units: list[Unit] = field(default_factory=list)
    dept: Optional[tuple[int, int]] = None  # span of a department name
    self_dept: bool = False  # 我局: a department that does not name itself
    national: bool = False  # 司法部: a ministry, no place
    end: int = 0  # end of the name (without its organ)


def parse(s: str, year: Optional[int] = None) -> Parsed:
    """Read the name at the start of `s` (folded text)."""
    p = 0
    if m := _ABOUT.match(s):
        p = m.end()  # 关于牡丹江市2022年度…的报告: the title's preposition, never part of a name
    if m := _PARTY.match(s, p):
        p = m.end()
    if m := _TWO_ORGANS.match(s, p):
        p = m.end()
    out = Parsed()
    p = _past_bare_province(s, p, year)
    start = p
    while p < len(s):
        if m := gz.match_at(s, p, year):
            if s.startswith("街道", m.end) and (t := _name(_TOWNSHIP.match(s, p))) and t.end(1) == m.end + 2:
                # 东区街道 (中山), 城区街道: a street whose name is a district's elsewhere; 街道 right after the
                # whole name makes it the street's (鲤城区金龙街道 names the district, then its street)
                out.units.append(Unit("township", t.start(1), t.end(1), t.group(1)))
                p = t.end()
                continue
            out.units.append(Unit("division", m.start, m.end, m.form, tuple(gz.division(c) for c in m.codes)))
            p = m.end
            continue
        if p == start and (m := _SELF_DEPT.match(s, p)):
            out.self_dept, out.end = True, m.end(1)
            return out
        if p == start and (m := _name(_NATIONAL.match(s, p))) and not gz.match_at(s, p):
            out.national, out.dept, out.end = True, (p, m.end(1)), m.end(1)
            return out
        if p == start and (m := _SELF.match(s, p)):
            out.units.append(Unit("self", m.start(), m.end(), m.group(0), word=m.group(1)))
            p = m.end()
            continue
        if p == start and (m := _GENERIC_ZONE.match(s, p)) and _name(_DEPT.match(s, m.end())):
            out.units.append(Unit("zone", p, m.end(), m.group(0)))  # 高新区综治局: a zone's department, the zone unnamed
            p = m.end()
            break
        if p == start and (m := _BARE_DEPT.match(s, p)) and not gz.match_at(s, p):
            out.self_dept, out.end = True, m.end()
            return out
        if not out.units and (m := _name(_UNKNOWN.match(s, p))) and not gz.match_at(s, m.end(1)):
            out.units.append(Unit("unknown", m.start(1), m.end(1), m.group(1), word=m.group(1)[-1]))
            p = m.end()
            continue
        if not out.units and (m := _name(_STREET.match(s, p))):
            out.units.append(Unit("township", m.start(1), m.end(1), m.group(1)))
            p = m.end(1)
            continue
        if not out.units and (u := _bare_unit(s, p)):
            out.units.append(u)
            p = u.end
            break
        if out.units and out.units[-1].kind == "division" and (g := _GOV_BEFORE_TOWN.match(s, p)):
            p = g.end()  # 鲤城区人民政府金龙街道办事处: a street office of the district's government
            continue
        if m := _name(_ZONE.match(s, p)) or _name(_TOWNSHIP.match(s, p)):
            kind = "zone" if m.re is _ZONE else "township"
            if kind == "township" and out.units and out.units[-1].kind == "township":
                break
            out.units.append(Unit(kind, m.start(1), m.end(1), m.group(1)))
            p = m.end()
            continue
        break
    if not out.units:
        return out
    out.end = out.units[-1].end
    p = out.end
    if s.startswith("办事处", p):
        p += 3
    if m := _GOV_OFFICE.match(s, p):
        out.dept = (p, m.end())
    elif not _ORGAN.match(s, p) or (d := _name(_DEPT.match(s, p))) and d.end(1) - p > 3:
        if m := _name(_DEPT.match(s, p)):
            out.dept = (p, m.end(1))
    if out.dept:
        out.end = out.dept[1]
    return out


def _past_bare_province(s: str, p: int, year: Optional[int]) -> int:
    """Past a province named without its suffix right before a division of its own (山东青岛市农业农村局, 广西南宁市):
    the name is the division's; the bare province only says where it lies."""
    for n in (3, 2):  # 内蒙古, 黑龙江; 山东, 广西
        provinces = [d for d in gz.lookup_bare(s[p:p + n]) if d.tier == "province"]
        m = gz.match_at(s, p + n, year) if provinces else None
        if m and any(provinces[0] in gz.ancestors(gz.division(c)) for c in m.codes):
            return p + n
    return p


def _bare_unit(s: str, p: int) -> Optional[Unit]:
    """A province, prefecture or county named without its suffix as the subject (2023年，邹城坚持…): the shortest
    base before the predicate that the gazetteer gives one division for, a district's never (城关, 新华 are
    words). Whether the text bears it out is for resolve to decide."""
    for n in range(2, 5):
        base = s[p:p + n]
        if not PREDICATE.match(s, p + n) or not _NAME_RUN.fullmatch(base):
            continue
        cands = gz.lookup_bare_any(base)
        one = cands[0] if len(cands) == 1 else None
        if one and not (one.tier == "county" and one.name.endswith("区")):
            return Unit("bare", p, p + n, base, cands)
        return None
    return None


@dataclass(frozen=True)
class Resolved:
    display: str  # the name as written, self-references filled in
    level: Optional[str]
    division: Optional[Division]  # the most specific division known
    named: bool  # the text names the issuer (not only 我州 / 省卫生健康委)


def _score(d: Division, evidence: Counter) -> float:
    return sum(evidence[a.code] for a in gz.ancestors(d))


def _pick(cands: tuple[Division, ...], within: Optional[Division], evidence: Counter) -> Optional[Division]:
    """One of several same-named divisions: the one under the unit before it, else the best evidenced."""
    if within is not None:
        inside = tuple(c for c in cands if within in gz.ancestors(c))
        cands = inside or cands
    if len(cands) == 1:
        return cands[0]
    ranked = sorted(cands, key=lambda c: _score(c, evidence), reverse=True)
    if _score(ranked[0], evidence) > _score(ranked[1], evidence):
        return ranked[0]
    return None


def _self(word: str, evidence: Counter) -> Optional[Division]:
    """What 市, 我县, 全省 stand for: the most mentioned division whose name ends with the word."""
    ends = {"省": ("省",), "市": ("市",), "州": ("州",), "县": ("县",), "旗": ("旗",), "盟": ("盟",),
            "区": ("区",), "自治区": ("自治区",), "地区": ("地区",)}.get(word)
    if not ends:
        return None
    scores: Counter = Counter()
    for c, n in evidence.items():
        d = gz.division(c)
        for a in (gz.ancestors(d) if d and n > 0 else ()):
            scores[a] += n if a is d else n / 2  # 龙岗区 speaks for 深圳市 too
    cands = [(n, d) for d, n in scores.most_common()
             if d.name.endswith(ends) and not (word == "州" and d.tier == "county")]
    if not cands:
        return None
    if len(cands) > 1 and cands[0][0] == cands[1][0]:
        return None
    return cands[0][1]


def _tier_level(d: Division) -> str:
    return d.tier


def resolve(s: str, parsed: Parsed, evidence: Counter, townships: Counter,
            written: Optional[dict] = None) -> Optional[Resolved]:
    """The issuer a parsed name stands for; None when it names nothing. `written`: code -> the form the text
    uses for it (恩施州), to fill a self-reference the way the text would."""
    if parsed.self_dept:
        return Resolved("", "department", None, False)
    if parsed.national:
        return Resolved(s[parsed.dept[0]:parsed.dept[1]], "department", None, True)
    if not parsed.units:
        return None
    last: Optional[Division] = None
    parts: list[str] = []
    named = True
    level: Optional[str] = None
    for u in parsed.units:
        if u.kind == "division":
            d = _pick(u.candidates, last, evidence)
            if d is None and all(c.tier == u.candidates[0].tier for c in u.candidates):
                level = u.candidates[0].tier  # 朝阳区: a district either way
            else:
                level = d.tier if d else None
            last = d or last
            parts.append(u.form)
        elif u.kind == "self":
            if u.word in ("镇", "乡", "街道"):
                name = _township_named(u.word, townships)
                level = "township"
                parts.append(name or u.form)
                named = bool(name)
                continue
            d = _self(u.word, evidence)
            if d is not None:
                last, level = d, d.tier
                form = (written or {}).get(d.code, d.name)
                parts.append(form if not u.form.endswith("自治区") else d.name)
            else:
                named = False
                level = TIER_OF_WORD.get(u.word)
                parts.append(u.form)
        elif u.kind == "bare":
            d = u.candidates[0]
            if not _grounded(d, evidence):
                return None
            last, level = d, d.tier
            parts.append(gz.ETHNIC_AUTONOMY.sub("", d.name))  # the name with its suffix: 邹城市
        elif u.kind == "zone":
            level = "county"
            parts.append(u.form)
            named = named and not _GENERIC_ZONE.fullmatch(u.form)
        elif u.kind == "unknown":
            level = _UNKNOWN_LEVEL.get(u.word)
            parts.append(u.form)
            named = named and not _GENERIC_ZONE.fullmatch(u.form)
        else:
            level = "township"
            parts.append(u.form)
    if parsed.dept:
        level = "department"
        parts.append(s[parsed.dept[0]:parsed.dept[1]])
    if not named and not parsed.dept:
        generic = parsed.units[-1].form if _GENERIC_ZONE.fullmatch(parsed.units[-1].form) else ""
        return Resolved(generic, level, last if generic else None, False)  # 经济开发区: unless a name follows
    if last is None and level in ("township", "county") and parsed.units[-1].kind != "division" and not parsed.dept:
        last = _dominant("county" if level == "township" else "prefecture", evidence)  # 罗渡镇 of 岳池县
    return Resolved("".join(parts), level, last, named)


def _grounded(d: Division, evidence: Counter) -> bool:
    """A bare name stands for `d` only when the text names it in full elsewhere, or names a division above it
    (邹城 in a text that names 济宁市): a bare word alone is not enough."""
    return any(evidence[a.code] > 0 for a in gz.ancestors(d))


def _dominant(tier: str, evidence: Counter) -> Optional[Division]:
    """The division of a tier the text names far more than any other (a township's county, a zone's city):
    the only one named, or named at least twice and twice as often as the next."""
    scores: Counter = Counter()
    for c, n in evidence.items():
        d = gz.division(c)
        for a in (gz.ancestors(d) if d else ()):
            if a.tier == tier:
                scores[a] += n
    ranked = scores.most_common(2)
    if not ranked or len(ranked) > 1 and (ranked[0][1] < 2 or ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


_TOWNSHIP_STOP = set("全各我本该乡城村集小在和与及对把将从于为是的了入到进个等每")
_BEFORE_NAME = _TOWNSHIP_STOP | set("年度来以向由被经据至")


def township_mentions(text: str) -> Counter:
    """Township names in running text (下太镇, 五常街道): two to four characters before 镇/乡/街道, where what
    precedes them is not part of a word (punctuation, 在, 对, 年 …)."""
    out: Counter = Counter()
    for m in _TOWNSHIP_SUFFIX.finditer(text):
        p = m.start()
        if not p or not "\u4e00" <= text[p - 1] <= "\u9fff":
            continue
        k = 0  # ideographs right before the suffix, none of them a stop character: the longest a name can be
        while k < 5 and k < p and "\u4e00" <= (c := text[p - k - 1]) <= "\u9fff" and c not in _TOWNSHIP_STOP:
            k += 1
        for n in range(2, min(k, 4) + 1):
            i = p - n
            before = text[i - 1] if i > 0 else " "
            if not "\u4e00" <= before <= "\u9fff" or before in _BEFORE_NAME:
                out[text[i:p] + m.group()] += 1
                break
    return out


def _township_named(word: str, townships: Counter) -> Optional[str]:
    ranked = [(n, t) for t, n in townships.most_common() if t.endswith(word)]
    if not ranked or len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return ranked[0][1]
