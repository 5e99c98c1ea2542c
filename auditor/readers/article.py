"""The article of a web page: the block holding most of its running Chinese text, as lines.

Navigation, breadcrumbs, the disclosure metadata table (索引号, 发布机构 …) and footers are removed
first; then every element — `<body>` itself included, for pages whose paragraphs sit directly under
it (LibreOffice's "save as HTML", Word's) — is scored by the running text directly in it (paragraph
runs), and the best one grows to ancestors whose extra text is still running text. Every walk is
iterative and every count is computed once per element, so time is linear in the page and nesting
depth costs no recursion.
"""
from __future__ import annotations

import re
from typing import Iterable

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from .. import rx
from ..fold import cjk_count as cjk  # ideographs in a string (by runs)

_CJKISH = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_NEWLINE_IN_CJK = rx.compile(rf"(?<=[{_CJKISH}])[ \t\r\f]*\n\s*(?=[{_CJKISH}])")
_WS = rx.compile(r"[ \t\r\n\f]+")
_INVISIBLE = rx.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero-width spaces/joiners, BOM
_SKIP = (Comment, Declaration, Doctype, ProcessingInstruction)

DROP_TAGS = ("script", "style", "noscript", "iframe", "frame", "frameset", "template", "svg", "canvas",
             "object", "embed", "select", "option", "button", "input", "textarea", "nav", "footer",
             "head", "title", "meta", "link", "map", "audio", "video")
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "tbody", "thead", "tfoot", "section", "article", "blockquote", "center", "pre", "hr",
               "header", "main", "aside", "form", "fieldset", "address", "figure", "figcaption", "caption", "body"}
_CONTAINERS = ("div", "section", "article", "td", "table", "tbody", "tr", "ul", "ol", "form", "main", "body")
_CONTENT_HINT = rx.compile(
    r"(TRS_?Editor|Custom_UnionStyle|zoom|article|content|detail|main-?text|zwnr|zw_?con|con_?text|"
    r"text_?con|news_?con|info_?con|wz_?con|mainbody|maintext|ccontent|bt_?content|pages_content|"
    r"view|entry|textbox|nrs)", re.I)
_CHROME_HINT = rx.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|weizhi|dqwz|footer|foot|bottom|"
    r"copyright|share|fenxiang|bdshare|print|toolbar|tool|related|xgwz|xglj|sidebar|side|header|head|top|"
    r"search|login|links?|friend|yqlj|qrcode|ewm|pagination|pager)([\s_-]|\d|$)", re.I)
_META_WORDS = ("索引号", "发布机构", "发布日期", "成文日期", "文号", "发文字号", "主题分类", "公开方式", "公开范围",
               "发文机关", "主题词", "公开目录", "公文时效", "有效性", "信息来源", "发布时间", "浏览次数")
_META_STRONG = ("索引号", "发布机构", "主题分类", "成文日期", "公开方式", "发文机关", "浏览次数", "公开目录")
# A footnote reference: <sup>1</sup>, <sup>[2]</sup>, <sup>*</sup> (LibreOffice and Word write them so).
_NOTE_MARK = rx.compile(r"^\s*[\[［(（]?\s*(?:\d{1,3}|[*＊†‡§①-⑳])\s*[\]］)）]?\s*$")
_PROSE = rx.compile(r"[，。；：！？、]")
MAX_DEPTH_HINT = "请在浏览器中打开网页，复制正文粘贴到 Word 或文本文件后再审核"


def hidden(tag: Tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or tag.has_attr("hidden")


def _attr_text(tag: Tag) -> str:
    cls = tag.get("class") or []
    if isinstance(cls, str):
        cls = [cls]
    title = tag.get("title") or ""  # LibreOffice: <div title="header">, <div title="footer">
    return " ".join(cls) + " " + (tag.get("id") or "") + (" " + title if title in ("header", "footer") else "")


def _note_mark(tag: Tag) -> bool:
    return tag.name == "sup" and bool(_NOTE_MARK.match(tag.get_text()))


def depth(root: Tag) -> int:
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node.children if isinstance(c, Tag))
    return deepest


def _post_order(root: Tag) -> Iterable[Tag]:
    """Elements below `root` and `root` itself, children before parents (no recursion)."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if isinstance(c, Tag))
    return reversed(out)


class _Counts:
    """Chinese characters per element: all of its text, and the part inside links."""

    def __init__(self, root: Tag) -> None:
        self.total: dict[int, int] = {}
        self.linked: dict[int, int] = {}
        for tag in _post_order(root):
            total = linked = 0
            for child in tag.children:
                if isinstance(child, Tag):
                    total += self.total[id(child)]
                    linked += self.total[id(child)] if child.name == "a" else self.linked[id(child)]
                elif isinstance(child, NavigableString) and not isinstance(child, _SKIP):
                    total += cjk(child)
            self.total[id(tag)] = total
            self.linked[id(tag)] = linked

    def of(self, tag: Tag) -> int:
        return self.total.get(id(tag), 0)

    def links(self, tag: Tag) -> int:
        return self.linked.get(id(tag), 0)


class Lines:
    """Text of an element as lines: block elements start lines, table cells are joined by tabs."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []

    def newline(self) -> None:
        text = _WS.sub(" ", _INVISIBLE.sub("", "".join(self.cur))).strip()
        if text:
            self.lines.append(text)
        self.cur = []

    def _cell_end(self) -> None:
        self.cur.append("\t")

    def walk(self, root: Tag, table_depth: int = 0) -> None:
        stack: list[tuple] = [(iter(root.children), None)]
        while stack:
            it, closing = stack[-1]
            child = next(it, None)
            if child is None:
                stack.pop()
                if closing is not None:
                    closing()
                continue
            if isinstance(child, _SKIP):
                continue
            if isinstance(child, NavigableString):
                self.cur.append(_NEWLINE_IN_CJK.sub("", str(child)))
                continue
            if not isinstance(child, Tag) or child.name in DROP_TAGS or hidden(child) or _note_mark(child):
                continue
            name = child.name
            if name == "br":
                self.newline()
            elif name == "tr" and table_depth < 8:
                self.newline()
                self.row(child, table_depth + 1)
            elif name in _BLOCK_TAGS or name == "tr":
                self.newline()
                stack.append((iter(child.children), self.newline))
            elif name in ("td", "th"):  # a cell outside a row
                stack.append((iter(child.children), self._cell_end))
            else:
                stack.append((iter(child.children), None))

    def row(self, tr: Tag, table_depth: int) -> None:
        cells = []
        for td in tr.find_all(("td", "th"), recursive=False):
            if hidden(td):
                continue
            sub = Lines()
            sub.walk(td, table_depth)
            sub.newline()
            if sub.lines:
                cells.append(sub.lines)
        if len(cells) == 1 or any(len(c) > 1 for c in cells):
            for c in cells:  # a layout cell holding paragraphs
                self.lines.extend(c)
        elif cells:
            self.lines.append("\t".join(c[0] for c in cells))


def lines_of(el: Tag) -> list[str]:
    out = Lines()
    out.walk(el)
    out.newline()
    return out.lines


def prose_cjk(lines: Iterable[str]) -> int:
    """Chinese characters of running text: lines of sentences, not labels, menus or link lists."""
    return sum(n for line in lines if (n := cjk(line)) >= 10 and _PROSE.search(line))


def _is_metadata(text: str) -> bool:
    """The disclosure table of a 政府信息公开 page (a report's own tables rarely have 索引号 or 发布机构)."""
    return (sum(1 for w in _META_WORDS if w in text) >= 2 and any(w in text for w in _META_STRONG)
            and cjk(text) < 400)


def strip_chrome(root: Tag) -> None:
    """Remove navigation, breadcrumbs, metadata tables and footers, however the page marks them."""
    counts = _Counts(root)
    total = counts.of(root)
    doomed = []
    for tag in root.find_all(True):
        if tag.name in ("html", "body"):
            continue
        attrs = _attr_text(tag)
        n = counts.of(tag)
        if _CHROME_HINT.search(attrs) and not _CONTENT_HINT.search(attrs):
            if n < max(300, 0.2 * total):
                doomed.append(tag)
                continue
        if tag.name in ("table", "ul", "dl", "div") and n < 400 and _is_metadata(tag.get_text(" ", strip=True)):
            if max((len(line) for line in lines_of(tag)), default=0) < 100:  # labels and values, no prose
                doomed.append(tag)
    for tag in doomed:
        if not getattr(tag, "decomposed", False) and tag.parent is not None:
            tag.decompose()


def _paragraph_score(el: Tag, counts: _Counts) -> int:
    """Chinese characters of running text directly in `el` (not in links or nested containers)."""
    score = 0
    for child in el.children:
        if isinstance(child, _SKIP):
            continue
        if isinstance(child, NavigableString):
            score += cjk(child)
        elif isinstance(child, Tag) and child.name not in DROP_TAGS and child.name != "a":
            if child.name in _CONTAINERS:
                # a nested leaf div is a paragraph of its own
                if child.name == "div" and not child.find(("div", "table", "ul", "section", "article")):
                    score += counts.of(child) - counts.links(child)
                continue
            score += counts.of(child) - counts.links(child)
    return score


def find_article(body: Tag) -> Tag:
    """The element that holds the article text (`body` itself when paragraphs sit directly in it)."""
    counts = _Counts(body)
    best, best_score = body, _paragraph_score(body, counts)
    for tag in body.find_all(True):
        if tag.name in DROP_TAGS:
            continue
        score = _paragraph_score(tag, counts)
        if score > best_score:
            best, best_score = tag, score
    # Climb to the enclosing marked content block (zoom > TRS_Editor > p), and to ancestors
    # whose extra text is still running text rather than links; never to <body> (side bars sit
    # there), which is the article only when its own paragraphs win.
    node = best
    for _ in range(6):
        parent = node.parent
        if node is body or parent is None or parent is body or not isinstance(parent, Tag):
            break
        extra = counts.of(parent) - counts.of(node)
        linked = counts.links(parent) - counts.links(node)
        inner = counts.of(node)
        if extra <= 0 or (extra - linked) >= 0.5 * extra and extra < 0.5 * inner:
            node = parent
            continue
        break
    return node


def article_lines(body: Tag) -> tuple[list[str], int]:
    """(lines of the article, Chinese characters of all running text on the page after chrome is
    removed). Falls back to the whole page when the article holds less than 90% of that text:
    a fragment is never passed off as the report."""
    strip_chrome(body)
    page = lines_of(body)
    found = prose_cjk(page)
    article = find_article(body)
    lines = page if article is body else lines_of(article)
    if article is not body and prose_cjk(lines) < 0.9 * found:
        lines = page
    return lines, found
