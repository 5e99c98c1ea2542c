"""identify: what the report is: its title, jurisdiction, level and the year it covers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .fold import fold


@dataclass(frozen=True)
class About:
    title: Optional[str] = None  # in original characters
    jurisdiction: Optional[str] = None  # in original characters
    level: Optional[str] = None
    year: Optional[int] = None


_TITLE_WORDS = re.compile(r"(法治政府建设|法治建设|依法行政|法治政府)")
_REPORT_WORDS = re.compile(r"(报告|情况|总结)")
_YEAR = re.compile(r"(20\d\d)\s*年")
_ADMIN = r"(?:省|自治区|自治州|市|州|盟|地区|县|自治县|区|旗|乡|镇|街道|苏木|新区|开发区)"
_JURIS = re.compile(
    r"((?:[\u4e00-\u9fff]{1,10}?" + _ADMIN + r")+(?:[\u4e00-\u9fff]{1,12}?(?:局|委员会|委|办公室|厅|中心|署))?)"
)
_DEPT_SUFFIX = re.compile(r"(局|委员会|委|办公室|厅|署|中心|支队|大队)$")
_NOT_JURIS = re.compile(r"^(全面|深入|坚持|认真|扎实|持续|进一步|根据|按照|在|现将|年度|本年度)")
_PARTY_PREFIX = re.compile(r"^(中共|中国共产党)")
_ADMIN_UNIT = re.compile(r"(?![在和与及对把将从于])[\u4e00-\u9fff]{1,10}?" + _ADMIN)
_DEPT_UNIT = re.compile(r"(?!人民政府)[\u4e00-\u9fff]{1,12}?(?:局|委员会|办公室|厅|署|中心)")


def _guess_title(lines: list[str], hint: Optional[str]) -> Optional[str]:
    if hint and _TITLE_WORDS.search(hint):
        return hint.strip()
    for line in lines[:15]:
        s = line.strip()
        if 6 <= len(s) <= 60 and _TITLE_WORDS.search(s) and _REPORT_WORDS.search(s) and not s.endswith(("。", ";", ",")):
            return s
    return None


def _level_of(name: str) -> Optional[str]:
    if _DEPT_SUFFIX.search(name):
        return "department"
    for suffix, level in (("街道", "township"), ("苏木", "township"), ("乡", "township"), ("镇", "township"),
                          ("自治县", "county"), ("县", "county"), ("旗", "county"), ("区", "county"),
                          ("自治州", "prefecture"), ("州", "prefecture"), ("盟", "prefecture"), ("地区", "prefecture"),
                          ("市", "prefecture"), ("自治区", "province"), ("省", "province")):
        if name.endswith(suffix):
            # 区 of a 开发区/新区 or district; 市 may be county-level but we cannot know without a gazetteer
            return level
    return None


def _guess_jurisdiction(title: Optional[str], lines: list[str]) -> Optional[str]:
    candidates = []
    if title:
        head = _YEAR.split(title)[0] if _YEAR.search(title) else title
        head = re.split(r"(法治政府|法治建设|依法行政|关于)", head)[0]
        candidates.append(head)
    for line in lines[-6:]:
        # the signature block: "××县人民政府" above the date
        if 3 <= len(line) <= 30 and re.search(r"(人民政府|委员会|办公室|局|党委|街道办事处)$", line.strip()):
            candidates.append(line.strip())
    for line in lines[:6]:
        # "2023年,船营区坚持…" / "2023年度,双河街道坚持…": the subject after the year
        m = re.match(r"^\s*(?:20\d\d\s*年度?|今年|一年来)\s*[,，、]?\s*(?:以来\s*[,，]?)?\s*(?:在[^,，]{0,30}[,，])?\s*([\u4e00-\u9fff]{2,20})", line)
        if m:
            candidates.append(m.group(1))
    for i, cand in enumerate(candidates):
        cand = _PARTY_PREFIX.sub("", cand.strip(" :：,，"))
        cand = re.split(r"\s+", cand)[-1] if re.search(r"(委|党委)\s+\S", cand) else cand  # "互助县委 互助县人民政府"
        if not cand or _NOT_JURIS.match(cand):
            continue
        name, pos = "", 0
        while m := _ADMIN_UNIT.match(cand, pos):  # a chain of units: 西宁市 + 城东区
            name, pos = name + m.group(0), m.end()
        if not name:
            continue
        if i == 0 and title:  # a department only from the title: 海东市司法局
            dept = _DEPT_UNIT.match(cand, pos)
            if dept:
                name += dept.group(0)
        return name
    return None


def _guess_year(title: Optional[str], lines: list[str], published: Optional[date]) -> Optional[int]:
    for src in ([title] if title else []) + lines[:3]:
        m = _YEAR.search(src or "")
        if m:
            return int(m.group(1))
    if published:
        return published.year - 1
    return None


_ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
           "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
           "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")
_ETHNIC_AUTONOMY = re.compile(rf"(?:(?:{_ETHNIC})族)+自治(?=县|州|旗|区)")


def short_name(name: str) -> str:
    """A place name folded for comparison: 互助土族自治县 -> 互助县, 楚雄彝族自治州 -> 楚雄州."""
    return _ETHNIC_AUTONOMY.sub("", fold(name.strip())[0]) if name else ""



def identify(text: str, original: str, title_hint: Optional[str], published: Optional[date]) -> About:
    """`text` is the folded form of `original` (same length)."""
    lines = text.split("\n")
    title = _guess_title(lines, title_hint and fold(title_hint)[0])
    title_original = None
    if title:
        at = text.find(title)
        title_original = original[at:at + len(title)] if at >= 0 else title
    jurisdiction = _guess_jurisdiction(title, lines)
    jurisdiction_original = jurisdiction
    if jurisdiction:
        at = text.find(jurisdiction)
        if at >= 0:
            jurisdiction_original = original[at:at + len(jurisdiction)]
    return About(title=title_original, jurisdiction=jurisdiction_original,
                 level=_level_of(jurisdiction) if jurisdiction else None,
                 year=_guess_year(title, lines, published))
