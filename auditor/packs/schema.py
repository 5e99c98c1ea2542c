"""The rule-pack and waiver schemas (JSON Schema draft-07 in YAML) and their violations as Chinese messages.

Each message names the rule and the field, quotes at most a short excerpt of the value, and carries the line.
"""
from __future__ import annotations

import difflib
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from ..errors import RulePackError
from ..resources import remembering_dir
from .cache import code_stamp
from .source import Source, excerpt

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMA_PATH = SCHEMA_DIR / "rulepack.yaml"
WAIVER_SCHEMA_PATH = SCHEMA_DIR / "waivers.yaml"
_TYPE_ZH = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true 或 false", "array": "列表",
            "object": "键值映射", "null": "空"}
_ENUM_ZH = {"达标": "met", "未达标": "not_met", "未报告": "not_reported", "待核实": "review", "不适用": "waived",
            "比率": "metric", "次数": "count", "提及": "mention", "组成部分": "part"}
_MAX_ERRORS = 200


@lru_cache(maxsize=8)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=8)
def _schema_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- remembering valid files: a small list of digests in the user's cache folder ----------------------------
_CACHE_MAX = 400


def cache_file() -> Optional[Path]:
    """Where valid-file digests are kept; None when caching is off (AUDITOR_NO_CACHE=1)."""
    base = remembering_dir()
    return base / "valid-packs.txt" if base is not None else None


@lru_cache(maxsize=1)
def _valid_cache() -> list:
    f = cache_file()
    try:
        return f.read_text(encoding="ascii").split() if f else []
    except (OSError, UnicodeDecodeError):
        return []


def _remember_valid(key: str) -> None:
    """Best effort: a cache that cannot be written only costs time. The newest and the most recently used keys
    are kept (a key found in the older half moves to the end, so the packs in use are not pushed out)."""
    keys = _valid_cache()
    if key in keys:
        keys.remove(key)
    keys.append(key)
    del keys[:-_CACHE_MAX]
    f = cache_file()
    if f is None:
        return
    try:
        from ..atomic import write_bytes

        f.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(f, "\n".join(keys).encode("ascii"))
    except OSError:
        pass


@lru_cache(maxsize=8)
def _validator(path: Path):
    from jsonschema import Draft7Validator

    return Draft7Validator(load_schema(path))


def schema_errors(src: Source, schema: Optional[dict] = None,
                  path: Path = SCHEMA_PATH) -> list[tuple[tuple, RulePackError]]:
    """All schema violations of one file: (JSON path, Chinese error naming file, line, rule and field).

    A file found valid before (the same text under the same schema file and code, cache.code_stamp) is not
    validated again: jsonschema is not even imported."""
    key = None
    if schema is None and src.digest:
        key = hashlib.sha256(_schema_bytes(path) + b"\0" + src.digest.encode() + b"\0" + code_stamp().encode()).hexdigest()
        keys = _valid_cache()
        if key in keys:
            if keys.index(key) < len(keys) // 2:
                _remember_valid(key)
            return []
    if schema is not None:
        from jsonschema import Draft7Validator

        validator = Draft7Validator(schema)
    else:
        validator = _validator(path)
    out = _errors(src, validator)
    if key is not None and not out:
        _remember_valid(key)
    return out


def _errors(src: Source, validator) -> list[tuple[tuple, RulePackError]]:
    data = src.data
    out: list[RulePackError] = []
    seen = set()
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors[:_MAX_ERRORS]:
        leaf = _leaf(err)
        apath = list(leaf.absolute_path)
        key = next((str(p) for p in reversed(apath) if isinstance(p, str)), None)
        if "propertyNames" in leaf.absolute_schema_path and not _known_field(validator.schema, leaf.instance):
            continue  # an unknown field: additionalProperties reports it, with a suggestion
        msg, extra = _message(leaf, _kind_of(data, apath))
        if extra is not None:
            apath, key = apath + [extra], extra
        ident = (tuple(map(str, apath)), msg)
        if ident in seen:
            continue
        seen.add(ident)
        rule_id = _rule_id(data, apath)
        where = f"规则“{excerpt(rule_id)}”：" if rule_id else ""
        out.append((tuple(apath), RulePackError(where + msg, src.path, line=src.line(apath), key=key)))
    return out


def _known_field(schema: dict, name) -> bool:
    return name in schema.get("definitions", {}).get("rule", {}).get("properties", {})


def _leaf(err):
    """oneOf/anyOf/if-then produce nested errors; the most specific one is the one to report."""
    if not err.context:
        return err
    # the branch the value was meant for: not one that failed on its type alone
    fitting = [e for e in err.context if e.validator != "type"] or list(err.context)
    leaf = min(fitting, key=lambda e: (-len(e.absolute_path), e.validator != "additionalProperties"))
    if leaf.validator == "type" and err.validator == "oneOf":
        return err
    return _leaf(leaf) if leaf.context else leaf


def _rule_id(data: Any, apath: list) -> Optional[str]:
    if len(apath) >= 2 and apath[0] == "rules" and isinstance(data, dict) and isinstance(data.get("rules"), list):
        try:
            rid = data["rules"][apath[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
        return rid if isinstance(rid, str) else None
    return None


def _kind_of(data: Any, apath: list) -> Optional[str]:
    if len(apath) >= 2 and apath[0] == "rules":
        try:
            kind = data["rules"][apath[1]].get("kind")
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
        return kind if isinstance(kind, str) else None
    return None


def _message(err, kind: Optional[str]) -> tuple[str, Optional[str]]:
    """(Chinese message, the offending key to append to the path when the error is about a key)."""
    v = err.validator
    if "propertyNames" in err.absolute_schema_path:
        name = excerpt(err.instance)
        if kind:
            hint = "（有数值目标的请用 kind: metric 或 count）" if err.instance == "target" else ""
            return f"{kind} 规则不使用字段“{name}”，写了也不会生效{hint}", str(err.instance)
        return f"字段名“{name}”格式不对", str(err.instance)
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extras = [k for k in err.instance if k not in allowed]
        parts = []
        for k in extras[:5]:
            close = difflib.get_close_matches(str(k), allowed, n=1, cutoff=0.6)
            parts.append(f"未知字段“{excerpt(k)}”" + (f"（是否想写“{close[0]}”？）" if close else ""))
        msg = "；".join(parts) + "。允许的字段：" + "、".join(allowed)
        if any(re.search(r"[^\x00-\x7f]", str(k)) for k in extras):
            msg += "（例句或说法中的英文逗号“,”会把文字拆开，请改用中文逗号“，”，或给整句加英文双引号）"
        return msg, (str(extras[-1]) if extras else None)
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        return "缺少必填字段“" + "”“".join(missing) + "”", (missing[0] if missing else None)
    if v == "enum":
        hint = _ENUM_ZH.get(str(err.instance))
        hint = f"（“{excerpt(err.instance)}”请写 {hint}）" if hint in err.validator_value else ""
        return f"值“{excerpt(err.instance)}”不在允许范围内{hint}，可选：" + "、".join(map(str, err.validator_value)), None
    if v == "const":
        return f"值应为“{err.validator_value}”", None
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"值“{excerpt(err.instance)}”类型不对，应为" + "或".join(_TYPE_ZH.get(w, w) for w in want), None
    if v == "pattern":
        return f"值“{excerpt(err.instance)}”格式不对", None
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"值 {excerpt(err.instance)} 超出范围（{'最小' if 'inimum' in v else '最大'} {err.validator_value}）", None
    if v == "minLength":
        return "值不能为空", None
    if v == "maxLength":
        return f"文字过长（最多 {err.validator_value} 字）", None
    if v == "maxItems":
        return f"列表过长（最多 {err.validator_value} 项）", None
    if v == "minItems":
        return "列表不能为空", None
    if v == "oneOf":
        return f"值“{excerpt(err.instance)}”格式不对：目标应写成文字（如 不低于90%）、数字，或 {{op, value, unit}}", None
    if v == "anyOf" and all(isinstance(a, dict) and list(a) == ["required"] for a in err.validator_value):
        keys = [k for a in err.validator_value for k in a["required"]]
        return f"缺少必填字段：{kind or ''} 规则须有 " + " 或 ".join(keys), keys[0]
    return excerpt(err.message, 80), None
