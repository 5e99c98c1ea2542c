"""Numeric targets of a plan sentence -> metric/count rules, named by the noun phrase around the target.

不低于90%, 低于30%, 年内至少举办2次以上, 每年发布1次××, 对××至少开展1次评查, 高于本地区同期××率.
"""
from __future__ import annotations

import re
from typing import Optional

from ...grammar.numerals import parse_number
from ...grammar.targets import TargetError, parse_target
from ...packs.loader import DEFAULT_COUNT_UNITS, Rule
from .known import match_known
from .phrases import TIME_WORDS, alias_variants, clean_name
from .plan import CLAUSE_END, Sentence
from .rules import WEIGHTS, Draft, DraftRule
from .samples import parsed_target

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
_OP_WORDS = {">=": ("不低于", "不少于", "不小于", "至少", "最少", "达到", "达", "实现", "保持在", "稳定在"),
             "<=": ("不高于", "不超过", "不多于", "不大于", "至多", "最多", "控制在"),
             ">": ("高于", "超过", "多于", "大于"), "<": ("低于", "少于", "小于")}


def _op_of(cmp: str, tail: str) -> str:
    for op, words in _OP_WORDS.items():
        if cmp in words:
            return op
    return "<=" if tail in ("以下", "及以下", "以内") else ">="


def _same_target(a, b) -> bool:
    pa = a if not isinstance(a, (str, dict, int, float)) else parsed_target(a)
    pb = b if not isinstance(b, (str, dict, int, float)) else parsed_target(
        b, "%" if isinstance(b, str) and "%" in b else "次")
    if pa is None or pb is None:
        return pa is None and pb is None and a is None and b is None
    return (pa.op, pa.value, pa.relative_to) == (pb.op, pb.value, pb.relative_to) and (
        pa.relative_to is not None or (pa.unit or "") == (pb.unit or ""))


def _clause_start(sentence: str, pos: int) -> int:
    return max((x.end() for x in CLAUSE_END.finditer(sentence, 0, pos)), default=0)


def fill_from_known(r: DraftRule, known: Optional[Rule], name: str) -> None:
    """Aliases and matching details from the known rule (or made from the name), and its examples if they fit."""
    if known is None:
        r.aliases = alias_variants(name)
        r.weight = WEIGHTS.get(r.kind, 2)
        return
    r.aliases = list(known.aliases) or alias_variants(name)
    r.exclude, r.context = list(known.exclude), list(known.context)
    if r.kind == "count" and not r.units and tuple(known.units) != tuple(DEFAULT_COUNT_UNITS):
        r.units = list(known.units)
    r.derive, r.review_if, r.zero_when = known.derive, known.review_if, list(known.zero_when)
    r.weight = known.weight if not known.informational else WEIGHTS.get(r.kind, 2)
    if _same_target(known.target, r.target) and known.examples:
        r.examples = [dict(e) for e in known.examples]
        r.examples_note = f"例句沿用规则包 {known.pack}"


def indicator_names(kind: str, before: str, after: str, sentence: str, cs: int) -> list[str]:
    """The indicator(s) a target belongs to: the phrase before it, or (每年发布1次××) the phrase after it."""
    after_name = clean_name(re.sub(r"^(的|地)", "", after))
    if kind == "count" and len(after_name) >= 2:
        if "对" in before and len(after_name) <= 4:
            obj = clean_name(TIME_WORDS.sub("", before.split("对")[-1]))
            return [obj + after_name] if obj else [after_name]
        return [after_name]
    name = clean_name(before)
    if not name:
        return [after_name] if len(after_name) >= 2 else []
    if kind == "metric":
        # a qualifier in the clause before: "经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%"
        prev_end = cs - 1
        if prev_end > 0:
            prev = sentence[_clause_start(sentence, prev_end):prev_end].strip()
            if prev.endswith("中") and len(prev) <= 30:
                name = clean_name(prev) + name
        parts = [p for p in name.split("、") if p]
        if len(parts) > 1 and all(re.search(r"(率|比例)$", p) for p in parts):
            return parts
    return [name]


def _numeric_rule(d: Draft, s: Sentence, pos: int, kind: str, name: str, raw: str, unit: str) -> None:
    target = raw
    try:
        t = parse_target(raw, default_unit="%" if kind == "metric" else "次")
    except TargetError:
        m = _NUM_TARGET.fullmatch(raw)
        op = _op_of(m.group("cmp") or "", m.group("tail") or "") if m else ">="
        value = parse_number(m.group("num")) if m else None
        target = {"op": op, "value": value, "unit": "%" if kind == "metric" else unit, "text": raw}
        t = parse_target(target)
    known = match_known(name, kind, s.text, d.known)
    if known is not None and known.id in d.ids:
        prev = d.get(known.id)
        if prev is not None and prev.target == target:
            return  # the same target stated twice
        known = None
    rid = known.id if known else d.new_id("indicator", s.block.clause)
    r = DraftRule(id=rid, kind=kind, name=name, clause=s.block.clause, sentence=s.original,
                  category=s.block.category, target=target, known=known is not None, pos=pos)
    if kind == "count" and unit not in DEFAULT_COUNT_UNITS:
        r.units = [unit]
    fill_from_known(r, known, name)
    r.advice = (f"写明本年度{name}的情况和数值（目标：{t.text}）。" if kind == "metric"
                else f"写明本年度{name}的次数和具体情况（目标：{t.text}）。")
    d.add(r)


def _relative_rule(d: Draft, s: Sentence, pos: int, name: str, cmp: str, ref_name: str, text: str) -> None:
    ref_known = match_known(ref_name, "metric", ref_name, d.known)
    if ref_known is not None and (ref_known.id in d.ids or ref_known.pack.startswith("national/")):
        ref_id = ref_known.id  # drafted already, or defined by a pack the draft extends
    else:
        ref_id = ref_known.id if ref_known else d.new_id("indicator", s.block.clause)
        rr = DraftRule(id=ref_id, kind="metric", name=ref_name, clause=s.block.clause, sentence=s.original,
                       category=s.block.category, informational=True, known=ref_known is not None, pos=pos + 1)
        fill_from_known(rr, ref_known, ref_name)
        rr.weight = 0
        rr.advice = f"写明{ref_name}，作为“{name}”的比较基准。"
        d.add(rr)
    known = match_known(name, "metric", s.text, d.known)
    if known is not None and known.id in d.ids:
        known = None
    rid = known.id if known else d.new_id("indicator", s.block.clause)
    r = DraftRule(id=rid, kind="metric", name=name, clause=s.block.clause, sentence=s.original,
                  category=s.block.category, target={"op": _op_of(cmp, ""), "relative_to": ref_id, "text": text},
                  known=known is not None, pos=pos)
    fill_from_known(r, known, name)
    r.advice = f"同时写明{name}和{ref_name}，以便比较（目标：{text}）。"
    d.add(r)


def numeric_targets(d: Draft, s: Sentence) -> list[tuple[int, int]]:
    """Draft a rule per numeric target of the sentence; the spans of the targets used."""
    sentence = s.text
    spans = []
    for m in _NUM_TARGET.finditer(sentence):
        if not (m.group("freq") or m.group("cmp")):
            continue
        if m.start("num") > 0 and sentence[m.start("num") - 1] in "第0123456789.":
            continue
        unit = m.group("unit")
        cs = _clause_start(sentence, m.start())
        ce_m = CLAUSE_END.search(sentence, m.end())
        after = sentence[m.end():ce_m.start() if ce_m else len(sentence)]
        kind = "metric" if unit in ("%", "‰") else "count"
        names = indicator_names(kind, sentence[cs:m.start()], after, sentence, cs)
        if not names:
            d.warnings.append(f"第{s.block.clause}项：找到目标“{m.group(0)}”，但没有找到指标名称，未起草规则")
            continue
        spans.append((m.start(), m.end()))
        for name in names:
            _numeric_rule(d, s, s.start + m.start(), kind, name, m.group(0), unit)
    for m in _REL_TARGET.finditer(sentence):
        if any(a <= m.start() < b for a, b in spans):
            continue
        cs = _clause_start(sentence, m.start())
        names = indicator_names("metric", sentence[cs:m.start()], "", sentence, cs)
        if not names:
            continue
        spans.append((m.start(), m.end()))
        _relative_rule(d, s, s.start + m.start(), names[0], m.group("cmp"), m.group("ref").strip(), m.group(0))
    return spans
