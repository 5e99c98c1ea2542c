"""extract(): one entry of facts per rule (kinds do the reading), and the document's figures."""
from auditor.extract import extract
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.outline import build_outline
from helpers import report, ruleset


def test_facts_for_every_rule_and_all_figures():
    doc = document_from_raw("t.txt", RawText(text=report("全年举办法治专题讲座3次，出庭应诉率98%。"), format="txt"))
    rs = ruleset()
    facts = extract(doc, build_outline(doc), rs.rules)
    assert set(facts.by_indicator) == {r.id for r in rs.rules}
    assert [f.value for f in facts.for_indicator("legal_lectures")] == [3]
    assert [f.value for f in facts.for_indicator("court_appearance_rate")] == [98]
    assert [(q.value, q.unit) for q in facts.quantities] == [(3, "次"), (98, "%")]
    assert facts.for_indicator("part_achievements") == ()


def test_a_reading_past_the_time_budget_is_a_clear_input_error():
    import pytest

    from auditor.errors import AuditTimeout, InputError

    doc = document_from_raw("t.txt", RawText(text=report("全年举办法治专题讲座3次。"), format="txt"))
    with pytest.raises(AuditTimeout) as e:
        extract(doc, build_outline(doc), ruleset().rules, budget=-1)
    assert isinstance(e.value, InputError) and "秒" in str(e.value) and e.value.path == "t.txt"
