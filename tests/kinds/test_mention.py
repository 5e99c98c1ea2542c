"""mention: the report says a duty was carried out."""
from helpers import check


def test_met_and_not_reported():
    check("县政府制定年度重大行政决策事项目录，并在政府网站向社会公开。", [("major_decision_catalog", "met", "mentioned")])
    check("县政府制定年度重大行政决策事项目录。", [("major_decision_catalog", "not_reported")])


def test_all_terms_in_one_sentence():
    check("县政府制定年度重大行政决策事项目录。目录已向社会公开。", [("major_decision_catalog", "not_reported")])


def test_negated_is_not_a_mention():
    check("部分单位没有述法。", [("annual_law_report_duty", "not_reported")])
    check("组织12名部门主要负责人开展年度述法。", [("annual_law_report_duty", "met", "mentioned")])


def test_within_a_part():
    check("究其原因，主要是基层法治工作力量薄弱。", [("part_shortcomings_causes", "met")], part="shortcomings")
    check("究其原因，主要是基层法治工作力量薄弱。", [("part_shortcomings_causes", "not_reported")])
