"""Target phrases as work plans write them."""
import pytest

from auditor.grammar.targets import TargetError, compare, parse_target


@pytest.mark.parametrize("text,op,value,unit", [
    ("不低于90%", ">=", 90, "%"), ("低于30%", "<", 30, "%"), ("至少2次", ">=", 2, "次"), ("达到90%以上", ">=", 90, "%"),
    ("不少于5次", ">=", 5, "次"), (">= 90%", ">=", 90, "%"), ("≥90%", ">=", 90, "%"), ("每年发布1次", ">=", 1, "次"),
    ("年内至少举办2次以上", ">=", 2, "次"), ("至少…1次", ">=", 1, "次"), ("低于百分之十", "<", 10, "%"),
    ("不超过5%", "<=", 5, "%"), ("100%", ">=", 100, "%"), ("至少2堂", ">=", 2, "堂"), ("至少3起", ">=", 3, "起"),
    ("不少于2宗", ">=", 2, "宗"), ("控制在30%以内", "<=", 30, "%"), ("每年至少举办4场次", ">=", 4, "场"),
    ("不少于40学时", ">=", 40, "学时"), ("10%以下", "<=", 10, "%"), ("高于85%", ">", 85, "%"),
])
def test_target_phrases(text, op, value, unit):
    t = parse_target(text)
    assert (t.op, t.value, t.unit) == (op, value, unit)


@pytest.mark.parametrize("bad", ["不低于", "很多次", "不低于9O%", "90%左右吧"])
def test_bad_target_phrases(bad):
    with pytest.raises(TargetError):
        parse_target(bad)


@pytest.mark.parametrize("raw", [{"op": ">"}, {"op": "~", "value": 3}, {"op": ">=", "value": float("nan")},
                                 {"op": ">=", "value": 1e300}, float("inf"), "不低于" + "9" * 400 + "%", "字" * 200])
def test_bad_targets_are_target_errors(raw):
    with pytest.raises(TargetError):
        parse_target(raw)


def test_mapping_targets():
    t = parse_target({"op": ">", "relative_to": "litigation_correction_rate"})
    assert t.relative_to == "litigation_correction_rate" and t.value is None and t.text.startswith("高于")
    t = parse_target({"op": "<", "value": 30}, default_unit="%")
    assert (t.op, t.value, t.unit, t.text) == ("<", 30, "%", "低于30%")


def test_compare():
    t = parse_target("不低于90%")
    assert compare(90, t) and not compare(89.99, t)
    assert compare(3, parse_target("至少2堂"))
    assert not compare(12, parse_target("低于10%"))
