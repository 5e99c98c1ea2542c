"""draft: a work plan (工作要点) -> a draft rule pack, for a person to review.

Numeric targets (不低于90%, 低于30%, 年内至少举办2次以上, 每年发布1次, 至少开展1次评查, 高于本地区同期…纠错率)
become metric/count rules named by the noun phrase around the target; duties (…制度, …目录并向社会公开,
2024年底前…, 聘请法律顾问, and the duties existing packs already know) become mention rules. Ids, aliases and
matching details are reused from the existing packs when an indicator is recognised. Each rule carries its
source sentence as a comment above it.
"""
from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from ..errors import RulePackError
from ..fold import fold
from ..models import Document
from ..grammar.numerals import parse_number
from ..packs.loader import BUNDLED_RULES, SCHEMA_PATH, Rule, compile_alias, read_pack
from ..grammar.targets import TargetError, parse_target

EXTENDS = ("national/annual-report", "national/profile")
WEIGHTS = {"metric": 5, "count": 3, "mention": 2}

# --- the plan's structure ------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^\s*([{_CN}]{{1,3}})\s*[、.]\s*(.*)$")
_SUB = re.compile(rf"^\s*\(\s*([{_CN}]{{1,3}})\s*\)\s*[、.]?\s*(.*)$")
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.、](?!\d)\s*(.*)$")
_LEAD_UNITS = re.compile(r"\(\s*(?:牵头|责任|主责|配合|主办|协办)单位[^)]*\)")
_SENT = re.compile(r"[。;!?\n]")
_CLAUSE = re.compile(r"[,:。;!?\n]")


@dataclass
class Block:
    """One numbered item of the plan (or the text of a section that has none)."""

    clause: Optional[str]
    category: str
    start: int
    end: int


def _category(heading: str) -> str:
    h = re.split(r"[,;。]", heading.strip())[0]
    return h[:30]


def plan_blocks(doc: Document, start: int = 0) -> list[Block]:
    text = doc.text
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            lines.append((pos, line))
        pos += len(line) + 1
    numbers = [int(m.group(1)) for _, ln in lines if (m := _ITEM.match(ln))]
    restarts = any(b <= a for a, b in zip(numbers, numbers[1:]))
    blocks: list[Block] = []
    sec = sub = None
    category = ""
    cur: Optional[Block] = None

    def close(at: int):
        nonlocal cur
        if cur is not None:
            cur.end = at
            blocks.append(cur)
            cur = None

    for off, line in lines:
        if not line.strip():
            continue
        if (m := _SECTION.match(line)) and not _ITEM.match(line):
            close(off)
            sec, sub, category = m.group(1), None, _category(m.group(2))
            continue
        if m := _SUB.match(line):
            close(off)
            sub = m.group(1)
            category = category or _category(m.group(2))
            cur = Block(f"{sec or ''}({sub})".replace("(", "（").replace(")", "）"), category, off, off)
            continue
        if m := _ITEM.match(line):
            close(off)
            n = m.group(1)
            label = n
            if restarts and sec:
                label = f"{sec}{'（' + sub + '）' if sub else ''}第{n}项"
            cur = Block(label, category, off, off)
            continue
        if cur is None:
            cur = Block(sec, category, off, off)
    close(len(text))
    return [b for b in blocks if b.end > b.start]


# --- where the plan text starts, and what the document is ----------------------------------------

_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(]\s*\d{4}\s*[〕\])]\s*\d+\s*号")
_DATE_LINE = re.compile(r"^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d〇一二三四五六七八九十]{1,3})\s*月\s*"
                        r"([\d〇一二三四五六七八九十]{1,3})\s*日\s*$")
_ORG_END = re.compile(r"(办公室|人民政府|政府|委员会|委|局|厅|办|领导小组|管委会|司法局)$")
_PLAN_TITLE = re.compile(r"(工作要点|要点|实施方案|工作方案|工作计划|计划|工作安排|任务清单|重点任务)$")


def _cn_digits(s: str) -> Optional[int]:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in s))
    v = parse_number(s)
    return int(v) if v is not None else None


def document_meta(doc: Document) -> dict:
    """Document number, notice title, issuer, date and plan title, when the text states them."""
    text = doc.text
    lines = text.split("\n")
    meta: dict = {}
    if m := _DOCNO.search(text):
        meta["document"] = doc.original[m.start():m.end()].strip()
    issued_at = None
    for i, line in enumerate(lines):
        if m := _DATE_LINE.match(line):
            y, mo, d = (_cn_digits(g) for g in m.groups())
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                meta["issued"] = f"{y:04d}-{mo:02d}-{d:02d}"
                issued_at = i
                break
    if "issued" not in meta and doc.published:
        meta["issued"] = doc.published.isoformat()
    if issued_at:
        prev = next((ln.strip() for ln in reversed(lines[:issued_at]) if ln.strip()), "")
        if _ORG_END.search(prev) and len(prev) <= 30:
            meta["issuer"] = prev
    notice = next((ln.strip() for ln in lines if re.search(r"关于.{2,60}(通知|意见|决定)$", ln.strip())), None)
    if notice:
        notice = re.sub(r"^.*?号\s*[:：]?\s*", "", notice) if _DOCNO.match(notice) else notice
        if notice.startswith("关于") and meta.get("issuer"):
            notice = meta["issuer"] + notice
        meta["title"] = notice
        head = notice.split("关于")[0]
        if "issuer" not in meta and _ORG_END.search(head):
            meta["issuer"] = head
    plan_title, plan_at = None, None
    offset = 0
    for line in lines:
        s = line.strip()
        if (6 <= len(s) <= 50 and _PLAN_TITLE.search(s) and not re.search(r"(关于|通知|印发|[。,;:])", s)):
            plan_title, plan_at = s, offset + len(line) + 1
            break
        offset += len(line) + 1
    if plan_title is None and notice and (m := re.search(r"印发(.{4,50}?)的通知", notice)):
        plan_title = m.group(1).strip("《》")
    plan_title = plan_title or doc.title or (lines[0].strip()[:50] if lines else "工作要点")
    meta["plan_title"] = plan_title
    meta["plan_start"] = plan_at or 0
    if m := re.search(r"(20\d\d)\s*年", plan_title):
        meta["year"] = int(m.group(1))
    return meta


# --- known indicators from the existing packs ----------------------------------------------------

def known_rules(skip: Optional[Path] = None, extra_root: Optional[Path] = None) -> dict[str, Rule]:
    """Rules of every reviewed pack (bundled, and under the output's rules/ folder), by id."""
    files = sorted(BUNDLED_RULES.rglob("*.yaml"))
    if extra_root is not None and extra_root.resolve() != BUNDLED_RULES.resolve():
        files += sorted(extra_root.rglob("*.yaml"))
    files.sort(key=lambda f: (0 if f.parent.name == "national" else 1, str(f)))
    out: dict[str, Rule] = {}
    for f in files:
        if skip is not None and f.resolve() == skip.resolve():
            continue
        try:
            pack, rules, _ = read_pack(f)
        except (RulePackError, KeyError, TypeError):
            continue
        if pack.draft:
            continue
        for r in rules:
            out[r.id] = r
    return out


def _terms(rule: Rule) -> list[str]:
    if rule.kind == "mention":
        return [t for g in rule.all_of for t in g] + list(rule.any_of)
    return [rule.name] + list(rule.aliases)


def match_known(name: str, kind: str, sentence: str, known: dict[str, Rule]) -> Optional[Rule]:
    """The known metric/count rule whose name or an alias is in the plan's name for an indicator."""
    name = fold(name)[0]
    best, best_score = None, 0
    for rule in known.values():
        if rule.kind != kind or rule.within:
            continue
        if any(compile_alias(ex).search(name) for ex in rule.exclude):
            continue
        if rule.context and not any(c in sentence for c in rule.context):
            continue
        for term in _terms(rule):
            m = compile_alias(term).search(name)
            if not m:
                continue
            score = (m.end() - m.start()) + (100 if m.group(0) == name else 0)
            if m.end() - m.start() >= 3 and score > best_score:
                best, best_score = rule, score
    return best


def _mention_matches(rule: Rule, sentence: str) -> Optional[tuple[int, int]]:
    """Span of the first term when a known mention rule fits a plan sentence (as extract.mention_facts)."""
    groups = list(rule.all_of) or [tuple(rule.any_of)]
    if rule.all_of and rule.any_of:
        groups.append(tuple(rule.any_of))
    if any(ex in sentence for ex in rule.exclude):
        return None
    first = None
    for t in groups[0]:
        m = compile_alias(t).search(sentence)
        if m:
            first = (m.start(), m.end())
            break
    if first is None:
        return None
    for g in groups[1:]:
        if not any(compile_alias(t).search(sentence) for t in g):
            return None
    return first


# --- words ---------------------------------------------------------------------------------------

_LEAD_WORDS = {"确保", "力争", "实现", "推动", "推进", "进一步", "全面", "持续", "不断", "切实", "努力", "提升", "提高",
               "开展", "组织", "组织开展", "举办", "召开", "举行", "进行", "完成", "落实", "深入", "认真", "积极",
               "保证", "使", "让", "将", "要", "全县", "全市", "全州", "全区", "全省", "全旗", "各级", "各地", "年内",
               "全年", "每年", "今年", "本年度", "上年度", "年度", "原则上", "做到", "争取", "并", "且", "同时", "其中"}
_LEAD_FLAGS = {"d", "c", "p", "r", "t", "m", "u", "f", "x", "ad", "uj", "ul", "y", "e", "o", "q"}
_TRAIL = re.compile(r"(均|都|要|应|须|必须|应当|需|需要|力争|确保|将|总体|保持|稳定|继续|可|能|全部|整体)+$")
_TIME = re.compile(r"^(上一?年度|本年度|上年度|年度|全年|每年|当年|年内)")


def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _strip_quotes(s: str) -> str:
    return re.sub(r"[“”\"'‘’《》<>「」]", "", s).strip()


def clean_name(phrase: str) -> str:
    """The noun phrase an indicator is called by: leading adverbs, verbs of intent and time words removed."""
    s = phrase.strip(" ,;:、")
    s = _TRAIL.sub("", s)
    if not s:
        return ""
    pg = _jieba().posseg
    toks = [(w.word, w.flag) for w in pg.cut(s)]
    while toks and (toks[0][0] in _LEAD_WORDS or toks[0][1] in _LEAD_FLAGS or re.fullmatch(r"[\d年月日]+", toks[0][0])):
        toks.pop(0)
    s = "".join(w for w, _ in toks)
    s = _TIME.sub("", s)
    s = s.strip(" ,;:、的")
    if s.count("”") > s.count("“"):
        s = "“" + s  # the opening quote went with the leading words
    return s


def alias_variants(name: str) -> list[str]:
    """The name, and a shorter form a report is likely to use; quotes become gaps (with or without quotes)."""
    def unquote(s: str) -> str:
        s = re.sub(r"^[“”\"《》「」]+|[“”\"《》「」]+$", "", s)
        return re.sub(r"[“”\"《》「」]+", "*", s)

    out = [unquote(name)]
    base = re.sub(r"(活动|工作)$", "", name)
    if base != name and len(base) >= 4:
        out.append(unquote(base))
    words = [w for w in _jieba().lcut(base) if w.strip()]
    cand = None
    if len(words) > 2 and words[0] in _GENERIC_HEAD:
        cand = "".join(words[1:])
    elif len(words) >= 2 and words[0].startswith("行政") and len(words[0]) > 2:
        cand = words[0][2:] + "".join(words[1:])  # 行政复议决定履行率 -> 复议决定履行率
    if cand and len(cand) >= 4:
        out.append(unquote(cand))
    return list(dict.fromkeys(out))


_GENERIC_HEAD = {"行政", "行政机关", "全县", "全市", "全州", "全区", "全省", "各级", "县级", "市级", "本级", "政府", "各类"}


def gap_variant(phrase: str) -> Optional[str]:
    """A long phrase as `head*tail`: 重大行政决策事项目录 -> 重大行政*目录."""
    words = [w for w in _jieba().lcut(phrase) if w.strip()]
    if len(words) >= 4 and len(phrase) > 6:
        return "".join(words[:2]) + "*" + words[-1]
    return None


# --- targets -------------------------------------------------------------------------------------

_FREQ = r"(?:每年度?|年内|全年|年度内|每季度|每半年|每月|每届)"
_CMP = (r"(?:不低于|不少于|不小于|不高于|不超过|不多于|不大于|至少|最少|至多|最多|高于|超过|多于|大于|低于|少于|小于|"
        r"达到|保持在|控制在|稳定在|实现|达)")
_VERB = r"(?:组织开展|组织|举办|开展|召开|举行|发布|公布|进行|集中|印发|编发|更新|通报)"
_NUMR = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"
_UNIT = r"(?:%|‰|人次|次|场|期|轮|批|届|堂|课|项|件|家|名|篇|份|个(?!月|工作日|百分点))"
_TAIL = r"(?:及以上|或以上|以上|及以下|以下|以内)?"
_NUM_TARGET = re.compile(rf"(?P<freq>{_FREQ})?(?P<cmp>{_CMP})?(?P<verb>(?:{_VERB}){{0,2}})(?P<num>{_NUMR})"
                         rf"(?P<unit>{_UNIT})(?P<tail>{_TAIL})")
_REL_TARGET = re.compile(r"(?P<cmp>不低于|不高于|不超过|高于|低于|超过)(?P<ref>[^,;:。\d%]{2,30}?(?:率|比例))(?=$|[,;:。])")
_COUNT_UNITS = ("次", "场", "期", "轮", "批", "届", "堂", "课")


@dataclass
class DraftRule:
    id: str
    kind: str
    name: str
    clause: Optional[str]
    sentence: str  # source sentence, as written
    category: str = ""
    target: Any = None
    aliases: list = field(default_factory=list)
    any_of: list = field(default_factory=list)
    all_of: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    context: list = field(default_factory=list)
    units: list = field(default_factory=list)
    derive: Optional[dict] = None
    review_if: Optional[dict] = None
    zero_when: list = field(default_factory=list)
    informational: bool = False
    weight: float = 1
    advice: str = ""
    description: str = ""
    examples: list = field(default_factory=list)
    examples_note: str = ""
    known: bool = False
    pos: int = 0


@dataclass
class DraftResult:
    text: str
    rules: list[DraftRule]
    warnings: list[str]
    meta: dict


class _Drafter:
    def __init__(self, doc: Document, known: dict[str, Rule]):
        self.doc = doc
        self.known = known
        self.rules: list[DraftRule] = []
        self.ids: set[str] = set()
        self.counters: dict[str, int] = {}
        self.warnings: list[str] = []
        self.used_known: set[str] = set()

    # ids
    def _slug(self, clause: Optional[str]) -> str:
        if not clause:
            return "0"
        digits = re.findall(r"\d+", clause)
        if digits and clause.isdigit():
            return clause
        parts = []
        for ch in re.findall(rf"[{_CN}]+|\d+", clause):
            parts.append(ch if ch.isdigit() else str(int(parse_number(ch) or 0)))
        return "_".join(parts) or "0"

    def new_id(self, prefix: str, clause: Optional[str]) -> str:
        slug = self._slug(clause)
        while True:
            k = self.counters.get(slug, 0) + 1
            self.counters[slug] = k
            rid = f"{prefix}_{slug}_{k}"
            if rid not in self.ids:
                return rid

    def take_id(self, rid: str) -> str:
        self.ids.add(rid)
        return rid

    def add(self, r: DraftRule) -> DraftRule:
        self.take_id(r.id)
        self.rules.append(r)
        return r

    # numeric targets
    def numeric(self, block: Block, s0: int, sentence: str, original: str) -> list[tuple[int, int]]:
        spans = []
        for m in _NUM_TARGET.finditer(sentence):
            if not (m.group("freq") or m.group("cmp")):
                continue
            if m.start("num") > 0 and sentence[m.start("num") - 1] in "第0123456789.":
                continue
            unit = m.group("unit")
            raw = m.group(0)
            cs = max((x.end() for x in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
            ce_m = _CLAUSE.search(sentence, m.end())
            ce = ce_m.start() if ce_m else len(sentence)
            before = sentence[cs:m.start()]
            after = sentence[m.end():ce]
            kind = "metric" if unit in ("%", "‰") else "count"
            names = self._names(kind, before, after, sentence, cs)
            if not names:
                self.warnings.append(f"第{block.clause}项：找到目标“{raw}”，但没有找到指标名称，未起草规则")
                continue
            spans.append((m.start(), m.end()))
            for name in names:
                self.numeric_rule(block, s0 + m.start(), kind, name, raw, unit, sentence, original)
        for m in _REL_TARGET.finditer(sentence):
            if any(s <= m.start() < e for s, e in spans):
                continue
            cs = max((x.end() for x in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
            names = self._names("metric", sentence[cs:m.start()], "", sentence, cs)
            if not names:
                continue
            spans.append((m.start(), m.end()))
            self.relative_rule(block, s0 + m.start(), names[0], m.group("cmp"), m.group("ref"), m.group(0),
                               sentence, original)
        return spans

    def _names(self, kind: str, before: str, after: str, sentence: str, cs: int) -> list[str]:
        after_name = clean_name(re.sub(r"^(的|地)", "", after))
        if kind == "count" and len(after_name) >= 2:
            if "对" in before and len(after_name) <= 4:
                obj = clean_name(_TIME.sub("", before.split("对")[-1]))
                return [obj + after_name] if obj else [after_name]
            return [after_name]
        name = clean_name(before)
        if not name:
            return [after_name] if len(after_name) >= 2 else []
        if kind == "metric":
            # a qualifier in the clause before: "经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%"
            prev_end = cs - 1
            if prev_end > 0:
                ps = max((x.end() for x in _CLAUSE.finditer(sentence, 0, prev_end)), default=0)
                prev = sentence[ps:prev_end].strip()
                if prev.endswith("中") and len(prev) <= 30:
                    name = clean_name(prev) + name
            parts = [p for p in name.split("、") if p]
            if len(parts) > 1 and all(re.search(r"(率|比例)$", p) for p in parts):
                return parts
        return [name]

    def numeric_rule(self, block: Block, pos: int, kind: str, name: str, raw: str, unit: str, sentence: str,
                     original: str) -> None:
        target = raw
        try:
            t = parse_target(raw, default_unit="%" if kind == "metric" else "次")
        except TargetError:
            t = None
        if t is None:
            m = _NUM_TARGET.fullmatch(raw)
            op = _op_of(m.group("cmp") or "", m.group("tail") or "") if m else ">="
            value = parse_number(m.group("num")) if m else None
            target = {"op": op, "value": value, "unit": "%" if kind == "metric" else unit, "text": raw}
            t = parse_target(target)
        known = match_known(name, kind, sentence, self.known)
        if known is not None and known.id in self.ids:
            prev = next((r for r in self.rules if r.id == known.id), None)
            if prev is not None and prev.target == target:
                return  # the same target stated twice
            known = None
        rid = known.id if known else self.new_id("indicator", block.clause)
        r = DraftRule(id=rid, kind=kind, name=name, clause=block.clause, sentence=original, category=block.category,
                      target=target, known=known is not None, pos=pos)
        if kind == "count" and unit not in _COUNT_UNITS:
            r.units = [unit]
        self._fill(r, known, name)
        r.advice = (f"写明本年度{name}的情况和数值（目标：{t.text}）。" if kind == "metric"
                    else f"写明本年度{name}的次数和具体情况（目标：{t.text}）。")
        self.add(r)

    def relative_rule(self, block: Block, pos: int, name: str, cmp: str, ref: str, text: str, sentence: str,
                      original: str) -> None:
        ref_name = ref.strip()
        ref_known = match_known(ref_name, "metric", ref_name, self.known)
        if ref_known is not None and ref_known.id in self.ids:
            ref_id = ref_known.id
        elif ref_known is not None and ref_known.pack.startswith("national/"):
            ref_id = ref_known.id  # defined by a pack the draft extends
        else:
            ref_id = ref_known.id if ref_known else self.new_id("indicator", block.clause)
            rr = DraftRule(id=ref_id, kind="metric", name=ref_name, clause=block.clause, sentence=original,
                           category=block.category, informational=True, known=ref_known is not None, pos=pos + 1)
            self._fill(rr, ref_known, ref_name)
            rr.weight = 0
            rr.advice = f"写明{ref_name}，作为“{name}”的比较基准。"
            self.add(rr)
        op = _op_of(cmp, "")
        known = match_known(name, "metric", sentence, self.known)
        if known is not None and known.id in self.ids:
            known = None
        rid = known.id if known else self.new_id("indicator", block.clause)
        r = DraftRule(id=rid, kind="metric", name=name, clause=block.clause, sentence=original,
                      category=block.category, target={"op": op, "relative_to": ref_id, "text": text},
                      known=known is not None, pos=pos)
        self._fill(r, known, name)
        r.advice = f"同时写明{name}和{ref_name}，以便比较（目标：{text}）。"
        self.add(r)
        # keep the comparand after the rule that uses it
        self.rules.sort(key=lambda x: x.pos)

    def _fill(self, r: DraftRule, known: Optional[Rule], name: str) -> None:
        if known is not None:
            r.aliases = list(known.aliases) or alias_variants(name)
            r.exclude, r.context = list(known.exclude), list(known.context)
            if r.kind == "count" and not r.units and tuple(known.units) != tuple(_default_units()):
                r.units = list(known.units)
            r.derive, r.review_if, r.zero_when = known.derive, known.review_if, list(known.zero_when)
            r.weight = known.weight if not known.informational else WEIGHTS.get(r.kind, 2)
            if _same_target(known.target, r.target) and known.examples:
                r.examples = [dict(e) for e in known.examples]
                r.examples_note = f"例句沿用规则包 {known.pack}"
            self.used_known.add(known.id)
        else:
            r.aliases = alias_variants(name)
            r.weight = WEIGHTS.get(r.kind, 2)

    # duties
    def duties(self, block: Block, s0: int, sentence: str, original: str, skip: list[tuple[int, int]]) -> None:
        covered: list[DraftRule] = []
        taken_terms: list[str] = []
        for rule in self.known.values():
            if rule.kind != "mention" or rule.within:
                continue
            span = _mention_matches(rule, sentence)
            if span is None:
                continue
            existing = next((r for r in self.rules if r.id == rule.id), None)
            if existing is not None:
                covered.append(existing)
                taken_terms += _terms(rule)
                continue
            if rule.id in self.ids:
                continue
            r = DraftRule(id=rule.id, kind="mention", name=rule.name, clause=block.clause, sentence=original,
                          category=block.category, any_of=list(rule.any_of),
                          all_of=[list(g) for g in rule.all_of], exclude=list(rule.exclude), context=list(rule.context),
                          weight=rule.weight, known=True, pos=s0 + span[0])
            r.advice = f"写明{rule.name}的落实情况。"
            if rule.examples:
                r.examples = [dict(e) for e in rule.examples]
                r.examples_note = f"例句沿用规则包 {rule.pack}"
            self.used_known.add(rule.id)
            self.add(r)
            covered.append(r)
            taken_terms += _terms(rule)
        for r in self.rules:  # numeric rules from this sentence cover their own words
            if r.sentence == original and r.kind in ("metric", "count"):
                taken_terms += [a for a in r.aliases]

        def taken(phrase: str) -> bool:
            return any(compile_alias(t).search(phrase) for t in taken_terms if t)

        made: list[DraftRule] = []
        # …目录/清单 并向社会公开/公布
        for m in re.finditer(r"(目录|清单|名录)(?=[^,;。]{0,25}?(公开|公布|公示))", sentence):
            obj = _object_before(sentence, m.end())
            pub = re.search(r"(公开|公布|公示)", sentence[m.end():]).group(1)
            if len(obj) < 4 or taken(obj) or any(s <= m.start() < e for s, e in skip) or _in_title(sentence, m.start()):
                continue
            terms = [obj] + ([g] if (g := gap_variant(obj)) else [])
            r = self._duty(block, s0 + m.start(), f"{obj}向社会{pub}", original, all_of=[terms, ["公开", "公布", "公示"]])
            made.append(r)
            taken_terms.append(obj)
        # …制度
        for m in re.finditer(r"制度", sentence):
            nxt = sentence[m.end():m.end() + 1]
            if nxt and nxt not in ",;:。的”》和及与并":
                continue  # "制度完善、机制健全" describes, "工作制度、流程" lists: not a named system
            if _in_title(sentence, m.start()):
                continue
            core = _object_before(sentence, m.start(), verbs=_SYSTEM_VERBS)
            core = re.sub(r"(等|的)$", "", core)
            if "“" in core and "”" not in core.split("“")[-1] and nxt == "”":
                inner = core.split("“")[-1] + "制度"  # 行政执法“三项制度”
                names, name = [inner], core + "制度”"
            else:
                names = [c for c in (_strip_quotes(x) for x in core.split("、")) if len(c) >= 2]
                name = core + "制度"
            if not names or any(n in _GENERIC for n in names) or taken(core):
                continue
            terms = list(names)
            if len(names) == 1 and (g := gap_variant(names[0])) and len(names[0]) > 8:
                terms.append(g)
            made.append(self._duty(block, s0 + m.start(), name, original, any_of=terms))
            taken_terms += names
        # 聘请/配备 …
        for m in re.finditer(r"(聘请|聘任|配备)([^,;。、和及]{2,10})", sentence):
            obj = clean_name(m.group(2))
            if len(obj) < 2 or taken(obj) or _in_title(sentence, m.start()):
                continue
            made.append(self._duty(block, s0 + m.start(), m.group(1) + obj, original, any_of=[obj]))
            taken_terms.append(obj)
        # 2024年底前 …
        for m in re.finditer(r"(\d{4}\s*年(?:\d{1,2}\s*月)?(?:底|末)?|年底)(?:前|之前)", sentence):
            when = m.group(0)
            rest = sentence[m.end():].lstrip(",: ")
            later = [r for r in covered + made if r.pos >= s0 + m.start()] or covered + made
            if later:
                for r in later:
                    r.description = f"时限：{when}"
                continue
            obj = _duty_object(rest)
            if len(obj) < 2 or taken(obj):
                continue
            terms = [obj] + ([g] if (g := gap_variant(obj)) else [])
            what = re.split(r"[,;:]", rest)[0].strip() or obj
            r = self._duty(block, s0 + m.start(), f"{when}{what}", original, any_of=terms)
            r.description = f"时限：{when}"

    def _duty(self, block: Block, pos: int, name: str, original: str, any_of=None, all_of=None) -> DraftRule:
        r = DraftRule(id=self.new_id("duty", block.clause), kind="mention", name=name, clause=block.clause,
                      sentence=original, category=block.category, any_of=list(any_of or []),
                      all_of=[list(g) for g in all_of or []], weight=WEIGHTS["mention"], pos=pos)
        r.advice = f"写明{name}的落实情况。"
        return self.add(r)


_SYSTEM_VERBS = ("建立健全", "健全完善", "严格落实", "全面落实", "严格执行", "认真落实", "全面推行", "建立", "健全", "完善",
                 "落实", "推行", "实行", "执行", "坚持", "贯彻", "遵守", "创新", "规范", "深化", "加强", "推进")
_OBJ_STOP = ("制定", "编制", "做好", "建立", "健全", "完善", "梳理", "发布", "形成", "推行", "实行", "落实", "调整",
             "修订", "出台", "公开", "公布", "开展", "实施", "执行", "严格", "加强", "推进", "及时", "各", "于", "在",
             "对", "将", "把", "由", "并", "和", "及")
_GENERIC = {"工作", "相关", "各项", "有关", "配套工作", "规章", "管理", "工作制度", "制度", "体制", "机制"}


_STOP_TOKENS = set(_SYSTEM_VERBS) | set(_OBJ_STOP) | {
    "的", "前", "之前", "做好", "好", "完成", "建成", "基本建成", "实现", "出台", "印发", "向", "社会", "年底", "深入",
    "严格", "全面", "认真", "进一步", "持续", "切实", "积极", "逐步", "不断", "加快"}


def _object_before(sentence: str, end: int, verbs: tuple = ()) -> str:
    """The noun phrase ending at `end`: words back to the last verb, preposition, 的 or clause start."""
    cs = max((x.end() for x in _CLAUSE.finditer(sentence, 0, end)), default=0)
    toks = _jieba().lcut(sentence[cs:end])
    out: list[str] = []
    for t in reversed(toks):
        if t in _STOP_TOKENS or t in verbs or re.fullmatch(r"[\d年月日底末]+", t):
            break
        out.insert(0, t)
    return _TIME.sub("", "".join(out).strip())


def _duty_object(rest: str) -> str:
    """What a deadline sentence asks to be done: 完成行政执法主体资格清理并向社会公布 -> 行政执法主体资格清理."""
    first = next((c for c in re.split(r"[,;:]", rest) if c.strip()), "")
    if "的" in first:
        first = first.split("的")[-1]
    toks = _jieba().lcut(first)
    while toks and (toks[0] in _STOP_TOKENS or toks[0] in _LEAD_WORDS):
        toks.pop(0)
    out = []
    for t in toks:
        if t in ("并", "及", "和", "向", "并向"):
            break
        out.append(t)
    return _strip_quotes("".join(out))[:30]


def _in_title(sentence: str, pos: int) -> bool:
    """Inside 《…》: the name of a document, not a duty."""
    return sentence.count("《", 0, pos) > sentence.count("》", 0, pos)


def _default_units() -> tuple:
    from ..packs.loader import DEFAULT_COUNT_UNITS

    return DEFAULT_COUNT_UNITS


def _op_of(cmp: str, tail: str) -> str:
    table = {">=": ("不低于", "不少于", "不小于", "至少", "最少", "达到", "达", "实现", "保持在", "稳定在"),
             "<=": ("不高于", "不超过", "不多于", "不大于", "至多", "最多", "控制在"),
             ">": ("高于", "超过", "多于", "大于"), "<": ("低于", "少于", "小于")}
    for op, words in table.items():
        if cmp in words:
            return op
    return "<=" if tail in ("以下", "及以下", "以内") else ">="


def _parsed(target: Any, unit: Optional[str] = None):
    if target is None:
        return None
    try:
        return parse_target(target, default_unit=unit)
    except (TargetError, KeyError, TypeError):
        return None


def _same_target(a, b) -> bool:
    if a is None and b is None:
        return True
    pa = a if not isinstance(a, (str, dict, int, float)) else _parsed(a)
    pb = b if not isinstance(b, (str, dict, int, float)) else _parsed(b, "%" if isinstance(b, str) and "%" in b else "次")
    if pa is None or pb is None:
        return False
    return (pa.op, pa.value, pa.relative_to) == (pb.op, pb.value, pb.relative_to) and (
        pa.relative_to is not None or (pa.unit or "") == (pb.unit or ""))


# --- examples for rules that have none -----------------------------------------------------------

def _plain(term: str) -> str:
    return re.sub(r"\*|…+|\.\.\.", "", term)


def _gen_examples(r: DraftRule, by_id: dict[str, DraftRule], known: dict[str, Rule]) -> list[dict]:
    if r.kind == "mention":
        if r.all_of:
            return [{"text": f"{_plain(r.all_of[0][0])}已按要求{_plain(r.all_of[1][0]) if len(r.all_of) > 1 else ''}。",
                     "status": "met"}]
        return [{"text": f"全面落实{_plain(r.any_of[0])}。", "status": "met"}] if r.any_of else []
    alias = next((a for a in r.aliases if "*" not in a and "…" not in a), None) or _plain(r.aliases[0])
    lead = f"{r.context[0]}工作中，" if r.context and not any(c in alias for c in r.context) else ""
    if r.kind == "metric" and r.target is None:
        return [{"text": f"{lead}{alias}为9%。", "value": 9}]
    t = _parsed(r.target, "%" if r.kind == "metric" else "次")
    if t is None:
        return []
    if t.relative_to:
        ref = by_id.get(t.relative_to) or (known.get(t.relative_to) and _as_draft(known[t.relative_to]))
        if ref is None:
            return []
        ref_alias = next((a for a in ref.aliases if "*" not in a), ref.name)
        a, b = (20, 10) if t.op in (">", ">=") else (10, 20)
        return [{"text": f"{lead}{alias}为{a}%，{ref_alias}为{b}%。", "value": a, "status": "met"}]
    v = t.value or 0
    if t.op in (">=", ">"):
        good = v + (1 if t.op == ">" or r.kind == "count" else 0)
        if r.kind == "metric":
            good = min(100.0, v + 5) if v < 100 else 100.0
    elif t.op in ("<=", "<"):
        good = max(0.0, v - 1 if r.kind == "count" else v - 5)
    else:
        good = v
    if r.kind == "metric":
        return [{"text": f"{lead}全年{alias}为{good:g}%。", "value": good, "status": "met"}]
    unit = t.unit if t.unit and (t.unit in (r.units or _COUNT_UNITS)) else (r.units or ["次"])[0]
    return [{"text": f"{lead}全年{alias}{good:g}{unit}。", "value": good, "status": "met"}]


def _as_draft(rule: Rule) -> DraftRule:
    return DraftRule(id=rule.id, kind=rule.kind, name=rule.name, clause=rule.clause, sentence="",
                     aliases=list(rule.aliases))


# --- YAML out ------------------------------------------------------------------------------------

_FLOW_BAD = set(":#,[]{}&*!|>'\"%@`?")


def _scalar(v: Any, flow: bool = False) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"{v:g}" if isinstance(v, float) else str(v)
    if v is None:
        return "null"
    s = str(v)
    bad = any(c in _FLOW_BAD for c in s) if flow else (s[:1] in _FLOW_BAD or "#" in s or ": " in s or s.endswith(":"))
    if not bad and s == s.strip() and s and "\n" not in s:
        try:
            if yaml.safe_load(s) == s:
                return s
        except yaml.YAMLError:
            pass
    return json.dumps(s, ensure_ascii=False)


def _flow_list(items: list) -> str:
    return "[" + ", ".join(_scalar(x, flow=True) for x in items) + "]"


def _flow_map(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in d.items()) + "}"


def _wrap_comment(text: str, width: int = 90, indent: str = "  ") -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    out = []
    while text:
        out.append(f"{indent}# {text[:width]}")
        text = text[width:]
    return out


def render_yaml(meta: dict, rules: list[DraftRule], pack_id: str, schema_ref: str) -> str:
    L = [f"# yaml-language-server: $schema={schema_ref}",
         f"# 由 auditor rules draft 从《{meta['plan_title']}》自动起草，共 {len(rules)} 条规则。",
         "# 审核：逐条对照规则上方注释中的原文，核对名称、说法（aliases）、目标（target）和条款号（clause）；",
         "# 删除不需要的规则，补充遗漏的；把自动生成的例句换成报告中的真实说法；",
         "# 运行 auditor rules test 和 auditor rules check，全部核对后把 draft 改为 false。",
         f"pack: {_scalar(pack_id)}",
         f"title: {_scalar(meta['plan_title'])}",
         "draft: true  # 草稿，须人工审核后改为 false"]
    src = {k: meta[k] for k in ("document", "title", "issued", "issuer") if meta.get(k)}
    if src:
        L.append("source:")
        for k, v in src.items():
            L.append(f"  {k}: {_scalar(v) if k != 'issued' else json.dumps(v)}")
    if meta.get("year"):
        L += ["applies_to:", f"  year: {meta['year']}"]
    L.append("extends: " + _flow_list(list(EXTENDS)))
    L.append("rules:")
    category = None
    for r in rules:
        if r.category != category:
            category = r.category
            L.append(f"  # --- {category or '（未分组）'} " + "-" * max(3, 60 - len(category or "")))
        where = f"第{r.clause}项" if r.clause and r.clause.isdigit() else (r.clause or "原文")
        L += _wrap_comment(f"{where}：{r.sentence}")
        L.append(f"  - id: {r.id}")
        L.append(f"    kind: {r.kind}")
        L.append(f"    name: {_scalar(r.name)}")
        if r.description:
            L.append(f"    description: {_scalar(r.description)}")
        if r.aliases:
            L.append(f"    aliases: {_flow_list(r.aliases)}")
        if r.any_of:
            L.append(f"    any_of: {_flow_list(r.any_of)}")
        if r.all_of:
            L.append("    all_of: [" + ", ".join(_flow_list(g) for g in r.all_of) + "]")
        if r.exclude:
            L.append(f"    exclude: {_flow_list(r.exclude)}")
        if r.context:
            L.append(f"    context: {_flow_list(r.context)}")
        if r.units:
            L.append(f"    units: {_flow_list(r.units)}")
        if r.target is not None:
            L.append(f"    target: {_flow_map(r.target) if isinstance(r.target, dict) else _scalar(r.target)}")
        if r.clause:
            L.append(f"    clause: {json.dumps(r.clause, ensure_ascii=False)}")
        if r.informational:
            L.append("    informational: true")
        else:
            L.append(f"    weight: {r.weight:g}")
        if r.category:
            L.append(f"    category: {_scalar(r.category)}")
        for key in ("derive", "review_if"):
            d = getattr(r, key)
            if d:
                L.append(f"    {key}:")
                for k, v in d.items():
                    L.append(f"      {k}: {_flow_list(v) if isinstance(v, (list, tuple)) else _scalar(v)}")
        if r.zero_when:
            L.append(f"    zero_when: {_flow_list(r.zero_when)}")
        if r.advice:
            L.append(f"    advice: {_scalar(r.advice)}")
        if r.examples:
            L.append(f"    examples:  # {r.examples_note or '自动生成的例句，请换成报告中的真实说法'}")
            for ex in r.examples:
                L.append(f"      - {_flow_map(ex)}")
    return "\n".join(L) + "\n"


# --- entry point ---------------------------------------------------------------------------------

def default_pack_id(output: Optional[Path], meta: dict) -> str:
    if output is not None:
        parts = output.resolve().with_suffix("").parts
        if "rules" in parts:
            cand = "/".join(parts[len(parts) - parts[::-1].index("rules"):])
        else:
            cand = output.stem
        cand = cand.lower()
        if re.fullmatch(r"[a-z0-9][a-z0-9_./-]*", cand):
            return cand
    return f"draft-{meta['year']}" if meta.get("year") else "draft"


def draft_pack(doc: Document, output: Optional[Path] = None, pack_id: Optional[str] = None) -> DraftResult:
    """Draft a pack from a work plan. `output` decides the $schema path, the pack id and which packs are known."""
    meta = document_meta(doc)
    if pack_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_./-]*", pack_id):
        raise RulePackError(f"规则包标识“{pack_id}”格式不对", key="pack",
                            hint="只能用小写英文字母、数字和 - _ / .，如 qinghai/huzhu-2025")
    pack_id = pack_id or default_pack_id(output, meta)
    root = None
    if output is not None:
        root = next((p for p in output.resolve().parents if p.name == "rules"), None)
    known = known_rules(skip=output, extra_root=root)
    d = _Drafter(doc, known)
    text = doc.text
    blanked = _LEAD_UNITS.sub(lambda m: " " * len(m.group(0)), text)
    for block in plan_blocks(doc, meta["plan_start"]):
        seg = blanked[block.start:block.end]
        pos = 0
        for sm in list(_SENT.finditer(seg)) + [None]:
            end = sm.start() if sm else len(seg)
            sentence = seg[pos:end]
            s0 = block.start + pos
            pos = end + 1
            if not sentence.strip():
                continue
            # the item number is not part of the sentence
            lead = _ITEM.match(sentence) or _SUB.match(sentence)
            if lead:
                cut = lead.start(2)
                s0 += cut
                sentence = sentence[cut:]
            original = doc.original[s0:s0 + len(sentence)].strip()
            spans = d.numeric(block, s0, sentence, original)
            d.duties(block, s0, sentence, original, spans)
    d.rules.sort(key=lambda r: r.pos)
    if not any(r.kind in ("metric", "count") for r in d.rules):
        d.warnings.append("没有找到量化目标（如 不低于90%、至少2次）；请确认文件是工作要点或实施方案")
    by_id = {r.id: r for r in d.rules}
    for r in d.rules:
        if not r.examples:
            r.examples = _gen_examples(r, by_id, known)
    if output is not None:
        ref = os.path.relpath(SCHEMA_PATH, output.resolve().parent)
    else:
        ref = os.path.relpath(SCHEMA_PATH, Path.cwd())
    text_out = render_yaml(meta, d.rules, pack_id, Path(ref).as_posix())
    return DraftResult(text=text_out, rules=d.rules, warnings=d.warnings, meta=meta)
