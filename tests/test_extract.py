"""Each extraction form with sentences of its own (not only the seeds)."""
import pytest

from auditor.extract import find_quantities
from auditor.fold import fold
from helpers import check, finding


@pytest.mark.parametrize("text,value,unit,approx", [
    ("出庭率为95.61%", 95.61, "%", False),
    ("达到百分之九十", 90, "%", False),
    ("百分之九十五点五", 95.5, "%", False),
    ("举办三次", 3, "次", False),
    ("开展两场", 2, "场", False),
    ("开展120余次", 120, "次", True),
    ("发放1万余份", 10000, "份", True),
    ("覆盖2.5万人", 25000, "人", False),
    ("投入5.51亿元", 551000000, "元", False),
    ("开展近百场", 100, "场", True),
    ("开展十余次", 10, "次", True),
    ("培训３次", 3, "次", False),
    ("比率９５％", 95, "%", False),
])
def test_quantity_forms(text, value, unit, approx):
    qs = list(find_quantities(fold(text)[0]))
    assert qs, text
    q = qs[-1]
    assert abs(q.value - value) < 1e-6 and q.unit == unit and q.approx == approx


def test_ordinals_and_years_are_not_counts():
    qs = list(find_quantities("召开第三次全体会议，2024年工作"))
    assert all(q.unit != "次" for q in qs)
    assert not any(q.unit == "年" for q in qs)


def test_rate_after_alias():
    check("全县行政机关负责人出庭应诉率达到96.3%。", [("court_appearance_rate", "met", 96.3)])
    check("行政机关负责人出庭应诉率仅为72%。", [("court_appearance_rate", "not_met", 72)])


def test_rate_written_in_chinese():
    check("行政机关负责人出庭应诉率达到百分之九十五。", [("court_appearance_rate", "met", 95)])


def test_traditional_characters_match_and_quote_keeps_original():
    f = finding("行政機關負責人出庭應訴率達到98%。", "court_appearance_rate")
    assert f.status == "met" and f.value == 98
    assert "機關" in f.evidence[0].quote


def test_shared_value_for_several_indicators():
    check("复议后被诉的8件案件中，行政机关负责人出庭应诉率、案件胜诉率均为100%。",
          [("court_appearance_rate", "met", 100), ("loss_rate_after_reconsideration", "met", 0)])


def test_respectively_maps_by_position():
    check("行政机关负责人出庭应诉率和参加行政复议听证率分别为92%、88%。",
          [("court_appearance_rate", "met", 92), ("reconsideration_hearing_rate", "not_met", 88)])


def test_implied_rate_is_derived():
    f = finding("全年排查矛盾纠纷1200件，化解1188件。", "dispute_resolution_rate")
    assert f.derived and abs(f.value - 99.0) < 0.01


def test_complement_rate_is_derived():
    f = finding("经复议后被提起诉讼的案件共5件，行政机关胜诉率为80%。", "loss_rate_after_reconsideration")
    assert f.derived and abs(f.value - 20) < 0.01 and f.status == "not_met"


def test_two_possible_bases_is_review():
    f = finding("全年受理行政复议案件40件，审结32件，复议后提起行政诉讼的10件。", "suit_after_reconsideration_ratio")
    assert f.status == "review" and f.derived
    assert abs(f.value - 25.0) < 0.01 and abs(f.alternatives[0] - 31.25) < 0.01


def test_target_beside_result_is_not_the_result():
    f = finding("行政机关负责人出庭应诉率达到93.5%，达到上级要求的90%以上的目标。", "court_appearance_rate")
    assert f.value == 93.5 and f.status == "met"
    f = finding("确保行政机关负责人出庭应诉率不低于90%。", "court_appearance_rate")
    assert f.value is None and f.status == "not_reported"


def test_change_is_not_a_level():
    f = finding("行政机关负责人出庭应诉率同比提高15%。", "court_appearance_rate")
    assert f.value is None and f.status == "not_reported"


def test_plan_figures_are_not_results():
    f = finding("2025年行政机关负责人出庭应诉率达到100%，举办法治专题讲座4次。", "court_appearance_rate", part="next_year")
    assert f.status == "not_reported" and f.value is None
    f = finding("举办法治专题讲座4次。", "legal_lectures", part="next_year")
    assert f.status == "not_reported"


def test_counts_before_and_after_the_alias():
    check("县政府全年举办3次法治专题讲座。", [("legal_lectures", "met", 3)])
    check("领导班子法治专题讲座共举办两场。", [("legal_lectures", "met", 2)])
    check("组织国家工作人员学法用法考试6次。", [("law_exams", "met", 6)])
    check("组织国家工作人员学法用法考试三次。", [("law_exams", "not_met", 3)])


def test_count_shared_by_a_list_is_only_a_mention():
    f = finding("开展法治讲座、法律咨询等活动40余场。", "legal_lectures")
    assert f.value == "mentioned" and f.status == "review"


def test_count_of_files_is_not_a_count_of_reviews():
    f = finding("随机抽取执法案卷评查85卷。", "case_file_review")
    assert f.value == "mentioned" and f.status == "met"


def test_mention_needs_all_terms_in_one_sentence():
    check("县政府制定年度重大行政决策事项目录，并在政府网站向社会公开。", [("major_decision_catalog", "met", "mentioned")])
    check("县政府制定年度重大行政决策事项目录。", [("major_decision_catalog", "not_reported")])


def test_exclusions():
    check("组织新录用人员参加行政执法资格考试。", [("law_exams", "not_reported")])
    check("全县政务服务事项进厅率95.61%。", [("online_service_rate", "not_reported")])


def test_subset_rate_needs_review():
    f = finding("对涉及重大公共利益的案件，负责人出庭率达到100%。", "court_appearance_rate")
    assert f.value == 100 and f.status == "review"


def test_relative_target():
    check("行政复议纠错率为18%，同期行政诉讼一审纠错率为9%。", [("reconsideration_correction_rate", "met", 18)])
    check("行政复议纠错率为6%，同期行政诉讼一审纠错率为9%。", [("reconsideration_correction_rate", "not_met", 6)])
    check("行政复议纠错率为6%。", [("reconsideration_correction_rate", "review", 6)])


def test_shortcomings_do_not_count_as_done():
    f = finding("部分单位未开展行政执法案卷评查。", "case_file_review", part="shortcomings")
    assert f.status == "not_reported"


def test_evidence_offsets_quote_the_original():
    from helpers import audit_text, report
    audit = audit_text(report("全年行政機關負責人出庭應訴率達到96%。"))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    e = f.evidence[0]
    assert audit.document.original[e.start:e.end] == e.quote
    hs, he = e.highlight
    assert e.quote[hs:he] == "96%"


def test_plan_sentences_outside_the_plan_part():
    f = finding("下一步，力争行政机关负责人出庭应诉率达到100%。", "court_appearance_rate")
    assert f.status == "not_reported"


def test_rate_from_numerator_and_denominator():
    f = finding("全年开庭审理行政诉讼案件45件，行政机关负责人出庭应诉42件。", "court_appearance_rate")
    assert f.derived and abs(f.value - 93.33) < 0.01 and f.status == "met"


def test_session_units():
    check("全年举办法治专题讲座4场次。", [("legal_lectures", "met", 4)])
    check("举办“法治大讲堂”4期。", [("legal_lectures", "met", 4)])


def test_level_after_a_change():
    check("全县行政机关负责人出庭应诉率从2022年的85%提升至97%。", [("court_appearance_rate", "met", 97)])
    check("行政机关负责人出庭应诉率同比上升5个百分点，达到98%。", [("court_appearance_rate", "met", 98)])
    check("行政机关负责人出庭应诉率达到98%，同比提高5个百分点。", [("court_appearance_rate", "met", 98)])


def test_more_everyday_forms():
    check("行政機關負責人出庭應訴率達到百分之百。", [("court_appearance_rate", "met", 100)])
    check("全年开展行政执法案卷评查3轮，评查案卷200余卷。", [("case_file_review", "met", 3)])
    check("组织全县182名领导干部参加学法用法考试，参考率100%。", [("law_exams", "review", "mentioned")])
    check("出庭应诉率达100%，出庭出声率90%。", [("court_appearance_rate", "met", 100)])
    check("行政诉讼一审败诉率为5.6%。", [("loss_rate_after_reconsideration", "not_reported")])
