"""`auditor rules check`: validate every pack (and waiver) file and report ALL problems, each naming file, line
and field. (To be replaced by the one validator in auditor/packs/.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

import yaml

from ..errors import RulePackError
from ..packs.loader import (BUNDLED_RULES, PROFILE_PACK, WAIVER_SCHEMA_PATH, _did_you_mean, _read_yaml, line_of,
                            load_rules, resolve_pack_ref, schema_errors)
from ..grammar.targets import TargetError, parse_target
from .files import collect_files, display_path
from .files import problem as _problem

NUMERIC_KINDS = ("metric", "count")
PART_VALUES = ("present", "partial", "absent")


# --- check -------------------------------------------------------------------------------------

@dataclass
class PackFile:
    path: Path
    data: dict
    node: Any
    pack_id: Optional[str]
    rules: list = field(default_factory=list)  # (index, spec) of well-formed rule specs
    parents: list = field(default_factory=list)  # resolved parent paths (None when unresolved)
    has_problems: bool = False


@dataclass
class CheckResult:
    problems: list[RulePackError]
    packs: int = 0
    rules: int = 0
    waiver_files: int = 0
    notes: list[str] = field(default_factory=list)  # reminders that are not problems

    @property
    def ok(self) -> bool:
        return not self.problems


def _duplicate_keys(node: Any, path: Path, problems: list[RulePackError]) -> None:
    """PyYAML keeps the last of two equal keys silently; people mean one of them."""
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for k, v in node.value:
            key = getattr(k, "value", None)
            if isinstance(key, str):
                if key in seen:
                    problems.append(_problem(f"字段“{key}”重复出现（第 {seen[key]} 行已写过），后一个会覆盖前一个",
                                             path, line=k.start_mark.line + 1, key=key, hint="请删除其中一个"))
                else:
                    seen[key] = k.start_mark.line + 1
            _duplicate_keys(v, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _duplicate_keys(v, path, problems)


def _default_unit(spec: dict) -> Optional[str]:
    return spec.get("unit") or ("%" if spec.get("kind") == "metric" else "次" if spec.get("kind") == "count" else None)


def _target_problem(raw: Any, kind: Optional[str], unit: Optional[str]) -> Optional[str]:
    """Why a target cannot be used for a rule of this kind, or None."""
    try:
        t = parse_target(raw, default_unit=unit)
    except TargetError as exc:
        return str(exc)
    except (KeyError, TypeError, ValueError):
        return f"无法解析目标“{raw}”"
    if t.relative_to:
        return None
    if kind == "metric" and t.unit not in (None, "%"):
        return f"比率（metric）规则的目标应为百分比，而不是“{t.text}”"
    if kind == "count" and t.unit == "%":
        return f"次数（count）规则的目标应为次数，而不是“{t.text}”（比率请用 kind: metric）"
    return None


def _relative_to(raw: Any) -> Optional[str]:
    return raw.get("relative_to") if isinstance(raw, dict) else None


def _check_rule(pf: PackFile, i: int, spec: dict, problems: list[RulePackError]) -> None:
    node, path = pf.node, pf.path
    rid, kind = spec.get("id"), spec.get("kind")
    where = f"规则“{rid}”："
    if "target" in spec and kind in NUMERIC_KINDS:
        why = _target_problem(spec["target"], kind, _default_unit(spec))
        if why:
            problems.append(_problem(where + why, path, line_of(node, ["rules", i, "target"]), "target",
                                     hint="可写作 不低于90%、低于30%、至少2次、达到90%以上、每年发布1次"))
    elif "target" in spec and kind in ("part", "mention", "metadata"):
        problems.append(_problem(where + f"{kind} 规则不使用目标（target），写了也不会生效", path,
                                 line_of(node, ["rules", i, "target"]), "target",
                                 hint="有数值目标的请用 kind: metric（比率）或 kind: count（次数）"))
    for key in ("aliases", "exclude", "context", "partial_aliases", "any_of"):
        for j, alias in enumerate(spec.get(key) or ()):
            if isinstance(alias, str) and not re.sub(r"[*….\s]", "", alias):
                problems.append(_problem(where + f"说法“{alias}”只有间隔符号，会匹配任何文字", path,
                                         line_of(node, ["rules", i, key, j]), key))
    for j, ex in enumerate(spec.get("examples") or ()):
        if not isinstance(ex, dict):
            continue
        v = ex.get("value")
        if isinstance(v, str) and v not in ("mentioned",) + PART_VALUES:
            try:
                float(v)
            except ValueError:
                problems.append(_problem(where + f"例句的 value“{v}”应为数字或 mentioned", path,
                                         line_of(node, ["rules", i, "examples", j, "value"]), "value"))
        if ex.get("match") is False and ("value" in ex or "status" in ex):
            problems.append(_problem(where + "例句写了 match: false（不应识别），就不能再要求 value 或 status", path,
                                     line_of(node, ["rules", i, "examples", j]), "match"))
        if isinstance(v, (int, float)) and not isinstance(v, bool) and kind in ("part", "mention"):
            problems.append(_problem(where + f"{kind} 规则不产生数值，例句的 value 应省略或写 mentioned", path,
                                     line_of(node, ["rules", i, "examples", j, "value"]), "value"))


class _StrDateLoader(yaml.SafeLoader):
    """Dates stay text, so one impossible date (2025-13-40) does not hide the file's other problems."""


_StrDateLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _read(path: Path, problems: list[RulePackError]) -> Optional[tuple[Any, Any, Optional[RulePackError]]]:
    """(data, node, date problem) of a YAML file; None when it cannot be read at all (problem recorded)."""
    try:
        data, node = _read_yaml(path)
        return data, node, None
    except RulePackError as exc:
        if not exc.message.startswith("日期"):
            problems.append(_problem(exc.message, path, exc.line, exc.key, exc.hint))
            return None
        text = path.read_text(encoding="utf-8")
        return (yaml.load(text, Loader=_StrDateLoader), yaml.compose(text, Loader=yaml.SafeLoader),
                _problem(exc.message, path, exc.line, exc.key, exc.hint))


def _read_pack_file(path: Path, problems: list[RulePackError]) -> Optional[PackFile | tuple]:
    """Parse one file; returns a PackFile, ('waivers', data, node) or None (unreadable)."""
    got = _read(path, problems)
    if got is None:
        return None
    data, node, date_problem = got
    if date_problem is not None and not (isinstance(data, dict) and "waivers" in data and "pack" not in data):
        problems.append(date_problem)  # waiver files report dates themselves
    if data is None:
        problems.append(_problem("规则文件是空的", path))
        return None
    if not isinstance(data, dict):
        problems.append(_problem("规则文件的顶层应为键值映射（pack、title、rules …）", path, line=1))
        return None
    if "waivers" in data and "pack" not in data:
        return ("waivers", data, node)
    _duplicate_keys(node, path, problems)
    for e in schema_errors(data, node, str(path)):
        problems.append(_problem(e.message, path, e.line, e.key, e.hint))
    pack_id = data.get("pack") if isinstance(data.get("pack"), str) else None
    pf = PackFile(path=path, data=data, node=node, pack_id=pack_id)
    rules = data.get("rules") if isinstance(data.get("rules"), list) else []
    seen: dict[str, int] = {}
    for i, spec in enumerate(rules):
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            continue
        rid = spec["id"]
        if rid in seen:
            problems.append(_problem(f"规则 id“{rid}”重复（第 {seen[rid]} 行已定义）", path,
                                     line_of(node, ["rules", i, "id"]), "id", hint="每条规则的 id 在同一个规则包内必须唯一"))
            continue
        seen[rid] = line_of(node, ["rules", i]) or 0
        pf.rules.append((i, spec))
        _check_rule(pf, i, spec, problems)
    if data.get("draft") is True:
        problems.append(_problem("这是草稿规则包（draft: true），尚未经人工审核", path, line_of(node, ["draft"]), "draft",
                                 hint="逐条核对名称、说法、目标和条款号后，把 draft 改为 false"))
    return pf


def _pack_for(path: Path, cache: dict, checked: set) -> Optional[PackFile]:
    """A pack file outside the checked set (a parent, a bundled pack), read once, its problems kept quiet."""
    key = path.resolve()
    if key not in cache:
        sink: list[RulePackError] = []
        got = _read_pack_file(path, sink)
        pf = got if isinstance(got, PackFile) else None
        if pf is not None:
            pf.has_problems = any(p.key != "draft" for p in sink)
        cache[key] = pf
    return cache[key]


def _rule_index(pf: PackFile) -> dict[str, dict]:
    return {spec["id"]: spec for _, spec in pf.rules}


def validate(paths: Sequence[Path], waiver_paths: Sequence[Path] = ()) -> CheckResult:
    """Check pack files under `paths` and waiver files; every problem, not just the first."""
    files, problems = collect_files(paths)
    checked = {f.resolve() for f in files}
    cache: dict = {}
    packs: list[PackFile] = []
    waiver_files: list[tuple[Path, dict, Any]] = []
    for f in files:
        got = _read_pack_file(f, problems)
        if isinstance(got, tuple):
            waiver_files.append((f, got[1], got[2]))
        elif got is not None:
            cache[f.resolve()] = got
            packs.append(got)
        else:
            cache[f.resolve()] = None
    for w in waiver_paths:
        w = Path(w)
        if not w.is_file():
            problems.append(_problem("找不到豁免文件", w))
            continue
        got = _read(w, problems)
        if got is not None:
            waiver_files.append((w, got[0], got[1]))

    # pack ids must be unique among the checked files
    by_id: dict[str, PackFile] = {}
    for pf in packs:
        if pf.pack_id and pf.pack_id in by_id:
            other = by_id[pf.pack_id]
            problems.append(_problem(f"规则包标识“{pf.pack_id}”与 {display_path(other.path)} 重复", pf.path,
                                     line_of(pf.node, ["pack"]), "pack", hint="每个规则包的 pack 必须不同"))
        elif pf.pack_id:
            by_id[pf.pack_id] = pf

    # extends: resolve every parent
    profile_path = resolve_pack_ref(PROFILE_PACK)
    for pf in packs:
        ext = pf.data.get("extends")
        for i, ref in enumerate(ext if isinstance(ext, list) else ()):
            if not isinstance(ref, str):
                pf.parents.append(None)
                continue
            try:
                parent = resolve_pack_ref(ref, pf.path)
            except RulePackError:
                pf.parents.append(None)
                problems.append(_problem(f"继承（extends）的规则包“{ref}”不存在", pf.path, line_of(pf.node, ["extends", i]),
                                         "extends", hint="写 rules/ 目录下的相对名称（不含 .yaml），如 national/annual-report，"
                                                         "或相对本文件的路径，如 ./huzhu-2024.yaml"))
                continue
            pf.parents.append(parent)
            if parent.resolve() == pf.path.resolve():
                problems.append(_problem("规则包不能继承自己", pf.path, line_of(pf.node, ["extends", i]), "extends"))
                continue
            ppf = _pack_for(parent, cache, checked)
            if ppf is None or (parent.resolve() not in checked and ppf.has_problems):
                problems.append(_problem(f"继承（extends）的规则包“{ref}”本身有错误", pf.path,
                                         line_of(pf.node, ["extends", i]), "extends",
                                         hint=f"请先运行 auditor rules check {display_path(parent)}"))

    def ancestors(pf: PackFile, stack: tuple = ()) -> list[PackFile]:
        out: list[PackFile] = []
        for parent in pf.parents:
            if parent is None:
                continue
            key = parent.resolve()
            ppf = cache.get(key)
            if ppf is None or key in stack:
                continue
            out += ancestors(ppf, stack + (key,))
            out.append(ppf)
        return out

    def cycle(pf: PackFile, stack: tuple) -> bool:
        for parent in pf.parents:
            if parent is None:
                continue
            key = parent.resolve()
            if key in stack:
                return True
            ppf = cache.get(key)
            if ppf is not None and cycle(ppf, stack + (key,)):
                return True
        return False

    profile = _pack_for(profile_path, cache, checked)
    for pf in packs:
        if cycle(pf, (pf.path.resolve(),)):
            problems.append(_problem("规则包之间存在循环继承（extends）", pf.path, line_of(pf.node, ["extends"]), "extends",
                                     hint="A 继承 B 时，B 不能再（直接或间接）继承 A"))
            continue
        # the ids a pack can tailor: profile, ancestors, its own (as load_rules merges them)
        context: dict[str, dict] = {}
        for a in ([profile] if profile else []) + ancestors(pf):
            for rid, spec in _rule_index(a).items():
                context[rid] = spec
            for rid in (a.data.get("disable") or ()) if isinstance(a.data.get("disable"), list) else ():
                context.pop(rid, None)
        context.update(_rule_index(pf))
        targets = pf.data.get("targets")
        if isinstance(targets, dict):
            for rid, raw in targets.items():
                line = line_of(pf.node, ["targets", rid])
                if rid not in context:
                    problems.append(_problem(f"裁剪（targets）指向的规则“{rid}”不存在", pf.path, line, "targets",
                                             hint=_did_you_mean(str(rid), context) or "请用 auditor rules list 查看可用的规则 id"))
                    continue
                base = context[rid]
                if base.get("kind") not in NUMERIC_KINDS:
                    problems.append(_problem(f"规则“{rid}”是 {base.get('kind')} 规则，没有目标可裁剪", pf.path, line, "targets"))
                    continue
                why = _target_problem(raw, base.get("kind"), _default_unit(base))
                if why:
                    problems.append(_problem(f"裁剪规则“{rid}”的目标：{why}", pf.path, line, "targets"))
        disabled = []
        disable = pf.data.get("disable")
        for i, rid in enumerate(disable if isinstance(disable, list) else ()):
            if rid not in context:
                problems.append(_problem(f"停用（disable）的规则“{rid}”不存在", pf.path, line_of(pf.node, ["disable", i]),
                                         "disable", hint=_did_you_mean(str(rid), context) or "请用 auditor rules list 查看可用的规则 id"))
            else:
                disabled.append(rid)
        alive = {k for k in context if k not in disabled}
        for i, spec in pf.rules:
            rel = _relative_to(spec.get("target"))
            if rel and rel not in alive:
                problems.append(_problem(f"规则“{spec['id']}”的目标比较对象“{rel}”不存在", pf.path,
                                         line_of(pf.node, ["rules", i, "target"]), "target",
                                         hint=_did_you_mean(rel, alive) or "比较对象须是本规则包或所继承规则包中的规则 id"))
        for rid, raw in (targets.items() if isinstance(targets, dict) else ()):
            rel = _relative_to(raw)
            if rel and rel not in alive:
                problems.append(_problem(f"裁剪规则“{rid}”的比较对象“{rel}”不存在", pf.path,
                                         line_of(pf.node, ["targets", rid]), "targets", hint=_did_you_mean(rel, alive)))

    # waivers: schema, dates, and rule ids some pack defines
    known_ids: set[str] = set()
    for pf in packs:
        known_ids |= set(_rule_index(pf))
    for f in sorted(BUNDLED_RULES.rglob("*.yaml")):
        got = _pack_for(f, cache, checked)
        if got is not None:
            known_ids |= set(_rule_index(got))
    notes: list[str] = []
    for path, data, node in waiver_files:
        notes += _check_waivers(path, data, node, known_ids, problems)

    # last line of defence: the loader itself, for files that look clean so far
    reported = {(p.path, p.line, p.message) for p in problems}
    dirty = {p.path for p in problems}
    for pf in packs:
        if display_path(pf.path) in dirty:
            continue
        try:
            load_rules([str(pf.path)])
        except RulePackError as exc:
            errs = getattr(exc, "errors", [exc])
            for e in errs:
                p = _problem(e.message, e.path or pf.path, e.line, e.key, e.hint)
                if (p.path, p.line, p.message) not in reported:
                    problems.append(p)
    problems.sort(key=lambda p: (p.path or "", p.line or 0))
    return CheckResult(problems=problems, packs=len(packs), rules=sum(len(p.rules) for p in packs),
                       waiver_files=len(waiver_files), notes=notes)


def _check_waivers(path: Path, data: Any, node: Any, known_ids: set, problems: list[RulePackError]) -> list[str]:
    notes: list[str] = []
    if not isinstance(data, dict) or "waivers" not in data:
        problems.append(_problem("豁免文件的顶层应为 waivers: 列表", path, line=1))
        return notes
    _duplicate_keys(node, path, problems)
    items = data["waivers"] if isinstance(data["waivers"], list) else []
    for w in items:
        if isinstance(w, dict) and isinstance(w.get("expires"), date):
            w["expires"] = w["expires"].isoformat()
    for e in schema_errors(data, node, str(path), WAIVER_SCHEMA_PATH):
        problems.append(_problem(e.message, path, e.line, e.key, e.hint))
    today = date.today()
    for i, w in enumerate(items):
        if not isinstance(w, dict):
            continue
        exp = w.get("expires")
        if isinstance(exp, str):
            try:
                d = date.fromisoformat(exp)
                if d < today:
                    notes.append(f"{display_path(path)}:{line_of(node, ['waivers', i, 'expires'])}: "
                                 f"豁免已于 {d.isoformat()} 到期，到期后不再生效")
            except ValueError:
                problems.append(_problem(f"到期日“{exp}”格式不对，应为 2025-12-31", path,
                                         line_of(node, ["waivers", i, "expires"]), "expires"))
        ids = w.get("rule")
        ids = [ids] if isinstance(ids, str) else ids if isinstance(ids, list) else []
        for j, rid in enumerate(ids):
            if isinstance(rid, str) and rid not in known_ids:
                sub = ["waivers", i, "rule"] + ([j] if isinstance(w.get("rule"), list) else [])
                problems.append(_problem(f"豁免的规则“{rid}”在任何规则包中都不存在", path, line_of(node, sub), "rule",
                                         hint=_did_you_mean(rid, known_ids) or "请用 auditor rules list 查看规则 id"))
    return notes
