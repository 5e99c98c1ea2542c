"""The figure grammar: each form with sentences of its own, and linear cost on hostile text."""
import pytest

from auditor.fold import fold
from auditor.grammar.quantities import find_quantities


@pytest.mark.parametrize("text,value,unit,approx", [
    ("出庭率为95.61%", 95.61, "%", False),
    ("达到百分之九十", 90, "%", False),
    ("百分之九十五点五", 95.5, "%", False),
    ("占百分之12.5", 12.5, "%", False),
    ("举办三次", 3, "次", False),
    ("开展两场", 2, "场", False),
    ("开展120余次", 120, "次", True),
    ("发放1万余份", 10000, "份", True),
    ("培训两万余人", 20000, "人", True),
    ("覆盖2.5万人", 25000, "人", False),
    ("投入5.51亿元", 551000000, "元", False),
    ("投入3万元", 30000, "元", False),
    ("开展近百场", 100, "场", True),
    ("约30期", 30, "期", True),
    ("开展十余次", 10, "次", True),
    ("培训３次", 3, "次", False),
    ("比率９５％", 95, "%", False),
    ("千分之", None, None, None),
    ("不良率3‰", 0.3, "%", False),
    ("共1,200件", 1200, "件", False),
    ("上升5个百分点", 5, "个百分点", False),
    ("讲授法治课2堂", 2, "堂", False),
    ("查处违法案件3起", 3, "起", False),
])
def test_quantity_forms(text, value, unit, approx):
    qs = list(find_quantities(fold(text)[0]))
    if value is None:
        assert not qs
        return
    assert qs, text
    q = qs[-1]
    assert abs(q.value - value) < 1e-6 and q.unit == unit and q.approx == approx


def test_span_covers_the_figure():
    text = "共举办讲座12场，参加人员300余人。"
    qs = list(find_quantities(text))
    assert [text[q.start:q.end] for q in qs] == ["12场", "300余人"]


def test_ordinals_years_and_bare_multipliers_are_not_counts():
    qs = list(find_quantities("召开第三次全体会议，2024年工作，万余人参加"))
    assert all(q.unit != "次" for q in qs)
    assert not any(q.unit == "年" for q in qs)
    assert not any(q.unit == "人" for q in qs)


def test_numbers_are_bounded():
    assert not list(find_quantities("一" + "亿" * 40 + "次"))
    assert not list(find_quantities("9" * 400 + "%"))
    assert [q.value for q in find_quantities("9" * 400 + "%，出庭率98%")] == [98]


def test_runs_without_units_are_read_once():
    # a run of 亿 or of numerals without a unit yields nothing (and is not rescanned from each position)
    assert not list(find_quantities("亿" * 5000))
    assert not list(find_quantities("一二三四五六七八九十" * 500))
    assert len(list(find_quantities("3次" * 2000))) == 2000
