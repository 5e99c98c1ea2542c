"""PDF with a text layer -> RawText: lines in reading order, paragraphs rejoined, page furniture removed.

Chinese has no spaces, so a line break inside a paragraph must be removed without a trace
(`出庭应\n诉率` -> `出庭应诉率`). Whether a break ends a paragraph is judged from the geometry
(short line, indented or centred next line, a larger vertical gap) and from the text
(sentence-final punctuation, a numbered heading on the next line).
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from contextlib import contextmanager
from typing import Optional

from .. import rx
from ..errors import InputError
from ..models import RawText
from .pdf_layout import NOTE_START, Char, Line, PageText, body_size, chars_of, find_gutter, group_lines, line_text, \
    order_blocks, split_at, split_notes, table_rows

_CJK = rx.compile(r"[\u4e00-\u9fff]")
_CJKISH = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_IN_CJK = rx.compile(rf"(?<=[{_CJKISH}])[ \u00a0]+(?=[{_CJKISH}])")
_IS_CJK = rx.compile(rf"[{_CJKISH}]")
# Fonts map one glyph to a radical and to the ideograph; a PDF's text layer may then say
# 便⺠ / 部⻔ for 便民 / 部门. Radicals supplement -> ideograph (from the Noto CJK SC cmap);
# Kangxi radicals and compatibility ideographs fold by NFKC.
_RADICALS = rx.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
_SUPPLEMENT = dict(zip(
    "⺂⺃⺅⺉⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺟⺠⺡⺣⺤⺦⺨⺭⺯⺰⺱⺹⺺⺾⻂⻅⻆⻈⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⻳",
    "乛乚亻刂尣尢巳幺彑彐忄扌攵旡歺母民氵灬爫丬犭礻糹纟罓耂肀艹衤见角讠贝车辶钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀龟",
))
_PAGE_NUMBER = rx.compile(
    r"^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)
_HEADING_START = rx.compile(
    r"^\s*(?:第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[①-⑳])"
)
_FINAL = ("。", "！", "？", "：", "；", "!", "?", ":", ";")
_CLOSERS = "”’」』）)》〉】]\"' "
_ENCRYPT_HINT = "请在 PDF 阅读器中输入密码后“另存为”或“打印为”未加密的文本 PDF，或提供 Word 版本"


def _clean(text: str) -> str:
    if _RADICALS.search(text):
        import unicodedata

        def fix(m: re.Match) -> str:
            c = m.group(0)
            c = _SUPPLEMENT.get(c) or unicodedata.normalize("NFKC", c)
            return c if len(c) == 1 else m.group(0)

        text = _RADICALS.sub(fix, text)
    return _SPACE_IN_CJK.sub("", re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", text)).strip()


def _open(path: str, data: bytes):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _classify(path, data, exc.args[0] if exc.args else exc) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken file
        raise _classify(path, data, exc) from None


def _classify(path: str, data: bytes, exc: BaseException) -> InputError:
    name = type(exc).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or (
        b"/Encrypt" in data[-65536:] or b"/Encrypt" in data[:65536]
    ):
        return InputError("PDF 已加密（需要密码或禁止提取文字），无法读取其中的文字", path, hint=_ENCRYPT_HINT)
    return InputError("PDF 文件已损坏，无法读取", path, hint="请重新下载或从原文件重新导出 PDF，或提供 Word 版本")


def _page_texts(page, index: int, chars: list[Char], size: float) -> list[PageText]:
    """A page as one PageText, or two when it is two pages printed side by side on one sheet."""
    found = sum(1 for c in chars if _CJK.match(c.text))
    rows, rest = table_rows(page, chars, index)
    clusters = group_lines(rest)
    width, height = float(page.width), float(page.height)
    gutter = find_gutter(clusters, width)
    halves = gutter is not None and width > height and not any(
        cl[0].x0 < gutter[0] and cl[-1].x1 > gutter[1] and len(split_at(cl, gutter)) == 1 for cl in clusters)
    lines = rows
    for row in rows:
        row.text = "\t".join(_clean(cell) for cell in row.text.split("\t"))
    for cl in clusters:
        for part in split_at(cl, gutter):
            text, lead = line_text(part)
            text = _clean(text)
            if text:
                lines.append(Line(text, part[0].x0, max(c.x1 for c in part), min(c.top for c in part),
                                  max(c.bottom for c in part), index, statistics.median(c.size for c in part),
                                  lead_mark=lead))
    ordered = order_blocks(lines, gutter)
    blocks = [[l for l in ordered if l.block == b] for b in (0, 1)]
    if halves:
        out = []
        for b, block in enumerate(blocks):
            body, notes = split_notes(block, height, size)
            for l in block:
                l.block = 0
            out.append(PageText(body, notes, height, found if b == 0 else 0))
        return out
    notes = [l for block in blocks for l in split_notes(block, height, size)[1]]
    moved = {id(l) for l in notes}
    return [PageText([l for l in ordered if id(l) not in moved], notes, height, found)]


def _drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove page numbers and running headers/footers (lines repeated at the top/bottom of pages)."""

    def edges(lines: list[Line], h: float) -> list[Line]:
        idx = sorted(set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines))))
        return [lines[i] for i in idx if lines[i].top < 0.15 * h or lines[i].bottom > 0.85 * h]

    def norm(t: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", t))

    seen: Counter = Counter()
    for lines, h in zip(pages, heights):
        seen.update({norm(l.text) for l in edges(lines, h)})
    n = len(pages)
    repeated = {t for t, c in seen.items() if n >= 2 and c >= 2 and c >= 0.5 * n}
    out = []
    for lines, h in zip(pages, heights):
        drop = {id(l) for l in edges(lines, h)
                if _PAGE_NUMBER.match(l.text.replace(" ", "")) or norm(l.text) in repeated}
        out.append([l for l in lines if id(l) not in drop])
    return out


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0])


def join_lines(pages: list[list[Line]]) -> tuple[str, tuple[int, ...]]:
    """Rejoin wrapped lines into paragraphs. Returns (text, offsets where pages start)."""
    all_lines = [l for p in pages for l in p]
    if not all_lines:
        return "", tuple(0 for _ in pages)
    em = statistics.median(l.bottom - l.top for l in all_lines) or 10.0
    left_all = _mode([l.x0 for l in all_lines], 0.0)
    long_x1 = sorted(l.x1 for l in all_lines if len(l.text) >= 10) or [max(l.x1 for l in all_lines)]
    right_all = long_x1[int(0.9 * (len(long_x1) - 1))]
    margins: dict[tuple[int, int], tuple[float, float]] = {}
    for p in pages:
        for block in {l.block for l in p}:
            ls = [l for l in p if l.block == block and not l.row]
            if len(ls) >= 8:
                xs = sorted(l.x1 for l in ls if len(l.text) >= 10) or [right_all]
                margins[(ls[0].page, block)] = (_mode([l.x0 for l in ls], left_all), xs[int(0.9 * (len(xs) - 1))])
            elif ls:
                margins[(ls[0].page, block)] = (left_all, right_all)
    gaps = [b.top - a.bottom for p in pages for a, b in zip(p, p[1:]) if 0 <= b.top - a.bottom < 3 * em]
    gap = statistics.median(gaps) if gaps else 0.5 * em

    def margin(l: Line) -> tuple[float, float]:
        return margins.get((l.page, l.block), (left_all, right_all))

    def indent(l: Line) -> float:
        return (l.x0 - margin(l)[0]) / em

    def ends_sentence(l: Line) -> bool:
        return l.text.rstrip(_CLOSERS).endswith(_FINAL)

    def short(l: Line) -> bool:
        # Line breaking keeps some pairs together (“十四五”), leaving a full line 2-3 em short.
        slack = (margin(l)[1] - l.x1) / em
        return slack > 4.0 or (slack > 2.0 and ends_sentence(l))

    indented = sum(1 for l in all_lines if 1.2 <= indent(l) <= 4.5)
    uses_indent = indented >= 3 and indented >= 0.03 * len(all_lines)

    def breaks(cur: Line, nxt: Optional[Line]) -> bool:
        if nxt is None or cur.row or nxt.row:
            return True
        ends = ends_sentence(cur)
        if short(cur) or indent(cur) > 4.5:
            return True  # a paragraph's last line, or a centred title
        if indent(nxt) >= 1.2:
            return True  # indented first line, or a centred line
        if _HEADING_START.match(nxt.text) and ends:
            return True
        if nxt.page == cur.page and nxt.top - cur.bottom > gap + 0.8 * em:
            return True  # paragraph spacing
        return ends and not uses_indent

    out: list[str] = []
    page_starts: list[int] = []
    pos = 0
    buf = ""
    for i, cur in enumerate(all_lines):
        if buf and buf[-1].isascii() and buf[-1].isalpha() and cur.text[0].isascii() and cur.text[0].isalpha():
            buf += " "
        while len(page_starts) <= cur.page:  # this line opens a page (blank pages share the offset)
            page_starts.append(pos + len(buf))
        buf += cur.text
        nxt = all_lines[i + 1] if i + 1 < len(all_lines) else None
        if breaks(cur, nxt):
            out.append(buf)
            pos += len(buf) + 1
            buf = ""
    while len(page_starts) < len(pages):
        page_starts.append(max(pos - 1, 0))
    return "\n".join(out), tuple(page_starts)


def _notes_text(notes: list[Line]) -> list[str]:
    """Footnotes as paragraphs: a line opening with a mark starts a note, others continue it."""
    out: list[str] = []
    for line in notes:
        if out and not (line.lead_mark or NOTE_START.match(line.text)):
            out[-1] += line.text
        else:
            out.append(line.text)
    return out


@contextmanager
def _quiet_pdfminer():
    """pdfminer logs a warning per odd font (Chromium's Type 3 fonts: dozens); they are not the
    user's business."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pages(path: str, data: bytes) -> tuple[list[PageText], Optional[str]]:
    pdf = _open(path, data)
    try:
        info = pdf.metadata or {}
        t = info.get("Title")
        title = None
        if isinstance(t, str) and _CJK.search(t):  # "Microsoft Word - 某县….docx" as often as not
            title = _clean(re.sub(r"\.(docx?|wps|pdf)$", "", re.sub(r"^Microsoft Word\s*-\s*", "", t.strip()), flags=re.I))
        sheets = [(page, chars_of(page)) for page in pdf.pages]
        size = body_size([chars for _, chars in sheets])
        texts: list[PageText] = []
        for i, (page, chars) in enumerate(sheets):
            texts += _page_texts(page, i, chars, size)
            page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken file
        from pdfplumber.utils.exceptions import PdfminerException

        raise _classify(path, data, exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc) from None
    finally:
        pdf.close()
    for k, pt in enumerate(texts):  # a half sheet counts as a page
        for line in pt.lines + pt.notes:
            line.page = k
    return texts, title


def read_pdf(path: str, data: bytes) -> RawText:
    if b"%%EOF" not in data[-65536:]:
        raise InputError("PDF 文件不完整（可能下载或复制时中断），无法读取", path,
                         hint="请重新下载或从原文件重新导出 PDF，或提供 Word 版本")
    with _quiet_pdfminer():
        texts, title = _read_pages(path, data)
    everything = "".join(l.text for pt in texts for l in pt.lines + pt.notes)
    cjk = len(_CJK.findall(everything))
    if cjk < 20:
        if everything.count("(cid:") > 20:
            raise InputError("PDF 中的文字无法正确提取（字体缺少编码映射，复制出来是乱码）", path,
                             hint="请提供 Word 版本，或从原文件重新导出 PDF")
        if len(re.sub(r"\s", "", everything)) > 500:
            raise InputError("PDF 中几乎没有中文文字，不像是一份法治政府建设年度报告", path,
                             hint="请确认选择的是法治政府建设年度报告文件")
        raise InputError("这是扫描版 PDF，没有文字层，无法读取其中的文字", path,
                         hint="请提供 Word 或可复制文字的 PDF（如只有纸质件，请先做文字识别 OCR）")
    pages = _drop_furniture([pt.lines for pt in texts], [pt.height for pt in texts])
    text, page_starts = join_lines(pages)
    notes = _notes_text([l for pt in texts for l in pt.notes])
    if notes:  # footnotes after the running text, in their order
        text += "\n" + "\n".join(notes)
    return RawText(text=text, format="pdf", page_starts=page_starts, title_hint=title,
                   source_cjk=sum(pt.found_cjk for pt in texts))
