"""A saved government web page (.html/.htm, .mht/.mhtml) -> RawText: the article body, its title and date.

What counts as the article is decided in article.py; this module decodes the page, reads its
metadata (title, publication date) and names what is missing (a report only in an attachment, a
page that is an image). Nothing the page refers to (frames, attachments, images) is ever fetched.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from bs4 import BeautifulSoup
from bs4.element import Comment

from .. import rx
from ..errors import InputError
from ..models import RawText
from .article import DROP_TAGS, MAX_DEPTH_HINT, article_lines, cjk, depth, lines_of
from .decode import Decoded, decode, decode_declared

_WS = rx.compile(r"[ \t\r\n\f]+")
_META_CHARSET = rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_XML_ENCODING = rx.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.I)
_DATE = rx.compile(r"(20\d\d|19\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_DATE_VALUE = r"\s*[:：]?\s*((?:20|19)\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})"
_PUB_LABELS = (  # most specific first; 成文日期 is when it was written, not published
    rx.compile(r"(?:发布日期|发布时间|公开日期|发表时间|发表日期|发文日期|上网时间)" + _DATE_VALUE),
    rx.compile(r"(?<!成文)(?<!印发)(?<!截止)(?:更新时间|时间|日期)" + _DATE_VALUE),
)
_PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "pubtime", "maketime",
             "article:published_time", "og:release_date", "dc.date", "dcterms.created", "date")
_TITLE_SEP = rx.compile(r"\s*(?:_|\||｜|\s[-—–－]+\s|--+|——|(?<!\d)[-－](?!\d))\s*")
_TITLE_WORDS = rx.compile(r"(法治|依法行政|报告|情况|总结)")
_ATTACHMENT = rx.compile(r"\.(pdf|docx?|wps|ofd|xlsx?|zip|rar)(\?|#|$)", re.I)
MAX_MARKUP = 16 * 1024 * 1024  # characters: a Word "save as HTML" of a long report is a few MB
MAX_DEPTH = 512  # elements nested in elements: real pages go a few dozen deep
MAX_TAGS = 100_000  # a Word "save as HTML" of a 30-page report has a few thousand


def _decode_html(path: str, data: bytes) -> Decoded:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(path, data, markup=True)
    try:  # valid UTF-8 is UTF-8 whatever the page declares (GBK text is practically never valid UTF-8)
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m and (declared := decode_declared(data, m.group(1).decode("ascii", "ignore"))) is not None:
        return declared
    return decode(path, data, markup=True)  # wrong or unknown declaration: detect from the text


def _parse_date(s: str) -> Optional[date]:
    m = _DATE.search(s or "")
    if not m:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d if 2000 <= d.year <= 2100 else None


def _find_date(lines: list[str], pattern: re.Pattern) -> Optional[date]:
    for line in lines:
        if len(line) <= 200 and (m := pattern.search(line)) and (d := _parse_date(m.group(1))):
            return d
    return None


def _clean_title(s: str) -> Optional[str]:
    s = _WS.sub(" ", s or "").strip()
    if not s:
        return None
    parts = [p.strip() for p in _TITLE_SEP.split(s) if p and p.strip()]
    if not parts:
        return None
    good = [p for p in parts if _TITLE_WORDS.search(p)]
    return max(good, key=len) if good else parts[0]


def _parse(path: str, text: str) -> BeautifulSoup:
    if len(text) > MAX_MARKUP:
        raise InputError(f"网页文件过大（{len(text) // (1024 * 1024)} MB 的网页代码），不像是一份报告的网页", path,
                         hint="请提供 Word 或 PDF 版本的报告")
    if (tags := text.count("<")) > MAX_TAGS:
        raise InputError(f"网页代码中的标签过多（约 {tags:,} 个），不像是一份报告的网页", path,
                         hint="请提供 Word 或 PDF 版本的报告，或将网页正文复制到 Word 后再审核")
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # noqa: BLE001 - lxml gives up only on badly broken input
        soup = BeautifulSoup(text, "html.parser")
    if depth(soup) > MAX_DEPTH:
        raise InputError(f"网页结构嵌套过深（超过 {MAX_DEPTH} 层），不像是正常保存的网页", path, hint=MAX_DEPTH_HINT)
    return soup


def _metadata(soup: BeautifulSoup) -> tuple[Optional[str], Optional[date]]:
    title = published = None
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content") or ""
        if name == "articletitle" and content.strip():
            title = _clean_title(content)
        if published is None and name in _PUB_META:
            published = _parse_date(content)
    return title, published


def _title(soup: BeautifulSoup, body) -> Optional[str]:
    heads = [h.get_text(" ") for h in body.find_all(("h1", "h2", "h3")) if cjk(h.get_text()) >= 4]
    page_title = soup.title.get_text(" ") if soup.title is not None else ""
    return (next((_clean_title(h) for h in heads if _TITLE_WORDS.search(h)), None)
            or (_clean_title(page_title) if _TITLE_WORDS.search(page_title) else None)
            or (_clean_title(heads[0]) if heads else None) or _clean_title(page_title))


def read_html(path: str, data: bytes) -> RawText:
    from .mhtml import html_part, is_mhtml

    if is_mhtml(data):
        data = html_part(data) or b""
        if not data.strip():
            raise InputError("这是网页存档（.mht/.mhtml），但其中没有网页正文", path,
                             hint="请在浏览器中重新打开原网页后另存，或提供 Word、PDF 版本")
    decoded = _decode_html(path, data)
    soup = _parse(path, decoded.text)
    title, published = _metadata(soup)  # before anything is removed
    body = soup.body or soup
    attachments = [t.get(attr) for t, attr in
                   [(a, "href") for a in soup.find_all("a", href=True)]
                   + [(f, "src") for f in soup.find_all(("iframe", "embed", "frame"), src=True)]
                   + [(o, "data") for o in soup.find_all("object", data=True)]
                   if _ATTACHMENT.search(t.get(attr) or "")]
    for tag in body.find_all(DROP_TAGS):
        if not getattr(tag, "decomposed", False):
            tag.decompose()
    for c in body.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    page_lines = [line.replace("\xa0", " ") for line in lines_of(body)]
    published = published or _find_date(page_lines, _PUB_LABELS[0])
    title = title or _title(soup, body)
    lines, found = article_lines(body)
    if sum(cjk(line) for line in lines) < 100:
        if attachments:
            name = attachments[0].rsplit("/", 1)[-1].split("?")[0]
            raise InputError(f"网页中没有报告正文，正文可能在附件（{name}）中", path,
                             hint="请下载附件后审核附件文件（本工具不会自动下载网页中的链接）")
        if body.find("img") is not None:
            raise InputError("网页正文是图片，没有可读的文字", path, hint="请提供 Word、可复制文字的 PDF 或文字版网页")
    if published is None:  # a bare 时间/日期 label counts only outside the article
        inside = set(lines)
        published = _find_date([line for line in page_lines if line not in inside], _PUB_LABELS[1])
    if title and not any(title.replace(" ", "") in line.replace(" ", "") for line in lines[:3]):
        lines.insert(0, title)  # the heading usually sits outside the article block
    return RawText(text="\n".join(lines), format="html", encoding=decoded.encoding, published=published,
                   title_hint=title, alerts=decoded.alerts, source_cjk=found or None)
