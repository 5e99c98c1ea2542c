"""load: a report file -> Document (clean text, folded for matching, and what the report is about)."""
from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .errors import InputError
from .formats import read_raw
from .models import Document, RawText

# Lines a government web page wraps around the article: navigation, breadcrumbs, metadata table.
_NAV_LINE = re.compile(
    r"^\s*(首页|网站首页|您当前所在的?位置|当前位置|您的位置|索\s*引\s*号|发布机构|发文机关|发布日期|成文日期|公开目录|"
    r"主题分类|主题词|公文时效|文\s*号|发文字号|标\s*题\s*[:：]|浏览次数|浏览\s*[:：]|阅读次数|访问量|点击数|"
    r"【?\s*打印|关闭窗口|分享到|字号\s*[:：]|扫一扫|来源\s*[:：]|信息来源|责任编辑|上一篇|下一篇|相关链接|附件下载|"
    r"主办单位|承办单位|版权所有|网站标识码|ICP备|公网安备)"
)
_NAV_CONTAINS = re.compile(r"(索\s*引\s*号\s*[:：]|发布机构\s*[:：]|浏览次数|>>|»|网站地图|无障碍)")
_PUNCT_ONLY = re.compile(r"^[\s|｜/\\\-—_=*·•]*$")
_DATE = re.compile(r"(20\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_PUB_DATE = re.compile(r"(?:发布日期|发布时间|发文日期|日期)\s*[:：]?\s*(20\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})")

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0x2002] = 0x20
_FULLWIDTH[0x2003] = 0x20
_FULLWIDTH[0xA0] = 0x20


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold(original: str) -> tuple[str, str]:
    """(text for matching, script). Same length as `original`, character for character."""
    half = original.translate(_FULLWIDTH)
    conv = _t2s().convert(half)
    if len(conv) != len(half):  # a phrase mapping changed the length: fall back to characters
        cc = _t2s()
        conv = "".join(c if len(s := cc.convert(c)) != 1 else s for c in half)
    sample = slice(0, 6000)  # the script shows in any stretch of text; no need to count it all
    changed = sum(map(str.__ne__, half[sample], conv[sample]))
    cjk = len(_CJK_CHAR.findall(half, 0, 6000)) or 1
    script = "traditional" if changed / cjk > 0.03 else "simplified"
    return conv, script


_INLINE_HEADING = re.compile(r"(?<=[。!?;！？；])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分))")


def _split_run_together(text: str) -> str:
    """Web pages often lose paragraph breaks: put numbered headings back on lines of their own."""
    if not any(len(line) > 600 for line in text.split("\n")):
        return text
    return "\n".join(_INLINE_HEADING.sub("\n", line) if len(line) > 600 else line for line in text.split("\n"))


def _clean_lines(raw: RawText) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...], Optional[date]]:
    """Drop web-page chrome; keep offsets of pages and heading hints consistent."""
    published = raw.published
    lines = raw.text.split("\n")
    edge = 25  # chrome sits above and below the article; a table row in the body may start with 文号
    out: list[str] = []
    mapping: list[tuple[int, int, int, int]] = []  # (old line start, new line start or -1, lead spaces, kept length)
    pos = new = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        folded = stripped.translate(_FULLWIDTH)
        keep = True
        if not stripped or _PUNCT_ONLY.match(folded) or (out and stripped == out[-1] and len(stripped) < 80):
            keep = False  # blank, separator, or a title the page header repeats
        elif len(folded) < 160 and (i < edge or i >= len(lines) - edge):
            folded = _t2s().convert(folded)  # 首頁, 發布機構: chrome of traditional-character sites
            if _NAV_LINE.match(folded) or _NAV_CONTAINS.search(folded):
                if published is None and (m := _PUB_DATE.search(folded)):
                    d = _DATE.search(m.group(1))
                    if d:
                        try:
                            published = date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
                        except ValueError:
                            pass
                keep = False
        lead = len(line) - len(line.lstrip())
        mapping.append((pos, new if keep else -1, lead, len(stripped)))
        if keep:
            out.append(stripped)
            new += len(stripped) + 1
        pos += len(line) + 1
    text = "\n".join(out)
    starts = [m[0] for m in mapping]

    def remap(offset: int) -> int:
        """An offset in the raw text -> the same character in the cleaned text (or the next kept one)."""
        i = bisect.bisect_right(starts, offset) - 1
        while i < len(mapping) and mapping[i][1] < 0:
            i += 1
            offset = mapping[i][0] if i < len(mapping) else offset
        if i >= len(mapping):
            return len(text)
        old, nw, lead, kept = mapping[i]
        return nw + max(0, min(offset - old - lead, kept))

    pages = tuple(remap(p) for p in raw.page_starts)
    kept_starts = {m[0] for m in mapping if m[1] >= 0}
    hints = tuple((remap(o), lvl) for o, lvl in raw.heading_hints if o in kept_starts)
    return text, pages, hints, published


# --- what the report is about -----------------------------------------------------------------

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


MAX_CHARS = 2_000_000  # an annual report runs to tens of thousands of characters


def document_from_raw(path: str, raw: RawText) -> Document:
    if len(raw.text) > MAX_CHARS:
        raise InputError(f"文字内容过长（{len(raw.text):,} 个字符），超过 {MAX_CHARS:,} 个字符的上限，不像是一份年度报告", path,
                         hint="如为多份报告合并的文件，请拆分后再审核")
    original, pages, hints, published = _clean_lines(raw)
    if not pages and not hints:
        original = _split_run_together(original)
    if not original.strip():
        raise InputError("文件中没有可读的文字内容", path)
    text, script = fold(original)
    if len(_CJK_CHAR.findall(text, 0, 4000)) < 20 and len(_CJK_CHAR.findall(text)) < 20:
        raise InputError("文件中几乎没有中文内容，不像是一份法治政府建设年度报告", path)
    lines = text.split("\n")
    title = _guess_title(lines, raw.title_hint and fold(raw.title_hint)[0])
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
    return Document(
        path=str(path),
        format=raw.format,
        original=original,
        text=text,
        title=title_original,
        jurisdiction=jurisdiction_original,
        level=_level_of(jurisdiction) if jurisdiction else None,
        year=_guess_year(title, lines, published),
        script=script,
        encoding=raw.encoding,
        published=published,
        page_starts=pages,
        heading_hints=hints,
    )


def load_document(path: str | Path) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError("找不到文件", str(p))
    if p.is_dir():
        raise InputError("这是一个文件夹，不是报告文件（批量审核请用 auditor batch）", str(p))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", str(p)) from None
    return document_from_raw(str(p), read_raw(str(p), data))
