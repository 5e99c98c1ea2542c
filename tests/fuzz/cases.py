"""Report files as an unlucky user or an attacker may hand them over: random bytes, seeds in every
encoding (cut short, with bytes flipped, encodings mixed), web pages nested deep or broken, huge
lines, damaged Word and PDF files, zip bombs. `make(kind, rnd)` -> (file name, bytes).

Shared by the hypothesis suite (tests/fuzz/test_reports.py) and the long runs of bench/fuzz.py.
"""
from __future__ import annotations

import io
import random
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be", "cp950")


@lru_cache(maxsize=None)
def seed_text(i: int) -> str:
    return SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")


def _encode(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace")


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rnd.choice((0, 1, 1, 2, 5, 50))):
        if not data:
            break
        op, at = rnd.randrange(4), rnd.randrange(len(data))
        if op == 0:
            data[at] = rnd.randrange(256)
        elif op == 1:
            data.insert(at, rnd.randrange(256))
        elif op == 2:
            del data[at]
        else:
            data[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 64)))
    if rnd.random() < 0.3:
        data = data[: rnd.randrange(len(data) + 1)]
    return bytes(data)


def random_bytes(rnd):
    return "random.txt", rnd.randbytes(rnd.choice((0, 1, 2, 3, 17, 512, 4096, 65536)))


def encoded_seed(rnd):
    text = seed_text(rnd.randrange(len(SEEDS)))
    return "seed.txt", _mutate(_encode(text, rnd.choice(ENCODINGS)), rnd)


def mixed_encodings(rnd):
    text = seed_text(rnd.randrange(len(SEEDS)))
    parts, pos = [], 0
    while pos < len(text):
        step = rnd.randrange(50, 3000)
        parts.append(_encode(text[pos:pos + step], rnd.choice(ENCODINGS)))
        pos += step
    return "mixed.txt", b"".join(parts)


def huge_line(rnd):
    text = seed_text(rnd.randrange(len(SEEDS)))
    one = rnd.random() < 0.5
    unit = text.replace("\n", "") if one else text
    size = rnd.choice((200_000, 590_000, 1_000_000, 1_990_000))
    body = (unit * (size // len(unit) + 1))[:size]
    return "huge.txt", body.encode("utf-8")


def nested_html(rnd):
    depth = rnd.choice((10, 300, 1000, 5000, 50000))
    tag = rnd.choice(("div", "span", "table", "p", "b", "font", "td", "ul", "li"))
    text = seed_text(rnd.randrange(len(SEEDS)))[: rnd.randrange(100, 20000)]
    closing = f"</{tag}>" * depth if rnd.random() < 0.7 else ""
    page = "<html><body>" + f"<{tag}>" * depth + text + closing + "</body></html>"
    return "deep.html", page.encode("utf-8")


def broken_html(rnd):
    text = seed_text(rnd.randrange(len(SEEDS)))
    lines = text.split("\n")
    bits = ["<!DOCTYPE html><html><head><meta charset=", rnd.choice(('"utf-8">', '"gbk">', '"x-unknown">', "")),
            "<title>", lines[0][:60], "</title>", "<script>" + "var a='<div>';" * rnd.randrange(0, 2000)]
    if rnd.random() < 0.5:
        bits.append("</script>")
    bits.append("</head><body>")
    for line in lines:
        bits.append(rnd.choice(("<p>", "<div>", "<br>", "<td>", "<tr>", "<li>", "<sup>1</sup>", "<a href='x.pdf'>", "")))
        bits.append(line)
        if rnd.random() < 0.1:
            bits.append("<" + "x" * rnd.randrange(1, 5000))
    page = "".join(bits)
    return "page.html", _mutate(_encode(page, rnd.choice(("utf-8", "gb18030", "utf-16"))), rnd)


def mhtml(rnd):
    import quopri

    text = seed_text(rnd.randrange(len(SEEDS)))
    page = "<html><body><div class='content'>" + "".join(f"<p>{l}</p>" for l in text.split("\n")) + "</div></body></html>"
    body = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    head = "From: <Saved by Blink>\r\nSubject: " + "=?utf-8?Q?=E6=B3=95?=" * rnd.randrange(1, 400) + "\r\nMIME-Version: 1.0\r\n"
    data = (head + 'Content-Type: multipart/related; boundary="B"\r\n\r\n--B\r\nContent-Type: text/html\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body + "\r\n--B--\r\n").encode("ascii")
    return "page.mhtml", _mutate(data, rnd)


@lru_cache(maxsize=1)
def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    for line in seed_text(1).split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def damaged_docx(rnd):
    return "report.docx", _mutate(_docx_bytes(), rnd)


def deep_docx(rnd):
    """Word XML nested deep (tables in tables, runs in smart tags) or a member that inflates hugely."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                if rnd.random() < 0.5:
                    n = rnd.choice((100, 1000, 20000))
                    deep = ("<w:tbl><w:tr><w:tc>" * n + "<w:p><w:r><w:t>法治政府</w:t></w:r></w:p>"
                            + "</w:tc></w:tr></w:tbl>" * n)
                    data = data.replace(b"<w:body>", b"<w:body>" + deep.encode(), 1)
                else:
                    data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>" + b" " * 80_000_000
                                        + b"</w:t></w:r></w:p>", 1) if rnd.random() < 0.2 else data
            z.writestr(item, data)
    return "deep.docx", out.getvalue()


@lru_cache(maxsize=1)
def _pdf_bytes() -> bytes:
    from weasyprint import HTML

    text = seed_text(2)[:3000]
    page = "<html><body>" + "".join(f"<p>{l}</p>" for l in text.split("\n")) + "</body></html>"
    return HTML(string=page).write_pdf()


def damaged_pdf(rnd):
    return "report.pdf", _mutate(_pdf_bytes(), rnd)


def office_headers(rnd):
    head = rnd.choice((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"PK\x03\x04", b"%PDF-1.7\n"))
    return "file.doc", head + rnd.randbytes(rnd.choice((0, 10, 4096)))


KINDS = {
    "random_bytes": random_bytes,
    "encoded_seed": encoded_seed,
    "mixed_encodings": mixed_encodings,
    "huge_line": huge_line,
    "nested_html": nested_html,
    "broken_html": broken_html,
    "mhtml": mhtml,
    "damaged_docx": damaged_docx,
    "deep_docx": deep_docx,
    "damaged_pdf": damaged_pdf,
    "office_headers": office_headers,
}
WEIGHTS = {"random_bytes": 3, "encoded_seed": 6, "mixed_encodings": 2, "huge_line": 0.2, "nested_html": 1,
           "broken_html": 3, "mhtml": 1, "damaged_docx": 1, "deep_docx": 0.3, "damaged_pdf": 0.5, "office_headers": 1}


def make(kind: str, rnd: random.Random) -> tuple[str, bytes]:
    return KINDS[kind](rnd)


def pick(rnd: random.Random) -> str:
    kinds = list(WEIGHTS)
    return rnd.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
