"""metadata: the year a report covers, and whether it was published in time."""
from auditor.kinds import metadata
from helpers import audit_text


def _finding(text, rule_id):
    return next(f for f in audit_text(text).findings if f.rule_id == rule_id)


def test_covers_previous_year_met_and_not_met():
    f = _finding("某县2024年度法治政府建设情况报告\n一、主要举措和成效\n全年举办法治讲座3次。\n", "report_covers_prior_year")
    assert (f.status, f.value) == ("met", 2024)
    f = _finding("某县2023年度法治政府建设情况报告\n发布日期：2025年03月01日\n一、主要举措和成效\n讲座3次。\n",
                 "report_covers_prior_year")
    assert f.status == "not_met"


def test_published_by_deadline():
    head = "某县2023年度法治政府建设情况报告\n发布日期：{}\n一、主要举措和成效\n讲座3次。\n"
    assert _finding(head.format("2024年03月20日"), "publish_before_apr1").status == "met"
    assert _finding(head.format("2024年05月06日"), "publish_before_apr1").status == "not_met"
    f = _finding("某县2023年度法治政府建设情况报告\n一、主要举措和成效\n讲座3次。\n", "publish_before_apr1")
    assert f.status == "not_reported"


def test_validate_refuses_a_deadline_that_does_not_exist():
    assert metadata.validate({"deadline": "02-30"}, None)
    assert metadata.validate({"deadline": "13-01"}, None)
    assert metadata.validate({"deadline": "9" * 40 + "-01"}, None)  # too large for a date, not a crash
    assert not metadata.validate({"deadline": "03-31"}, None)
