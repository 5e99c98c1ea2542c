"""Rule packs: YAML files under rules/, validated by auditor/packs/schema/rulepack.yaml, merged along `extends`.

Merge order: the profile pack, then each pack's ancestors (depth first), then the pack itself. A rule id
defined again by a later pack replaces the earlier rule (a child pack may redefine a rule); `targets` and
`disable` in a pack tailor the rules it inherits.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from ..messages import os_reason
from ..errors import RulePackError
from ..resources import bundled_rules_dir
from ..models import Waiver
from .model import AppliesTo, Pack, Rule, RuleSet
from .. import kinds
from ..grammar.aliases import compile_alias  # noqa: F401  (authoring imports it from here)
from ..grammar.targets import TargetError, parse_target

BUNDLED_RULES = bundled_rules_dir()
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "rulepack.yaml"
WAIVER_SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "waivers.yaml"
PROFILE_PACK = "national/profile"
DEFAULT_PACKS = ("national/annual-report",)
DEFAULT_COUNT_UNITS = kinds.count.DEFAULTS["units"]


# --- reading YAML with line numbers ------------------------------------------------------------

@lru_cache(maxsize=4)
def _schema(path: Path = SCHEMA_PATH) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _read_yaml(path: Path) -> tuple[Any, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RulePackError("规则文件不是 UTF-8 编码", str(path), hint="请用 UTF-8 保存") from None
    except OSError as exc:
        raise RulePackError(f"无法读取规则文件：{os_reason(exc)}", str(path)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        glued = _colon_without_space(text)
        if glued:  # "target:达到100%": the commonest slip, reported at its own line
            raise RulePackError(f"冒号后缺少空格：应写成“{glued[1]}: …”", str(path), line=glued[0], key=glued[1],
                                hint="YAML 中字段名和值之间要有“冒号 + 空格”") from None
        raise RulePackError(f"YAML 格式错误：{_yaml_problem_zh(problem)}", str(path),
                            line=(mark.line + 1) if mark else None,
                            hint="检查缩进（用空格而不是 Tab）、冒号后的空格和引号是否成对") from None
    except ValueError:  # YAML reads 2025-13-40 as a date and fails
        bad = _bad_date(node)
        raise RulePackError(f"日期“{bad[0] if bad else ''}”无效（月份或日期超出范围）", str(path),
                            line=bad[1] if bad else None, key=bad[2] if bad else None,
                            hint="日期应写成 2025-12-31") from None
    return data, node


def _bad_date(node: Any, key: Optional[str] = None) -> Optional[tuple[str, int, Optional[str]]]:
    """(text, line, key) of the first date-looking scalar that is not a real date."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                date.fromisoformat(node.value[:10])
            except ValueError:
                return node.value, node.start_mark.line + 1, key
        return None
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if found := _bad_date(v, getattr(k, "value", key)):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            if found := _bad_date(v, key):
                return found
    return None


def _yaml_problem_zh(problem: str) -> str:
    table = {
        "found character '\\t' that cannot start any token": "出现了 Tab 字符",
        "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：冒号后缺空格或缩进不对）",
        "could not find expected ':'": "缺少冒号",
        "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
        "expected <block end>, but found '-'": "列表项缩进不一致",
        "expected <block end>": "缩进不一致（同一层级的字段要左对齐）",
        "found undefined alias": "引用了未定义的锚点",
        "expected alphabetic or numeric character": "“*”“&”“!”等符号不能放在开头（以 * 开头的说法请加双引号）",
    }
    for en, zh in table.items():
        if en in problem:
            return zh
    return problem


def _colon_without_space(text: str) -> Optional[tuple[int, str]]:
    """(line, key) of a line such as "target:达到100%" (a field name glued to its value)."""
    for i, line in enumerate(text.split("\n"), 1):
        m = re.match(r"^\s*(?:-\s+)?([a-z_]+):(?=[^\s/])", line)
        if m and not line.lstrip().startswith("#"):
            return i, m.group(1)
    return None


def line_of(node: Any, path: Iterable) -> Optional[int]:
    """Line (1-based) of the YAML node at a JSON path such as ('rules', 3, 'target')."""
    best = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key:
                    best = k.start_mark.line + 1
                    nxt = v
                    break
            if nxt is None:
                return best
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            best = node.start_mark.line + 1
        else:
            return best
    return best


_TYPE_ZH = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true 或 false", "array": "列表",
            "object": "键值映射", "null": "空"}


def schema_errors(data: Any, node: Any, path: str, schema_path: Path = SCHEMA_PATH) -> list[RulePackError]:
    """All schema violations of one file, as Chinese errors naming file, line, rule and field."""
    from jsonschema import Draft7Validator

    schema = _schema(schema_path)
    validator = Draft7Validator(schema)
    out: list[RulePackError] = []
    seen = set()
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        # oneOf/anyOf/if-then produce nested errors; report the most specific one
        leaf = err
        if err.context:
            leaf = min(err.context, key=lambda e: (-len(e.absolute_path), e.validator != "additionalProperties"))
            if leaf.validator in ("type",) and err.validator == "oneOf":
                leaf = err
        apath = list(leaf.absolute_path)
        rule_id = None
        if len(apath) >= 2 and apath[0] == "rules" and isinstance(data, dict):
            try:
                rule_id = data["rules"][apath[1]].get("id")
            except (AttributeError, IndexError, KeyError, TypeError):
                rule_id = None
        key = next((str(p) for p in reversed(apath) if isinstance(p, str)), None)
        msg = _message(leaf)
        extra_key = None
        if leaf.validator == "additionalProperties":
            allowed = list(leaf.schema.get("properties", {}))
            extras = [k for k in leaf.instance if k not in allowed]
            parts = []
            for k in extras:
                close = difflib.get_close_matches(k, allowed, n=1, cutoff=0.6)
                parts.append(f"未知字段“{k}”" + (f"（是否想写“{close[0]}”？）" if close else ""))
                extra_key = k
            msg = "；".join(parts) + "。允许的字段：" + "、".join(allowed)
            if any(re.search(r"[^\x00-\x7f]", str(k)) for k in extras):
                msg += "（例句或说法中的英文逗号“,”会把文字拆开，请改用中文逗号“，”，或给整句加英文双引号）"
            apath = apath + [extra_key] if extra_key else apath
            key = extra_key or key
        if leaf.validator == "required" and isinstance(leaf.instance, dict):
            key = next((k for k in leaf.validator_value if k not in leaf.instance), key)  # name the missing field
        ident = (tuple(map(str, apath)), msg)
        if ident in seen:
            continue
        seen.add(ident)
        where = f"规则“{rule_id}”：" if rule_id else ""
        out.append(RulePackError(where + msg, path, line=line_of(node, apath), key=key))
    return out


_ENUM_ZH = {"达标": "met", "未达标": "not_met", "未报告": "not_reported", "待核实": "review", "不适用": "waived",
            "比率": "metric", "次数": "count", "提及": "mention", "组成部分": "part"}


def _message(err) -> str:
    v = err.validator
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        return "缺少必填字段“" + "”“".join(missing) + "”"
    if v == "enum":
        hint = _ENUM_ZH.get(str(err.instance))
        hint = f"（“{err.instance}”请写 {hint}）" if hint in err.validator_value else ""
        return f"值“{err.instance}”不在允许范围内{hint}，可选：" + "、".join(map(str, err.validator_value))
    if v == "const":
        return f"值应为“{err.validator_value}”"
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"值“{err.instance}”类型不对，应为" + "或".join(_TYPE_ZH.get(w, w) for w in want)
    if v == "pattern":
        return f"值“{err.instance}”格式不对（要求：{err.validator_value}）"
    if v in ("minimum", "maximum"):
        return f"值 {err.instance} 超出范围（{'最小' if v == 'minimum' else '最大'} {err.validator_value}）"
    if v == "minLength":
        return "值不能为空"
    if v == "oneOf":
        return f"值“{err.instance}”格式不对：目标应写成文字（如 不低于90%）、数字，或 {{op, value, unit}}"
    if v == "anyOf":
        return "缺少必填字段：mention 规则须有 all_of 或 any_of"
    return err.message


# --- packs -------------------------------------------------------------------------------------

def _rules_root(path: Path) -> Path:
    for parent in path.resolve().parents:
        if parent.name == "rules":
            return parent
    return BUNDLED_RULES


def resolve_pack_ref(ref: str, relative_to: Optional[Path] = None) -> Path:
    """A pack reference (national/annual-report, ./x.yaml, a path) -> file path."""
    cand = Path(ref)
    tries = []
    if cand.suffix in (".yaml", ".yml"):
        tries.append(cand)
        if relative_to is not None:
            tries.append(relative_to.parent / cand)
    roots = ([_rules_root(relative_to)] if relative_to is not None else []) + [BUNDLED_RULES]
    for root in roots:
        tries.append(root / f"{ref}.yaml")
        tries.append(root / ref)
    for t in tries:
        if t.is_file():
            return t
    raise RulePackError(f"找不到规则包“{ref}”", str(relative_to) if relative_to else ref,
                        hint="请检查路径，或使用 rules/ 目录下的相对名称（如 national/annual-report）")


def _rule_from_spec(spec: dict, pack: Pack, node: Any, index: int) -> Rule:
    path = pack.path
    line = line_of(node, ["rules", index]) or 0
    target = None
    kind = kinds.get(spec["kind"])
    spec = {**kind.DEFAULTS, **spec}
    unit = spec.get("unit") or kind.DEFAULT_UNIT
    if "target" in spec:
        try:
            target = parse_target(spec["target"], default_unit=unit)
        except TargetError as exc:
            raise RulePackError(f"规则“{spec['id']}”：{exc}", path, line=line_of(node, ["rules", index, "target"]),
                                key="target") from None
    for p in kind.validate(spec, target):
        raise RulePackError(f"规则“{spec['id']}”：{p.message}", path, line=line_of(node, ["rules", index, *p.field]),
                            key=str(p.field[-1]), hint=p.hint)
    all_of = tuple(tuple([t]) if isinstance(t, str) else tuple(t) for t in spec.get("all_of", ()))
    return Rule(
        id=spec["id"], kind=spec["kind"], name=spec["name"], pack=pack.id, path=path, line=line,
        source=pack.source, aliases=tuple(spec.get("aliases", ())), exclude=tuple(spec.get("exclude", ())),
        context=tuple(spec.get("context", ())), target=target, unit=unit,
        units=tuple(spec.get("units", ())),
        clause=str(spec["clause"]) if spec.get("clause") is not None else None,
        weight=float(spec.get("weight", 1)), informational=bool(spec.get("informational", False)),
        advice=spec.get("advice", ""), category=spec.get("category", ""), description=spec.get("description", ""),
        part=spec.get("part"), partial_aliases=tuple(spec.get("partial_aliases", ())), all_of=all_of,
        any_of=tuple(spec.get("any_of", ())), within=tuple(spec.get("within", ())), derive=spec.get("derive"),
        review_if=spec.get("review_if"), zero_when=tuple(spec.get("zero_when", ())), check=spec.get("check"), deadline=spec.get("deadline"),
        examples=tuple(spec.get("examples", ())),
        original_target=target.text if target else None,
    )


def read_pack(path: Path) -> tuple[Pack, list[Rule], Any]:
    """Read and validate one pack file (not its ancestors)."""
    data, node = _read_yaml(path)
    if data is None:
        raise RulePackError("规则文件是空的", str(path))
    if not isinstance(data, dict):
        raise RulePackError("规则文件的顶层应为键值映射（pack、title、rules …）", str(path), line=1)
    errors = schema_errors(data, node, str(path))
    if errors:
        raise errors[0] if len(errors) == 1 else RulePackErrors(errors)
    src = data.get("source") or {}
    pack = Pack(id=data["pack"], title=data["title"], path=str(path), data=data,
                extends=tuple(data.get("extends", ())), source=src.get("document") or src.get("title") or "",
                issued=str(src["issued"]) if src.get("issued") else None, draft=bool(data.get("draft", False)),
                applies_to=_applies_to(data.get("applies_to") or {}))
    rules, seen = [], {}
    for i, spec in enumerate(data.get("rules", [])):
        if spec["id"] in seen:
            raise RulePackError(f"规则 id“{spec['id']}”重复（第 {seen[spec['id']]} 行已定义）", str(path),
                                line=line_of(node, ["rules", i, "id"]), key="id")
        seen[spec["id"]] = line_of(node, ["rules", i]) or 0
        rules.append(_rule_from_spec(spec, pack, node, i))
    return pack, rules, node


def _applies_to(raw: dict) -> AppliesTo:
    return AppliesTo(year=raw.get("year"), levels=tuple(raw.get("levels", ())),
                     jurisdictions=tuple(raw.get("jurisdictions", ())))


class RulePackErrors(RulePackError):
    """Several problems in one file; str() lists them all."""

    def __init__(self, errors: list[RulePackError]):
        super().__init__(errors[0].message, errors[0].path, errors[0].line, errors[0].key)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def load_rules(refs: Optional[Iterable[str]] = None, with_profile: bool = True) -> RuleSet:
    """Load packs (paths or names under rules/) with their ancestors; profile pack first."""
    refs = list(refs or DEFAULT_PACKS)
    order: list[tuple[Pack, list[Rule], Any]] = []
    loaded: dict[str, int] = {}
    stack: list[str] = []

    def visit(path: Path):
        key = str(path.resolve())
        if key in loaded:
            return
        if key in stack:
            raise RulePackError("规则包之间存在循环继承（extends）", str(path))
        stack.append(key)
        pack, rules, node = read_pack(path)
        for i, parent in enumerate(pack.extends):
            try:
                visit(resolve_pack_ref(parent, path))
            except RulePackError as exc:
                if exc.path == str(path) and exc.line is None:
                    exc.line, exc.key = line_of(node, ["extends", i]), "extends"
                raise
        stack.pop()
        loaded[key] = len(order)
        order.append((pack, rules, node))

    if with_profile:
        visit(resolve_pack_ref(PROFILE_PACK))
    for ref in refs:
        visit(resolve_pack_ref(ref) if not Path(ref).is_file() else Path(ref))

    merged: dict[str, Rule] = {}
    disabled: list[str] = []
    for pack, rules, node in order:
        for rule in rules:
            merged[rule.id] = rule
        for rule_id, raw in (pack.data.get("targets") or {}).items():
            if rule_id not in merged:
                raise RulePackError(f"裁剪的目标指向不存在的规则“{rule_id}”", pack.path,
                                    line=line_of(node, ["targets", rule_id]), key="targets",
                                    hint=_did_you_mean(rule_id, merged))
            base = merged[rule_id]
            try:
                t = parse_target(raw, default_unit=base.unit)
            except TargetError as exc:
                raise RulePackError(f"规则“{rule_id}”：{exc}", pack.path, line=line_of(node, ["targets", rule_id]),
                                    key="targets") from None
            for p in kinds.get(base.kind).validate({}, t):
                raise RulePackError(f"规则“{rule_id}”：{p.message}", pack.path, line=line_of(node, ["targets", rule_id]),
                                    key="targets", hint=p.hint)
            merged[rule_id] = replace(base, target=t, tailored=True,
                                      original_target=base.original_target if not base.tailored else base.original_target)
        for i, rule_id in enumerate(pack.data.get("disable") or ()):
            if rule_id not in merged:
                raise RulePackError(f"停用（disable）的规则“{rule_id}”不存在", pack.path,
                                    line=line_of(node, ["disable", i]), key="disable", hint=_did_you_mean(rule_id, merged))
            merged.pop(rule_id)
            disabled.append(rule_id)
    for rule in merged.values():
        if rule.target and rule.target.relative_to and rule.target.relative_to not in merged:
            raise RulePackError(f"规则“{rule.id}”的目标比较对象“{rule.target.relative_to}”不存在", rule.path,
                                line=rule.line, key="target", hint=_did_you_mean(rule.target.relative_to, merged))
    return RuleSet(packs=tuple(p for p, _, _ in order), rules=tuple(merged.values()), disabled=tuple(disabled))


def _did_you_mean(name: str, known: Iterable[str]) -> Optional[str]:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"是否想写“{close[0]}”？" if close else None


# --- waivers -----------------------------------------------------------------------------------

def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    p = Path(path)
    data, node = _read_yaml(p)
    if not isinstance(data, dict) or "waivers" not in data:
        raise RulePackError("豁免文件的顶层应为 waivers: 列表", str(p), line=1)
    for w in data["waivers"] if isinstance(data["waivers"], list) else ():
        if isinstance(w, dict) and isinstance(w.get("expires"), date):
            w["expires"] = w["expires"].isoformat()  # YAML reads 2025-12-31 as a date
    errors = schema_errors(data, node, str(p), WAIVER_SCHEMA_PATH)
    if errors:
        raise errors[0] if len(errors) == 1 else RulePackErrors(errors)
    out = []
    for i, w in enumerate(data["waivers"]):
        expires = w.get("expires")
        if isinstance(expires, str):
            try:
                expires = date.fromisoformat(expires)
            except ValueError:
                raise RulePackError(f"到期日“{expires}”格式不对，应为 2025-12-31", str(p),
                                    line=line_of(node, ["waivers", i, "expires"]), key="expires") from None
        for rid in ([w["rule"]] if isinstance(w["rule"], str) else w["rule"]):
            out.append(Waiver(rule_id=rid, jurisdiction=w["jurisdiction"], reason=w["reason"],
                              approver=w["approver"], expires=expires, source=str(p)))
    return tuple(out)
