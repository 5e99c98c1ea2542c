"""Plain text in any common encoding: UTF-8, GB18030/GBK, Big5, UTF-16 (detected from the bytes)."""
from __future__ import annotations


from .. import rx
from ..errors import InputError
from ..models import RawText
from .decode import BINARY_MESSAGE, decode

_CONTROL = rx.compile(r"[\x00-\x08\x0b-\x1f]")


def _pages(text: str) -> tuple[str, tuple[int, ...]]:
    """Form feeds are page breaks (pdftotext writes one after every page): text without them and
    the offsets where pages start."""
    if "\f" not in text:
        return text, ()
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    starts, pos, out = [], 0, []
    for page in pages:
        page = page.strip("\n")
        starts.append(pos)
        out.append(page)
        pos += len(page) + 1
    return "\n".join(out), tuple(starts)


def read_text(path: str, data: bytes) -> RawText:
    decoded = decode(path, data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or len(_CONTROL.findall(text.replace("\f", ""), 0, 4000)) > 20:
        raise InputError(BINARY_MESSAGE, path)
    text, starts = _pages(text)
    return RawText(text=text, format="txt", encoding=decoded.encoding, alerts=decoded.alerts, page_starts=starts)
