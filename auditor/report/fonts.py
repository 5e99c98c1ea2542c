"""fonts: build the small pre-subset CJK fonts the PDF renderer embeds.

`prepare()` (run once by `auditor setup`) subsets each system face in FACES to GB2312, the common
traditional characters, ASCII and CJK punctuation, converts it to TrueType outlines and writes
auditor/assets/fonts/auditor-<face>.ttf (~3 MB each, git-ignored; ~40 s each). For each PDF,
`Master.cut()` then cuts from them fonts holding just that document's characters (~20 ms each), which
WeasyPrint embeds as is. Without this, WeasyPrint re-subsets the 65k-glyph CFF collections on every PDF,
which takes ~10 s when libharfbuzz-subset is missing (fontTools path). Characters outside the subset still
render: the stylesheets list the system families after ours, and fontconfig falls back glyph by glyph.

The faces are the closest to GB/T 9704 that Debian ships freely, checked for simplified and traditional
coverage with fontTools (every GB2312, GBK and Big5 level-1 hanzi and the opencc traditional forms):
  - 宋 (title 小标宋, body in place of 仿宋): Noto Serif CJK SC, regular and bold (fonts-noto-cjk). The only
    free 仿宋 packaged, cwTeX FangSong, is a Big5 font: it lacks a third of GB2312, so simplified text
    would fall back mid-line.
  - 黑 (level-1 headings, the modern layout): Noto Sans CJK SC (fonts-noto-cjk).
  - 楷 (level-2 headings, quotes): LXGW WenKai (fonts-lxgw-wenkai), complete on every set above; AR PL
    UKai CN (fonts-arphic-ukai) misses 12% of GBK and 0.3% of the traditional forms, so it is only a
    fallback.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .. import resources
from ..atomic import replacing
from ..messages import os_reason
from ..errors import RenderError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Face:
    key: str  # file stem after "auditor-", and the key of its assets
    family: str  # our family name (never a system one: fontconfig must not confuse them)
    weight: int
    sources: tuple[str, ...]  # system families to subset, best first
    paths: tuple[str, ...]  # where Debian and others put them, when fontconfig does not say
    fallbacks: tuple[str, ...]  # families after ours, for rare characters and the page on screen


_SANS_FALLBACK = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
                  "Microsoft YaHei", "PingFang SC", "sans-serif")
_SERIF_FALLBACK = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "SimSun", "Songti SC", "serif")
_KAI_FALLBACK = ("LXGW WenKai", "AR PL UKai CN", "KaiTi", "STKaiti", "Noto Serif CJK SC", "serif")
_NOTO = ("/usr/share/fonts/opentype/noto/", "/usr/share/fonts/noto-cjk/", "/usr/share/fonts/google-noto-cjk/")
FACES = {f.key: f for f in (
    Face("sans-regular", "Auditor Sans", 400, ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN"),
         tuple(d + "NotoSansCJK-Regular.ttc" for d in _NOTO), _SANS_FALLBACK),
    Face("sans-bold", "Auditor Sans", 700, ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN"),
         tuple(d + "NotoSansCJK-Bold.ttc" for d in _NOTO), _SANS_FALLBACK),
    Face("serif-regular", "Auditor Serif", 400, ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN"),
         tuple(d + "NotoSerifCJK-Regular.ttc" for d in _NOTO), _SERIF_FALLBACK),
    Face("serif-bold", "Auditor Serif", 700, ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN"),
         tuple(d + "NotoSerifCJK-Bold.ttc" for d in _NOTO), _SERIF_FALLBACK),
    Face("kai-regular", "Auditor Kai", 400, ("LXGW WenKai", "AR PL UKai CN"),
         ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
          "/usr/share/fonts/truetype/arphic/ukai.ttc"), _KAI_FALLBACK),
)}
REQUIRED = "sans-regular"  # without it no PDF of ours renders fast; the others fall back to system fonts
FAMILY = FACES[REQUIRED].family
FALLBACK_FAMILIES = _SANS_FALLBACK


def stack(family: str) -> str:
    """A CSS font-family list: one of our families, then its system fallbacks."""
    face = next(f for f in FACES.values() if f.family == family)
    return ", ".join(f'"{f}"' if " " in f else f for f in (family,) + face.fallbacks)


FONT_STACK = stack(FAMILY)
SERIF_STACK = stack("Auditor Serif")
KAI_STACK = stack("Auditor Kai")
# Bump when the character set or the build recipe changes: stale files are rebuilt.
RECIPE = "auditor-subset-3"
ASSET_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"


def _cache_dir() -> Path:
    return resources.cache_dir() / "fonts"


def file_name(key: str) -> str:
    return f"auditor-{key}.ttf"


# ---------------------------------------------------------------- character set

def _decode_range(codec: str, leads: range, trails: list[int]) -> set[int]:
    out: set[int] = set()
    for hi in leads:
        for lo in trails:
            try:
                out.update(map(ord, bytes((hi, lo)).decode(codec)))
            except UnicodeDecodeError:
                pass
    return out


@lru_cache(maxsize=1)
def charset() -> frozenset[int]:
    """Code points of the subset: GB2312, Big5 symbols and level 1, the traditional
    forms of GB2312 characters, ASCII/Latin-1, CJK punctuation, full-width forms and the
    symbols reports and our templates use."""
    cps: set[int] = set()
    cps |= _decode_range("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))
    big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    cps |= _decode_range("big5", range(0xA1, 0xA4), big5_trails)  # symbols
    cps |= _decode_range("big5", range(0xA4, 0xC7), big5_trails)  # level 1 (常用字)
    hanzi = "".join(chr(c) for c in sorted(cps) if 0x4E00 <= c <= 0x9FFF)
    try:
        import opencc

        for cfg in ("s2t", "s2tw", "s2hk"):
            cps.update(map(ord, opencc.OpenCC(cfg).convert(hanzi)))
    except Exception as exc:  # opencc is a dependency, but the subset is still useful without it
        log.warning("opencc unavailable, traditional forms limited to Big5 level 1: %s", exc)
    ranges = (
        (0x20, 0x7E), (0xA0, 0xFF),  # ASCII, Latin-1
        (0x2010, 0x2027), (0x2030, 0x203B),  # dashes, quotes, ‰, ※
        (0x2103, 0x2103), (0x2116, 0x2116), (0x2160, 0x217F),  # ℃ № Ⅰ..ⅿ
        (0x2190, 0x2199), (0x2212, 0x2212), (0x2264, 0x2265), (0x2248, 0x2248), (0x2260, 0x2260),
        (0x2460, 0x249B),  # ①..⒛
        (0x2500, 0x254B), (0x25A0, 0x25CF), (0x2605, 0x2606),  # box drawing, ■□▲△●○, ★☆
        (0x2713, 0x2713), (0x2717, 0x2717),  # ✓ ✗
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3220, 0x3243), (0x338E, 0x33D5),  # ㈠.. ; ㎎ ㎡ ..
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6),  # full-width forms
    )
    for lo, hi in ranges:
        cps.update(range(lo, hi + 1))
    return frozenset(cps)


# ---------------------------------------------------------------- finding the system font

def _fc_match(pattern: str) -> Optional[tuple[Path, int, str]]:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.split("\n")
    if len(lines) < 3 or not lines[0]:
        return None
    try:
        index = int(lines[1] or 0)
    except ValueError:
        index = 0
    return Path(lines[0]), index, lines[2]


def _collection_index(path: Path, family: str) -> Optional[int]:
    """Index of `family` inside a font file (a .ttc collection or a single font)."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = TTCollection(str(path), lazy=True).fonts
        else:
            fonts = [TTFont(str(path), lazy=True)]
    except Exception:
        return None
    for i, f in enumerate(fonts):
        names = {(n.toUnicode() if hasattr(n, "toUnicode") else str(n)) for n in f["name"].names
                 if n.nameID in (1, 16)}
        if family in names:
            return i
    return None


def find_source(key: str) -> Optional[tuple[Path, int]]:
    """The system font file (and index in its collection) to subset for one of FACES."""
    face = FACES[key]
    style = ":bold" if face.weight >= 700 else ":regular"
    for family in face.sources:
        hit = _fc_match(family + style)
        if hit and family in hit[2].split(","):
            path, index, _ = hit
            if path.is_file() and (face.weight < 700 or "bold" in path.name.lower() or path.suffix == ".ttc"):
                return path, index
    for cand in face.paths:
        path = Path(cand)
        if path.is_file():
            for family in face.sources:
                index = _collection_index(path, family)
                if index is not None:
                    return path, index
    return None


# ---------------------------------------------------------------- building

def _is_current(path: Path) -> bool:
    """The file exists and was built by this recipe (its version string says so)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return _recipe_of(str(path), st.st_mtime_ns, st.st_size) == RECIPE


@lru_cache(maxsize=8)
def _recipe_of(path: str, mtime_ns: int, size: int) -> Optional[str]:
    hit = _known_recipes().get(path)
    if hit is not None and hit[:2] == (size, mtime_ns):
        return hit[2]
    from fontTools.ttLib import TTFont

    try:
        version = TTFont(path, lazy=True)["name"].getDebugName(5) or ""
    except Exception:
        return None
    recipe = version.rsplit(";", 1)[-1].strip() if ";" in version else None
    _remember_recipe(path, size, mtime_ns, recipe)
    return recipe


# The recipe each font file was built by, by path, size and mtime, kept in our cache folder: reading it from
# the font's name table imports fontTools' name and OpenType table modules (~50 ms in every new process).
# A file whose size or mtime changed is read again; marshal holds plain values only.
RECIPES_FILE = "recipes.marshal"


def _known_recipes() -> dict:
    import marshal

    try:
        data = marshal.loads((_cache_dir() / RECIPES_FILE).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, tuple) and len(v) == 3
            and type(v[0]) is int and type(v[1]) is int and (v[2] is None or isinstance(v[2], str))}


def _remember_recipe(path: str, size: int, mtime_ns: int, recipe: Optional[str]) -> None:
    import marshal

    known = _known_recipes()
    known[path] = (size, mtime_ns, recipe)
    if len(known) > 64:  # paths of old checkouts
        known = dict(list(known.items())[-64:])
    target = _cache_dir() / RECIPES_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target) as tmp:
            Path(tmp).write_bytes(marshal.dumps(known))
    except (OSError, ValueError):
        log.debug("cannot cache the font recipes at %s", target)


def _to_truetype(font) -> None:
    """Replace CFF outlines with TrueType quadratic ones (WeasyPrint subsets glyf fast)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"


def _decompose(font) -> None:
    """Composite glyphs drawn out as simple ones: the per-document cutter cannot renumber components."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyf, glyph_set = font["glyf"], font.getGlyphSet()
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            rec = DecomposingRecordingPen(glyph_set)
            glyph_set[name].draw(rec)
            pen = TTGlyphPen(None)
            rec.replay(pen)
            glyf[name] = pen.glyph()


def _rename(font, key: str, source: str) -> None:
    """Own family name (so fontconfig never confuses it with the system font) and recipe tag."""
    face = FACES[key]
    name = font["name"]
    style = "Bold" if face.weight >= 700 else "Regular"
    ps = f"{face.family.replace(' ', '')}-{style}"
    for rec in list(name.names):
        if rec.nameID in (1, 2, 3, 4, 6, 16, 17, 5):
            name.removeNames(nameID=rec.nameID)
    for platform in ((3, 1, 0x409), (1, 0, 0)):
        for nid, value in ((1, face.family), (2, style), (3, f"{ps};{RECIPE}"), (4, f"{face.family} {style}"),
                           (5, f"Version 1.0 (subset of {source});{RECIPE}"), (6, ps)):
            name.setName(value, nid, *platform)
    font["OS/2"].usWeightClass = face.weight


def build(key: str, source: tuple[Path, int], target: Path) -> None:
    """Subset `source` to `charset()` and write a TrueType font to `target` (atomically)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path, index = source
    kwargs = {"fontNumber": index} if path.suffix.lower() in (".ttc", ".otc") else {}
    font = TTFont(str(path), lazy=False, recalcTimestamp=False, **kwargs)
    opts = subset.Options()
    # No layout tables: WeasyPrint's per-PDF subsetting would parse them every time, and
    # CJK text needs none; no glyph names (post format 3) for the same reason.
    opts.layout_features = []
    opts.glyph_names = False
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    opts.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "DSIG", "GSUB", "GPOS", "GDEF"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(charset()))
    sub.subset(font)
    source_family = font["name"].getDebugName(1) or path.stem
    if "CFF " in font:
        _to_truetype(font)
    else:
        _decompose(font)
    _rename(font, key, source_family)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as tmp:
        font.save(tmp)


@contextlib.contextmanager
def _lock(directory: Path) -> Iterator[None]:
    """Serialize builds between processes (e.g. parallel test workers)."""
    import hashlib

    key = hashlib.sha1(str(directory).encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"auditor-fonts-{key}.lock"
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, os.replace keeps files whole anyway
        yield
        return
    with open(lock_path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def installed() -> dict[str, Path]:
    """Current pre-subset fonts already on disk, by face key (no building)."""
    out: dict[str, Path] = {}
    for directory in (ASSET_DIR, _cache_dir()):
        for key in FACES:
            p = directory / file_name(key)
            if key not in out and _is_current(p):
                out[key] = p
    return out


# ---------------------------------------------------------------- per-document subsets

class Master:
    """A pre-subset font parsed once per process, to cut per-document subsets from.

    WeasyPrint re-subsets embedded fonts with fontTools when libharfbuzz-subset is missing,
    and that recompiles every used glyph (~0.5 ms each). Handing it a font that already holds
    only this document's glyphs, embedded as is (full_fonts), skips that work."""

    def __init__(self, path: Path):
        self.path = path
        cached = _read_parsed(path)
        if cached is None:
            cached = _parse(path)
            _write_parsed(path, cached)
        self.cmap, self.raw, self.glyphs, self.metrics, self.simple = cached
        self.order = [f"g{i}" for i in range(len(self.glyphs))]

    def covers(self, chars: Iterable[str]) -> bool:
        """Whether every visible character has a glyph here (controls and line breaks need none)."""
        return all(ord(c) in self.cmap for c in chars if c.isprintable() or c in "\u3000\xa0")

    def cut(self, chars: Iterable[str]) -> bytes:
        """A TrueType font holding .notdef and the glyphs of `chars` (those it has)."""
        from fontTools.ttLib import TTFont, newTable
        from fontTools.ttLib.tables._c_m_a_p import cmap_classes
        from fontTools.ttLib.tables._g_l_y_f import Glyph

        cps = sorted({ord(c) for c in chars if ord(c) in self.cmap})
        font = TTFont(recalcBBoxes=False, recalcTimestamp=False)
        for tag, data in self.raw.items():
            table = newTable(tag)
            table.decompile(data, font)
            font[tag] = table
        old_ids = [0] + sorted({self.cmap[cp] for cp in cps} - {0})
        names = [".notdef"] + [f"g{i}" for i in old_ids[1:]]
        name_of = dict(zip(old_ids, names))
        font.setGlyphOrder(names)
        glyf = newTable("glyf")
        glyf.glyphOrder = names
        glyf.glyphs = {n: Glyph(self.glyphs[i]) for i, n in zip(old_ids, names)}
        font["glyf"] = glyf
        font["loca"] = newTable("loca")
        hmtx = newTable("hmtx")
        hmtx.metrics = {n: self.metrics[i] for i, n in zip(old_ids, names)}
        font["hmtx"] = hmtx
        font["maxp"].numGlyphs = len(names)
        mapping = {cp: name_of[self.cmap[cp]] for cp in cps}
        subtables = []
        for fmt, platform, encoding, cond in ((4, 3, 1, lambda cp: cp <= 0xFFFF),
                                              (12, 3, 10, lambda cp: True)):
            part = {cp: n for cp, n in mapping.items() if cond(cp)}
            if fmt == 12 and not any(cp > 0xFFFF for cp in part):
                continue
            sub = cmap_classes[fmt](fmt)
            sub.platformID, sub.platEncID, sub.language = platform, encoding, 0
            if fmt == 12:
                sub.reserved, sub.length, sub.nGroups = 0, 0, 0
            sub.cmap = part
            subtables.append(sub)
        cmap = newTable("cmap")
        cmap.tableVersion = 0
        cmap.tables = subtables
        font["cmap"] = cmap
        font["post"].formatType = 3.0
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()


def _parse(path: Path) -> tuple:
    """(cmap code point -> glyph id, raw tables, glyf data per glyph, (advance, lsb) per glyph, no composites)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    # Our own glyph names: fontTools would otherwise derive them from the post/cmap tables (~0.3 s a face).
    order = [f"g{i}" for i in range(font["maxp"].numGlyphs)]
    font.setGlyphOrder(order)
    gid = {name: i for i, name in enumerate(order)}
    cmap = {cp: gid[name] for cp, name in font.getBestCmap().items()}
    raw = {tag: font.reader[tag] for tag in _RAW_TABLES}
    glyf, loca = font.reader["glyf"], font["loca"]
    glyphs = [glyf[loca[i]:loca[i + 1]] for i in range(len(order))]
    hmtx = font["hmtx"].metrics
    metrics = [tuple(hmtx[name]) for name in order]
    # Composite glyphs point at other glyph ids; this simple cutter cannot renumber them.
    simple = all(len(g) < 2 or int.from_bytes(g[:2], "big", signed=True) >= 0 for g in glyphs)
    return cmap, raw, glyphs, metrics, simple


_RAW_TABLES = ("head", "hhea", "maxp", "OS/2", "name", "post")
# The parsed tables of a pre-subset font, kept in our cache folder: a new process (`check --pdf`, a batch
# started cold) loads a face in ~10 ms instead of parsing it again (~50 ms, four faces a 公文 report).
# marshal holds plain values only (nothing in it can run code); what is read back is checked for shape,
# and the name carries the font's size, mtime and recipe, so a rebuilt font is parsed again.
PARSED_FORMAT = 2


def _parsed_path(path: Path) -> Optional[Path]:
    import hashlib

    try:
        st = path.stat()
        where = hashlib.sha1(str(path.resolve().parent).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    except (OSError, RuntimeError):
        return None
    return _cache_dir() / f"{path.stem}-{where}-{RECIPE}-{st.st_size}-{st.st_mtime_ns}.parsed"


def _read_parsed(path: Path) -> Optional[tuple]:
    import marshal

    cache = _parsed_path(path)
    try:
        data = marshal.loads(cache.read_bytes()) if cache is not None else None
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == PARSED_FORMAT
            and isinstance(data[1], tuple) and len(data[1]) == 5):
        return None
    cmap, raw, glyphs, metrics, simple = data[1]
    ok = (isinstance(cmap, dict) and isinstance(raw, dict) and set(raw) == set(_RAW_TABLES)
          and all(isinstance(v, bytes) for v in raw.values()) and isinstance(glyphs, list)
          and isinstance(metrics, list) and len(metrics) == len(glyphs) and isinstance(simple, bool)
          # by type sets and min/max (C loops): a face has ~20k glyphs, and this runs in every new process
          and set(map(type, glyphs)) <= {bytes} and set(map(type, cmap.values())) <= {int}
          and (not cmap or 0 <= min(cmap.values()) and max(cmap.values()) < len(glyphs)))
    return (cmap, raw, glyphs, metrics, simple) if ok else None


def _write_parsed(path: Path, tables: tuple) -> None:
    import marshal

    cache = _parsed_path(path)
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob(cache.name.split(f"-{RECIPE}-")[0] + "-*.parsed"):  # of earlier builds
            if old != cache:
                old.unlink(missing_ok=True)
        with replacing(cache) as tmp:
            Path(tmp).write_bytes(marshal.dumps((PARSED_FORMAT, tables)))
        _prune_parsed(cache.parent, path.stem)
    except (OSError, ValueError):
        log.debug("cannot cache the parsed font at %s", cache)


PARSED_KEEP = 4  # per face: other checkouts or installs of the tool on this machine keep theirs, up to this many


def _prune_parsed(directory: Path, stem: str) -> None:
    """Entries of other checkouts of this face beyond the PARSED_KEEP newest (3–5 MB each, one per folder the
    tool was ever installed in); a pruned one is parsed again if its checkout comes back."""
    entries = []
    for p in directory.glob(f"{stem}-*.parsed"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue
    for _, old in sorted(entries, reverse=True)[PARSED_KEEP:]:
        old.unlink(missing_ok=True)


_masters: dict[tuple, Master] = {}


def master(path: Path) -> Master:
    """The parsed font at `path` (cached per process, re-read when the file changes)."""
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    m = _masters.get(key)
    if m is None:
        if len(_masters) > 4:
            _masters.clear()
        m = _masters[key] = Master(path)
    return m


def prepare(force: bool = False) -> Path:
    """Build the pre-subset fonts once (idempotent) and return the directory holding them.

    Raises RenderError when no source font is installed (run scripts/setup.sh)."""
    directory = ASSET_DIR if _writable(ASSET_DIR) else _cache_dir()
    if not force:
        have = installed()
        if REQUIRED in have and all(k in have or find_source(k) is None for k in FACES):
            return have[REQUIRED].parent
    with _lock(directory):
        built = False
        for key in FACES:
            target = directory / file_name(key)
            if not force and _is_current(target):
                continue
            source = find_source(key)
            if source is None:
                if key == REQUIRED:
                    raise RenderError(
                        "未找到思源黑体/Noto Sans CJK SC 系统字体，无法生成 PDF 所用字体",
                        path=str(target), hint="请运行 scripts/setup.sh 安装 fonts-noto-cjk")
                log.warning("未找到 %s 的系统字体（%s），PDF 将直接使用系统字体", key, "、".join(FACES[key].sources))
                continue
            t0 = time.perf_counter()
            try:
                build(key, source, target)
            except OSError as exc:
                raise RenderError(f"无法写入字体文件：{os_reason(exc)}", path=str(target)) from exc
            built = True
            log.info("built %s from %s#%d in %.1fs", target, source[0], source[1],
                     time.perf_counter() - t0)
        if built:
            _recipe_of.cache_clear()
    return directory
