"""Targets of a plan sentence -> rules. Rates become metric rules, counts (and at-least amounts such as 40学时)
count rules, 不发生… a count rule with target 0; durations (15日内), lead times (前5日), cycles (每隔2年一次) and
changes (增加10%以上) become mention rules whose target is written in `description` (an annual report states
that a duty was done in time, rarely the days it took). Every rule keeps the target as read (`goal`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ...grammar.plan_targets import NUMBER, Clauses, PlanTarget, find_targets
from ...grammar.targets import TargetError, parse_target
from ...packs.loader import DEFAULT_COUNT_UNITS, Rule
from .known import Known, Link, link_name
from .names import object_after, object_before, target_names, zero_object
from .phrases import alias_variants, gap_variant
from .plan import Sentence
from .rules import WEIGHTS, Draft, DraftRule
from .samples import parsed_target
from .scoring import points

_REL_TARGET = re.compile(r"(?P<cmp>不低于|不高于|不超过|高于|低于|超过)(?P<ref>[^,;:。\d%]{2,30}?(?:率|比例))(?=$|[,;:。])")
_REL_OPS = {"不低于": ">=", "高于": ">", "超过": ">", "不高于": "<=", "不超过": "<=", "低于": "<"}
RULE_KINDS = {"rate": "metric", "count": "count", "amount": "count", "zero": "count"}
GOAL_WORDS = {"duration": "时限", "lead": "提前量", "cycle": "周期", "change": "变化目标", "date": "时限", "session": "时长"}


def _same_target(a, b) -> bool:
    pa = a if not isinstance(a, (str, dict, int, float)) else parsed_target(a)
    pb = b if not isinstance(b, (str, dict, int, float)) else parsed_target(
        b, "%" if isinstance(b, str) and "%" in b else "次")
    if pa is None or pb is None:
        return pa is None and pb is None and a is None and b is None
    return (pa.op, pa.value, pa.relative_to) == (pb.op, pb.value, pb.relative_to) and (
        pa.relative_to is not None or (pa.unit or "") == (pb.unit or ""))


def fill_from_known(r: DraftRule, known: Optional[Rule], name: str) -> None:
    """Aliases and matching details from a reviewed rule of its own (or made from the name), and its examples if
    they fit."""
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
    _reviewed_examples(r, [known])


def refer_to(r: DraftRule, entry: Rule, known: Known) -> None:
    """The rule refers to a catalog indicator: its name, phrases and examples are the catalog's; the weight and
    examples of a reviewed pack that set the same target are kept."""
    r.indicator, r.known, r.units = entry.id, True, []
    r.weight = known.weight(entry.id, WEIGHTS.get(r.kind, 2))
    _reviewed_examples(r, known.reviewed.get(entry.id, []))


def _reviewed_examples(r: DraftRule, reviewed: list[Rule]) -> None:
    for rule in reviewed:
        if rule.examples and (r.kind == "mention" or _same_target(rule.target, r.target)):
            r.examples = [dict(e) for e in rule.examples]
            r.examples_note = f"例句沿用规则包 {rule.pack}"
            return


def _near_note(link: Link) -> str:
    if link.near is None:
        return ""
    return f"与目录指标“{link.near.name}”（{link.near.id}）相近，但{link.why}，未引用该指标"


def yaml_target(t: PlanTarget, kind: str):
    """The target as the plan writes it when the loader reads it the same way, else spelled out."""
    unit = "%" if kind == "metric" else "次"
    try:
        p = parse_target(t.text, default_unit=unit)
        if (p.op, p.value, p.unit) == (t.op, t.value, t.unit) and p.relative_to is None:
            return t.text
    except TargetError:
        pass
    return {"op": t.op, "value": t.value, "unit": t.unit, "text": t.text}


def goal_text(t: PlanTarget) -> str:
    """The target as a reader says it: 不少于3次 with its period -> 每年不少于3次; 原则上每月至少安排1次 as written."""
    if t.per and not re.search(r"每|年内|全年|半年|年度内", t.text):
        return f"每{t.per}{t.text}"
    return t.text


def _linked(d: Draft, name: str, kind: str, s: Sentence, target, goal: PlanTarget, clause: str):
    """The link of a target's name, "same" when the plan states the same target for it twice; a rule already
    drafted with another target leaves the link to the catalog only (the rule gets an id of its own)."""
    link = link_name(name, kind, s.text, d.known, goal, clause)
    rule = link.rule
    if rule is not None and rule.id in d.ids:
        prev = d.get(rule.id)
        if prev is not None and prev.target == target:
            return "same"
        return Link(rule) if rule.id in d.known.catalog else Link()
    return link


def _rule(d: Draft, s: Sentence, t: PlanTarget, name: str, clause: str = "") -> Optional[DraftRule]:
    kind = RULE_KINDS[t.kind]
    target = yaml_target(t, kind)
    link = _linked(d, name, kind, s, target, t, clause)
    if link == "same":
        return None  # the same target stated twice
    known = link.rule
    rid = known.id if known is not None and known.id not in d.ids else d.new_id("indicator", s.block.clause)
    r = DraftRule(id=rid, kind=kind, name=name, clause=s.block.clause, sentence=s.original, category=s.block.category,
                  target=target, known=known is not None, pos=s.start + t.start, goal=t)
    if kind == "count" and t.unit not in DEFAULT_COUNT_UNITS:
        r.units = ["件", "起"] if t.kind == "zero" else [t.unit]
    _fill(r, known, name, d)
    shown = known.name if r.indicator and r.id == r.indicator else name  # 法制讲座 -> 法治专题讲座, as the catalog says
    what = "情况和数值" if kind == "metric" else "次数和具体情况" if t.unit in DEFAULT_COUNT_UNITS else "数量和具体情况"
    r.advice = f"写明本年度{shown}的{what}（目标：{goal_text(t)}）。"
    if t.kind == "zero":
        r.advice = f"写明本年度是否发生{shown}（目标：{t.text}{shown}）。"
        r.note = "报告写“未发生”时本规则为未报告，请人工核实"
    r.note = "；".join(x for x in (r.note, t.review, _near_note(link)) if x)
    return d.add(r)


def _goal_duty(d: Draft, s: Sentence, t: PlanTarget, obj: str,
               like: Optional[DraftRule] = None) -> Optional[DraftRule]:
    """A duration, lead time, cycle, change or length of each occasion: a mention rule on what is to be done, its
    target described; `like` is the rule of the thing it is set for, whose phrases it shares."""
    if len(obj) < 2:
        d.warnings.append(f"第{s.block.clause}项：找到“{t.text}”，但没有找到对应的事项，未起草规则")
        return None
    word = GOAL_WORDS[t.kind]
    name = obj if t.kind == "change" else f"{obj}（{word}：{goal_text(t) if t.kind == 'session' else t.text}）"
    link = link_name(obj, "mention", s.text, d.known)
    entry = link.rule if link.rule is not None and link.rule.id in d.known.catalog else None
    entry = entry if entry is not None and entry.id not in d.ids else None
    terms = [] if entry else [a for a in alias_variants(obj)[:2]] + ([g] if (g := gap_variant(obj)) else [])
    if like is not None and like.aliases and not entry:
        terms = list(like.aliases[:3])
    r = DraftRule(id=entry.id if entry else d.new_id("duty", s.block.clause), kind="mention", name=name,
                  clause=s.block.clause, sentence=s.original, category=s.block.category,
                  any_of=list(dict.fromkeys(terms)), weight=WEIGHTS["mention"], pos=s.start + t.start, goal=t,
                  description=f"{word}：{goal_text(t)}")
    if entry is not None:  # 每隔两年进行一次规范性文件清理: the catalog's duty, its cycle described
        refer_to(r, entry, d.known)
    r.advice = f"写明{obj}的落实情况（{word}：{goal_text(t)}）。"
    r.note = "；".join(x for x in (t.review, "年度报告很少写出天数、时长或周期，本规则只检查是否提及" if t.kind != "change" else
                                  "报告中的增减幅度不会被识别为比率，本规则只检查是否提及") if x)
    return d.add(r)


def _continuation(prev: Optional[tuple[PlanTarget, list[str]]], t: PlanTarget) -> list[str]:
    """第二年不低于96%: no name of its own, the indicator of the target before it."""
    if prev and (t.year or t.year_index) and prev[0].unit == t.unit:
        return prev[1]
    return []


# Before a target in a clause that names nothing of its own: a connective, a period, at most a verb (每次学习不少于30分钟)
_BARE_CLAUSE = re.compile(r"[ \t]*(?:并|还|且|同时|其中)?[ \t]*(?:原则上)?[ \t]*(?:每次|每期)?[\u4e00-\u9fff]{0,2}[ \t]*$")


def _follow_on(prev: Optional[tuple[PlanTarget, list[str]]], t: PlanTarget, text: str, cs: int,
               ce: int) -> tuple[list[str], Optional[PlanTarget]]:
    """会前学法每月不少于2次,每年不少于24次,每次不少于20分钟: a clause that is nothing but a target sets it for the
    thing the target before it names; a length of time per occasion is that thing's 每次时长."""
    if not prev or not _BARE_CLAUSE.fullmatch(text[cs:t.start]) or text[t.end:ce].strip(" \t。"):
        return [], None
    names = prev[1]
    note = f"本分句未写事项名称，沿用前文“{'、'.join(prev[1])}”，请核对"
    return names, replace(t, review="；".join(x for x in (t.review, note) if x))


def _year_of(t: PlanTarget) -> Optional[tuple[str, int]]:
    if t.year:
        return ("year", t.year)
    if t.year_index:
        return ("index", t.year_index)
    return None


def _per_year(d: Draft, s: Sentence, t: PlanTarget, names: list[str], made: dict) -> bool:
    """A later year's target for an indicator already drafted from this sentence: kept on that rule."""
    key = _year_of(t)
    if key is None:
        return False
    done = [made[n] for n in names if n in made]
    if not done:
        return False
    for r in done:
        r.years[key] = yaml_target(t, r.kind)
        r.year_goals[key] = t
    return True


def numeric_targets(d: Draft, s: Sentence) -> list[tuple[int, int]]:
    """Draft a rule per target of the sentence; the spans of the targets used."""
    clauses = Clauses(s.text)
    targets = [t for t in find_targets(s.text) if t.kind != "date"]
    spans, made, new = [], {}, []
    prev: Optional[tuple[PlanTarget, list[str]]] = None
    for t in targets:
        cs, ce = clauses.at(t.start)
        if t.kind in GOAL_WORDS:
            like = None
            if t.kind == "change":
                obj = (target_names(t, s.text, cs, ce, lambda p: clauses.at(p)[0]) or [""])[0]
            elif t.kind == "session" and (follow := _follow_on(prev, t, s.text, cs, ce))[1]:
                obj, t, like = prev[1][0], follow[1], made.get(prev[1][0])  # 每次不少于30分钟: of the thing before
            else:
                obj = object_before(t, s.text, cs) if t.kind == "session" else (
                    object_after(t, s.text, ce) or object_before(t, s.text, cs))
            r = _goal_duty(d, s, t, obj, like)
            spans.append((t.start, t.end))
            new += [r] if r else []
            continue
        names = ([zero_object(s.text, t.end, ce)] if t.kind == "zero" else
                 target_names(t, s.text, cs, ce, lambda p: clauses.at(p)[0])) or _continuation(prev, t)
        if t.kind in ("count", "amount") and (not names or len(names) == 1 and len(names[0]) <= 2):
            follow, followed = _follow_on(prev, t, s.text, cs, ce)
            names, t = (follow, followed) if followed else (names, t)
        if not names or not all(names):
            d.warnings.append(f"第{s.block.clause}项：找到目标“{t.text}”，但没有找到指标名称，未起草规则")
            continue
        spans.append((t.start, t.end))
        if _per_year(d, s, t, names, made):
            prev = (t, names)
            continue
        values = [t.value] + list(t.values)
        if t.years:  # 2024年、2025年分别达到95%、98%: one indicator, a value for each year
            _yearly(d, s, t, names, values, made, new)
            prev = (t, names)
            continue
        for i, name in enumerate(names):
            ti = t
            if t.values and len(values) == len(names):  # 分别达到90%、100%: the i-th value for the i-th name
                ti = replace(t, value=values[i], values=(), text=_one_value(t.text, values[i]))
            r = _rule(d, s, ti, name, s.text[cs:ce])
            if r is not None:
                r.year_goals = {_year_of(t): t} if _year_of(t) else {}
                made[name] = r
                new.append(r)
        prev = (t, names)
    points(s.text, targets, new)
    spans += _relative_targets(d, s, spans, clauses)
    return spans


def _one_value(text: str, value: float) -> str:
    """分别达到90%、95% -> 达到95% for the second of them."""
    return NUMBER.sub(f"{value:g}", re.sub(r"^分别", "", text), count=1)


def _yearly(d: Draft, s: Sentence, t: PlanTarget, names: list[str], values: list, made: dict, new: list) -> None:
    goals = [replace(t, value=v, year=y, values=(), years=(), text=_one_value(t.text, v)) for y, v in zip(t.years, values)]
    for name in names:
        r = _rule(d, s, goals[0], name)
        if r is None:
            continue
        r.year_goals = {("year", g.year): g for g in goals}
        r.years = {("year", g.year): yaml_target(g, r.kind) for g in goals[1:]}
        made[name] = r
        new.append(r)


def _relative_targets(d: Draft, s: Sentence, spans: list, clauses: Clauses) -> list[tuple[int, int]]:
    """高于本地区同期行政诉讼一审纠错率: a target set by another indicator."""
    out = []
    for m in _REL_TARGET.finditer(s.text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        cs, ce = clauses.at(m.start())
        t = PlanTarget(m.start(), m.end(), _REL_OPS[m.group("cmp")], None, "%", "rate", m.group(0))
        names = target_names(t, s.text, cs, ce, lambda p: clauses.at(p)[0])
        if names:
            out.append((m.start(), m.end()))
            _relative_rule(d, s, s.start + m.start(), names[0], m.group("cmp"), m.group("ref").strip(), m.group(0))
    return out


def _fill(r: DraftRule, known: Optional[Rule], name: str, d: Draft) -> None:
    if known is not None and known.id in d.known.catalog:
        refer_to(r, known, d.known)
    else:
        fill_from_known(r, known, name)


def _relative_rule(d: Draft, s: Sentence, pos: int, name: str, cmp: str, ref_name: str, text: str) -> None:
    ref_known = link_name(ref_name, "metric", ref_name, d.known).rule
    if ref_known is not None and (ref_known.id in d.ids or ref_known.id in d.known.extended):
        ref_id = ref_known.id  # drafted already, or defined by a pack the draft extends
    else:
        ref_id = ref_known.id if ref_known else d.new_id("indicator", s.block.clause)
        rr = DraftRule(id=ref_id, kind="metric", name=ref_name, clause=s.block.clause, sentence=s.original,
                       category=s.block.category, informational=True, known=ref_known is not None, pos=pos + 1)
        _fill(rr, ref_known, ref_name, d)
        rr.weight = 0
        rr.advice = f"写明{ref_name}，作为“{name}”的比较基准。"
        d.add(rr)
    known = link_name(name, "metric", s.text, d.known).rule
    if known is not None and known.id in d.ids:
        known = None
    rid = known.id if known else d.new_id("indicator", s.block.clause)
    r = DraftRule(id=rid, kind="metric", name=name, clause=s.block.clause, sentence=s.original,
                  category=s.block.category, target={"op": _REL_OPS[cmp], "relative_to": ref_id, "text": text},
                  known=known is not None, pos=pos)
    _fill(r, known, name, d)
    r.advice = f"同时写明{name}和{ref_name}，以便比较（目标：{text}）。"
    d.add(r)
