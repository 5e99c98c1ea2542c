"""gazetteer: China's administrative divisions (province, prefecture, county) by 民政部 code, and their names.

The table (divisions.tsv, read lazily on first use) is the 民政部 国家地名信息库 list with the names each
division replaced since 2000; its header says where it comes from and scripts/build_gazetteer.py rebuilds it.

Names are found as reports write them: the full name (楚雄彝族自治州), the name without its ethnic autonomy
(楚雄州, 互助县), a former name (江干区, renamed or merged), and for provinces and prefectures the bare name
(浙江, 丽水) where a caller asks for it. The tier of a division follows from its code, so a county-level city
(华蓥市, 511681) is a county whatever its name says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Optional

from .. import rx

TIERS = ("province", "prefecture", "county")
_ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
           "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
           "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")
# 楚雄彝族自治州 -> 楚雄州; names of one people may leave out 族 (伊犁哈萨克自治州, 察布查尔锡伯自治县): those are
# never a region (新疆维吾尔自治区 and 内蒙古自治区 keep their names).
ETHNIC_AUTONOMY = rx.compile(rf"(?:(?:{_ETHNIC})族)+自治(?=县|州|旗|区)|(?<=[\u4e00-\u9fff])(?:{_ETHNIC})自治(?=县|州|旗)")
_SUFFIX = rx.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|省|市|州|盟|县|区|旗)$")
# Names that are also ordinary words (城区, 郊区, 矿区): looked up by code, never found in running text; and
# one-character counties (和县, 沙县) only after a boundary or their city: "政府和县委" is not 和县.
_ONE_CHAR_DISTRICT = rx.compile(r"^[\u4e00-\u9fff]区$")
_ONE_CHAR = rx.compile(r"^[\u4e00-\u9fff][县市旗]$")
_BOUNDARY_BEFORE = rx.compile(r"[^\u4e00-\u9fff]|[省市州盟]")
# Every name form ends in one of these; scanning looks back from them only.
_ENDS = "省市州盟县区旗"


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str  # official name today

    @property
    def tier(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        return "prefecture" if self.code.endswith("00") else "county"


@dataclass(frozen=True)
class Mention:
    """A name form found in a text: where, what it says, and the divisions it may mean."""

    start: int
    end: int
    form: str
    codes: tuple[str, ...]
    former: bool = False  # a name the division no longer has
    until: int = 0  # for a former name: the year it changed


@dataclass(frozen=True)
class _Table:
    by_code: dict  # code -> Division
    forms: dict  # name form -> tuple of codes (current names)
    former: dict  # name form -> tuple of (code, year)
    bare: dict  # bare province/prefecture name -> tuple of codes
    longest: int


def _variants(name: str) -> tuple[str, ...]:
    """Ways a report writes a division's name with its suffix: 楚雄彝族自治州 -> (楚雄彝族自治州, 楚雄州)."""
    if "自治" not in name:
        return (name,)
    short = ETHNIC_AUTONOMY.sub("", name)
    return (name, short) if short != name and len(short) >= 2 else (name,)


def _bare(d: Division) -> Optional[str]:
    """The name without its suffix, for provinces and prefectures: 浙江, 广西, 丽水, 大兴安岭."""
    if d.tier == "county":
        return None
    name = ETHNIC_AUTONOMY.sub("", d.name)
    name = re.sub(r"(维吾尔|壮族|回族)?自治区$", "", name)
    base = _SUFFIX.sub("", name)
    return base if len(base) >= 2 and base != d.name else None  # 新疆维吾尔自治区 -> 新疆 too


@lru_cache(maxsize=1)
def _parts() -> dict:
    """The table and its indexes as plain data, remembered between runs (table.py)."""
    from .table import remembered

    return remembered(_build, _PARTS)


_PARTS = ("names", "forms", "former", "bare", "lengths_by_end", "bare_counties")


@lru_cache(maxsize=1)
def _table() -> _Table:
    p = _parts()
    by_code = {code: Division(code, name) for code, name in p["names"].items()}
    forms, former = p["forms"], p["former"]
    return _Table(by_code, forms, former, p["bare"], max(map(len, list(forms) + list(former))))


def _build(text: str) -> dict:
    """divisions.tsv -> names by code, codes by name form, (code, year) by former form, codes by bare name, and the
    two indexes below (plain data: table.py keeps it)."""
    names: dict[str, str] = {}
    forms: dict[str, list[str]] = {}
    former: dict[str, list[tuple[str, int]]] = {}
    bare: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, *rest = line.split("\t")
        names[code] = name
        for v in _variants(name):
            forms.setdefault(v, []).append(code)
        for item in (rest[0].split("|") if rest and rest[0] else ()):
            old, year = item.rsplit(":", 1)
            for v in _variants(old):
                former.setdefault(v, []).append((code, int(year)))
        if code.endswith("00") and (b := _bare(Division(code, name))) is not None:  # counties have no bare name
            bare.setdefault(b, []).append(code)
    tables = [{k: tuple(v) for k, v in d.items()} for d in (forms, former, bare)]
    indexes = (_build_lengths_by_end(list(forms) + list(former)), _build_bare_counties(names))
    return dict(zip(_PARTS, (names, *tables, *indexes)))


def division(code: Optional[str]) -> Optional[Division]:
    return _table().by_code.get(code or "")


def parent(d: Division) -> Optional[Division]:
    if d.tier == "province":
        return None
    t = _table().by_code
    if d.tier == "county" and (p := t.get(d.code[:4] + "00")):
        return p  # else a county the province governs directly (仙桃市, 济源市) or a municipality's district
    return t.get(d.code[:2] + "0000")


def ancestors(d: Division) -> Iterator[Division]:
    """The division itself, then its parent, up to its province."""
    cur: Optional[Division] = d
    while cur is not None:
        yield cur
        cur = parent(cur)


def chain(d: Optional[Division]) -> dict[str, Optional[Division]]:
    """{province, prefecture, county} of a division (a municipality's district has no prefecture)."""
    out: dict[str, Optional[Division]] = {t: None for t in TIERS}
    for a in (ancestors(d) if d else ()):
        out[a.tier] = a
    return out


def lookup(form: str) -> tuple[Division, ...]:
    """Divisions a name form (with its suffix) means today: 楚雄州, 华蓥市, 朝阳区 (two of them)."""
    t = _table()
    return tuple(t.by_code[c] for c in t.forms.get(form, ()))


def lookup_former(form: str, year: Optional[int] = None) -> tuple[Division, ...]:
    """The divisions that replaced a former name, if it was still in use in `year` (江干区 2020 -> 上城区)."""
    t = _table()
    return tuple(t.by_code[c] for c, until in t.former.get(form, ()) if year is None or year <= until)


def lookup_bare(base: str) -> tuple[Division, ...]:
    t = _table()
    return tuple(t.by_code[c] for c in t.bare.get(base, ()))


def bare_names() -> Iterable[str]:
    return _table().bare.keys()


def _bare_counties() -> dict[str, tuple[str, ...]]:
    return _parts()["bare_counties"]


def _build_bare_counties(names: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Bare names of county-tier divisions (邹城 for 邹城市, 互助 for 互助土族自治县, 和平 for 和平区)."""
    out: dict[str, list[str]] = {}
    for code, name in names.items():
        if code.endswith("00"):
            continue  # not a county
        short = _variants(name)[-1] if "自治" in name else name
        if len(short) >= 3 and "自治" not in short and short[-1] in "县市旗区":
            out.setdefault(short[:-1], []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def lookup_bare_any(base: str) -> tuple[Division, ...]:
    """Every division a bare name may mean, at any tier: 邹城 -> (邹城市,), 吉林 -> (吉林省, 吉林市); districts
    included (和平 -> 和平区 of 天津 and of 沈阳, 和平县), so that a caller can refuse what is not one county."""
    t = _table()
    return tuple(t.by_code[c] for c in t.bare.get(base, ()) + _bare_counties().get(base, ()))


def match_at(text: str, start: int, year: Optional[int] = None) -> Optional[Mention]:
    """The longest name form that starts at `start` (current names first, then former names)."""
    t = _table()
    for n in range(min(t.longest, len(text) - start), 1, -1):
        form = text[start:start + n]
        if form[-1] not in _ENDS:
            continue
        if codes := t.forms.get(form):
            return Mention(start, start + n, form, codes)
        if former := [(c, y) for c, y in t.former.get(form, ()) if year is None or year <= y]:
            return Mention(start, start + n, form, tuple(c for c, _ in former), True, max(y for _, y in former))
    return None


def _lengths_by_end() -> dict[str, tuple[int, ...]]:
    return _parts()["lengths_by_end"]


def _build_lengths_by_end(forms: list[str]) -> dict[str, tuple[int, ...]]:
    """Last two characters of a name form -> the lengths of the forms (current or former) ending so, longest
    first: scanning tries only lengths some form has, not every length up to the longest name."""
    out: dict[str, set[int]] = {}
    for form in forms:
        if len(form) >= 2:
            out.setdefault(form[-2:], set()).add(len(form))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


_END = rx.compile(f"[{_ENDS}]")


def scan(text: str, year: Optional[int] = None) -> list[Mention]:
    """Every name form in a text, longest first where two overlap, in order. Reads back from suffix characters."""
    t = _table()
    by_end = _lengths_by_end()
    found: list[Mention] = []
    for m in _END.finditer(text, 1):
        end = m.end()
        for n in by_end.get(text[end - 2:end], ()):
            if n > end:
                continue
            form = text[end - n:end]
            if _ONE_CHAR_DISTRICT.match(form):
                continue
            if _ONE_CHAR.match(form) and end - n > 0 and not _BOUNDARY_BEFORE.match(text[end - n - 1]):
                continue
            if codes := t.forms.get(form):
                found.append(Mention(end - n, end, form, codes))
                break
            former = [(c, y) for c, y in t.former.get(form, ()) if year is None or year <= y]
            if former and not t.forms.get(form):
                found.append(Mention(end - n, end, form, tuple(c for c, _ in former), True, max(y for _, y in former)))
                break
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for x in found:
        if out and x.start < out[-1].end:
            continue  # inside a longer name already kept (江北区 within 两江北区 …)
        out.append(x)
    return out
