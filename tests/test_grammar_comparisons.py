"""One comparison vocabulary."""
from auditor.grammar import comparisons


def test_longest_word_wins():
    assert comparisons.op_of(comparisons.find_op("不低于90%").group(0)) == ">="
    assert comparisons.op_of(comparisons.find_op("低于30%").group(0)) == "<"
    assert comparisons.op_of(comparisons.find_op("不超过5%").group(0)) == "<="
    assert comparisons.op_of(comparisons.find_op("超过5%").group(0)) == ">"


def test_every_operator_has_a_word():
    assert set(comparisons.OP_WORDS) == {op for _, op in comparisons.OPERATORS}


def test_bound_words_are_words():
    assert "不低于" in comparisons.BOUND_WORDS and ">=" not in comparisons.BOUND_WORDS
