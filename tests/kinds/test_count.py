"""count: how many times something was held, against its target."""
from helpers import check, finding


def test_met_and_not_met():
    check("全年举办法治专题讲座3次。", [("legal_lectures", "met", 3)])
    check("举办1期法治专题讲座。", [("legal_lectures", "not_met", 1)])


def test_mentioned_without_a_count():
    check("到各社区开展法治专题讲座。", [("legal_lectures", "review", "mentioned")])
    check("对全乡21名行政执法人员开展行政处罚法培训。", [("enforcement_training", "met", "mentioned")])
    check("选派5名执法业务骨干参加市级执法规范化专题培训。", [("enforcement_training", "met", "mentioned")])
    check("组织业务骨干参加政务服务专题培训。", [("enforcement_training", "not_reported")])


def test_counts_before_and_after_the_alias():
    check("县政府全年举办3次法治专题讲座。", [("legal_lectures", "met", 3)])
    check("领导班子法治专题讲座共举办两场。", [("legal_lectures", "met", 2)])
    check("组织国家工作人员学法用法考试6次。", [("law_exams", "met", 6)])
    check("组织国家工作人员学法用法考试三次。", [("law_exams", "not_met", 3)])


def test_session_units():
    check("全年举办法治专题讲座4场次。", [("legal_lectures", "met", 4)])
    check("举办“法治大讲堂”4期。", [("legal_lectures", "met", 4)])


def test_count_inside_a_name_read_across_a_gap():
    check("完成四类案卷2轮次全覆盖评查。", [("case_file_review", "met", 2)])
    check("对行政执法案卷开展3次集中评查。", [("case_file_review", "met", 3)])
    f = finding("组织执法案卷、法律文书等5类材料评查。", "case_file_review")
    assert f.value == "mentioned"  # a count of kinds of material in a list, not of reviews


def test_count_of_files_is_not_a_count_of_reviews():
    f = finding("随机抽取执法案卷评查85卷。", "case_file_review")
    assert f.value == "mentioned" and f.status == "met"
    check("全年开展行政执法案卷评查3轮，评查案卷200余卷。", [("case_file_review", "met", 3)])


def test_head_counts_are_not_exam_counts():
    check("组织全县182名领导干部参加学法用法考试，参考率100%。", [("law_exams", "review", "mentioned")])


def test_exclusions_and_negation():
    check("组织新录用人员参加行政执法资格考试。", [("law_exams", "not_reported")])
    check("没有案卷评查。", [("case_file_review", "not_reported")])


def test_shortcomings_do_not_count_as_done():
    f = finding("部分单位未开展行政执法案卷评查。", "case_file_review", part="shortcomings")
    assert f.status == "not_reported"
    f = finding("开展行政执法案卷评查2次，但质量不高。", "case_file_review", part="shortcomings")
    assert f.status == "not_reported"
