"""Reading a rule file: YAML with line numbers, bounded before anything else looks at it.

Bounds: file size, nesting depth and the size of the document with every alias expanded (an alias bomb or a
recursive anchor is refused before it is built). Scalars: keys are text, numbers finite and of a sane size, no lone
surrogates, no tags beyond plain YAML. Dates stay text (the schema and the code read them). Duplicate keys, which
YAML would silently collapse, are reported. Errors quote paths and short excerpts, never an expanded value.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from .. import rx
from ..errors import RulePackError
from ..messages import os_reason
from .cache import text_digest

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 100_000  # with aliases expanded
MAX_STRING = 5_000
MAX_INT = 10 ** 12
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
               "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
               "tag:yaml.org,2002:merge"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDates(_Loader):
    """Dates stay text: one impossible date (2025-13-40) is a field error, not a crash of the reader."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


@dataclass
class Source:
    """One rule file as read: its data, its node tree (for line numbers) and problems that do not stop reading."""

    path: str
    data: Any
    node: Any
    problems: list[RulePackError] = field(default_factory=list)
    digest: str = ""  # sha256 of the text, for remembering a valid file

    def line(self, path: Iterable) -> Optional[int]:
        return line_of(self.node, path)


def excerpt(value: Any, limit: int = 40) -> str:
    """A short, printable rendering of a value for a message (never a whole expanded structure)."""
    if isinstance(value, dict):
        return "（键值映射）"
    if isinstance(value, (list, tuple)):
        return "（列表）"
    s = str(value)
    s = s.encode("utf-8", "replace").decode("utf-8", "replace") if _has_surrogate(s) else s
    s = re.sub(r"[\x00-\x1f\x7f]", " ", s)
    return s if len(s) <= limit else s[:limit] + "…"


def read_source(path: Path, shown: Optional[str] = None) -> Source:
    """Read and bound one YAML rule file; raise RulePackError when it cannot be read as YAML at all."""
    where = shown or str(path)
    try:
        if not path.is_file():
            raise RulePackError("找不到规则文件，或它不是普通文件", where)
        if path.stat().st_size > MAX_BYTES:
            raise RulePackError(f"规则文件过大（超过 {MAX_BYTES // 1000} KB）", where)
        raw = path.read_bytes()
    except OSError as exc:
        raise RulePackError(f"无法读取规则文件：{os_reason(exc)}", where) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulePackError("规则文件不是 UTF-8 编码", where, hint="请用 UTF-8 保存") from None
    return parse_source(text, where)


def parse_source(text: str, where: str) -> Source:
    _bound_events(text, where)
    try:
        loader = _TextDates(text)
        try:
            node = loader.get_single_node()
            problems = _check_nodes(node, where) if node is not None else []
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, where) from None
    except (ValueError, TypeError, RecursionError) as exc:  # a value the constructor cannot build
        raise RulePackError(f"YAML 内容无法读取（{type(exc).__name__}）", where) from None
    return Source(where, data, node, problems, text_digest(text))


def _bound_events(text: str, where: str) -> None:
    """Depth and alias-expanded size from the event stream (iterative), before any tree is built."""
    size: dict[str, int] = {}
    stack: list[list] = []  # [anchor, expanded count]
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append([ev.anchor, 1])
                if len(stack) > MAX_DEPTH:
                    raise RulePackError(f"嵌套层级过深（超过 {MAX_DEPTH} 层）", where, line=ev.start_mark.line + 1)
                continue
            if isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, n = stack.pop()
                if anchor is not None:
                    size[anchor] = n
                add = n
            elif isinstance(ev, yaml.ScalarEvent):
                add = 1
                if ev.anchor is not None:
                    size[ev.anchor] = 1
            elif isinstance(ev, yaml.AliasEvent):
                if any(a == ev.anchor for a, _ in stack):
                    raise RulePackError(f"锚点“{excerpt(ev.anchor, 20)}”引用了自身（递归别名）", where,
                                        line=ev.start_mark.line + 1)
                add = size.get(ev.anchor, 1)
            else:
                continue
            if stack:
                stack[-1][1] += add
                if stack[-1][1] > MAX_NODES:
                    raise RulePackError(f"别名（*）展开后内容过大（超过 {MAX_NODES} 项）", where,
                                        line=ev.start_mark.line + 1, hint="规则文件中不要嵌套使用锚点和别名")
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, where) from None


def _check_nodes(root: Any, where: str) -> list[RulePackError]:
    """Scalar and key checks over the node graph (each node once): raise on a value nothing may hold;
    return duplicate keys (reported, reading goes on)."""
    out: list[RulePackError] = []
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            raise RulePackError(f"不支持的 YAML 标记“{excerpt(node.tag, 30)}”", where, line=line)
        if isinstance(node, yaml.ScalarNode):
            problem = _scalar_problem(node)
            if problem:
                raise RulePackError(problem, where, line=line)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for k, v in node.value:
                kline = k.start_mark.line + 1
                if k.tag == "tag:yaml.org,2002:merge":
                    todo.append(v)
                    continue
                if not isinstance(k, yaml.ScalarNode) or k.tag != _STR:
                    what = excerpt(k.value) if isinstance(k, yaml.ScalarNode) else "（列表或映射）"
                    raise RulePackError(f"字段名“{what}”应为文字（如 id、target 或规则 id）", where, line=kline,
                                        hint="数字、~、true 等作字段名时请加引号")
                if k.value in keys:
                    out.append(RulePackError(f"字段“{excerpt(k.value)}”重复出现（第 {keys[k.value]} 行已写过），后一个会覆盖前一个",
                                             where, line=kline, key=excerpt(k.value), hint="请删除其中一个"))
                else:
                    keys[k.value] = kline
                todo.append(k)
                todo.append(v)
    return out


def _scalar_problem(node: Any) -> Optional[str]:
    v = node.value
    if _has_surrogate(v):
        return "文字中含有无效字符（单独的代理码位 \\ud800–\\udfff）"
    if len(v) > MAX_STRING:
        return f"文字过长（{len(v)} 字，最多 {MAX_STRING} 字）"
    if node.tag in (_INT, _FLOAT) and ":" in v:
        return f"不支持六十进制数值“{excerpt(v, 20)}”（请加引号）"
    if node.tag == _INT:
        try:
            n = int(v.replace("_", ""), 8 if re.fullmatch(r"[-+]?0[0-7_]+", v) else 0)
        except ValueError:
            return f"数值“{excerpt(v, 20)}”无效"
        if abs(n) > MAX_INT:
            return f"数值 {excerpt(v, 20)} 过大"
    elif node.tag == _FLOAT:
        if v.lower().lstrip("+-") in (".nan", ".inf"):
            return f"数值“{excerpt(v, 20)}”无效（不能是 NaN 或无穷大）"
        try:
            f = float(v.replace("_", ""))
        except ValueError:
            return f"数值“{excerpt(v, 20)}”无效"
        if not math.isfinite(f):
            return f"数值“{excerpt(v, 20)}”无效（不能是 NaN 或无穷大）"
        if abs(f) > MAX_INT:
            return f"数值 {excerpt(v, 20)} 过大"
    return None


_SURROGATE = rx.compile("[\ud800-\udfff]")


def _has_surrogate(s: str) -> bool:
    return _SURROGATE.search(s) is not None


def _yaml_error(exc: yaml.YAMLError, text: str, where: str) -> RulePackError:
    mark = getattr(exc, "problem_mark", None)
    glued = _colon_without_space(text)
    if glued:  # "target:达到100%": the commonest slip, reported at its own line
        return RulePackError(f"冒号后缺少空格：应写成“{glued[1]}: …”", where, line=glued[0], key=glued[1],
                             hint="YAML 中字段名和值之间要有“冒号 + 空格”")
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    problem = _yaml_problem_zh(getattr(exc, "problem", None) or str(exc), at)
    if isinstance(exc, yaml.constructor.ConstructorError):
        problem = "不支持的 YAML 标记"
    return RulePackError(f"YAML 格式错误：{problem}", where, line=(mark.line + 1) if mark else None,
                         hint="检查缩进（用空格而不是 Tab）、冒号后的空格和引号是否成对")


_PROBLEMS_ZH = {
    "found character '\\t' that cannot start any token": "出现了 Tab 字符",
    "mapping values are not allowed": "此处不能出现“键: 值”（常见原因：冒号后缺空格或缩进不对）",
    "could not find expected ':'": "缺少冒号",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "expected <block end>, but found '-'": "列表项缩进不一致",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "expected <block end>": "缩进不一致（同一层级的字段要左对齐）",
    "did not find expected key": "缩进不一致（同一层级的字段要左对齐）",
    "did not find expected ',' or ']'": "方括号未闭合或缺少逗号",
    "did not find expected ',' or '}'": "花括号未闭合或缺少逗号",
    "found undefined alias": "引用了未定义的锚点",
    "exceeded maximum nesting depth": "嵌套层级过深",
    "expected alphabetic or numeric character": "“*”“&”“!”等符号不能放在开头（以 * 开头的说法请加双引号）",
}


def _yaml_problem_zh(problem: str, at: str) -> str:
    if "cannot start any token" in problem:
        return "出现了 Tab 字符" if at == "\t" else f"“{excerpt(at, 3)}”不能放在开头（以 @、` 等符号开头的说法请加双引号）"
    for en, zh in _PROBLEMS_ZH.items():
        if en in problem:
            return zh
    return excerpt(problem, 80)


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
                if getattr(k, "value", None) == key:
                    best = k.start_mark.line + 1
                    nxt = v
                    break
            if nxt is None:
                return best
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
            best = node.start_mark.line + 1
        else:
            return best
    return best
