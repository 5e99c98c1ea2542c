"""Synthetic but realistic reports for the batch benchmarks and the engine test.

Each report is recombined from real text: the opening of a real report from bench/corpus (its web-page
chrome, title and first paragraph, the issuing body renamed) followed by the top-level parts of the seed
reports (split at 一、二、…, renumbered, figures altered), so a batch holds every level, both scripts and the
noise of real pages. Saved as most folders hold them: UTF-8, some GB18030 or UTF-8 with a BOM, some as a
saved web page; reports taken from a traditional-character opening are written in traditional characters.
Deterministic for a given seed.
"""
from __future__ import annotations

import html
import random
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "reports"
OPENINGS = ROOT / "bench" / "corpus" / "corpus"
CN = "一二三四五六七八九十"
HEAD = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]+[ \t]*[、.．]", re.M)
SYLLABLES = "安平宁和清河东西南北山水阳城江湖林源丰泰兴隆福康永昌华明德新乐金石云龙凤岭川溪桥梁松柏"
SUFFIX = re.compile(r"(自治县|自治州|自治旗|街道|新区|县|区|市|乡|镇|州|省|盟|旗|局|委员会|委|办)$")
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 法治政府建设</div><div class="article"><h1>{title}</h1>
{paras}</div><div class="footer">主办单位：{name}人民政府办公室 版权所有</div></body></html>"""


def split_report(text: str) -> tuple[str, list[str]]:
    """(preamble, [top-level parts]) at headings 一、二、… at the start of a line."""
    starts = [m.start() for m in HEAD.finditer(text)]
    if not starts:
        return text, []
    return text[: starts[0]], [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


@lru_cache(maxsize=1)
def seed_parts() -> tuple[dict, ...]:
    from auditor.load import load_document

    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        pre, parts = split_report(p.read_text(encoding="utf-8"))
        doc = load_document(p)
        out.append({"preamble": pre, "parts": parts, "names": [n for n in {doc.jurisdiction} if n]})
    return tuple(out)


@lru_cache(maxsize=1)
def openings() -> tuple[dict, ...]:
    """Real report openings (web chrome, title, first paragraph) cut after their last full sentence."""
    from auditor.load import load_document

    out = []
    for p in sorted(OPENINGS.glob("[de]*.txt")):
        text = p.read_text(encoding="utf-8")
        cut = text.rfind("。")
        if cut < 200:
            continue
        doc = load_document(p)
        out.append({"text": text[: cut + 1] + "\n", "name": doc.jurisdiction, "traditional": doc.script != "simplified"})
    return tuple(out)


def county_name(rng: random.Random, like: str | None) -> str:
    m = SUFFIX.search(like or "")
    suffix = m.group(1) if m else rng.choice(("县", "区", "市", "旗", "自治县", "新区"))
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) + suffix


def alter_figures(text: str, rng: random.Random) -> str:
    text = re.sub(r"\d+(?:\.\d+)?(?=\s*[%％])", lambda m: f"{rng.uniform(40, 100):.2f}".rstrip("0").rstrip("."), text)
    return re.sub(r"\d+(?=\s*(?:余)?(?:次|场|件|期|人次|个|项|批|家|份|名))", lambda m: str(rng.randint(1, 600)), text)


def renumber(part: str, i: int) -> str:
    return HEAD.sub(CN[i % 10] + "、", part, count=1)


def make_report(rng: random.Random) -> tuple[str, str, bool]:
    """(jurisdiction, text, traditional) of one synthetic report."""
    seeds, opens = seed_parts(), openings()
    base = rng.choice(seeds)
    opening = rng.choice(opens) if opens and rng.random() < 0.8 else None
    name, year = county_name(rng, opening["name"] if opening else None), rng.choice((2022, 2023, 2024))
    parts = []
    for i in range(len(base["parts"])):
        src = rng.choice([s for s in seeds if len(s["parts"]) > i] or [base])
        parts.append(renumber(src["parts"][i], i))
    if opening:
        head = opening["text"].replace(opening["name"], name) if opening["name"] else opening["text"]
    else:
        head = f"{name}{year}年法治政府建设情况报告\n" + base["preamble"]
    body = head + "".join(parts)
    for s in seeds:
        for old in s["names"]:
            body = body.replace(old, name)
    body = re.sub(r"20\d\d(?=年)", str(year), body, count=3)
    return name, alter_figures(body, rng), bool(opening and opening["traditional"])


def as_page(name: str, text: str) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    paras = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    return PAGE.format(title=html.escape(lines[0] if lines else name), paras=paras, name=html.escape(name))


def write_corpus(folder: Path, n: int, seed: int = 2024, gbk_share: float = 0.1, html_share: float = 0.05) -> None:
    """N synthetic reports in `folder` (00000.txt …, some .html)."""
    from auditor.fold import t2s  # noqa: F401  (opencc is a dependency; s2t below)
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text, traditional = make_report(rng)
        if traditional:
            text = s2t.convert(text)
        roll = rng.random()
        if roll < html_share:
            (folder / f"{i:05d}.html").write_text(as_page(name, text), encoding="utf-8")
        elif roll < html_share + gbk_share:
            (folder / f"{i:05d}.txt").write_bytes(text.encode("gb18030"))
        elif roll < html_share + gbk_share + 0.05:
            (folder / f"{i:05d}.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        else:
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
