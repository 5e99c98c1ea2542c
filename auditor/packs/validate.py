"""The one validator of rule files, used by loading (`auditor check --rules`) and by `auditor rules check`.

A file is checked on its own here (schema, ids, targets, phrases, examples, each kind's own checks) and across its
`extends` in loader.assemble (references, cycles, tailoring, relative targets). Every problem is collected, each
naming file, line and field; a field the schema already refused is not checked again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from .. import kinds
from . import catalog
from .cache import note_file
from ..errors import RulePackError
from ..grammar.aliases import alias_problem
from ..grammar.targets import TargetError, parse_target
from .model import AppliesTo, Pack, Rule
from .schema import schema_errors
from .source import Source, excerpt, read_source

PART_VALUES = ("present", "partial", "absent")
PHRASE_FIELDS = ("aliases", "exclude", "context", "partial_aliases", "any_of", "zero_when", "full_when", "rate_with")
TARGET_HINT = "可写作 不低于90%、低于30%、至少2次、达到90%以上、每年发布1次"


@dataclass
class Checked:
    """One rule file checked on its own."""

    path: str  # as shown in messages
    source: Optional[Source]
    problems: list[RulePackError] = field(default_factory=list)
    pack: Optional[Pack] = None
    rules: list[Rule] = field(default_factory=list)  # every rule whose own spec is sound
    waivers: bool = False  # a waiver file, not a pack
    bad: list = field(default_factory=list)  # JSON paths the schema refused: not checked again

    def sound(self, path: tuple) -> bool:
        """Did the schema accept the value at path (and everything inside it)?"""
        return _clean(self.bad, path)

    @property
    def clean(self) -> bool:
        return not self.problems


def checked_file(path: Path, shown: Optional[str] = None) -> Checked:
    """check_file with the bundled schema, remembered while the file is unchanged (batch and tests load the same
    packs many times). The result is shared: callers never change it."""
    try:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size, shown)
    except OSError:
        return check_file(path, shown)
    checked = _checked(key, path)
    if checked.source is not None:
        note_file(path, checked.source.digest)
    return checked


@lru_cache(maxsize=64)
def _checked(key: tuple, path: Path) -> Checked:
    return check_file(path, key[3])


def check_file(path: Path, shown: Optional[str] = None, schema: Optional[dict] = None) -> Checked:
    shown = shown or str(path)
    try:
        src = read_source(path, shown)
    except RulePackError as exc:
        return Checked(shown, None, [exc])
    note_file(path, src.digest)
    out = Checked(shown, src, list(src.problems))
    data = src.data
    if data is None:
        out.problems.append(RulePackError("规则文件是空的", shown))
        return out
    if not isinstance(data, dict):
        out.problems.append(RulePackError("规则文件的顶层应为键值映射（pack、title、rules …）", shown, line=1))
        return out
    if "waivers" in data and "pack" not in data:
        out.waivers = True
        return out
    errors = schema_errors(src, schema)
    out.problems += [e for _, e in errors]
    bad = [p for p, _ in errors]
    out.bad = bad
    if isinstance(data.get("pack"), str) and isinstance(data.get("title"), str):
        out.pack = _pack(src)
    seen: dict[str, int] = {}
    found: Optional[dict] = None
    for i, spec in enumerate(_list(data.get("rules"))):
        if isinstance(spec, dict) and isinstance(spec.get("indicator"), str) and _clean(bad, ("rules", i, "indicator")):
            if found is None:
                found, why = catalog.entries(path)
                found = found if found is not None else {}
                if why:
                    out.problems.append(RulePackError(why, shown, line=src.line(["rules", i, "indicator"]),
                                                      key="indicator"))
            if spec["indicator"] not in found:
                if found:
                    out.problems.append(RulePackError(
                        f"指标目录中没有指标“{spec['indicator']}”", shown, line=src.line(["rules", i, "indicator"]),
                        key="indicator", hint=_did_you_mean(spec["indicator"], found)))
                continue
            spec = catalog.effective(spec, found)
            out.problems += _field_problems(src, i, spec, data["rules"][i], schema)
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str) or not _clean(bad, ("rules", i, "id")):
            continue
        rid = spec["id"]
        if rid in seen:
            out.problems.append(RulePackError(f"规则 id“{rid}”重复（第 {seen[rid]} 行已定义）", shown,
                                              line=src.line(["rules", i, "id"]), key="id",
                                              hint="每条规则的 id 在同一个规则包内必须唯一"))
            continue
        seen[rid] = src.line(["rules", i]) or 0
        if not _clean(bad, ("rules", i), exact=True) or spec.get("kind") not in kinds.KINDS:
            continue
        problems = rule_problems(src, i, spec, bad)
        out.problems += problems
        if not problems and out.pack is not None and _clean(bad, ("rules", i)):
            out.rules.append(build_rule(spec, out.pack, src, i))
    return out


def _did_you_mean(name: str, known) -> Optional[str]:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"是否想写“{close[0]}”？" if close else None


def _field_problems(src: Source, i: int, spec: dict, raw: dict, schema: Optional[dict]) -> list[RulePackError]:
    """A pack's own fields on an indicator rule must suit the indicator's kind (a mention takes no target)."""
    from .schema import load_schema

    allowed = catalog.kind_fields(schema or load_schema(), spec.get("kind"))
    if allowed is None:
        return []
    return [RulePackError(f"规则“{spec.get('id')}”：{spec.get('kind')} 规则不使用字段“{k}”，写了也不会生效", src.path,
                          line=src.line(["rules", i, k]), key=k) for k in raw if k not in allowed]


def _clean(bad: list[tuple], path: tuple, exact: bool = False) -> bool:
    """No schema error at path or inside it (exact: only at path itself or above it)."""
    n = len(path)
    for p in bad:
        if p[:n] == path and (not exact or len(p) == n):
            return False
        if len(p) < n and path[:len(p)] == p:
            return False
    return True


def _list(x: Any) -> list:
    return x if isinstance(x, list) else []


def _dict(x: Any) -> dict:
    return x if isinstance(x, dict) else {}


def _text(x: Any) -> str:
    return x if isinstance(x, str) else ""


def rule_source(pack: Pack) -> str:
    """The document a rule comes from, as a gap's 依据 names it: the pack's 文号 or source title, else the pack's own
    title (a draft from a plan without a 文号), never the clause alone."""
    return pack.source or (f"《{pack.title}》" if pack.title else "")


def _pack(src: Source) -> Pack:
    """The pack's own data; read defensively, since a file with schema errors still names its pack for messages."""
    data = src.data
    source, applies = _dict(data.get("source")), _dict(data.get("applies_to"))
    year = applies.get("year")
    return Pack(id=data["pack"], title=data["title"], path=src.path, data=data,
                extends=tuple(r for r in _list(data.get("extends")) if isinstance(r, str)),
                source=_text(source.get("document")) or _text(source.get("title")),
                issued=_text(source.get("issued")) or None, draft=data.get("draft") is True,
                applies_to=AppliesTo(year=year if isinstance(year, int) and not isinstance(year, bool) else None,
                                     levels=tuple(x for x in _list(applies.get("levels")) if isinstance(x, str)),
                                     jurisdictions=tuple(x for x in _list(applies.get("jurisdictions"))
                                                         if isinstance(x, str))))


def rule_problems(src: Source, i: int, spec: dict, bad: list[tuple]) -> list[RulePackError]:
    """What the schema cannot say about one rule: its target, its phrases, its examples, its kind's own checks."""
    kind = kinds.get(spec["kind"])
    out: list[RulePackError] = []
    where = f"规则“{spec['id']}”："

    def problem(path: tuple, message: str, key: str, hint: Optional[str] = None) -> None:
        out.append(RulePackError(where + message, src.path, line=src.line(["rules", i, *path]), key=key, hint=hint))

    target = None
    if "target" in spec and _clean(bad, ("rules", i, "target")):
        try:
            target = parse_target(spec["target"], default_unit=spec.get("unit") or kind.DEFAULT_UNIT)
        except TargetError as exc:
            problem(("target",), str(exc), "target", TARGET_HINT)
    for sp in kind.validate(spec, target):
        if _clean(bad, ("rules", i, *sp.field)):
            problem(sp.field, sp.message, str(sp.field[-1]), sp.hint)
    for path, phrase in _phrases(spec):
        why = alias_problem(phrase) if isinstance(phrase, str) else None
        if why and _clean(bad, ("rules", i, path[0])):
            problem(path, f"说法“{excerpt(phrase)}”：{why}", path[0])
    for j, ex in enumerate(_list(spec.get("examples"))):
        if isinstance(ex, dict) and _clean(bad, ("rules", i, "examples", j)):
            for message, key in _example_problems(ex, kind):
                problem(("examples", j, key) if key != "match" else ("examples", j), message, key)
    return out


def _phrases(spec: dict):
    """(path inside the rule, phrase) of every phrase a rule matches with."""
    for key in PHRASE_FIELDS:
        for j, p in enumerate(_list(spec.get(key))):
            yield (key, j), (p.get("phrase") if isinstance(p, dict) else p)
    for j, group in enumerate(_list(spec.get("terms"))):
        for p in _list(group):
            yield ("terms", j), p
    for key in ("doubtful", "audiences"):
        for sub in ("any_of", "not_with", "about"):
            for j, p in enumerate(_list(_dict(spec.get(key)).get(sub))):
                yield (key, sub, j), p
    for j, group in enumerate(_list(spec.get("all_of"))):
        for p in ([group] if isinstance(group, str) else _list(group)):
            yield ("all_of", j), p
    derive = _dict(spec.get("derive"))
    for key in ("numerator", "denominator", "complement"):
        for j, p in enumerate(_list(derive.get(key))):
            yield ("derive", key, j), p
    for j, p in enumerate(_list(_dict(spec.get("review_if")).get("any_of"))):
        yield ("review_if", "any_of", j), p


def _example_problems(ex: dict, kind) -> list[tuple[str, str]]:
    out = []
    v = ex.get("value")
    if isinstance(v, str) and v not in ("mentioned",) + PART_VALUES:
        try:
            float(v)
        except ValueError:
            out.append((f"例句的 value“{excerpt(v)}”应为数字或 mentioned", "value"))
    if ex.get("match") is False and ("value" in ex or "status" in ex):
        out.append(("例句写了 match: false（不应识别），就不能再要求 value 或 status", "match"))
    numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
    if numeric and isinstance(kind.VALUES, tuple):
        out.append((f"{kind.KIND} 规则不产生数值，例句的 value 应省略或写 " + " 或 ".join(kind.VALUES), "value"))
    return out


def build_rule(spec: dict, pack: Pack, src: Source, index: int) -> Rule:
    """A Rule from a sound spec: the kind's defaults filled in, the target parsed."""
    kind = kinds.get(spec["kind"])
    spec = {**kind.DEFAULTS, **spec}
    unit = spec.get("unit") or kind.DEFAULT_UNIT
    target = parse_target(spec["target"], default_unit=unit) if "target" in spec else None
    all_of = tuple((t,) if isinstance(t, str) else tuple(t) for t in spec.get("all_of", ()))
    doubtful, audiences = spec.get("doubtful") or {}, spec.get("audiences") or {}
    return Rule(
        id=spec["id"], kind=spec["kind"], name=spec["name"], pack=pack.id, path=pack.path,
        line=src.line(["rules", index]) or 0, source=rule_source(pack), aliases=tuple(spec.get("aliases", ())),
        exclude=tuple(e["phrase"] if isinstance(e, dict) else e for e in spec.get("exclude", ())), context=tuple(spec.get("context", ())), target=target, unit=unit,
        units=tuple(spec.get("units", ())),
        clause=str(spec["clause"]) if spec.get("clause") is not None else None,
        weight=float(spec.get("weight", 1)), informational=bool(spec.get("informational", False)),
        advice=spec.get("advice", ""), category=spec.get("category", ""), description=spec.get("description", ""),
        part=spec.get("part"), partial_aliases=tuple(spec.get("partial_aliases", ())), all_of=all_of,
        any_of=tuple(spec.get("any_of", ())), within=tuple(spec.get("within", ())), derive=spec.get("derive"),
        review_if=spec.get("review_if"), zero_when=tuple(spec.get("zero_when", ())), check=spec.get("check"),
        deadline=spec.get("deadline"), examples=tuple(spec.get("examples", ())),
        original_target=target.text if target else None, indicator=spec.get("indicator"),
        terms=tuple(tuple(g) for g in spec.get("terms", ())),
        doubtful=tuple(doubtful.get("any_of", ())), doubtful_note=doubtful.get("note", ""),
        doubtful_not_with=tuple(doubtful.get("not_with", ())), doubtful_about=tuple(doubtful.get("about", ())),
        audiences=tuple(audiences.get("any_of", ())), audience_note=audiences.get("note", ""),
        full_when=tuple(spec.get("full_when", ())), rate_with=tuple(spec.get("rate_with", ())),
        exclude_reasons={e["phrase"]: e["reason"] for e in spec.get("exclude", ()) if isinstance(e, dict)},
    )


def target_problem(raw: Any, base: Rule) -> Optional[tuple[str, Optional[str]]]:
    """Why a tailored target cannot replace the target of `base`, or None."""
    kind = kinds.get(base.kind)
    if not kind.TARGETS:
        return f"规则“{base.id}”是 {base.kind} 规则，没有目标可裁剪", None
    try:
        t = parse_target(raw, default_unit=base.unit)
    except TargetError as exc:
        return f"规则“{base.id}”：{exc}", TARGET_HINT
    for sp in kind.validate({}, t):
        return f"规则“{base.id}”：{sp.message}", sp.hint
    return None
