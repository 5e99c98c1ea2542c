"""Tools for people who write rule packs: `auditor rules check|test|draft|list|show`.

check: validate every pack (and waiver) file and report ALL problems, each naming file, line and field.
test:  run each rule's `examples` through the real pipeline on a tiny synthetic report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import typer
import yaml

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE, RulePackError, UsageError
from ..models import PART_LABELS, STATUS_LABELS, RawText
from ..packs.loader import (BUNDLED_RULES, PROFILE_PACK, WAIVER_SCHEMA_PATH, Rule, RuleSet, _did_you_mean, _read_yaml,
                    line_of, load_rules, resolve_pack_ref, schema_errors)
from ..grammar.targets import TargetError, parse_target

NUMERIC_KINDS = ("metric", "count")
PART_VALUES = ("present", "partial", "absent")


def _echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


def display_path(path: str | Path) -> str:
    """A path as the user typed it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def _problem(message: str, path: str | Path, line: Optional[int] = None, key: Optional[str] = None,
             hint: Optional[str] = None) -> RulePackError:
    return RulePackError(message, display_path(path), line=line, key=key, hint=hint)


# --- finding the files -------------------------------------------------------------------------

def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[RulePackError]]:
    """YAML files under the given files/folders (sorted, no duplicates), and problems with the paths."""
    files: list[Path] = []
    problems: list[RulePackError] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            if not found:
                problems.append(_problem("文件夹中没有规则文件（.yaml）", p))
            files += found
        elif p.is_file():
            files.append(p)
        else:
            problems.append(_problem("找不到文件或文件夹", p))
    out, seen = [], set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out, problems


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


def check_paths(paths: Optional[Sequence[Path]], waivers: Sequence[Path] = ()) -> int:
    """`auditor rules check`: print every problem; exit 0 when clean, 3 otherwise."""
    result = validate(list(paths or [default_rules_dir()]), list(waivers or ()))
    for p in result.problems:
        _echo(str(p))
    for n in result.notes:
        _echo("提示：" + n)
    what = f"已校验 {result.packs} 个规则包、{result.rules} 条规则"
    if result.waiver_files:
        what += f"、{result.waiver_files} 个豁免文件"
    if result.ok:
        _echo(what + "，未发现问题")
        return EXIT_OK
    _echo(what + f"，发现 {len(result.problems)} 个问题")
    return EXIT_RULES


def default_rules_dir() -> Path:
    here = Path("rules")
    return here if here.is_dir() else BUNDLED_RULES


# --- test --------------------------------------------------------------------------------------

HEADINGS = {k: v for k, v in PART_LABELS.items() if k != "preamble"}


def example_text(text: str, part: str = "achievements", year: int = 2024) -> str:
    """The report an example sentence is tested in: a title and one part heading, or a multi-line text as is."""
    if "\n" in text.strip():
        return text
    return f"某县{year}年度法治政府建设情况报告\n一、{HEADINGS.get(part, HEADINGS['achievements'])}\n{text}"


@dataclass
class ExampleResult:
    path: str
    line: Optional[int]
    rule_id: str
    rule_name: str
    text: str
    ok: bool
    expected: str = ""
    actual: str = ""


def _value_text(v: Any, unit: Optional[str] = None, kind: str = "") -> str:
    from ..report.vocab import value_word  # one wording per value in every output

    return value_word(v, unit, kind)


def _expect_text(ex: dict) -> str:
    bits = []
    if ex.get("match") is False:
        return "不应识别为本指标"
    if "value" in ex:
        bits.append(f"数值 {ex['value']}")
    if "status" in ex:
        bits.append(f"状态 {STATUS_LABELS.get(ex['status'], ex['status'])}（{ex['status']}）")
    return "、".join(bits) or "应识别为本指标"


def _same_value(want: Any, got: Any) -> bool:
    if isinstance(want, bool):
        return False
    if isinstance(want, (int, float)) or (isinstance(want, str) and re.fullmatch(r"-?\d+(\.\d+)?", want)):
        return isinstance(got, float) and abs(float(want) - got) < 0.006
    return want == got


def run_example(rule: Rule, ruleset: RuleSet, ex: dict) -> tuple[bool, str]:
    """(passed, what actually happened) for one example of a rule in its pack context."""
    from ..errors import InputError
    from ..load import document_from_raw
    from ..pipeline import audit_document

    year = ruleset.applies_year or 2024
    body = example_text(ex["text"], ex.get("part") or "achievements", year)
    try:
        doc = document_from_raw("<例句>", RawText(text=body, format="txt"))
    except InputError as exc:
        return False, f"例句无法作为报告读取：{exc.message}（例句过短时可写成多行的完整片段）"
    deps = []
    if rule.target and rule.target.relative_to and ruleset.get(rule.target.relative_to):
        deps.append(ruleset.get(rule.target.relative_to))
    sub = RuleSet(packs=ruleset.packs, rules=tuple([rule] + deps))
    audit = audit_document(doc, sub)
    f = next(x for x in audit.findings if x.rule_id == rule.id)
    found = audit.facts.for_indicator(rule.id)
    if rule.kind in ("metric", "count", "mention"):
        matched = bool(found)
    else:
        matched = f.value not in (None, "absent")
    actual = f"{STATUS_LABELS[f.status]}（{f.status}），数值 {_value_text(f.value, f.unit, f.kind)}"
    if f.note:
        actual += f"；{f.note}"
    if ex.get("match") is False:
        if matched:
            quote = found[0].evidence.quote if found else (f.evidence[0].quote if f.evidence else "")
            return False, f"被识别为本指标：{actual}" + (f"；原文“{quote}”" if quote else "")
        return True, actual
    ok = True
    if "value" in ex and not _same_value(ex["value"], f.value):
        ok = False
    if "status" in ex and ex["status"] != f.status:
        ok = False
    if "value" not in ex and "status" not in ex and not matched:
        ok = False
    return ok, actual


def run_examples(paths: Sequence[Path]) -> tuple[list[ExampleResult], list[RulePackError], list[str]]:
    """Run the examples of every pack file under `paths`; (results, pack errors, rules without examples)."""
    files, problems = collect_files(paths)
    results: list[ExampleResult] = []
    missing: list[str] = []
    for f in files:
        try:
            data, node = _read_yaml(f)
        except RulePackError as exc:
            problems.append(_problem(exc.message, f, exc.line, exc.key, exc.hint))
            continue
        if not isinstance(data, dict) or ("waivers" in data and "pack" not in data):
            continue
        try:
            ruleset = load_rules([str(f)])
        except RulePackError as exc:
            for e in getattr(exc, "errors", [exc]):
                problems.append(_problem(e.message, e.path or f, e.line, e.key, e.hint))
            continue
        for i, spec in enumerate(data.get("rules") or ()):
            rule = ruleset.get(spec["id"])
            if rule is None:  # disabled by its own pack
                continue
            exs = spec.get("examples") or ()
            if not exs:
                missing.append(f"{display_path(f)}:{line_of(node, ['rules', i])}: {rule.id}（{rule.name}）")
            for j, ex in enumerate(exs):
                ok, actual = run_example(rule, ruleset, ex)
                results.append(ExampleResult(display_path(f), line_of(node, ["rules", i, "examples", j]), rule.id,
                                             rule.name, ex["text"], ok, _expect_text(ex), actual))
    return results, problems, missing


def test_paths(paths: Optional[Sequence[Path]]) -> int:
    """`auditor rules test`: exit 0 when every example passes, 1 when one fails, 3 when a pack is invalid."""
    results, problems, missing = run_examples(list(paths or [default_rules_dir()]))
    for p in problems:
        _echo(f"错误：{p}")
    failed = [r for r in results if not r.ok]
    for r in failed:
        _echo(f"{r.path}:{r.line}: 规则“{r.rule_id}”（{r.rule_name}）的例句未通过")
        _echo(f"    例句：{r.text.strip()}".replace("\n", "\n          "))
        _echo(f"    期望：{r.expected}")
        _echo(f"    实际：{r.actual}")
    if missing:
        _echo(f"提示：{len(missing)} 条规则没有例句（examples）：")
        for m in missing:
            _echo("    " + m)
    summary = f"已运行 {len(results)} 条例句"
    if failed:
        _echo(summary + f"，{len(failed)} 条未通过")
    else:
        _echo(summary + "，全部通过")
    if problems:
        return EXIT_RULES
    return EXIT_FINDINGS if failed else EXIT_OK


# test_paths is a command, not a pytest test
test_paths.__test__ = False  # type: ignore[attr-defined]


# --- draft -------------------------------------------------------------------------------------

def draft_command(document: Path, output: Optional[Path], pack: Optional[str], force: bool = False) -> int:
    """`auditor rules draft`: write a draft pack from a work plan, then check what was written."""
    from .draft import draft_pack
    from ..load import load_document

    if output is not None and output.exists() and not force:
        raise UsageError("输出文件已存在，为避免覆盖人工审核过的规则包，未写出", display_path(output),
                            hint="换一个文件名，或加 --force 覆盖")
    doc = load_document(document)
    result = draft_pack(doc, output=output, pack_id=pack)
    if output is None:
        _echo(result.text)
        return EXIT_OK
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.text, encoding="utf-8")
    numeric = sum(1 for r in result.rules if r.kind in NUMERIC_KINDS and r.target is not None)
    _echo(f"已写出：{display_path(output)}")
    _echo(f"起草了 {len(result.rules)} 条规则：{numeric} 条量化目标、"
          f"{sum(1 for r in result.rules if r.kind == 'mention')} 条定性要求；"
          f"其中 {sum(1 for r in result.rules if r.known)} 条沿用了已有规则的 id 和说法。")
    for w in result.warnings:
        _echo("提示：" + w)
    check = validate([output])
    left = [p for p in check.problems if p.key != "draft"]
    for p in left:
        _echo(str(p))
    _echo("下一步：逐条核对每条规则（上方注释是原文），删除不需要的，运行 auditor rules test 和 "
          f"auditor rules check {display_path(output)}，确认无误后把 draft 改为 false。")
    return EXIT_RULES if left else EXIT_OK


# --- list / show -------------------------------------------------------------------------------

def _console():
    from rich.console import Console

    c = Console(highlight=False)
    if not c.is_terminal:
        c = Console(highlight=False, width=max(c.width, 200))
    return c


def _target_cell(r: Rule) -> str:
    if r.target is None:
        return "—"
    if r.tailored:
        return f"{r.target.text}（裁剪，原：{r.original_target or '无'}）"
    return r.target.text


def list_rules(refs: Optional[Sequence[str]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    rs = load_rules(refs)
    c = _console()
    table = Table(title="规则", header_style="bold")
    for col in ("id", "类型", "名称", "目标", "条款", "权重", "规则包"):
        table.add_column(col, overflow="fold")
    kinds = {"part": "组成部分", "metric": "比率", "count": "次数", "mention": "提及", "metadata": "报告信息"}
    for r in rs.rules:
        target = escape(_target_cell(r))
        if r.tailored:
            target = f"[yellow]{target}[/yellow]"
        weight = "仅列示" if r.informational else f"{r.weight:g}"
        table.add_row(escape(r.id), kinds.get(r.kind, r.kind), escape(r.name), target, escape(r.clause or ""),
                      weight, escape(r.pack))
    c.print(table)
    c.print("[bold]规则包及来源文件[/bold]")
    for p in rs.packs:
        src = f"  来源：{escape(p.source)}" if p.source else ""
        issued = f"（{escape(p.issued)}）" if p.issued else ""
        draft = "  [yellow]草稿，未经审核[/yellow]" if p.draft else ""
        c.print(f"  {escape(p.id)}：{escape(p.title)}{src}{issued}  [dim]{escape(display_path(p.path))}[/dim]{draft}")
    if rs.disabled:
        c.print("已停用：" + "、".join(escape(d) for d in rs.disabled))
    n_tailored = sum(1 for r in rs.rules if r.tailored)
    c.print(f"共 {len(rs.rules)} 条规则" + (f"，其中 {n_tailored} 条目标经过裁剪" if n_tailored else ""))


def _comment_above(path: str, line: int) -> list[str]:
    """The comment lines right above a rule (drafts put the source sentence there)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError:
        return []
    out = []
    i = line - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        text = lines[i].strip().lstrip("#").strip()
        if text and not text.startswith("---"):
            out.insert(0, text)
        i -= 1
    return out


def show_rule(rule_id: str, refs: Optional[Sequence[str]]) -> int:
    from rich.markup import escape

    rs = load_rules(refs)
    r = rs.get(rule_id)
    c = _console()
    if r is None:
        if rule_id in rs.disabled:
            c.print(f"规则“{escape(rule_id)}”已被停用（disable）")
            return EXIT_USAGE
        hint = _did_you_mean(rule_id, [x.id for x in rs.rules])
        c.print(f"没有找到规则“{escape(rule_id)}”" + (f"，{hint}" if hint else "") + "（可用 auditor rules list 查看全部规则）")
        return EXIT_USAGE
    pack = next((p for p in rs.packs if p.id == r.pack), None)
    rows = [
        ("id", r.id), ("类型", r.kind), ("名称", r.name), ("说明", r.description),
        ("目标", _target_cell(r) if r.target else ""),
        ("比较对象", r.target.relative_to if r.target and r.target.relative_to else ""),
        ("单位", r.unit or ""), ("计数单位", "、".join(r.units) if r.kind == "count" else ""),
        ("条款", r.clause or ""), ("权重", "仅列示，不计分" if r.informational else f"{r.weight:g}"),
        ("分组", r.category), ("报告组成部分", PART_LABELS.get(r.part, "") if r.part else ""),
        ("说法（aliases）", "、".join(r.aliases)), ("部分具备的说法", "、".join(r.partial_aliases)),
        ("须同时出现（all_of）", "；".join("或".join(g) for g in r.all_of)),
        ("出现其一（any_of）", "、".join(r.any_of)), ("只在这些部分查找", "、".join(r.within)),
        ("排除（exclude）", "、".join(r.exclude)), ("所在句须含（context）", "、".join(r.context)),
        ("推算（derive）", _derive_text(r.derive)), ("需人工核实（review_if）", _review_text(r.review_if)),
        ("检查", r.check or ""), ("截止", r.deadline or ""), ("整改建议", r.advice),
        ("规则包", f"{r.pack}（{pack.title}）" if pack else r.pack),
        ("来源文件", (pack.source if pack else r.source) + (f"（{pack.issued}）" if pack and pack.issued else "")),
        ("定义位置", f"{display_path(r.path)}:{r.line}"),
    ]
    for k, v in rows:
        if v:
            c.print(f"[bold]{escape(k)}[/bold]：{escape(str(v))}")
    above = _comment_above(r.path, r.line)
    if above:
        c.print("[bold]原文[/bold]：" + escape("".join(above)))
    if r.examples:
        c.print(f"[bold]例句[/bold]（{len(r.examples)} 条）：")
        for ex in r.examples:
            c.print(f"  - {escape(ex['text'].strip())}  [dim]→ {escape(_expect_text(ex))}[/dim]")
    return EXIT_OK


def _derive_text(d: Optional[dict]) -> str:
    if not d:
        return ""
    bits = []
    if d.get("numerator"):
        bits.append("分子：" + "、".join(d["numerator"]))
    if d.get("denominator"):
        bits.append("分母：" + "、".join(d["denominator"]))
    if d.get("complement"):
        bits.append("互补：" + "、".join(d["complement"]))
    return "；".join(bits)


def _review_text(d: Optional[dict]) -> str:
    if not d:
        return ""
    return "、".join(d.get("any_of", ())) + (f"（{d['note']}）" if d.get("note") else "")
