"""Rule phrases: literal or with at most a few bounded gaps."""
import pytest

from auditor.grammar.aliases import MAX_GAPS, alias_problem, compile_alias


def test_gap_matches_within_a_clause_only():
    p = compile_alias("案卷*评查")
    assert p.search("开展行政执法案卷集中评查")
    assert not p.search("案卷归档,评查工作")  # report text is folded: ，-> ,


def test_ellipsis_is_a_gap_and_traditional_is_folded():
    assert compile_alias("復議…典型案例").search("发布复议工作典型案例")


@pytest.mark.parametrize("alias,ok", [
    ("出庭应诉率", True), ("执法*培训", True), ("复议*典型*案例", True),
    ("a*b*c*d", False), ("*", False), ("……", False), ("字" * 61, False),
])
def test_alias_problems(alias, ok):
    assert (alias_problem(alias) is None) == ok


def test_gap_limit_is_small():
    assert MAX_GAPS <= 3


def test_a_phrase_opening_with_a_one_character_verb_does_not_start_inside_a_word():
    p = compile_alias("作*专题培训")
    assert p.search("邀请法官为干部作“行政诉讼实务”专题培训")
    assert p.search("党校教授专题作《法治思想辅导》专题培训")
    assert not p.search("组织全体工作人员开展法治专题培训")
    assert not p.search("围绕执法系统操作规范开展专题培训")
