"""A saved government web page (.html/.htm/.mht) -> RawText: the article body, its title and date.

The article is the block holding most of the page's running Chinese text; navigation,
breadcrumbs, the disclosure metadata table (索引号, 发布机构 …), scripts and the footer are
left out. Nothing the page refers to (frames, attachments, images) is ever fetched.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ..errors import InputError
from ..models import RawText
from .plain import decode

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJKISH = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_NEWLINE_IN_CJK = re.compile(rf"(?<=[{_CJKISH}])[ \t\r\f]*\n\s*(?=[{_CJKISH}])")
_WS = re.compile(r"[ \t\r\n\f]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero-width spaces/joiners, BOM
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.I)

_DROP_TAGS = ("script", "style", "noscript", "iframe", "frame", "frameset", "template", "svg", "canvas",
              "object", "embed", "select", "option", "button", "input", "textarea", "nav", "footer",
              "head", "title", "meta", "link", "map", "audio", "video")
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "tbody", "thead", "tfoot", "section", "article", "blockquote", "center", "pre", "hr",
               "header", "main", "aside", "form", "fieldset", "address", "figure", "figcaption", "caption"}
_CONTENT_HINT = re.compile(
    r"(TRS_?Editor|Custom_UnionStyle|zoom|article|content|detail|main-?text|zwnr|zw_?con|con_?text|"
    r"text_?con|news_?con|info_?con|wz_?con|mainbody|maintext|ccontent|bt_?content|pages_content|"
    r"view|entry|textbox|nrs)", re.I)
_CHROME_HINT = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|weizhi|dqwz|footer|foot|bottom|"
    r"copyright|share|fenxiang|bdshare|print|toolbar|tool|related|xgwz|xglj|sidebar|side|header|head|top|"
    r"search|login|links?|friend|yqlj|qrcode|ewm|pagination|pager)([\s_-]|\d|$)", re.I)
_META_WORDS = ("索引号", "发布机构", "发布日期", "成文日期", "文号", "发文字号", "主题分类", "公开方式", "公开范围",
               "发文机关", "主题词", "公开目录", "公文时效", "有效性", "信息来源", "发布时间", "浏览次数")
_META_STRONG = ("索引号", "发布机构", "主题分类", "成文日期", "公开方式", "发文机关", "浏览次数", "公开目录")
_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_DATE_VALUE = r"\s*[:：]?\s*((?:20|19)\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})"
_PUB_LABELS = (  # most specific first; 成文日期 is when it was written, not published
    re.compile(r"(?:发布日期|发布时间|公开日期|发表时间|发表日期|发文日期|上网时间)" + _DATE_VALUE),
    re.compile(r"(?<!成文)(?<!印发)(?<!截止)(?:更新时间|时间|日期)" + _DATE_VALUE),
)
_PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "pubtime", "maketime",
             "article:published_time", "og:release_date", "dc.date", "dcterms.created", "date")
_TITLE_SEP = re.compile(r"\s*(?:_|\||｜|\s[-—–－]+\s|--+|——|(?<!\d)[-－](?!\d))\s*")
_TITLE_WORDS = re.compile(r"(法治|依法行政|报告|情况|总结)")
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|ofd|xlsx?|zip|rar)(\?|#|$)", re.I)


def _decode_html(path: str, data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(path, data)
    try:  # valid UTF-8 is UTF-8 whatever the page declares (GBK text is practically never valid UTF-8)
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn"):
            enc = "gb18030"  # pages say gb2312 and use GBK characters
        if enc in ("big5", "big5-hkscs"):
            enc = "big5hkscs"
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown declaration: detect from the bytes
    return decode(path, data)


def _from_mht(data: bytes) -> Optional[bytes]:
    """The HTML part of a .mht (MIME) web archive, with a charset meta so decoding finds it."""
    head = data[:2048].lower()
    if b"mime-version" not in head and b"multipart/related" not in head:
        return None
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not _META_CHARSET.search(payload[:4096]):
                payload = f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
            return payload
    return None


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


def _cjk(s: str) -> int:
    return len(_CJK.findall(s))


def _hidden(tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or tag.has_attr("hidden")


def _attr_text(tag) -> str:
    cls = tag.get("class") or []
    if isinstance(cls, str):
        cls = [cls]
    return " ".join(cls) + " " + (tag.get("id") or "")


class _Lines:
    """Text of an element as lines: block elements start lines, table cells are joined by tabs."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []

    def newline(self) -> None:
        text = _WS.sub(" ", _INVISIBLE.sub("", "".join(self.cur))).strip()
        if text:
            self.lines.append(text)
        self.cur = []

    def walk(self, el) -> None:
        for child in el.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.cur.append(_NEWLINE_IN_CJK.sub("", str(child)))
                continue
            if not isinstance(child, Tag) or child.name in _DROP_TAGS or _hidden(child):
                continue
            name = child.name
            if name == "br":
                self.newline()
            elif name == "tr":
                self.newline()
                self.row(child)
            elif name in _BLOCK_TAGS:
                self.newline()
                self.walk(child)
                self.newline()
            elif name in ("td", "th"):  # a cell outside a row
                self.walk(child)
                self.cur.append("\t")
            else:
                self.walk(child)

    def row(self, tr) -> None:
        cells = []
        for td in tr.find_all(("td", "th"), recursive=False):
            if _hidden(td):
                continue
            sub = _Lines()
            sub.walk(td)
            sub.newline()
            if sub.lines:
                cells.append(sub.lines)
        if len(cells) == 1 or any(len(c) > 1 for c in cells):
            for c in cells:  # a layout cell holding paragraphs
                self.lines.extend(c)
        elif cells:
            self.lines.append("\t".join(c[0] for c in cells))


def _lines_of(el) -> list[str]:
    out = _Lines()
    out.walk(el)
    out.newline()
    return out.lines


def _is_metadata(text: str) -> bool:
    """The disclosure table of a 政府信息公开 page (a report's own tables rarely have 索引号 or 发布机构)."""
    return (sum(1 for w in _META_WORDS if w in text) >= 2 and any(w in text for w in _META_STRONG)
            and _cjk(text) < 400)


def _strip_chrome(root, total: int) -> None:
    """Remove navigation, breadcrumbs, metadata tables and footers, however the page marks them."""
    doomed = []
    for tag in root.find_all(True):
        if not isinstance(tag, Tag) or tag.name in ("html", "body"):
            continue
        attrs = _attr_text(tag)
        if _CHROME_HINT.search(attrs) and not _CONTENT_HINT.search(attrs):
            text = tag.get_text(" ", strip=True)
            if _cjk(text) < max(300, 0.2 * total):
                doomed.append(tag)
                continue
        if tag.name in ("table", "ul", "dl", "div") and _is_metadata(tag.get_text(" ", strip=True)):
            if max((len(line) for line in _lines_of(tag)), default=0) < 100:  # labels and values, no prose
                doomed.append(tag)
    for tag in doomed:
        if not getattr(tag, "decomposed", False) and tag.parent is not None:
            tag.decompose()


def _paragraph_score(el) -> int:
    """Chinese characters of running text directly in `el` (not in links or nested containers)."""
    score = 0
    for child in el.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            score += _cjk(str(child))
        elif isinstance(child, Tag) and child.name not in _DROP_TAGS:
            if child.name == "a":
                continue
            if child.name in ("div", "section", "article", "td", "table", "tbody", "tr", "ul", "ol", "form", "main"):
                # a nested leaf div is a paragraph of its own
                if child.name == "div" and not child.find(("div", "table", "ul", "section", "article")):
                    score += _cjk(child.get_text()) - _link_cjk(child)
                continue
            score += _cjk(child.get_text()) - _link_cjk(child)
    return score


def _link_cjk(el) -> int:
    return sum(_cjk(a.get_text()) for a in el.find_all("a"))


def _article(body):
    """The element that holds the article text."""
    best, best_score = None, 0
    for tag in body.find_all(True):
        if not isinstance(tag, Tag) or tag.name in _DROP_TAGS:
            continue
        score = _paragraph_score(tag)
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        return body
    # Climb to the enclosing marked content block (zoom > TRS_Editor > p), and to ancestors
    # whose extra text is still running text rather than links.
    node = best
    for _ in range(4):
        parent = node.parent
        if parent is None or not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        whole = _cjk(parent.get_text())
        linked = _link_cjk(parent)
        inner = _cjk(node.get_text())
        extra = whole - inner
        if extra <= 0 or (extra - linked) >= 0.5 * extra and extra < 0.5 * inner:
            node = parent
            continue
        break
    return node


def read_html(path: str, data: bytes) -> RawText:
    data = _from_mht(data) or data
    text, encoding = _decode_html(path, data)
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # noqa: BLE001 - lxml gives up only on badly broken input
        soup = BeautifulSoup(text, "html.parser")

    # Metadata first, before anything is removed.
    published = None
    title = None
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content") or ""
        if name == "articletitle" and content.strip():
            title = _clean_title(content)
        if published is None and name in _PUB_META:
            published = _parse_date(content)
    body = soup.body or soup
    attachments = [t.get(attr) for t, attr in
                   [(a, "href") for a in soup.find_all("a", href=True)]
                   + [(f, "src") for f in soup.find_all(("iframe", "embed", "frame"), src=True)]
                   + [(o, "data") for o in soup.find_all("object", data=True)]
                   if _ATTACHMENT.search(t.get(attr) or "")]
    for tag in body.find_all(_DROP_TAGS):
        if not getattr(tag, "decomposed", False):
            tag.decompose()
    for c in body.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    page_text = body.get_text("\n")
    page_lines = [l.replace("\xa0", " ") for l in _lines_of(body)]
    published = published or _find_date(page_lines, _PUB_LABELS[0])
    if title is None:
        heads = [h.get_text(" ") for h in body.find_all(("h1", "h2", "h3")) if _cjk(h.get_text()) >= 4]
        page_title = soup.title.get_text(" ") if soup.title is not None else ""
        title = (next((_clean_title(h) for h in heads if _TITLE_WORDS.search(h)), None)
                 or (_clean_title(page_title) if _TITLE_WORDS.search(page_title) else None)
                 or (_clean_title(heads[0]) if heads else None) or _clean_title(page_title))

    total = _cjk(page_text)
    _strip_chrome(body, total)
    article = _article(body)
    lines = _lines_of(article)
    body_cjk = sum(_cjk(l) for l in lines)
    if body_cjk < 100:
        if attachments:
            name = attachments[0].rsplit("/", 1)[-1].split("?")[0]
            raise InputError(f"网页中没有报告正文，正文可能在附件（{name}）中", path,
                             hint="请下载附件后审核附件文件（本工具不会自动下载网页中的链接）")
        if len(article.find_all("img")) >= 1:
            raise InputError("网页正文是图片，没有可读的文字", path,
                             hint="请提供 Word、可复制文字的 PDF 或文字版网页")
    if published is None:  # a bare 时间/日期 label counts only outside the article
        inside = set(lines)
        published = _find_date([l for l in page_lines if l not in inside], _PUB_LABELS[1])
    if title and not any(title.replace(" ", "") in l.replace(" ", "") for l in lines[:3]):
        lines.insert(0, title)  # the heading usually sits outside the article block
    return RawText(text="\n".join(lines), format="html", encoding=encoding, published=published, title_hint=title)
