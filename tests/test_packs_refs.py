"""extends resolves only inside the rules folders; errors name the reference, never a foreign file's content."""
import os

import pytest

from auditor.errors import RulePackError
from auditor.packs import load_rules
from auditor.packs.refs import ref_problem, resolve_ref

SECRET = "top-secret-value-42"


def pack(tmp_path, extends, name="pack.yaml"):
    p = tmp_path / name
    p.write_text(f"pack: test/x\ntitle: 测试规则包\nextends: [{extends}]\n", encoding="utf-8")
    return p


@pytest.fixture
def foreign(tmp_path_factory):
    d = tmp_path_factory.mktemp("outside")
    f = d / "secret.yaml"
    f.write_text(f"password: {SECRET}\nrules: {SECRET}\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("ref,words", [
    ("/etc/passwd", "绝对路径"), ("../../../../etc/passwd", "“..”"), ("national/../../../x", "“..”"),
    ("C:/Windows/x.yaml", "绝对路径"), ("~/x.yaml", "绝对路径"), ("x" * 300, "无效"),
])
def test_refused_before_any_file_is_looked_at(tmp_path, ref, words):
    p = pack(tmp_path, f'"{ref}"')
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert words in str(e.value) and "pack.yaml:3" in str(e.value) and e.value.key == "extends"
    assert ref_problem(ref)


def test_absolute_path_to_a_real_foreign_pack_is_refused(tmp_path, foreign):
    p = pack(tmp_path, f'"{foreign}"')
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert SECRET not in str(e.value)


def test_symlink_out_of_the_folder_is_refused_unread(tmp_path, foreign):
    os.symlink(foreign, tmp_path / "link.yaml")
    p = pack(tmp_path, "./link.yaml")
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "规则目录之外" in str(e.value) and SECRET not in str(e.value)


def test_relative_and_named_references_resolve(tmp_path):
    (tmp_path / "base.yaml").write_text("pack: test/base\ntitle: 基础规则包\nextends: [qinghai/huzhu-2024]\n",
                                        encoding="utf-8")
    p = pack(tmp_path, "./base.yaml")
    rs = load_rules([str(p)])
    assert rs.get("court_appearance_rate") is not None
    assert [x.id for x in rs.packs][-2:] == ["test/base", "test/x"]


def test_long_chains_are_bounded(tmp_path):
    for i in range(40):
        (tmp_path / f"p{i}.yaml").write_text(f"pack: test/p{i}\ntitle: 规则包{i}\nextends: [./p{i + 1}.yaml]\n",
                                             encoding="utf-8")
    (tmp_path / "p40.yaml").write_text("pack: test/p40\ntitle: 规则包40\n", encoding="utf-8")
    with pytest.raises(RulePackError) as e:
        load_rules([str(tmp_path / "p0.yaml")])
    assert "继承层级过深" in str(e.value)


def test_many_extends_in_one_pack(tmp_path):
    refs = ", ".join(["national/annual-report"] * 1200)
    p = pack(tmp_path, refs)
    with pytest.raises(RulePackError) as e:
        load_rules([str(p)])
    assert "extends" in str(e.value) and "列表过长" in str(e.value)


def test_missing_name_is_named(tmp_path):
    with pytest.raises(RulePackError) as e:
        resolve_ref("national/nothing", tmp_path / "p.yaml")
    assert "national/nothing" in str(e.value)
