"""Numerals as reports write them, and their bounds."""
import pytest

from auditor.grammar.numerals import MAX_VALUE, cn_to_number, parse_number


@pytest.mark.parametrize("text,value", [
    ("九十", 90), ("两", 2), ("一百二十", 120), ("十五", 15), ("百", 100), ("三千零五", 3005), ("两万", 20000),
    ("九十五点五", 95.5), ("一亿", 1e8), ("〇", 0),
])
def test_chinese_numerals(text, value):
    assert cn_to_number(text) == value


@pytest.mark.parametrize("text,value", [("1,200", 1200), ("2.5万", 25000), ("5.51亿", 5.51e8), ("3千", 3000), ("7", 7)])
def test_arabic_with_multipliers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["一" + "亿" * 40, "9" * 400, "1" + "0" * 20, "十万亿亿", "九十五点五五五五五五五五五"])
def test_out_of_bounds_is_not_a_number(text):
    assert parse_number(text) is None


def test_bound_is_large_enough_for_budgets():
    assert parse_number("5000亿") == 5e11 and 5e11 <= MAX_VALUE


@pytest.mark.parametrize("text", ["", "点", "一点X", "好"])
def test_not_numerals(text):
    assert cn_to_number(text) is None
