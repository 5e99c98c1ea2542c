"""Duties of a plan sentence -> mention rules: duties the reviewed packs know, …目录/清单 向社会公开, named …制度,
聘请/配备 …, and 2024年底前 … (a deadline attaches to the duties of its sentence, or makes one).
"""
from __future__ import annotations

import re

from ...packs.loader import compile_alias
from .known import sentence_duties, terms
from .numeric import refer_to
from .phrases import SYSTEM_VERBS, clean_name, duty_object, gap_variant, in_title, object_before, strip_quotes
from .plan import Sentence
from .rules import WEIGHTS, Draft, DraftRule

_GENERIC = {"工作", "相关", "各项", "有关", "配套工作", "规章", "管理", "工作制度", "制度", "体制", "机制"}
_DEADLINE = re.compile(r"(\d{4}\s*年(?:\d{1,2}\s*月)?(?:底|末)?|年底)(?:前|之前)")


class _Taken:
    """Words already covered by a rule of this sentence: a second rule on them would be a duplicate."""

    def __init__(self):
        self.words: list[str] = []

    def add(self, *words: str) -> None:
        self.words += [w for w in words if w]

    def __call__(self, phrase: str) -> bool:
        return any(compile_alias(t).search(phrase) or (len(phrase) >= 4 and phrase in t) for t in self.words)


def _duty(d: Draft, s: Sentence, pos: int, name: str, any_of=None, all_of=None) -> DraftRule:
    r = DraftRule(id=d.new_id("duty", s.block.clause), kind="mention", name=name, clause=s.block.clause,
                  sentence=s.original, category=s.block.category, any_of=list(any_of or []),
                  all_of=[list(g) for g in all_of or []], weight=WEIGHTS["mention"], pos=pos)
    r.advice = f"写明{name}的落实情况。"
    return d.add(r)


def _known_duties(d: Draft, s: Sentence, taken: _Taken) -> list[DraftRule]:
    """Duties the catalog (a mention indicator: referred to) or a reviewed pack (copied) knows, read in the
    sentence as a report's sentence would be."""
    covered: list[DraftRule] = []
    for rule, span, said in sentence_duties(s.text, d.known):
        existing = d.get(rule.id)
        if existing is None and rule.id in d.ids:
            continue
        if existing is None:
            existing = DraftRule(id=rule.id, kind="mention", name=rule.name, clause=s.block.clause,
                                 sentence=s.original, category=s.block.category, weight=rule.weight, known=True,
                                 pos=s.start + span[0])
            if rule.id in d.known.catalog:
                refer_to(existing, rule, d.known)
            else:
                existing.any_of, existing.all_of = list(rule.any_of), [list(g) for g in rule.all_of]
                existing.exclude, existing.context = list(rule.exclude), list(rule.context)
                if rule.examples:
                    existing.examples = [dict(e) for e in rule.examples]
                    existing.examples_note = f"例句沿用规则包 {rule.pack}"
            existing.advice = f"写明{rule.name}的落实情况。"
            d.add(existing)
        covered.append(existing)
        taken.add(*terms(rule), *said)
    return covered


def _published_lists(d: Draft, s: Sentence, skip: list, taken: _Taken) -> list[DraftRule]:
    """…目录/清单/名录 (并向社会)公开/公布/公示."""
    made = []
    for m in re.finditer(r"(目录|清单|名录)(?=[^,;。]{0,25}?(公开|公布|公示))", s.text):
        obj = object_before(s.text, m.end())
        pub = re.search(r"(公开|公布|公示)", s.text[m.end():]).group(1)
        if len(obj) < 4 or taken(obj) or any(a <= m.start() < b for a, b in skip) or in_title(s.text, m.start()):
            continue
        terms_ = [obj] + ([g] if (g := gap_variant(obj)) else [])
        made.append(_duty(d, s, s.start + m.start(), f"{obj}向社会{pub}", all_of=[terms_, ["公开", "公布", "公示"]]))
        taken.add(obj)
    return made


def _systems(d: Draft, s: Sentence, taken: _Taken) -> list[DraftRule]:
    """A named system: 落实行政执法全过程记录制度, 第一议题制度, 行政执法“三项制度”."""
    made = []
    sentence = s.text
    for m in re.finditer(r"制度", sentence):
        nxt = sentence[m.end():m.end() + 1]
        if nxt and nxt not in ",;:。的”》和及与并":
            continue  # "制度完善、机制健全" describes, "工作制度、流程" lists: not a named system
        if in_title(sentence, m.start()):
            continue
        core = re.sub(r"(等|的)$", "", object_before(sentence, m.start(), verbs=SYSTEM_VERBS))
        if "“" in core and "”" not in core.split("“")[-1] and nxt == "”":
            names, name = [core.split("“")[-1] + "制度"], core + "制度”"
        else:
            names = [c for c in (strip_quotes(x) for x in core.split("、")) if len(c) >= 2]
            name = core + "制度"
        if not names or any(n in _GENERIC for n in names) or taken(core) or all(taken(n) for n in names):
            continue
        # 坚持培训制度: a bare activity of two characters (培训, 学法) is said of everything; its 制度 is the duty
        terms_ = [n + "制度" if len(n) <= 2 else n for n in names]
        if len(names) == 1 and (g := gap_variant(names[0])) and len(names[0]) > 8:
            terms_.append(g)
        made.append(_duty(d, s, s.start + m.start(), name, any_of=terms_))
        taken.add(*names)
    return made


def _appointments(d: Draft, s: Sentence, taken: _Taken) -> list[DraftRule]:
    """聘请/聘任/配备 …: 聘请法律顾问, 配备专职法制审核人员."""
    made = []
    for m in re.finditer(r"(聘请|聘任|配备)([^,;。、和及]{2,10})", s.text):
        obj = clean_name(m.group(2))
        if len(obj) < 2 or taken(obj) or in_title(s.text, m.start()):
            continue
        made.append(_duty(d, s, s.start + m.start(), m.group(1) + obj, any_of=[obj]))
        taken.add(obj)
    return made


def _deadlines(d: Draft, s: Sentence, rules: list[DraftRule], taken: _Taken) -> None:
    """2024年底前…: the deadline of the duties after it in the sentence, or a duty of its own."""
    for m in _DEADLINE.finditer(s.text):
        when = m.group(0)
        later = [r for r in rules if r.pos >= s.start + m.start()] or rules
        if later:
            for r in later:
                r.description = f"时限：{when}"
            continue
        rest = s.text[m.end():].lstrip(",: ")
        obj = duty_object(rest)
        if len(obj) < 2 or taken(obj):
            continue
        terms_ = [obj] + ([g] if (g := gap_variant(obj)) else [])
        what = re.split(r"[,;:]", rest)[0].strip() or obj
        _duty(d, s, s.start + m.start(), f"{when}{what}", any_of=terms_).description = f"时限：{when}"


def duties(d: Draft, s: Sentence, skip: list[tuple[int, int]]) -> None:
    """Draft a mention rule per duty of the sentence; `skip` are the spans its numeric targets took."""
    taken = _Taken()
    covered = _known_duties(d, s, taken)
    for r in d.rules:  # target rules from this sentence cover their own words
        if r.sentence == s.original and (r.kind in ("metric", "count") or r.goal is not None):
            entry = d.known.catalog.get(r.indicator) if r.indicator else None
            taken.add(*r.aliases, *r.any_of, *(terms(entry) if entry else ()))
        elif r.kind == "mention" and r.clause == s.block.clause and r.category == s.block.category:
            taken.add(*r.any_of)  # a scoring sheet's deduction cell repeats its item's duty (未建立…制度的扣1分)
    made = _published_lists(d, s, skip, taken)
    made += _systems(d, s, taken)
    made += _appointments(d, s, taken)
    _deadlines(d, s, covered + made, taken)
