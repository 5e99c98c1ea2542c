"""Bytes of a text or web page -> str, with the encoding detected from the bytes.

UTF-8 wins when the bytes are UTF-8 but for a few bad bytes (those become U+FFFD and an alert says
how many and where); UTF-16 is considered only with a BOM or with NULs in a UTF-16 pattern; the
Chinese share that decides between GB18030 and Big5 is measured over the text, not over markup.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

from .. import rx
from ..errors import InputError
from ..fold import cjk_count
from ..models import Alert

_TAG = rx.compile(r"<(!--|script\b|style\b)?[^>]{0,2000}>?|&[#\w]{1,10};", re.I)
_CLOSE = {"!--": rx.compile("-->"), "script": rx.compile("</script", re.I), "style": rx.compile("</style", re.I)}
# Characters a wrong decoding produces from Chinese bytes: Latin-1 letters (UTF-8 read as cp1252),
# replacement characters, box drawing, half-width katakana, Hangul (GBK read as EUC-KR) ...
_MOJIBAKE = rx.compile(r"[\u00a1-\u00ff\u0152-\u0192\u02c6-\u02dc\u2013-\u203a\ufffd\u2500-\u257f\uff61-\uff9f\uac00-\ud7a3]")
_UNLIKELY = rx.compile(r"[\ue000-\uf8ff\ufffd\uff61-\uff9f\u2500-\u257f]")  # private use, replacement, kana, boxes
_SAMPLE = 20000
BINARY_MESSAGE = "这是二进制文件，不是文本、Word、PDF 或网页格式的报告"
RESAVE_HINT = "请用记事本或 WPS 打开后“另存为” UTF-8 编码的文本"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    alerts: tuple[Alert, ...] = ()


def visible_text(text: str, markup: bool) -> str:
    """The first _SAMPLE characters of text; of a page, those outside tags, scripts, styles and
    comments (one pass, linear in the page)."""
    if not markup:
        return text[:_SAMPLE]
    out, size, pos, end = [], 0, 0, len(text)
    while pos < end and size < _SAMPLE:
        m = _TAG.search(text, pos)
        if m is None:
            out.append(text[pos:pos + _SAMPLE])
            break
        out.append(text[pos:m.start()])
        size += m.start() - pos
        pos = m.end()
        if m.group(1):  # skip to the end of a script, style or comment
            close = _CLOSE[m.group(1).lower()].search(text, m.start() + 4)
            pos = end if close is None else close.end()
    return " ".join(out)[:_SAMPLE]


def _visible_count(sample: str) -> int:
    """Characters that are not white space (str.split splits on exactly the str.isspace ones)."""
    return len("".join(sample.split()))


def cjk_ratio(text: str, markup: bool = False) -> float:
    sample = visible_text(text, markup)
    visible = _visible_count(sample)
    return cjk_count(sample) / visible if visible else 0.0


def _chinese_score(text: str, markup: bool) -> float:
    """Share of ideographs, less private-use and replacement characters (a wrong legacy table
    maps Chinese bytes to those)."""
    sample = visible_text(text, markup)
    visible = _visible_count(sample) or 1
    odd = len(_UNLIKELY.findall(sample))
    return (cjk_count(sample) - 3 * odd) / visible


def garbled(text: str) -> bool:
    """Chinese read with the wrong encoding: many mojibake characters and almost no ideographs."""
    sample = text[:_SAMPLE]
    odd = len(_MOJIBAKE.findall(sample))
    if odd < 40:
        return False
    # “”—… count as odd too: most real text has some; its ideographs outnumber them well before the end
    return odd > 3 * cjk_count(sample, 0, 2000) and odd > 3 * cjk_count(sample)


def repair_mojibake(text: str) -> Optional[tuple[str, str]]:
    """Text that was decoded with a Western code page and saved again (æ³•æ²» for 法治): undo it."""
    for wrong in ("cp1252", "latin-1"):
        for right in ("utf-8", "gb18030"):
            try:
                fixed = text.encode(wrong).decode(right)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if cjk_ratio(fixed) > 0.3:
                return fixed, f"{right}（曾被误作 {wrong} 保存）"
    return None


def garbled_error(path: str) -> InputError:
    return InputError("文件中的文字是乱码：文字编码有误（很可能用错误的编码打开后又保存过），读不出中文内容", path,
                      hint="请找到原始文件，或用 WPS/记事本以正确的编码（GBK 或 UTF-8）打开，确认文字正常后“另存为” UTF-8 文本")


def _where(text: str, marks: list[int]) -> str:
    lines = sorted({text.count("\n", 0, i) + 1 for i in marks[:200]})
    shown = "、".join(str(n) for n in lines[:5]) + ("等" if len(lines) > 5 else "")
    return f"第 {shown} 行"


def replaced_alert(text: str, encoding: str, count: Optional[int] = None) -> Optional[Alert]:
    marks = [m.start() for m in re.finditer("\ufffd", text)]
    if not marks:
        return None
    count = count or len(marks)
    return Alert("replaced_characters",
                 f"文件中有 {count} 处字节不符合 {encoding} 编码，已替换为“�”（{_where(text, marks)}）；"
                 "相关语句可能残缺，请核对原文件", "warning")


def _utf16_by_nuls(data: bytes) -> Optional[str]:
    """UTF-16 without a BOM: ASCII characters (digits, newlines) are a NUL beside a printable byte,
    all on one side. Ideographs like U+4E00 put a NUL on the other side now and then."""
    sample = data[:_SAMPLE]
    if sample.count(0) < 8:  # the common case, without a look at every byte
        return None
    nuls = [i for i, b in enumerate(sample) if b == 0]

    def ascii_partner(i: int, le: bool) -> bool:
        j = i - 1 if le else i + 1
        return 0 <= j < len(sample) and (0x20 <= sample[j] < 0x7F or sample[j] in (9, 10, 13))

    for enc, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
        paired = sum(1 for i in nuls if i % 2 == parity and ascii_partner(i, enc.endswith("le")))
        if paired >= 0.7 * len(nuls):
            return enc
    return None


def _utf8_with_bad_bytes(data: bytes) -> Optional[str]:
    """UTF-8 but for a few bad bytes (a truncated copy, one stray byte): decode with replacements."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return None
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad  # beyond ASCII, less the U+FFFDs
    return text if multibyte >= 20 * bad else None


def _decode_utf16(data: bytes, enc: str) -> str:
    return codecs.decode(data, enc, errors="replace")  # an odd byte out (or a lone surrogate) is one U+FFFD


def _legacy_candidates(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    candidates = ["gb18030", "big5hkscs", "cp950"]
    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "cp950"]).best()
    if best is not None and best.encoding in ("big5", "cp950", "big5hkscs"):
        candidates = ["big5hkscs", "cp950", "gb18030"]
    return candidates


def decode(path: str, data: bytes, markup: bool = False) -> Decoded:
    """Text and encoding of `data`, or InputError naming the file. `markup`: an HTML page (the
    Chinese share is measured over its text)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        return _decoded(text, "utf-8-sig", "UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _decoded(_decode_utf16(data[2:], enc), "utf-16", "UTF-16")
    if enc := _utf16_by_nuls(data):
        text = _decode_utf16(data, enc)
        if cjk_ratio(text, markup) > 0.2 or (markup and "<" in text[:2000]):
            return _decoded(text, enc, "UTF-16")
        raise InputError(BINARY_MESSAGE, path)
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(BINARY_MESSAGE, path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if (text := _utf8_with_bad_bytes(data)) is not None:
        return _decoded(text, "utf-8", "UTF-8")
    scored = []
    for enc in _legacy_candidates(data):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_chinese_score(text, markup), enc, text))
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] > 0.3 and _chinese_score(scored[0][2], markup) > 0.3:
        return Decoded(scored[0][2], scored[0][1])
    # A byte no table maps (or one bad byte in GBK): the legacy decoding with replacements that
    # reads best as Chinese, if it does.
    lenient = []
    for enc in ("gb18030", "big5hkscs"):
        text = data.decode(enc, errors="replace")
        if text.count("\ufffd") <= max(8, len(text) // 500):
            lenient.append((_chinese_score(text, markup), enc, text))
    if lenient and (best := max(lenient))[0] > 0.3:
        return _decoded(best[2], best[1], best[1].upper())
    raise InputError("无法识别文件的文字编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16），或文件已损坏", path,
                     hint=RESAVE_HINT)


def _decoded(text: str, encoding: str, label: str) -> Decoded:
    alert = replaced_alert(text, label)
    return Decoded(text, encoding, (alert,) if alert else ())


def decode_declared(data: bytes, declared: str) -> Optional[Decoded]:
    """Bytes in the charset a web page declares, if it decodes cleanly (GB2312 pages use GBK)."""
    enc = declared.lower()
    if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"):
        enc = "gb18030"
    elif enc in ("big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"):
        enc = "big5hkscs"
    try:
        return Decoded(data.decode(enc), enc)
    except (LookupError, UnicodeDecodeError):
        return None
