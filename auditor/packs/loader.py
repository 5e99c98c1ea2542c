"""Loading rule packs: files checked by the one validator (validate.py), merged along `extends`.

Merge order: the profile pack, then each pack's ancestors (depth first), then the pack itself. A rule id
defined again by a later pack replaces the earlier rule (a child pack may redefine a rule); `targets` and
`disable` in a pack tailor the rules it inherits. `assemble` collects every problem of every file involved;
`load_rules` raises them, `auditor rules check` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from ..errors import RulePackError
from ..grammar.targets import parse_target
from ..resources import bundled_rules_dir
from . import cache
from .model import Pack, Rule, RuleSet
from .refs import home_of, resolve_ref, resolve_top

if TYPE_CHECKING:
    from .validate import Checked

# Names other packages import from here (authoring, batch), from their home modules when first asked for: a rule
# set remembered by cache.py is used without loading the validator, the schema or the YAML reader.
_ELSEWHERE = {"compile_alias": ("..grammar.aliases", "compile_alias"),
              "DEFAULT_COUNT_UNITS": ("..grammar.units", "EVENT_UNITS"),
              "SCHEMA_PATH": (".schema", "SCHEMA_PATH"), "WAIVER_SCHEMA_PATH": (".schema", "WAIVER_SCHEMA_PATH"),
              "line_of": (".source", "line_of"), "load_waivers": (".waivers", "load_waivers"),
              "Checked": (".validate", "Checked"), "check_file": (".validate", "check_file"),
              "checked_file": (".validate", "checked_file"), "target_problem": (".validate", "target_problem")}


def __getattr__(name: str):
    if name in _ELSEWHERE:
        import importlib

        module, attr = _ELSEWHERE[name]
        return getattr(importlib.import_module(module, __package__), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


BUNDLED_RULES = bundled_rules_dir()
PROFILE_PACK = "national/profile"
DEFAULT_PACKS = ("national/annual-report",)
MAX_EXTENDS_DEPTH = 16
MAX_PACKS = 64


class RulePackErrors(RulePackError):
    """Several problems; str() lists them all."""

    def __init__(self, errors: list[RulePackError]):
        super().__init__(errors[0].message, errors[0].path, errors[0].line, errors[0].key, errors[0].hint)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(problems: list[RulePackError]) -> None:
    if problems:
        raise problems[0] if len(problems) == 1 else RulePackErrors(problems)


@dataclass
class Assembly:
    """What loading a set of packs found: the rule set (None when any file has a problem), every problem, and
    each file as checked (by resolved path)."""

    ruleset: Optional[RuleSet]
    problems: list[RulePackError]
    files: dict = field(default_factory=dict)


def assemble(refs: Iterable[str], with_profile: bool = True, show: Callable[[Path], str] = str,
             schema: Optional[dict] = None) -> Assembly:
    from .validate import Checked, check_file, checked_file

    files: dict[Path, Checked] = {}
    problems: list[RulePackError] = []
    order: list[Checked] = []
    stack: list[Path] = []
    broken: set[Path] = set()  # packs whose own extends went wrong

    def visit(path: Path, home: Path, shown: str) -> Checked:
        if path in files:
            return files[path]
        checked = check_file(path, shown, schema) if schema is not None else checked_file(path, shown)
        files[path] = checked
        problems.extend(checked.problems)
        if checked.waivers:
            problems.append(RulePackError("这是豁免文件，不是规则包", shown, line=1, hint="豁免文件请用 --waivers 指定"))
        stack.append(path)
        pack = checked.pack
        for i, ref in enumerate(pack.extends if pack is not None else ()):
            _visit_parent(checked, i, ref, home)
        stack.pop()
        order.append(checked)
        return checked

    def _visit_parent(child: Checked, i: int, ref: str, home: Path) -> None:
        src = child.source
        line = src.line(["extends", i])

        def problem(message: str, hint: Optional[str] = None) -> None:
            problems.append(RulePackError(message, child.path, line=line, key="extends", hint=hint))
            broken.add(stack[-1])

        try:
            parent = resolve_ref(ref, Path(stack[-1]), home, shown=child.path)
        except RulePackError as exc:
            problem(exc.message, exc.hint)
            return
        if parent == stack[-1]:
            problem("规则包不能继承自己")
        elif parent in stack:
            problem("规则包之间存在循环继承（extends）", "A 继承 B 时，B 不能再（直接或间接）继承 A")
        elif len(stack) >= MAX_EXTENDS_DEPTH:
            problem(f"继承层级过深（超过 {MAX_EXTENDS_DEPTH} 层）")
        elif parent not in files and len(files) >= MAX_PACKS:
            problem(f"继承的规则包过多（超过 {MAX_PACKS} 个）")
        else:
            got = visit(parent, home, show(parent))
            if not got.clean or parent in broken:
                problem(f"继承（extends）的规则包“{ref[:60]}”本身有错误", f"请先运行 auditor rules check {got.path}")

    if with_profile:
        prof = resolve_ref(PROFILE_PACK)
        visit(prof, home_of(prof), show(prof))
    for ref in refs:
        try:
            path, home = resolve_top(ref)
        except RulePackError as exc:
            problems.append(exc)
            continue
        typed = Path(ref)
        typed_file = typed.is_file()
        cache.note("is_file", (ref,), typed_file)
        visit(path, home, show(typed) if typed_file else show(path))
    merged, disabled = _merge(order, problems)
    if problems:
        return Assembly(None, _unique(problems), files)
    packs = tuple(c.pack for c in order)
    return Assembly(RuleSet(packs=packs, rules=tuple(merged.values()), disabled=tuple(disabled)), [], files)


def _merge(order: list[Checked], problems: list[RulePackError]) -> tuple[dict[str, Rule], list[str]]:
    """Apply each pack in order: its rules, its tailored targets, its disabled rules; then check relative targets."""
    from .validate import target_problem

    merged: dict[str, Rule] = {}
    disabled: list[str] = []
    tailored_at: dict[str, tuple[str, Optional[int]]] = {}
    for c in order:
        if c.pack is None:
            continue
        for rule in c.rules:
            merged[rule.id] = rule
        src, data = c.source, c.pack.data
        targets = data.get("targets") if isinstance(data.get("targets"), dict) else {}
        for rule_id, raw in targets.items():
            if not c.sound(("targets", rule_id)):
                continue
            line = src.line(["targets", rule_id])
            if rule_id not in merged:
                problems.append(RulePackError(f"裁剪（targets）指向的规则“{rule_id}”不存在", c.path, line=line,
                                              key="targets", hint=did_you_mean(rule_id, merged)
                                              or "请用 auditor rules list 查看可用的规则 id"))
                continue
            base = merged[rule_id]
            why = target_problem(raw, base)
            if why:
                problems.append(RulePackError(f"裁剪{why[0]}", c.path, line=line, key="targets", hint=why[1]))
                continue
            merged[rule_id] = replace(base, target=parse_target(raw, default_unit=base.unit), tailored=True)
            tailored_at[rule_id] = (c.path, line)
        for i, rule_id in enumerate(data.get("disable") if isinstance(data.get("disable"), list) else ()):
            if not isinstance(rule_id, str) or not c.sound(("disable", i)):
                continue
            if rule_id not in merged:
                problems.append(RulePackError(f"停用（disable）的规则“{rule_id}”不存在", c.path,
                                              line=src.line(["disable", i]), key="disable",
                                              hint=did_you_mean(rule_id, merged)
                                              or "请用 auditor rules list 查看可用的规则 id"))
                continue
            merged.pop(rule_id)
            disabled.append(rule_id)
    for rule in merged.values():
        rel = rule.target.relative_to if rule.target else None
        if rel and rel not in merged:
            path, line = tailored_at.get(rule.id) or (rule.path, _target_line(order, rule))
            what, key = ("裁剪规则", "targets") if rule.id in tailored_at else ("规则", "target")
            problems.append(RulePackError(f"{what}“{rule.id}”的目标比较对象“{rel}”不存在", path, line=line, key=key,
                                          hint=did_you_mean(rel, merged) or "比较对象须是本规则包或所继承规则包中的规则 id"))
    return merged, disabled


def _target_line(order: list[Checked], rule: Rule) -> Optional[int]:
    for c in order:
        if c.path == rule.path and c.source is not None:
            for i, spec in enumerate(c.source.data.get("rules") or ()):
                if isinstance(spec, dict) and spec.get("id") == rule.id:
                    return c.source.line(["rules", i, "target"])
    return rule.line


def _unique(problems: list[RulePackError]) -> list[RulePackError]:
    seen, out = set(), []
    for p in problems:
        k = (p.path, p.line, p.message, p.key)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def load_rules(refs: Optional[Iterable[str]] = None, with_profile: bool = True) -> RuleSet:
    """Load packs (paths or names under rules/) with their ancestors; profile pack first. Raises every problem.

    A rule set an earlier run loaded from the same, unchanged files is taken from the cache (cache.py)."""
    refs = list(refs or DEFAULT_PACKS)
    remembered = cache.remembered(refs, with_profile)
    if remembered is not None:
        return remembered
    from .schema import SCHEMA_PATH

    with cache.recording() as checks:
        cache.note_file(SCHEMA_PATH, cache.file_digest(SCHEMA_PATH))
        got = assemble(refs, with_profile)
    raise_all(got.problems)
    cache.remember(refs, with_profile, got.ruleset, checks)
    return got.ruleset


def read_pack(path: Path) -> tuple[Pack, list[Rule], object]:
    """One pack file on its own (not its ancestors): (pack, rules, YAML node). Raises its problems."""
    from .validate import check_file

    checked = check_file(Path(path))
    raise_all(checked.problems)
    if checked.pack is None:
        raise RulePackError("这是豁免文件，不是规则包", str(path))
    return checked.pack, checked.rules, checked.source.node


def did_you_mean(name: str, known: Iterable[str]) -> Optional[str]:
    import difflib

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f"是否想写“{close[0]}”？" if close else None


_did_you_mean = did_you_mean  # authoring's name for it
