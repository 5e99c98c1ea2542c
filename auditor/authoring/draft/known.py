"""Indicators and duties the reviewed packs already know: a drafted rule that matches one keeps its id, aliases and
matching details, so a new year's pack compares with last year's.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from ...errors import RulePackError
from ...fold import fold
from ...packs.loader import BUNDLED_RULES, Rule, compile_alias, read_pack


def known_rules(skip: Optional[Path] = None, extra_root: Optional[Path] = None) -> dict[str, Rule]:
    """Rules of every reviewed pack (bundled, and under the output's rules/ folder), by id."""
    files = sorted(BUNDLED_RULES.rglob("*.yaml"))
    if extra_root is not None and extra_root.resolve() != BUNDLED_RULES.resolve():
        files += sorted(extra_root.rglob("*.yaml"))
    files.sort(key=lambda f: (0 if f.parent.name == "national" else 1, str(f)))
    skipped = skip.resolve() if skip is not None else None
    out: dict[str, Rule] = {}
    for f in files:
        if f.resolve() == skipped:
            continue
        try:
            out.update(_reviewed_rules(f.resolve(), f.stat().st_mtime_ns))
        except OSError:
            continue
    return out


@lru_cache(maxsize=64)
def _reviewed_rules(path: Path, mtime: int) -> dict[str, Rule]:
    """The rules of one reviewed pack file (none for a draft or a broken file), read once while unchanged."""
    try:
        pack, rules, _ = read_pack(path)
    except (RulePackError, KeyError, TypeError):
        return {}
    return {} if pack.draft else {r.id: r for r in rules}


def terms(rule: Rule) -> list[str]:
    """The words a rule is recognised by."""
    if rule.kind == "mention":
        return [t for g in rule.all_of for t in g] + list(rule.any_of)
    return [rule.name] + list(rule.aliases)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    from .phrases import jieba

    return tuple(w for w in jieba().lcut(text) if w.strip())


def words_in_any_order(term: str, name: str) -> bool:
    """专题法治讲座 names 法治专题讲座: every word of the term in the name, and the same head word last."""
    if "*" in term or "…" in term:
        return False
    tw, nw = _words(term), _words(name)
    return len(tw) >= 2 and bool(nw) and tw[-1] == nw[-1] and set(tw) <= set(nw)


def _qualifier(rule: Rule) -> str:
    """政务服务事项网上可办率 -> 政务服务事项: the words of a rule's name before its shortest alias."""
    inside = [a for a in rule.aliases if "*" not in a and rule.name.endswith(a) and a != rule.name]
    return rule.name[:-len(min(inside, key=len))] if inside else ""


def qualifiers_conflict(rule: Rule, prefix: str) -> bool:
    """行政执法事项网上办理率 is not 政务服务事项网上可办率: the plan qualifies the indicator with another value of
    the same kind of word (事项, 人员, 案件 …) than the known rule does."""
    own = _qualifier(rule)
    if len(own) < 4 or len(prefix) < 4 or own[-2:] != prefix[-2:]:
        return False
    return own[-4:-2] != prefix[-4:-2]  # 政务服务事项 / 行政执法事项; 国家工作人员 / 行政执法人员


def match_known(name: str, kind: str, sentence: str, known: dict[str, Rule]) -> Optional[Rule]:
    """The known metric/count rule whose name or an alias is in the plan's name for an indicator (in its order,
    or its words in any order)."""
    name = fold(name)[0]
    best, best_score = None, 0
    for rule in known.values():
        if rule.kind != kind or rule.within:
            continue
        if any(compile_alias(ex).search(name) for ex in rule.exclude):
            continue
        if rule.context and not any(c in sentence for c in rule.context):
            continue
        for term in terms(rule):
            m = compile_alias(term).search(name)
            if m and qualifiers_conflict(rule, name[:m.start()]):
                continue
            if m:
                score = (m.end() - m.start()) + (100 if m.group(0) == name else 0)
                length = m.end() - m.start()
            elif words_in_any_order(term, name):
                score = length = len(term) - 1  # an exact match of the same length wins
            else:
                continue
            if length >= 3 and score > best_score:
                best, best_score = rule, score
    return best


def mention_matches(rule: Rule, sentence: str) -> Optional[tuple[int, int]]:
    """Span of the first term when a known mention rule fits a plan sentence (as extraction would)."""
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
