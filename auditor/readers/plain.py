"""Plain text in any common encoding: UTF-8, GB18030/GBK, Big5, UTF-16 (detected from the bytes)."""
from __future__ import annotations

import re

from ..errors import InputError
from ..models import RawText
from .decode import BINARY_MESSAGE, decode

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def read_text(path: str, data: bytes) -> RawText:
    decoded = decode(path, data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")  # \f: page breaks of pdftotext
    if "\x00" in text or len(_CONTROL.findall(text, 0, 4000)) > 20:
        raise InputError(BINARY_MESSAGE, path)
    return RawText(text=text, format="txt", encoding=decoded.encoding, alerts=decoded.alerts)
