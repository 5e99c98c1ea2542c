"""extract: Document + Outline + rules -> Facts.

Figures are found by a grammar of how reports write them (95.61%, 百分之九十, 三次, 120余次, 1万余份, 近百场),
then attributed to an indicator by the rules' names and aliases, within the clause. Implied rates
(排查纠纷544件,化解527件) and complements (胜诉率100% -> 败诉率0%) are derived and marked so.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Optional

from .models import MENTIONED, Document, Evidence, Fact, Facts, Outline, Quantity
from .grammar.numerals import CN_NUM_CHARS, parse_number
from .packs.loader import Rule, compile_alias

_CN = CN_NUM_CHARS
_COUNT_UNITS = ("场次", "期次", "人次", "万元", "亿元", "学时", "课时", "小时", "元", "次", "场", "期", "轮", "批", "届", "件", "卷", "人",
                "名", "个", "家", "份", "条", "项", "所", "户", "篇", "部", "起", "类", "堂", "课", "天", "日", "宗", "卷次")
_QUANTITY = re.compile(
    rf"(?P<pre>近|约|超过|逾|共计|共|计|累计)?"
    rf"(?:百分之(?P<cnpct>[{_CN}点]+)"
    rf"|(?<![\d.])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN}]+)\s*(?P<post>余|多|来)?(?P<mult>[万亿](?!元))?(?P<post2>余|多)?\s*"
    rf"(?P<unit>%|‰|个百分点|{'|'.join(sorted(set(_COUNT_UNITS), key=len, reverse=True))}))"
)
_TARGET_BEFORE = re.compile(r"(要求|目标|不低于|不少于|不高于|不超过|力争|确保|争取|计划|预计|任务|标准)")
_TARGET_AFTER = re.compile(r"^(以上|及以上|以内|以下)?的?(目标|要求|标准|任务)")
_CHANGE = re.compile(r"(提高|提升|增长|上升|下降|降低|增加|减少|增幅|降幅|同比|环比|较上年|比上年)")
_CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d)|[;:。!?\n]")
_SHARE = re.compile(r"\s*[,，]?\s*(?:占|占比|比例为|比率为)[^,;。]{0,14}?\d+(?:\.\d+)?%")
_NEXT_LEVEL = re.compile(r"\s*(?:达到|达|为|至|到|是)\s*\d+(?:\.\d+)?\s*%")
_MOVED_TO = re.compile(r"[^,;。]{0,10}?(?:提升|提高|上升|增长|增加|下降|降低|减少)(?:至|到)")
_SENT_SEP = re.compile(r"[。!?\n]")
_LIST_SEP = re.compile(r"[、和及与]")
_NEGATION = re.compile(r"(未|没有|尚未|缺乏|无)$")
_PLAN_WORDS = re.compile(r"(下一步|下步|明年|来年|今后一个时期|力争)")
_SKIP_KINDS_FOR_DONE = ("shortcomings",)


@dataclass
class _Ctx:
    doc: Document
    outline: Outline

    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def clause_bounds(self) -> list[int]:
        return [m.start() for m in _CLAUSE_SEP.finditer(self.text)]

    @cached_property
    def sentence_bounds(self) -> list[int]:
        return [m.start() for m in _SENT_SEP.finditer(self.text)]

    @cached_property
    def quantities(self) -> list[Quantity]:
        return list(find_quantities(self.text, self))

    @cached_property
    def quantity_starts(self) -> list[int]:
        return [q.start for q in self.quantities]

    @cached_property
    def _section_index(self) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.kind) for s in self.outline.sections]

    def _span(self, bounds: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos - 1)
        start = bounds[i - 1] + 1 if i > 0 else 0
        end = bounds[i] if i < len(bounds) else len(self.text)
        return start, end

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(self.clause_bounds, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._span(self.sentence_bounds, pos)

    def kind_at(self, pos: int) -> str:
        return self.outline.kind_at(pos)

    def planned(self, pos: int) -> bool:
        """In the next-year part, or a sentence that states an intention (下一步…, 力争…, 2025年将…)."""
        if self.kind_at(pos) == "next_year":
            return True
        ss, se = self.sentence(pos)
        s = self.text[ss:se]
        if _PLAN_WORDS.search(s):
            return True
        year = self.doc.year
        return bool(year and re.search(rf"{year + 1}\s*年", s) and "将" in s)

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        i = bisect.bisect_left(self.quantity_starts, start)
        out = []
        while i < len(self.quantities) and self.quantities[i].start < end:
            out.append(self.quantities[i])
            i += 1
        return out

    def hits(self, aliases: Iterable[str], exclude: Iterable[str] = ()) -> list[tuple[int, int]]:
        """Non-overlapping alias matches (longest first), minus those inside an exclude phrase."""
        text = self.text
        found: list[tuple[int, int]] = []
        for alias in sorted(set(aliases), key=len, reverse=True):
            plain = "*" not in alias and "…" not in alias
            if plain and alias not in text:
                continue
            for m in compile_alias(alias).finditer(text):
                found.append((m.start(), m.end()))
        bad = []
        for ex in exclude:
            if ex in text or "*" in ex or "…" in ex:
                bad += [(m.start(), m.end()) for m in compile_alias(ex).finditer(text)]
        found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if out and s < out[-1][1]:
                continue
            if any(bs < e and s < be for bs, be in bad):
                continue
            out.append((s, e))
        return out

    def evidence(self, start: int, end: int, mark: Optional[tuple[int, int]] = None) -> Evidence:
        """The sentence around [start, end), trimmed to a readable window, quoted in original characters."""
        ss, se = self.sentence(start)
        while ss < se and self.text[ss] in " \t,;:、":
            ss += 1
        if se - ss > 160:
            cs, ce = self.clause(start)
            ss = max(ss, min(cs, start) - 60)
            se = min(se, max(ce, end) + 60)
            cs2 = self.text.rfind(",", ss, min(cs, start))
            ss = cs2 + 1 if cs2 > ss else ss
        if se < len(self.text) and self.text[se] == "。":
            se += 1
        section = self.outline.part_at(start)
        hl = mark or (start, end)
        return Evidence(
            quote=self.doc.quote(ss, se), start=ss, end=se,
            part=(f"{section.marker}{section.heading}" if section and section.level > 0 else None),
            part_kind=self.kind_at(start), page=self.doc.page_of(start),
            highlight=(max(0, hl[0] - ss), max(0, min(se, hl[1]) - ss)),
        )


def find_quantities(text: str, ctx: Optional[_Ctx] = None) -> Iterable[Quantity]:
    for m in _QUANTITY.finditer(text):
        unit = m.group("unit")
        if m.group("cnpct") is not None:
            value = parse_number(m.group("cnpct").replace("点", "点"))
            unit = "%"
        else:
            num = m.group("num").replace(",", "")
            if m.start("num") > 0 and text[m.start("num") - 1] == "第":
                continue  # ordinal: 第三次会议
            if not num[0].isdigit() and (num in ("万", "亿", "千") or num[-1] in "万亿" and unit in ("元",)):
                continue
            value = parse_number(num)
            if value is None:
                continue
            mult = m.group("mult")
            if mult:
                value *= 10_000 if mult == "万" else 100_000_000
            if unit in ("万元", "亿元"):
                value *= 10_000 if unit == "万元" else 100_000_000
                unit = "元"
            if unit == "‰":
                value, unit = value / 10, "%"
        if value is None:
            continue
        unit = {"场次": "场", "期次": "期", "卷次": "卷"}.get(unit, unit)
        approx = bool(m.group("pre") in ("近", "约", "超过", "逾") or m.group("post") or m.group("post2"))
        start = m.start("cnpct") - 3 if m.group("cnpct") is not None else m.start("num")
        target = False
        if ctx is not None:
            cs, _ = ctx.clause(start)
            before = text[cs:start]
            after = text[m.end(): m.end() + 8]
            target = bool(_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(after))
        yield Quantity(value=float(value), unit=unit, start=start, end=m.end(), approx=approx, target=target)


# --- attribution -------------------------------------------------------------------------------

def _rate_after(ctx: _Ctx, hs: int, he: int) -> tuple[Optional[Quantity], str]:
    """The percentage an alias at [hs, he) states, within its clause; ('', reason) when none."""
    text = ctx.text
    cs, ce = ctx.clause(hs)
    cands = [q for q in ctx.quantities_in(he, ce) if q.unit == "%"]
    if not cands:
        # "出庭应诉率同比上升5个百分点，达到98%": the level follows the change, in the next clause
        if _CHANGE.search(text[he:ce]) and ce < len(text) and text[ce] in ",;":
            nxt = _NEXT_LEVEL.match(text, ce + 1)
            if nxt:
                q = next((q for q in ctx.quantities_in(nxt.start(), nxt.end() + 1) if q.unit == "%"), None)
                if q is not None and not q.target:
                    return q, ""
        return None, "change" if _CHANGE.search(text[he:ce]) else ""
    between = text[he:cands[0].start]
    if "分别" in between:
        at = text.index("分别", he)
        items = [m.start() for m in _LIST_SEP.finditer(text, cs, at)]
        idx = bisect.bisect_right(items, hs)
        after = [q for q in cands if q.start > at]
        return (after[idx], "") if idx < len(after) else (None, "")
    q = next((c for c in cands if not c.target), None)
    if q is None:
        return None, ""
    between = text[he:q.start]
    if len(between) > 25:
        return None, ""
    if _CHANGE.search(between) and not re.search(r"(至|到)\s*$", between):
        return None, "change"
    # "从2022年的85%提升至97%": the level is where it went, not where it came from
    moved = _MOVED_TO.match(text, q.end, ce)
    if moved:
        later = next((c for c in cands if c.start >= moved.end() - 1 and c.start > q.start), None)
        if later is not None:
            return later, ""
    if "率" in between or "比例" in between:
        # another rate noun in between: fine only as a list sharing one value ("出庭应诉率、胜诉率均为100%")
        if not _LIST_SEP.search(between.split("率")[0] + "率"):
            return None, ""
    return q, ""


def _labelled_count(ctx: _Ctx, hs: int, he: int, units: tuple[str, ...]) -> Optional[Quantity]:
    """A count written right after a label: "化解527件", "复议后提起诉讼的6件"."""
    _, ce = ctx.clause(hs)
    for q in ctx.quantities_in(he, ce):
        between = ctx.text[he:q.start]
        if len(between) <= 8 and not re.search(r"[\d%]", between) and q.unit in units:
            return q
        break
    return None


def metric_facts(rule: Rule, ctx: _Ctx) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.text

    def context_ok(pos: int) -> bool:
        if not rule.context:
            return True
        ss, se = ctx.sentence(pos)
        return any(c in text[ss:se] for c in rule.context)

    def review_note(pos: int) -> Optional[str]:
        if not rule.review_if:
            return None
        ss, se = ctx.sentence(pos)
        if any(w in text[ss:se] for w in rule.review_if["any_of"]):
            return rule.review_if.get("note") or "该数值可能只针对部分情形，请人工核实"
        return None

    for hs, he in ctx.hits(rule.aliases, rule.exclude):
        if not context_ok(hs) or not _within(rule, ctx.kind_at(hs)):
            continue
        planned = ctx.planned(hs)
        q, why = _rate_after(ctx, hs, he)
        if q is not None:
            facts.append(Fact(rule.id, q.value, "%", ctx.evidence(hs, q.end, (q.start, q.end)), planned=planned,
                              review=review_note(hs), approx=q.approx))
        else:
            facts.append(Fact(rule.id, MENTIONED, None, ctx.evidence(hs, he), planned=planned,
                              review="报告提到了该指标的变化，但没有给出本年度数值" if why == "change" else None))
    derive = rule.derive or {}
    for hs, he in ctx.hits(derive.get("complement", ()), rule.exclude):
        if not context_ok(hs):
            continue
        q, _ = _rate_after(ctx, hs, he)
        if q is not None:
            facts.append(Fact(rule.id, round(100.0 - q.value, 2), "%", ctx.evidence(hs, q.end, (q.start, q.end)),
                              derived=True, planned=ctx.planned(hs), review=review_note(hs)))
    for hs, he in ctx.hits(rule.zero_when):  # "行政机关无败诉案件": a rate of zero, said in words
        if context_ok(hs) and _within(rule, ctx.kind_at(hs)):
            facts.append(Fact(rule.id, 0.0, "%", ctx.evidence(hs, he), derived=True, planned=ctx.planned(hs)))
    if derive.get("numerator") and derive.get("denominator"):
        facts += _ratio_facts(rule, ctx, context_ok)
    return facts


def _ratio_facts(rule: Rule, ctx: _Ctx, context_ok) -> list[Fact]:
    derive = rule.derive
    units = tuple(derive.get("units", ("件", "起", "个", "人", "项", "次", "宗", "人次")))
    out = []
    labelled = [(h, _labelled_count(ctx, h[0], h[1], units)) for h in ctx.hits(derive["numerator"])]
    numerators = {q.start for _, q in labelled if q is not None}  # a count a numerator labels is never a base
    for (hs, he), nq in labelled:
        if nq is None or not context_ok(hs):
            continue
        ss, se = ctx.sentence(hs)
        share = _SHARE.match(ctx.text, nq.end, se)
        if share:  # "复议后起诉的11件，占审结案件的22.4%": the report states the rate itself
            q = next((q for q in ctx.quantities_in(share.start(), share.end() + 1) if q.unit == "%"), None)
            if q is not None:
                out.append(Fact(rule.id, q.value, "%", ctx.evidence(hs, q.end, (q.start, q.end)),
                                planned=ctx.planned(hs)))
                continue
        dens: list[Quantity] = []
        for ds, de in ctx.hits(derive["denominator"]):
            if not (ss <= ds < se):
                continue
            dq = _labelled_count(ctx, ds, de, (nq.unit,))
            if dq is None or dq.start in numerators or dq.value < nq.value or dq.value == 0:
                continue
            if all(d.start != dq.start for d in dens):
                dens.append(dq)
        if not dens:
            continue
        dens.sort(key=lambda d: d.start)
        values = [round(nq.value / d.value * 100, 2) for d in dens]
        ev = ctx.evidence(min(dens[0].start, nq.start), max(dens[0].end, nq.end), (nq.start, nq.end))
        review = None
        if len(values) > 1:
            review = ("比率的分母有多种可能（" + "、".join(f"{d.value:g}{d.unit}" for d in dens) +
                      "），推算值分别为 " + "、".join(f"{v:g}%" for v in values))
        out.append(Fact(rule.id, values[0], "%", ev, derived=True, alternatives=tuple(values[1:]),
                        planned=ctx.planned(hs), review=review))
    return out


def count_facts(rule: Rule, ctx: _Ctx) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.text
    for hs, he in ctx.hits(rule.aliases, rule.exclude):
        kind = ctx.kind_at(hs)
        if kind in _SKIP_KINDS_FOR_DONE or not _within(rule, kind):
            continue
        if rule.context:
            ss, se = ctx.sentence(hs)
            if not any(c in text[ss:se] for c in rule.context):
                continue
        cs, ce = ctx.clause(hs)
        if _NEGATION.search(text[max(cs, hs - 3):hs]):
            continue
        planned = ctx.planned(hs)
        chosen, group = None, False
        after = [q for q in ctx.quantities_in(he, ce) if not q.target]
        if after and after[0].unit in rule.units:
            between = text[he:after[0].start]
            if len(between) <= 12 and not re.search(r"\d", between):
                chosen = after[0]
                group = bool(re.search(r"[、等]", between))
        if chosen is None:
            before = [q for q in ctx.quantities_in(cs, hs) if not q.target]
            if before and before[-1].unit in rule.units:
                between = text[before[-1].end:hs]
                if len(between) <= 10 and not re.search(r"[\d、,]", between):
                    chosen = before[-1]
                    tail = text[he:ce]
                    group = bool(re.match(r"^[^,;。]{0,6}?[、等]", tail))
        if chosen is not None and not group:
            facts.append(Fact(rule.id, chosen.value, chosen.unit, ctx.evidence(hs, he, (min(hs, chosen.start), max(he, chosen.end))),
                              planned=planned, approx=chosen.approx))
        else:
            note = "报告中的数字是多项活动的合计，无法单独计数" if group else None
            facts.append(Fact(rule.id, MENTIONED, None, ctx.evidence(hs, he), planned=planned, review=note))
    return facts


def _within(rule: Rule, kind: str) -> bool:
    return not rule.within or kind in rule.within


def mention_facts(rule: Rule, ctx: _Ctx) -> list[Fact]:
    groups = list(rule.all_of) or [tuple(rule.any_of)]
    if rule.all_of and rule.any_of:
        groups.append(tuple(rule.any_of))
    text = ctx.text
    facts: list[Fact] = []
    seen_sentences = set()
    first = groups[0]
    for hs, he in ctx.hits(first, rule.exclude):
        kind = ctx.kind_at(hs)
        if not _within(rule, kind) or (not rule.within and kind in _SKIP_KINDS_FOR_DONE):
            continue
        ss, se = ctx.sentence(hs)
        if ss in seen_sentences:
            continue
        sentence = text[ss:se]
        if any(ex in sentence for ex in rule.exclude):
            continue
        if rule.context and not any(c in sentence for c in rule.context):
            continue
        if _NEGATION.search(text[max(ss, hs - 3):hs]):
            continue
        ok = True
        for group in groups[1:]:
            if not any(compile_alias(t).search(sentence) for t in group):
                ok = False
                break
        if not ok:
            continue
        seen_sentences.add(ss)
        facts.append(Fact(rule.id, MENTIONED, None, ctx.evidence(hs, he), planned=ctx.planned(hs)))
    return facts


EXTRACTORS = {"metric": metric_facts, "count": count_facts, "mention": mention_facts}


def make_context(doc: Document, outline: Outline) -> _Ctx:
    return _Ctx(doc, outline)


def extract(doc: Document, outline: Outline, rules: Iterable[Rule], ctx: Optional[_Ctx] = None) -> Facts:
    ctx = ctx or _Ctx(doc, outline)
    by: dict[str, tuple[Fact, ...]] = {}
    for rule in rules:
        fn = EXTRACTORS.get(rule.kind)
        if fn is not None:
            by[rule.id] = tuple(fn(rule, ctx))
    return Facts(by_indicator=by, quantities=tuple(ctx.quantities))
