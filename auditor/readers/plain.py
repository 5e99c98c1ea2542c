"""Plain text in any common encoding: UTF-8, GB18030/GBK, Big5, UTF-16 (detected from the bytes)."""
from __future__ import annotations

import re

from ..errors import InputError
from ..models import RawText

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_CANDIDATES = ("gb18030", "big5", "utf_16_le", "utf_16_be")


def _cjk_ratio(text: str) -> float:
    sample = text[:4000]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return 0.0
    return len(_CJK.findall(sample)) / len(visible)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4000]
    nul = sample.count(0)
    if nul:
        # UTF-16 without BOM has NULs on every other byte for ASCII; CJK text has few NULs.
        for enc in ("utf_16_le", "utf_16_be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _cjk_ratio(text) > 0.3:
                return text, enc
        raise InputError("这是二进制文件，不是文本、Word、PDF 或网页格式的报告", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    tried = [best.encoding] if best is not None else []
    tried += [c for c in _CANDIDATES if c not in tried]
    scored = []
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_cjk_ratio(text), enc, text))
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] > 0.3:
        return scored[0][2], scored[0][1]
    raise InputError("无法识别文件的文字编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16），或文件已损坏", path,
                     hint="请用记事本或 WPS 将其另存为 UTF-8 文本")


def read_text(path: str, data: bytes) -> RawText:
    text, enc = decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")  # \f: page breaks of pdftotext
    if "\x00" in text or len(_CONTROL.findall(text, 0, 4000)) > 20:
        raise InputError("这是二进制文件，不是文本、Word、PDF 或网页格式的报告", path)
    return RawText(text=text, format="txt", encoding=enc)
