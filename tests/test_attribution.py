"""Which figure belongs to a rate's name: after it in the clause, shared by a list, by position, past a change."""
from helpers import check, finding


def test_rate_after_alias():
    check("全县行政机关负责人出庭应诉率达到96.3%。", [("court_appearance_rate", "met", 96.3)])
    check("行政机关负责人出庭应诉率仅为72%。", [("court_appearance_rate", "not_met", 72)])


def test_rate_written_in_chinese():
    check("行政机关负责人出庭应诉率达到百分之九十五。", [("court_appearance_rate", "met", 95)])
    check("行政機關負責人出庭應訴率達到百分之百。", [("court_appearance_rate", "met", 100)])


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


def test_target_beside_result_is_not_the_result():
    f = finding("行政机关负责人出庭应诉率达到93.5%，达到上级要求的90%以上的目标。", "court_appearance_rate")
    assert f.value == 93.5 and f.status == "met"
    f = finding("确保行政机关负责人出庭应诉率不低于90%。", "court_appearance_rate")
    assert f.value is None and f.status == "not_reported"


def test_change_is_not_a_level():
    f = finding("行政机关负责人出庭应诉率同比提高15%。", "court_appearance_rate")
    assert f.value is None and f.status == "not_reported"


def test_level_after_a_change():
    check("全县行政机关负责人出庭应诉率从2022年的85%提升至97%。", [("court_appearance_rate", "met", 97)])
    check("行政机关负责人出庭应诉率同比上升5个百分点，达到98%。", [("court_appearance_rate", "met", 98)])
    check("行政机关负责人出庭应诉率达到98%，同比提高5个百分点。", [("court_appearance_rate", "met", 98)])


def test_neighbouring_rate_is_not_taken():
    check("出庭应诉率达100%，出庭出声率90%。", [("court_appearance_rate", "met", 100)])
    check("行政诉讼一审败诉率为5.6%。", [("loss_rate_after_reconsideration", "not_reported")])


def test_count_shared_by_a_list_is_only_a_mention():
    f = finding("开展法治讲座、法律咨询等活动40余场。", "legal_lectures")
    assert f.value == "mentioned" and f.status == "review"
