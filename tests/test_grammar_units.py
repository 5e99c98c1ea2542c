"""One unit vocabulary for reports and targets."""
from auditor.grammar import units
from auditor.grammar.quantities import find_quantities
from auditor.grammar.targets import parse_target


def test_synonyms_normalise():
    assert units.normal("场次") == "场" and units.normal("期次") == "期" and units.normal("次") == "次"


def test_every_count_unit_reads_in_reports_and_in_targets():
    for unit in units.COUNT_UNITS:
        qs = list(find_quantities(f"开展3{unit}。"))
        assert qs and qs[0].unit == unit and qs[0].value == 3, unit
        t = parse_target(f"至少2{unit}")
        assert (t.op, t.value, t.unit) == (">=", 2, unit), unit


def test_longest_unit_wins():
    assert [q.unit for q in find_quantities("培训1200人次")] == ["人次"]
    assert [q.unit for q in find_quantities("举办4场次")] == ["场"]


def test_event_and_case_units():
    assert {"堂", "课", "场", "期"} <= set(units.EVENT_UNITS)
    assert {"起", "宗", "件"} <= set(units.CASE_UNITS)
