"""pagemeta: the metadata block a government web page prints above a report.

    索引号：11500230008689762A/2026-00004   发布机构：丰都县栗子乡人民政府
    [ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10
    标 题: 临淄区交通运输局2025年度法治政府建设情况报告    文号:
    | 发布机构:楚雄州人民政府办公室 | 发布日期:2024年01月18日 |

    標????????題 | 江蘇省交通運輸廳2024年度…報告 | ||

Keys with `:`/`：`, in brackets, or in a table cell of their own before the value's cell; spaced out or not (a
mirror that lost the spaces prints `?` for each), several to a line or one per table cell. The values feed the
title, the issuer and the publication date; the first 6 digits after the two leading characters of a unified
social credit code in an 索引号 are the issuer's division code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional

from . import rx

# key -> field; the key's characters may be spaced out (标 题, 索 引 号)
_KEYS = {
    "标题": "title", "题名": "title", "文件名称": "title", "名称": "title",
    "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer", "来源": "source",
    "信息来源": "source", "文章来源": "source",
    "发布日期": "published", "发布时间": "published", "公开日期": "published", "发文日期": "written",
    "成文日期": "written", "公文生成日期": "written", "生成日期": "written", "印发日期": "written",
    "日期": "date", "时间": "date",
    "文号": "doc_number", "发文字号": "doc_number", "备注/文号": "doc_number",
    "索引号": "index_number", "信息索引号": "index_number",
}
_OTHER_KEYS = ("主题分类", "体裁分类", "公开目录", "主题词", "公文时效", "有效性", "公开方式", "公开范围", "浏览次数",
               "访问次数", "点击数", "字号", "字体", "作者", "分享", "栏目", "所属机构", "组配分类", "服务对象")


def _spaced(key: str) -> str:
    return r"[\s?？]*".join(re.escape(c) for c in key)  # 标 题, 标　　题, and 標????????題 where a mirror lost the spaces


_ALL_KEYS = sorted(list(_KEYS) + list(_OTHER_KEYS), key=len, reverse=True)
# After the key: `:`, a closing bracket, or the bar that ends the key's own table cell (发布机构 | X |)
_KEY = rx.compile(r"(?:^|(?<=[\s|｜\[\]【】•·,，;；]))[\[【]?\s*(" + "|".join(_spaced(k) for k in _ALL_KEYS) +
                  r")\s*(?:[\]】]\s*[:：]?|[:：]|(?=[|｜]))")
_DATE = rx.compile(r"(20\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_CREDIT_CODE = rx.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}(\d{6})[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY-](?![0-9A-Z])")
_CUT = rx.compile(r"\s*[|｜\]】]\s*$|\s{2,}.*$")


@dataclass(frozen=True)
class PageMeta:
    title: Optional[str] = None
    issuer: Optional[str] = None  # 发布机构 / 发文机关
    source: Optional[str] = None  # 来源: often the site that re-posted it
    published: Optional[date] = None  # 发布日期, else 成文日期, else a bare 日期
    doc_number: Optional[str] = None  # 文号: 浙卫〔2024〕3号
    index_number: Optional[str] = None
    division_code: Optional[str] = None  # from a credit code in the 索引号


def parse_date(s: str) -> Optional[date]:
    m = _DATE.search(s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _pairs(line: str) -> Iterable[tuple[str, str]]:
    keys = list(_KEY.finditer(line))
    for i, m in enumerate(keys):
        value = line[m.end(): keys[i + 1].start() if i + 1 < len(keys) else len(line)]
        if value.startswith(("|", "｜")):  # the key's own cell: its value is the next cell
            value = re.split(r"[|｜]", value[1:], maxsplit=1)[0]
        value = _CUT.sub("", value.strip(" \t|｜[]【】•·")).strip()
        yield re.sub(r"[\s?？]+", "", m.group(1)), value


def page_meta(lines: Iterable[str]) -> PageMeta:
    """Fields from metadata lines (folded text). The first value of each field wins; empty values are skipped."""
    got: dict[str, str] = {}
    for line in lines:
        for key, value in _pairs(line):
            field = _KEYS.get(key)
            if field and value and field not in got:
                got[field] = value
    dates = [parse_date(got[k]) for k in ("published", "written", "date") if k in got]
    code = None
    if idx := got.get("index_number"):
        m = _CREDIT_CODE.search(idx.upper())
        code = m.group(1) if m else None
    doc_number = got.get("doc_number")
    if doc_number and not re.search(r"〔\s*20\d\d\s*〕|\[\s*20\d\d\s*\]|\(\s*20\d\d\s*\)|20\d\d", doc_number):
        doc_number = None  # "备注/文号: 无"
    return PageMeta(title=got.get("title"), issuer=got.get("issuer"), source=got.get("source"),
                    published=next((d for d in dates if d), None), doc_number=doc_number,
                    index_number=got.get("index_number"), division_code=code)


def is_meta_line(line: str) -> bool:
    """A line of the metadata block (it carries at least one known key)."""
    return bool(_KEY.search(line))
