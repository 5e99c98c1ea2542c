"""load: a report file -> Document (clean text, folded for matching, and what the report is about)."""
from __future__ import annotations

import bisect
from datetime import date
from pathlib import Path
from typing import Optional

from . import rx
from .errors import InputError
from .readers import read_path
from .readers.repair import pinyin_glosses, plan
from .readers.decode import garbled, garbled_error, repair_mojibake
from .fold import cjk_count, fold, halfwidth, t2s as _t2s
from .identify import identify
from .models import Alert, Document, RawText

# Lines a government web page wraps around the article: navigation, breadcrumbs, metadata table.
_NAV_LINE = rx.compile(
    r"^\s*(首页|网站首页|您当前所在的?位置|当前位置|您的位置|索\s*引\s*号|发布机构|发文机关|发布日期|成文日期|公开目录|"
    r"主题分类|主题词|公文时效|文\s*号|发文字号|标\s*题\s*[:：]|浏览次数|浏览\s*[:：]|阅读次数|访问量|点击数|"
    r"【?\s*打印|关闭窗口|分享到|字号\s*[:：]|扫一扫|来源\s*[:：]|信息来源|责任编辑|上一篇|下一篇|相关链接|附件下载|"
    r"主办单位|承办单位|版权所有|网站标识码|ICP备|公网安备)"
)
_NAV_CONTAINS = rx.compile(r"(索\s*引\s*号\s*[:：]|发布机构\s*[:：]|浏览次数|>>|»|网站地图|无障碍)")
_PUNCT_ONLY = rx.compile(r"^[\s|｜/\\\-—_=*·•]*$")

_INLINE_HEADING = rx.compile(r"(?<=[。!?;！？；])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分))")


def _split_run_together(text: str) -> str:
    """Web pages often lose paragraph breaks: put numbered headings back on lines of their own."""
    if not any(len(line) > 600 for line in text.split("\n")):
        return text
    return "\n".join(_INLINE_HEADING.sub("\n", line) if len(line) > 600 else line for line in text.split("\n"))


def _line_indexes(lines: list[str], offsets) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return [max(0, bisect.bisect_right(starts, o) - 1) for o in offsets]


def _repair_plan(raw: RawText, lines: list[str]):
    """Page furniture and hard wraps (readers/repair.py), with page breaks and marked headings."""
    edges = set()
    for k in _line_indexes(lines, raw.page_starts):
        edges.update(range(max(0, k - 2), min(len(lines), k + 2)))
    if raw.page_starts:  # the foot of the last page
        edges.update(range(max(0, len(lines) - 2), len(lines)))
    return plan(lines, edges, set(_line_indexes(lines, [o for o, _ in raw.heading_hints])))


def _edge_lines_simplified(lines: list[str], edge: int) -> dict[int, str]:
    """The short lines at the top and bottom (where chrome sits), stripped, half-width and in simplified
    characters, by line number: converted in one call (no OpenCC phrase holds a line break, so each line
    converts as it would alone)."""
    n = len(lines)
    idx = [i for i in (*range(min(edge, n)), *range(max(edge, n - edge), n)) if len(lines[i].strip()) < 160]
    if not idx:
        return {}
    out = _t2s().convert("\n".join(halfwidth(lines[i].strip()) for i in idx)).split("\n")
    if len(out) != len(idx):  # cannot happen (see above); converted one by one then
        out = [_t2s().convert(halfwidth(lines[i].strip())) for i in idx]
    return dict(zip(idx, out))


def _clean_lines(raw: RawText) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...], list[str]]:
    """Drop web-page chrome and page furniture, rejoin hard-wrapped lines; keep offsets of pages and
    heading hints consistent. Also returns the chrome lines dropped (the page's metadata block:
    identify reads title, issuer and date from them)."""
    dropped: list[str] = []
    lines = raw.text.split("\n")
    repair = _repair_plan(raw, lines)
    edge = 25  # chrome sits above and below the article; a table row in the body may start with 文号
    out: list[str] = []
    seps: list[str] = []
    mapping: list[tuple[int, int, int, int]] = []  # (old line start, new line start or -1, lead spaces, kept length)
    pos = length = 0
    last_kept = -1
    simplified = _edge_lines_simplified(lines, edge)
    for i, line in enumerate(lines):
        stripped = line.strip()
        folded = halfwidth(stripped) if len(stripped) < 160 else stripped  # only short lines are chrome
        keep = i not in repair.drop
        if not keep:
            pass
        elif not stripped or _PUNCT_ONLY.match(folded) or (out and stripped == out[-1] and len(stripped) < 80):
            keep = False  # blank, separator, or a title the page header repeats
        elif len(folded) < 160 and (i < edge or i >= len(lines) - edge):
            folded = simplified[i]  # 首頁, 發布機構: chrome of traditional-character sites
            if _NAV_LINE.match(folded) or _NAV_CONTAINS.search(folded):
                dropped.append(stripped)
                keep = False
        lead = len(line) - len(line.lstrip())
        if keep:
            if out:
                glue = last_kept in repair.join and all(lines[k].strip() for k in range(last_kept + 1, i))
                sep = "\n"
                if glue:  # a hard wrap: nothing between the halves, a space between two Latin words
                    sep = " " if out[-1][-1:].isascii() and out[-1][-1:].isalpha() and stripped[:1].isascii() \
                        and stripped[:1].isalpha() else ""
                seps.append(sep)
                length += len(sep)
            mapping.append((pos, length, lead, len(stripped)))
            out.append(stripped)
            length += len(stripped)
            last_kept = i
        else:
            mapping.append((pos, -1, lead, len(stripped)))
        pos += len(line) + 1
    text = "".join(piece + sep for piece, sep in zip(out, seps + [""]))
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
    return text, pages, hints, dropped


MAX_CHARS = 600_000  # an annual report runs to tens of thousands of characters; this is twenty of them


KEEP_SHARE = 0.9  # below this share of the text a reader found, the audit says text was lost


def _repaired(path: str, raw: RawText) -> RawText:
    """Text that is mostly mojibake: undone if it can be, else named as garbled."""
    from dataclasses import replace

    if not garbled(raw.text[:20000]):
        return raw
    fixed = repair_mojibake(raw.text)
    if fixed is None:
        raise garbled_error(path)
    text, how = fixed
    alert = Alert("encoding_repaired", f"文件的文字编码有误（乱码），已按 {how} 还原；请核对引用的原文", "warning")
    return replace(raw, text=text, encoding=how, page_starts=(), heading_hints=(), source_cjk=None,
                   alerts=raw.alerts + (alert,))


def _without_glosses(raw: RawText) -> RawText:
    """Pinyin glosses of a mirror site (應(yīng)急) removed before anything reads the text, page and heading offsets
    moved with it, and said: quotes then read 應急, which is what the report wrote."""
    from dataclasses import replace

    spans = pinyin_glosses(raw.text)
    if not spans:
        return raw
    starts, before, cut = [], [], 0  # before[k]: characters removed ahead of span k
    pieces, pos = [], 0
    for a, b in spans:
        pieces.append(raw.text[pos:a])
        starts.append(a)
        before.append(cut)
        pos, cut = b, cut + b - a
    pieces.append(raw.text[pos:])

    def moved(offset: int) -> int:
        k = bisect.bisect_left(starts, offset) - 1  # the last span starting before the offset
        if k < 0:
            return offset
        a, b = spans[k]
        return offset - before[k] - (min(offset, b) - a)

    alert = Alert("pinyin_glosses", f"文中有 {len(spans)} 处汉字后夹注的拼音（如“应(yīng)急”，转载网站所加），"
                                    "已去掉后再审核；引用的原文不含这些拼音", "warning")
    return replace(raw, text="".join(pieces), page_starts=tuple(moved(o) for o in raw.page_starts),
                   heading_hints=tuple((moved(o), lvl) for o, lvl in raw.heading_hints),
                   alerts=raw.alerts + (alert,))


def _loss_alert(raw: RawText, kept_cjk: Optional[int]) -> tuple[Alert, ...]:
    found = raw.source_cjk
    if not found or kept_cjk is None or kept_cjk >= KEEP_SHARE * found:
        return ()
    share = kept_cjk / found
    return (Alert("text_loss", f"只读取到文件中约 {share:.0%} 的中文文字（{kept_cjk:,}/{found:,} 字），"
                               "其余内容未能识别为正文；审核结果可能不完整，请核对原文件或改用 Word 版本", "error"),)


def document_from_raw(path: str, raw: RawText) -> Document:
    if len(raw.text) > MAX_CHARS:
        raise InputError(f"文字内容过长（{len(raw.text):,} 个字符），超过 {MAX_CHARS:,} 个字符的上限，不像是一份年度报告", path,
                         hint="如为多份报告合并的文件，请拆分后再审核")
    raw = _without_glosses(_repaired(path, raw))
    original, pages, hints, header = _clean_lines(raw)
    if not pages and not hints:
        original = _split_run_together(original)
    if not original.strip():
        raise InputError("文件中没有可读的文字内容", path)
    text, script = fold(original)
    # the full count only when a reader counted what it found (the loss alert compares them)
    cjk = cjk_count(text) if raw.source_cjk or cjk_count(text, 0, 2000) < 20 else None
    if cjk is not None and cjk < 20:
        if garbled(original):
            raise garbled_error(path)
        raise InputError("文件中几乎没有中文内容，不像是一份法治政府建设年度报告", path)
    about = identify(text, original, raw.title_hint, raw.published, header)
    return Document(
        path=str(path),
        format=raw.format,
        original=original,
        text=text,
        title=about.title,
        jurisdiction=about.jurisdiction,
        level=about.level,
        year=about.year,
        script=script,
        encoding=raw.encoding,
        published=about.published,
        year_basis=about.year_basis,
        division_code=about.division_code,
        province=about.province,
        prefecture=about.prefecture,
        county=about.county,
        issuer=about.issuer,
        doc_number=about.doc_number,
        kind=about.kind,
        kind_certain=about.kind_certain,
        kind_signs=about.kind_signs,
        page_starts=pages,
        heading_hints=hints,
        alerts=raw.alerts + _loss_alert(raw, cjk),
    )


def load_document(path: str | Path) -> Document:
    return document_from_raw(str(path), read_path(path))
