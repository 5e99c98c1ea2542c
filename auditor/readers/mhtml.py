"""A web page saved as one file (.mht/.mhtml: "save as single file" in Chromium, Edge, IE, WPS):
a MIME message whose text/html part is the page. Nothing the archive refers to is fetched."""
from __future__ import annotations

import re
from typing import Optional

from .. import rx

_HEADER_LINE = rx.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:")
_META_CHARSET = rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*[a-zA-Z0-9_\-]+""", re.I)
_HEAD_LIMIT = 64 * 1024  # a Subject of a long title, folded in encoded words, runs to kilobytes


def is_mhtml(data: bytes) -> bool:
    """MIME headers first (From:, Subject:, MIME-Version: …) and a multipart/related or text/html body."""
    if not _HEADER_LINE.match(data.lstrip()[:80]):
        return False
    end = data.find(b"\r\n\r\n", 0, _HEAD_LIMIT)
    if end < 0:
        end = data.find(b"\n\n", 0, _HEAD_LIMIT)
    head = data[: end if end >= 0 else _HEAD_LIMIT].lower()
    return b"mime-version" in head and (b"multipart/related" in head or b"text/html" in head)


def html_part(data: bytes) -> Optional[bytes]:
    """The page's HTML, with its declared charset put where the HTML decoder looks for it."""
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
