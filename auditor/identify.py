"""identify: what the document is: title, issuer (jurisdiction, level, division), the year it covers, its kind
(dockind).

Sources, most trusted first: the page's metadata block (标题, 发布机构, 发布日期 …), the title, the opening
sentence ("2023年，船营区坚持…", "现将我县2023年…报告如下"), the signature above the closing date, and for what
a self-reference (我县, 市司法局) stands for, every division the text names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Iterable, Optional

from . import gazetteer as gz, rx
from .dockind import read_kind
from .fold import fold
from .issuer import PREDICATE as _PREDICATE, Resolved, parse, resolve, township_mentions
from .pagemeta import PageMeta, is_meta_line, page_meta, parse_date



@dataclass(frozen=True)
class About:
    title: Optional[str] = None  # in original characters
    jurisdiction: Optional[str] = None  # the issuer as the text names it, in original characters
    level: Optional[str] = None
    year: Optional[int] = None
    year_basis: Optional[str] = None  # where the year was read: a key of YEAR_BASES
    division_code: Optional[str] = None  # 民政部 code of the most specific division known
    province: Optional[str] = None
    prefecture: Optional[str] = None
    county: Optional[str] = None
    issuer: Optional[str] = None  # 发布机构 of the page
    published: Optional[date] = None
    doc_number: Optional[str] = None  # 文号
    kind: str = "annual_report"  # what the document is (dockind.read_kind)
    kind_certain: bool = True
    kind_signs: tuple[str, ...] = ()


_TITLE_WORDS = rx.compile(r"(法治政府建设|法治建设|依法行政|法治政府|法治)")
_REPORT_WORDS = rx.compile(r"(报告|情况|总结|工作要点|要点|方案|计划|规划|意见|办法|细则|指标|20\d\d\s*年)")
_YEAR = rx.compile(r"(20\d\d)\s*年")
_OPENING_YEAR = rx.compile(r"^[\s?？·•]*(?:[(（]?[一二三四五六七八九十]+[、)）.]\s*)?(20\d\d)\s*年")  # 2023年，… / 一、2023年…
_DOC_NUMBER = rx.compile(r"^[\u4e00-\u9fff]{1,8}\s*[〔\[(（]\s*20\d\d\s*[〕\])）]\s*\d+\s*号\s*[:：]?\s*")
_ORGAN_LINE = rx.compile(r"^[\u4e00-\u9fff\s、]{2,40}(人民政府|委员会|委|行政公署|管委会|办事处|局|厅)$")
_CHROME = rx.compile(r"(首页|当前位置|所在位置|您的位置|>>|»|>\s*\S|浏览|打印|字号|字体|分享|来源\s*[:：]|发布时间|发布日期)")
_HEADING = rx.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[、.])")
_SENTENCE = rx.compile(r"[,，。;；!?！？]")
_CITED = rx.compile(r"《[^《》]*》")
# A title citing documents (关于贯彻落实《…纲要》情况的报告, 关于印发《…要点》的通知) names its own kind outside them
_OWN_KIND = rx.compile(r"(报告|情况|总结|要点|方案|计划|规划|意见|办法|细则|指标|通知|印发|决定|20\d\d\s*年)")


# A short tag in lenticular brackets before the title (【2022年】, 【部门动态】): the site's, not the title's
_TAG = rx.compile(r"^【[^【】]{1,10}】\s*")


def _title_from(line: str) -> Optional[str]:
    s = _TAG.sub("", line.strip(" \t·•|｜")).strip(" \t·•|｜【】")
    s = _DOC_NUMBER.sub("", s)
    if (m := re.fullmatch(r"[^《]{0,30}《(.+)》", s)) and _TITLE_WORDS.search(m.group(1)):
        s = m.group(1)  # 浙卫〔2024〕3号《浙江省卫生健康委关于…的报告》
    if not (6 <= len(s) <= 90) or _SENTENCE.search(s) or s.endswith((":", "：")) or _CHROME.search(s):
        return None
    if re.match(r"^\s*20\d\d\s*年\s*(度|以来)?\s*[,，]", s) or not _TITLE_WORDS.search(s) or _HEADING.match(s):
        return None
    if "《" in s and not _OWN_KIND.search(_CITED.sub("", s)):
        return None  # a body line citing plans ("把…完成《…工作要点》《…工作计划》确定"), not a title of its own
    return s if _REPORT_WORDS.search(s) else None


# A title run together with what the page put before it (a site name, an address) and the body after it, on one line:
# "…www.mishuzj.com湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持…"
_GLUED_TITLE = rx.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,30}?20\d\d\s*年度?[\u4e00-\u9fff]{2,30}?(?:报告|总结))"
                          r"(?=\s*20\d\d\s*年)")


def _glued_title(lines: list[str]) -> Optional[str]:
    for line in lines[:3]:
        if len(line) > 90 and (m := _GLUED_TITLE.search(line, 0, 200)):
            return _title_from(m.group(1))
    return None


def guess_title(lines: list[str], hint: Optional[str], meta: PageMeta) -> Optional[str]:
    """The title: the page's 标题 field, the document's own title, else a title-like line near the top, else a
    title run together with the page's chrome and the body on one long line."""
    for cand in (meta.title, hint):
        if cand and (t := _title_from(cand)):
            return t
    for i, line in enumerate(lines[:15]):
        t = _title_from(line)
        if not t:
            continue
        prev = lines[i - 1].strip() if i else ""
        if re.match(r"关于|20\d\d\s*年度?\s*(?:法治|依法)", t) and _ORGAN_LINE.match(prev):
            t = re.sub(r"\s+", " ", prev) + t  # "中共海南省委 海南省人民政府" / "关于2022年…的报告"; "四川省交通运输厅" / "2025年…情况"
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if re.fullmatch(r"(情况)?(报告|总结)", nxt) and not re.search(r"(报告|总结)$", t):
            t += nxt  # "贵州省2023年度法治政府建设工作" / "情况报告"
        return t
    return _glued_title(lines)


# Openers before the subject: 2023年， 2023年以来， 今年以来， 一年来， 近年来， 过去一年， 本年度，
_OPENING = rx.compile(r"^[\s?？·•]*(?:(?:20\d\d\s*)?年度?|今年|去年|本年度?|(?:过去|这|近)?一年|近年)\s*(?:以来|来)?\s*[,，]?\s*")
# a second frame clause that drops its 在: "在市委、市政府的坚强领导下，省农业农村厅的正确指导下，六安市农业农村局…"
_CLAUSE = rx.compile(r"^(?:在[^,，。]{0,80}?(?:下|中|上|里|时|方面)|面对[^,，。]{0,60}|按照[^,，。]{0,60}?要求|"
                     r"是[^,，。]{0,60}?年|[^,，。在]{1,40}?的[^,，。]{0,8}?(?:领导|指导|支持|帮助|监督|关心)下)\s*[,，]\s*")
_REPORT_ON = rx.compile(r"现(?:将|就)\s*")
_SIGN_DATE = rx.compile(r"^\s*20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def is_addressee(line: str) -> bool:
    """The line a report is addressed to (省人民政府：, 中共安义县委、安义县人民政府：): short, ending with a colon, and no
    sentence in it ("根据工作安排，现将我厅…报告如下：" is the opening sentence, not an addressee)."""
    s = line.rstrip()
    return s.endswith((":", "：")) and len(s) <= 40 and not re.search(r"[,，。;；]|现将|现就|如下", s)


def _opening_subjects(lines: list[str], first: int) -> Iterable[tuple[int, str, bool]]:
    """(line index, text, later) where the issuer names itself in the opening: after "2023年，" and "在…下，", or
    "现将X", or at the start of the first line of the body; `later` for the start of a later clause."""
    for i in range(first, min(first + 4, len(lines))):
        line = lines[i]
        if is_addressee(line):
            first += 1  # the addressee (省人民政府：), not the issuer
            continue
        m = _OPENING.match(line)
        rest = line[m.end():] if m and "年" in m.group(0) else line.lstrip(" ?？·•")
        for _ in range(3):
            c = _CLAUSE.match(rest)
            if not c:
                break
            rest = rest[c.end():]
        if rest != line or i == first:
            yield i, rest, False
            for c in _later_clauses(rest):
                yield i, c, True
        if r := _REPORT_ON.search(line[:600]):
            yield i, line[r.end():], False


_CLAUSE_BREAK = rx.compile(r"[,，;；]")


def _later_clauses(sentence: str) -> Iterable[str]:
    """Starts of the later clauses of an opening sentence, up to its 。: the subject may follow adverbials no
    pattern lists ("为贯彻…精神，助力…，按照…要求，联和街积极行动"). identify takes a name there only when it is
    one before its predicate."""
    head = sentence[:300].split("。", 1)[0]
    for m in list(_CLAUSE_BREAK.finditer(head))[:8]:
        yield head[m.end():]


def _signature(lines: list[str]) -> Iterable[tuple[int, str]]:
    """The issuer signed above the closing date, within the last lines."""
    n = len(lines)
    for i in range(n - 1, max(-1, n - 12), -1):
        if _SIGN_DATE.match(lines[i]) and i > 0:
            for j in (i - 1, i - 2):
                if j >= 0 and 3 <= len(lines[j].strip()) <= 40 and not _SENTENCE.search(lines[j]):
                    yield j, lines[j].strip()
            return
    for i in range(n - 1, max(-1, n - 6), -1):
        s = lines[i].strip()
        if 3 <= len(s) <= 30 and re.search(r"(人民政府|委员会|办公室|局|党委|街道办事处|管委会)$", s):
            yield i, s


@lru_cache(maxsize=1)
def _province_pattern() -> Optional[re.Pattern]:
    """Bare province names (浙江, 广西), longest first, as one pattern: built once, not per document."""
    names = [b for b in gz.bare_names() if any(d.tier == "province" for d in gz.lookup_bare(b))]
    return rx.compile("|".join(sorted(names, key=len, reverse=True))) if names else None


@lru_cache(maxsize=1)
def _bare_prefectures() -> dict[str, tuple[str, ...]]:
    """Bare name -> codes of the prefectures it names (丽水 -> 331100)."""
    out: dict[str, tuple[str, ...]] = {}
    for b in gz.bare_names():
        codes = tuple(d.code for d in gz.lookup_bare(b) if d.tier == "prefecture")
        if codes:
            out[b] = codes
    return out


@lru_cache(maxsize=1)
def _prefecture_openings() -> frozenset[str]:
    """The first two characters of every bare prefecture name (a slogan's name is tried at 2-4 characters)."""
    return frozenset(b[:2] for b in _bare_prefectures() if len(b) >= 2)


def _bare_provinces(text: str) -> Counter:
    pattern = _province_pattern()
    out: Counter = Counter()
    if pattern is not None:
        for m in pattern.finditer(text):
            for d in gz.lookup_bare(m.group(0)):
                if d.tier == "province":
                    out[d.code] += 1
    return out


def _slogan_prefectures(text: str) -> Counter:
    """法治丽水, 法治赣州: a prefecture named bare in the slogan of its own rule-of-law drive."""
    out: Counter = Counter()
    prefectures, openings = _bare_prefectures(), _prefecture_openings()
    for m in _SLOGAN.finditer(text):
        name = m.group(1)
        if name[:2] not in openings:  # most slogans (建设工作, 法治政府) name no prefecture: no lookups
            continue
        for n in (4, 3, 2):
            codes = prefectures.get(name[:n], ())
            if len(codes) == 1:
                out[codes[0]] += 1
                break
    return out


_SLOGAN = rx.compile(r"(?:法治|平安|建设)([\u4e00-\u9fff]{2,4})")


def evidence(text: str, lines: list[str], meta: PageMeta, year: Optional[int],
             mentions: Optional[list] = None) -> Counter:
    """How often each division is named: in the text, the page metadata, the addressee line (a superior)."""
    ev: Counter = Counter()
    for m in (gz.scan(text, year) if mentions is None else mentions):
        if len(m.codes) == 1:
            ev[m.codes[0]] += 1
        else:
            for c in m.codes:
                ev[c] += 0.5
    ev.update(_bare_provinces(text))
    ev.update(_slogan_prefectures(text))
    for s in (meta.issuer, meta.source):
        for m in gz.scan(s or "", year):
            for c in m.codes:
                ev[c] += 2
    if meta.division_code and gz.division(meta.division_code):
        for a in gz.ancestors(gz.division(meta.division_code)):
            ev[a.code] += 3
    for line in lines[:8]:
        if is_addressee(line):  # 省人民政府：/ 城中区委全面依法治区委员会：
            for m in gz.scan(line, year):
                for c in m.codes:
                    ev[c] += 3
    return ev


YEAR_BASES = {"title": "标题", "opening": "正文开头", "plan": "所依据的年度工作要点", "published": "发布日期",
              "doc_number": "文号"}


def year_and_basis(title: Optional[str], lines: list[str], first: int, published: Optional[date],
                   doc_number: Optional[str], text: str) -> tuple[Optional[int], Optional[str]]:
    """The year a report covers and where it was read (a key of YEAR_BASES): as its title or opening states it;
    else the year of the work plan it follows (《…2022年法治政府建设工作要点》); else the year before it was
    published (reports come out early in the next year); else the year before its 文号 (浙卫〔2024〕3号)."""
    if title and (m := _YEAR.search(title)):
        return int(m.group(1)), "title"
    for line in lines[first:first + 3]:
        if m := _OPENING_YEAR.match(line):
            return int(m.group(1)), "opening"
    head = "\n".join(lines[first:first + 6])[:1500]
    if m := re.search(r"现(?:将|就)[^。]{0,40}?(20\d\d)\s*年度?[^。]{0,30}?(?:报告|汇报|总结)", head):
        return int(m.group(1)), "opening"
    plans = Counter(int(m.group(1)) for m in re.finditer(
        r"《[^《》]{0,30}?(20\d\d)\s*年度?法治政府建设(?:工作)?(?:要点|计划|任务)[^《》]{0,6}》", text[:6000]))
    if plans:
        return plans.most_common(1)[0][0], "plan"
    if published and published.month <= 9:
        return published.year - 1, "published"
    if doc_number and (m := re.search(r"(20\d\d)", doc_number)):
        return int(m.group(1)) - 1, "doc_number"
    return None, None


def covered_year(title: Optional[str], lines: list[str], first: int, published: Optional[date],
                 doc_number: Optional[str], text: str) -> Optional[int]:
    return year_and_basis(title, lines, first, published, doc_number, text)[0]


def _original(text: str, original: str, s: Optional[str], near: int = 0) -> Optional[str]:
    """`s` (folded) in original characters, where it occurs in the text."""
    if not s:
        return s
    at = text.find(s, near)
    if at < 0:
        at = text.find(s)
    return original[at:at + len(s)] if at >= 0 else s


def _first_body_line(lines: list[str], title: Optional[str]) -> int:
    for i, line in enumerate(lines[:20]):
        if title and title.endswith(line.strip()) and line.strip():
            return i + 1
    return 0


def _written_forms(mentions: list) -> dict[str, str]:
    """code -> the name form the text uses most for it (恩施州 rather than 恩施土家族苗族自治州)."""
    forms: Counter = Counter((m.codes[0], m.form) for m in mentions if len(m.codes) == 1)
    out: dict[str, str] = {}
    for (code, form), _ in forms.most_common():
        out.setdefault(code, form)
    return out


# 街 for 街道 (我街, 全街: a street office in 广州's usage), never 街道's own 街
_SELF_REFERENCE = rx.compile(r"(?:我|全|本)(省|州|县|旗|镇|乡|街道|街|局)")
_SELF_LEVEL = {"省": "province", "州": "prefecture", "县": "county", "旗": "county", "镇": "township",
               "乡": "township", "街道": "township", "街": "township", "局": "department"}


# A township's organs named without its name (乡党委、政府高度重视…, 乡长任副组长, 街道党工委): it speaks of itself; not
# 乡镇党委 or 各乡党委, a county's many townships. The literal comes first and the look-behind after it takes it in
# (same matches): a leading look-behind keeps the engine from scanning ahead for the literal (3× slower)
_TOWNSHIP_ORGAN = rx.compile(r"[乡镇](?<![乡镇各全每城村][乡镇])(?:党委|人民政府|政府|长|人大)|街道(?<![各全每]街道)(?:党工委|办事处)")


def _self_reference_level(text: str) -> Optional[str]:
    """The level a document that never names itself speaks from: 我镇/全镇 (or the township's own organs, 乡党委,
    乡长) three times and nothing else as often."""
    head = text[:20000]
    counts = Counter(_SELF_LEVEL[m.group(1)] for m in _SELF_REFERENCE.finditer(head))
    counts["township"] += len(_TOWNSHIP_ORGAN.findall(head))
    counts = +counts
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
        return ranked[0][0]
    return None


# A document the issuer made itself (印发/修订/制定…, or passed at its own meeting: 审议并通过, right before its
# title), its title opening with a body's name
_OWN_DOCUMENT = rx.compile(r"(?:印发|修订|制定|出台|编制|制发|起草|审议(?:并)?通过)(?:并(?:实施|施行|印发|公布|发布))?了?"
                           r"《(?:20\d\d\s*年度?)?"
                           r"(?:([^《》]{2,30}?(?:人民政府|厅|局|委员会|部(?=办公厅|关于)))|([^《》]{2,6}?(?:街道|镇|乡|街))(?=20\d\d\s*年))"
                           r"(?=[^《》]{2,60}》)")


def _own_documents_issuer(text: str, year: Optional[int], found: Optional[Resolved], ev, towns,
                          written) -> Optional[tuple[Resolved, int]]:
    """The issuer of a report that names itself only as 我厅/我局 (or not at all), from the titles of the
    documents it made itself; one name only, of the level it speaks from, else None."""
    names: dict[str, tuple[Resolved, int]] = {}
    for m in _OWN_DOCUMENT.finditer(text, 0, 20000):
        # a township's name with the year after it, where it is a name (黄石街 before 2020年)
        cand = m.group(1) or text[m.start(2):text.find("》", m.end(2))]
        parsed = parse(cand, year)
        if parsed.national and found is not None:
            continue  # a ministry's document in the hands of a body that speaks of itself (我局): carried out, not made
        r = resolve(cand, parsed, ev, towns, written)
        if r is None or not r.named or (found is not None and found.level and r.level != found.level):
            continue
        names.setdefault(r.display, (r, m.start(1) if m.group(1) else m.start(2)))
    return next(iter(names.values())) if len(names) == 1 else None


# Where a township names itself in running text: before its own bodies and plans, after the verb that acts on them
# (调整蔡家桥镇法治政府建设领导小组成员, 纳入了东庄镇发展总体规划), or as the subject opening a sentence (…。东里镇深入贯彻…)
_TOWN_NAME = r"((?:(?![全各我本该乡城村集小在和与及对把将从于为是的了入到进个等每])[\u4e00-\u9fff]){2,4}?(?:街道|镇|乡))"
_OWN_BODY = rx.compile(r"(?:调整|纳入了?|成立|健全|充实|完善|提升|提高)" + _TOWN_NAME +
                       r"(?=(?:(?:全面)?依法治(?:镇|乡|街道|街)|法治政府建设|法治建设)?(?:工作)?领导小组|发展总体规划|"
                       r"(?:法治政府|法治)建设水平)")
_OPENING_TOWN = rx.compile(r"(?:^|[\n。])[ \t]*" + _TOWN_NAME + "(?=" + _PREDICATE.pattern + ")")


def _running_text_township(text: str, year: Optional[int], ev, towns, written) -> Optional[tuple[Resolved, int]]:
    """The name of a township that speaks of itself (我镇, 镇党委) and names itself only in running text; one name
    only, else None."""
    head = text[:20000]
    found: dict[str, int] = {}
    for pattern in (_OWN_BODY, _OPENING_TOWN):
        for m in pattern.finditer(head):
            found.setdefault(m.group(1), m.start(1))
    if len(found) != 1:
        return None
    name, at = next(iter(found.items()))
    r = resolve(name + "，", parse(name + "，", year), ev, towns, written)
    return (r, at) if r is not None and r.named and r.level == "township" else None


def _candidates(title: Optional[str], lines: list[str], first: int,
                meta: PageMeta) -> Iterable[tuple[str, str, bool]]:
    """(source, name text, later clause) in order of trust."""
    if title:
        yield "title", re.sub(r"^\s*20\d\d\s*年度?\s*", "", title), False  # 2021年里田乡法治政府建设工作总结
    if first < len(lines) and (m := re.fullmatch(r"\s*[(（]([^()（）]{2,30})[)）]\s*", lines[first])):
        yield f"line{first}", m.group(1), False  # the issuer in brackets under the title: （城南街道）
    for i, s, later in _opening_subjects(lines, first):
        yield f"line{i}", s, later
    for i, s in _signature(lines):
        yield f"line{i}", s, False
    if meta.issuer:
        yield "issuer", re.sub(r"(?:人民)?政府办公(?:室|厅)$", "人民政府", meta.issuer), False


def _subject_of_clause(cand: str, parsed) -> bool:
    """A later clause starts with the issuer only when it is a name of a place (not 市、区 or 全县) right before
    the predicate: "…，联和街积极行动" and not "…，按照市、区的部署要求"; or a township's word alone there
    ("2021年来，街道按照…"), a township that does not name itself."""
    if parsed.self_dept and not parsed.units:
        # "按照…要求，根据…，我局认真总结…": a department's self-reference before its predicate
        return cand[:1] in "我本" and bool(_PREDICATE.match(cand, parsed.end))
    if not parsed.units:
        return False
    first = parsed.units[0]
    if parsed.dept:  # "…，桃源县民政局在县委、县政府的领导下": a named place's department before its predicate
        return first.kind == "division" and bool(_PREDICATE.match(cand, parsed.end))
    if first.kind == "unknown" or first.kind == "self" and not (first.word in ("镇", "乡", "街道") and len(parsed.units) == 1
                                                                 and first.form == first.word):
        return False
    return bool(_PREDICATE.match(cand, parsed.end))


def identify(text: str, original: str, title_hint: Optional[str], published: Optional[date],
             header: Iterable[str] = ()) -> About:
    """`text` is the folded form of `original` (same length); `header` the metadata lines the loader dropped."""
    lines = text.split("\n")
    meta = page_meta([fold(h)[0] for h in header] +
                     [ln for ln in lines[:15] if len(ln) < 200 and is_meta_line(ln)])
    title = guess_title(lines, title_hint and fold(title_hint)[0], meta)
    first = _first_body_line(lines, title)
    published = published or meta.published
    year, basis = year_and_basis(title, lines, first, published, meta.doc_number, text)
    mentions = gz.scan(text, year)
    ev = evidence(text, lines, meta, year, mentions)
    towns = township_mentions(text[:20000])
    written = _written_forms(mentions)
    found: Optional[Resolved] = None
    near = 0
    for source, cand, later in _candidates(title, lines, first, meta):
        if later and found is not None:
            continue  # the sentence already had a subject (全县…): a later clause may name someone else
        parsed = parse(cand, year)
        if later and not _subject_of_clause(cand, parsed):
            continue
        r = resolve(cand, parsed, ev, towns, written)
        if r is None:
            continue
        if r.named:
            found, near = r, sum(len(x) + 1 for x in lines[:int(source[4:])]) if source.startswith("line") else 0
            break
        found = found or r
    if found is None and (level := _self_reference_level(text)):
        found = Resolved("", level, None, False)  # 我镇 … 全镇 throughout, never named
    if found is None or not found.named:
        own = _own_documents_issuer(text, year, found, ev, towns, written)
        if own is not None:
            found, near = own  # 我厅 … 修订《四川省生态环境厅…规定》: named only in the titles of its own documents
    if found is not None and not found.named and found.level == "township":
        own = _running_text_township(text, year, ev, towns, written)
        if own is not None:
            found, near = own  # 我镇 … 调整蔡家桥镇法治政府建设领导小组成员: named only in running text
    jurisdiction = _original(text, original, found.display, near) if found and found.display else None
    jurisdiction = re.sub(r"(人民政府|政府|办事处|行政公署)$", "", jurisdiction) if jurisdiction else None
    ch = gz.chain(found.division if found else None)
    reading = read_kind(title, text)
    return About(
        title=_original(text, original, title), jurisdiction=jurisdiction or None,
        level=found.level if found else None, year=year, year_basis=basis,
        division_code=found.division.code if found and found.division else None,
        province=ch["province"].name if ch["province"] else None,
        prefecture=ch["prefecture"].name if ch["prefecture"] else None,
        county=ch["county"].name if ch["county"] else None,
        issuer=meta.issuer, published=published, doc_number=meta.doc_number,
        kind=reading.kind, kind_certain=reading.certain, kind_signs=reading.signs,
    )


@lru_cache(maxsize=4096)
def short_name(name: str) -> str:
    """A place name folded for comparison: 互助土族自治县 -> 互助县, 楚雄彝族自治州 -> 楚雄州. Cached: a pack's
    places and a batch's jurisdictions are compared once per report each."""
    return gz.ETHNIC_AUTONOMY.sub("", fold(name.strip())[0]) if name else ""
