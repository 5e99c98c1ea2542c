"""Word (.docx) -> RawText: body paragraphs and tables in reading order, heading levels from styles.

The body is walked as XML (not through python-docx's paragraph objects) so that text in
content controls, tracked insertions and hyperlinks is kept and text boxes' fallback copies
are not read twice. Automatic numbering ("一、" produced by a list style) is rendered into
the text, since reports number their parts that way.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator, Optional

from .. import rx
from ..errors import InputError
from ..models import RawText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CJK = rx.compile(r"[\u4e00-\u9fff]")
_HEADING_NAME = rx.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAMES = ("title", "标题")
_CONTROL = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]")  # and zero-width chars
_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_BROKEN_HINT = "请重新下载，或在 Word/WPS 中打开后“另存为” .docx 再审核"


def _broken(path: str) -> InputError:
    return InputError("Word 文件已损坏或不完整（无法解压读取），可能是下载或复制时中断", path, hint=_BROKEN_HINT)


# --- automatic numbering ---------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalHalfWidth", "decimalFullWidth", "decimalFullWidth2"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt.startswith(("chinese", "ideographDigital", "taiwanese", "japaneseCounting")):
        return _chinese(n)
    if fmt in ("ideographTraditional",):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Counters for Word's automatic list numbering (numbering.xml)."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}  # abstract id -> ilvl -> (start, fmt, text, suffix)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract id, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iter(_W + "abstractNum"):
            aid = an.get(_W + "abstractNumId")
            lv = {}
            for lvl in an.findall(_W + "lvl"):
                lv[int(lvl.get(_W + "ilvl", "0"))] = self._lvl(lvl)
            self.levels[aid] = lv
        for num in root.iter(_W + "num"):
            nid = num.get(_W + "numId")
            a = num.find(_W + "abstractNumId")
            over = {}
            for o in num.findall(_W + "lvlOverride"):
                so = o.find(_W + "startOverride")
                if so is not None:
                    over[int(o.get(_W + "ilvl", "0"))] = int(so.get(_W + "val", "1"))
                lvl = o.find(_W + "lvl")
                if lvl is not None and a is not None:
                    self.levels.setdefault(a.get(_W + "val"), {})[int(o.get(_W + "ilvl", "0"))] = self._lvl(lvl)
            if a is not None:
                self.nums[nid] = (a.get(_W + "val"), over)

    @staticmethod
    def _lvl(lvl) -> tuple[int, str, str, str]:
        def val(tag: str, default: str) -> str:
            el = lvl.find(_W + tag)
            return el.get(_W + "val", default) if el is not None else default

        try:
            start = int(val("start", "1"))
        except ValueError:
            start = 1
        fmt = val("numFmt", "decimal")
        if lvl.find(_W + "isLgl") is not None:
            fmt = "decimal"
        return start, fmt, val("lvlText", ""), val("suff", "tab")

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        aid, over = self.nums[num_id]
        levels = self.levels.get(aid, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in over.items():
                counters[lv] = start - 1
        start, fmt, text, suff = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet" or not text:
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            n = counters.get(k, levels[k][0])
            return _format_number(n, levels[k][1] if k != ilvl else fmt)

        out = re.sub(r"%([1-9])", sub, text)
        return out + (" " if suff in ("tab", "space") and out else "")


# --- styles ----------------------------------------------------------------------------------

class _Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, tuple[str, Optional[str], Optional[int], Optional[tuple[str, int]]]] = {}
        self.default: Optional[str] = None
        if root is None:
            return
        for st in root.iter(_W + "style"):
            if st.get(_W + "type") != "paragraph":
                continue
            sid = st.get(_W + "styleId")
            name_el = st.find(_W + "name")
            name = name_el.get(_W + "val", "") if name_el is not None else ""
            based = st.find(_W + "basedOn")
            ppr = st.find(_W + "pPr")
            self.by_id[sid] = (name.strip(), based.get(_W + "val") if based is not None else None,
                               _outline_level(ppr), _num_pr(ppr))
            if st.get(_W + "default") in ("1", "true", "on"):
                self.default = sid

    def _chain(self, sid: Optional[str]):
        seen = set()
        sid = sid or self.default
        while sid and sid in self.by_id and sid not in seen and len(seen) < 12:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid][1]

    def heading_level(self, sid: Optional[str]) -> Optional[int]:
        for name, _, outline, _ in self._chain(sid):
            m = _HEADING_NAME.match(name)
            if m:
                return int(m.group(1))
            if outline is not None:
                return outline
        return None

    def is_title(self, sid: Optional[str]) -> bool:
        if not sid or sid not in self.by_id:
            return False
        return self.by_id[sid][0].lower() in _TITLE_NAMES

    def num_pr(self, sid: Optional[str]) -> Optional[tuple[str, int]]:
        for _, _, _, num in self._chain(sid):
            if num is not None:
                return num
        return None


def _outline_level(ppr) -> Optional[int]:
    if ppr is None:
        return None
    el = ppr.find(_W + "outlineLvl")
    if el is None:
        return None
    try:
        v = int(el.get(_W + "val", "9"))
    except ValueError:
        return None
    return v + 1 if 0 <= v < 9 else None


def _num_pr(ppr) -> Optional[tuple[str, int]]:
    if ppr is None:
        return None
    el = ppr.find(_W + "numPr")
    if el is None:
        return None
    nid = el.find(_W + "numId")
    ilvl = el.find(_W + "ilvl")
    if nid is None:
        return None
    try:
        lvl = int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0
    except ValueError:
        lvl = 0
    return nid.get(_W + "val", "0"), lvl


# --- body walk -------------------------------------------------------------------------------

class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.headings: list[tuple[int, int]] = []  # (line index, level)
        self.title: Optional[str] = None
        self.drawings = 0

    # Text of one paragraph; text boxes inside it come back separately.
    def _runs(self, el, out: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag in (_W + "del", _W + "moveFrom", _W + "instrText", _W + "delText", _W + "pPr", _W + "rPr"):
                continue
            elif tag == _MC + "Fallback":
                continue
            elif tag == _W + "txbxContent":
                boxes.append(child)
            else:
                if tag.endswith(("}drawing", "}pict")):
                    self.drawings += 1
                self._runs(child, out, boxes)

    def paragraph(self, p) -> None:
        ppr = p.find(_W + "pPr")
        sid = None
        if ppr is not None and (ps := ppr.find(_W + "pStyle")) is not None:
            sid = ps.get(_W + "val")
        parts: list[str] = []
        boxes: list = []
        self._runs(p, parts, boxes)
        text = _CONTROL.sub("", "".join(parts))
        num = _num_pr(ppr) or self.styles.num_pr(sid)
        if text.strip() and num and num[0] != "0":
            text = self.numbering.label(num[0], num[1]) + text.lstrip()
        if text.strip():
            level = _outline_level(ppr) or self.styles.heading_level(sid)
            if self.styles.is_title(sid) and self.title is None:
                self.title = text.strip()
            elif level:
                self.headings.append((len(self.lines), level))
            self.lines.append(text)
        for box in boxes:
            self.block(box)

    def table(self, tbl) -> None:
        for tr in self._children(tbl, _W + "tr"):
            cells: list[_Reader] = []
            for tc in self._children(tr, _W + "tc"):
                sub = _Reader(self.styles, self.numbering)
                sub.block(tc)
                self.drawings += sub.drawings
                sub.lines = [l.strip() for l in sub.lines]
                if any(sub.lines):
                    cells.append(sub)
            if len(cells) == 1 or any(len(c.lines) >= 3 for c in cells):
                # A frame around whole paragraphs (or a layout column): keep them as lines, with headings.
                for sub in cells:
                    base = len(self.lines)
                    self.lines.extend(sub.lines)
                    self.headings.extend((base + i, lvl) for i, lvl in sub.headings)
            elif cells:
                self.lines.append("\t".join(" ".join(c.lines) for c in cells))

    @staticmethod
    def _children(el, tag: str) -> Iterator:
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins", _W + "moveTo"):
                yield from _Reader._children(child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child, tag)

    def block(self, el) -> None:
        if el is None:
            return
        for child in el:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag == _W + "sdt":
                self.block(child.find(_W + "sdtContent"))
            elif tag in (_W + "customXml", _W + "ins", _W + "moveTo"):
                self.block(child)


def _normalize_levels(headings: list[tuple[int, int]], lines: list[str]) -> tuple[list[tuple[int, int]], Optional[str]]:
    """A lone top-level heading at the very top is the document's title; the rest start at 1."""
    title = None
    if headings:
        top = min(l for _, l in headings)
        tops = [i for i, l in headings if l == top]
        first_text = next((i for i, l in enumerate(lines) if l.strip()), None)
        if len(tops) == 1 and tops[0] == first_text and len(headings) > 1:
            title = lines[tops[0]].strip()
            headings = [(i, l) for i, l in headings if i != tops[0]]
    if headings:
        shift = min(l for _, l in headings) - 1
        headings = [(i, l - shift) for i, l in headings]
    return headings, title


MAX_UNZIPPED = 256 * 1024 * 1024  # all parts of a real report's .docx, images included, inflate to far less


def _check_sizes(path: str, data: bytes) -> None:
    """A zip bomb (parts that inflate to gigabytes) is refused before anything is inflated."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise _broken(path) from None
    if len(infos) > 20000 or sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise InputError("Word 文件解压后过大（或部件过多），不像是一份正常的报告文件", path, hint=_BROKEN_HINT)


_ARCHIVE_HINT = "请解压后审核其中的报告；多份报告的压缩包可用批量审核（auditor batch 或网页的批量审核）逐份审核"


def read_docx(path: str, data: bytes) -> RawText:
    try:
        return _read_docx(path, data)
    except RecursionError:  # XML nested thousands deep: python-docx and the walk are recursive
        raise InputError("Word 文件结构嵌套过深，不像是正常保存的文档", path, hint=_BROKEN_HINT) from None


def _read_docx(path: str, data: bytes) -> RawText:
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    _check_sizes(path, data)
    try:
        package = Package.open(io.BytesIO(data))
        part = package.main_document_part
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        raise _broken(path) from None
    except PackageNotFoundError:
        raise InputError("这是一个压缩包（zip），不是 Word 文档", path, hint=_ARCHIVE_HINT) from None
    except KeyError:
        raise InputError("这是一个压缩包，但不是 Word 文档（缺少正文部分）", path, hint=_ARCHIVE_HINT) from None
    except Exception:  # noqa: BLE001 - malformed XML or parts inside the zip
        raise _broken(path) from None
    ctype = getattr(part, "content_type", "")
    if ctype not in _MAIN_TYPES:
        if "spreadsheetml" in ctype:
            what = "Excel 表格"
        elif "presentationml" in ctype:
            what = "PowerPoint 演示文稿"
        else:
            what = "Office 文件"
        raise InputError(f"这是 {what}，不是 Word 文档", path, hint="请提供 Word、PDF、网页或文本格式的报告")
    try:
        body = part.element.find(_W + "body")
        try:
            styles_root = part._styles_part.element  # noqa: SLF001 - no public accessor without creating one
        except Exception:  # noqa: BLE001
            styles_root = None
        try:
            numbering_root = part.numbering_part.element
        except Exception:  # noqa: BLE001
            numbering_root = None
        reader = _Reader(_Styles(styles_root), _Numbering(numbering_root))
        reader.block(body)
        core_title = None
        try:
            core_title = (package.core_properties.title or "").strip() or None
        except Exception:  # noqa: BLE001
            pass
    except zipfile.BadZipFile:
        raise _broken(path) from None
    if body is None:
        if any("purl.oclc.org/ooxml" in ns for ns in (part.element.nsmap or {}).values()):
            raise InputError("这是“Strict Open XML”格式的 Word 文件，无法读取", path,
                             hint="请在 Word 中“另存为”普通的 Word 文档（*.docx）后再审核")
        raise _broken(path)
    lines = [l.replace("\r", "") for l in reader.lines]
    text_all = "".join(lines)
    if len(_CJK.findall(text_all)) < 20 and reader.drawings:
        raise InputError("这份 Word 文件的内容是图片（可能是扫描件），没有可读的文字", path,
                         hint="请提供含文字的 Word 或可复制文字的 PDF")
    headings, lone_title = _normalize_levels(reader.headings, lines)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    hints = tuple((offsets[i], level) for i, level in headings)
    title = reader.title or lone_title or (core_title if core_title and _CJK.search(core_title) else None)
    return RawText(text="\n".join(lines), format="docx", heading_hints=hints, title_hint=title,
                   source_cjk=_body_cjk(body))


def _body_cjk(body) -> int:
    """Chinese characters in all the body's text runs (the copies Word keeps for old readers aside):
    what the walk above should have kept."""
    total = sum(len(_CJK.findall(t.text or "")) for t in body.iter(_W + "t"))
    for fallback in body.iter(_MC + "Fallback"):
        total -= sum(len(_CJK.findall(t.text or "")) for t in fallback.iter(_W + "t"))
    return total
