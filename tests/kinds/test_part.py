"""part: present as a part of its own, partial inside another part, or absent."""
from helpers import audit_text, check


def test_present_partial_absent():
    check("全年办理行政复议案件23件。", [("part_achievements", "met", "present")])
    check("全年举办法治讲座3次，存在的问题主要是基层力量薄弱。", [("part_shortcomings", "review", "partial")])
    check("全年举办法治讲座3次。", [("part_next_year", "not_met", "absent")])


def test_informational_part_is_not_reported_when_absent():
    check("全年举办法治讲座3次。", [("part_other", "not_reported", "absent")])


def test_evidence_quotes_the_heading():
    audit = audit_text("某县2024年度法治政府建设情况报告\n一、存在的不足和原因\n基层力量薄弱。\n")
    f = next(x for x in audit.findings if x.rule_id == "part_shortcomings")
    assert f.status == "met" and f.evidence[0].quote == "一、存在的不足和原因"
