"""Reading rule files: bounded YAML, line numbers, values no rule may hold, duplicate keys."""
import pytest

from auditor.errors import RulePackError
from auditor.packs.source import MAX_BYTES, excerpt, line_of, parse_source, read_source


def _bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text,words", [
    (_bomb(), "展开后内容过大"),
    ("a: &a [*a]\n", "引用了自身"),
    ("a: " + "[" * 60 + "]" * 60 + "\n", "嵌套层级过深"),
    ("weight: .nan\n", "NaN"),
    ("weight: -.inf\n", "NaN"),
    ("~: 1\n", "字段名“~”应为文字"),
    ("targets: {5: x}\n", "字段名“5”应为文字"),
    ("w: " + "9" * 400 + "\n", "过大"),
    ("w: 1.0e+400\n", "无穷大"),
    ("n: \"\\ud800\"\n", "YAML"),
    ("a: !!python/object:os.system x\n", "不支持的 YAML 标记"),
    ("s: 1:20:30\n", "六十进制"),
    ("a: [1, 2\n", "方括号未闭合"),
    ("a:\n\tb: 1\n", "Tab"),
])
def test_hostile_yaml_is_a_rule_pack_error(text, words):
    with pytest.raises(RulePackError) as e:
        parse_source(text, "x.yaml")
    assert words in str(e.value) and str(e.value).startswith("x.yaml")
    assert len(str(e.value)) < 400  # messages quote excerpts, never an expanded value


def test_dates_stay_text_and_keys_keep_lines():
    src = parse_source("pack: p\nsource:\n  issued: 2025-13-40\nrules:\n  - id: a\n    target: 至少1次\n", "x.yaml")
    assert src.data["source"]["issued"] == "2025-13-40"
    assert line_of(src.node, ["rules", 0, "target"]) == 6
    assert line_of(src.node, ["rules", 3]) == 4  # past the end: the nearest line


def test_duplicate_keys_are_reported_not_fatal():
    src = parse_source("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert src.data == {"a": 3, "b": 2}
    assert [(p.line, p.key) for p in src.problems] == [(3, "a")]


def test_reader_refuses_big_and_non_regular_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * (MAX_BYTES // 5 + 10))
    with pytest.raises(RulePackError, match="过大"):
        read_source(big)
    with pytest.raises(RulePackError, match="不是普通文件"):
        read_source(tmp_path)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("名称: 讲座\n".encode("gbk"))
    with pytest.raises(RulePackError, match="UTF-8"):
        read_source(gbk)


def test_excerpt_is_short_and_printable():
    assert excerpt("字" * 100).endswith("…") and len(excerpt("字" * 100)) == 41
    assert excerpt({"a": [1] * 1000}) == "（键值映射）"
    excerpt("\ud800x").encode("utf-8")
