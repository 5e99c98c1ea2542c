"""metric: a rate against its target; derived rates (ratio, complement, zero in words); review cases."""
from helpers import check, finding


def test_met_and_not_met():
    check("全年行政机关负责人出庭应诉率达到95.5%。", [("court_appearance_rate", "met", 95.5)])
    check("经行政复议后被提起行政诉讼的案件比例为35%。", [("suit_after_reconsideration_ratio", "not_met", 35)])


def test_not_reported_and_mentioned_without_rate():
    check("全年办理行政诉讼案件。", [("court_appearance_rate", "not_reported")])
    f = finding("高度重视出庭应诉率。", "court_appearance_rate")
    assert f.status == "not_reported" and f.evidence


def test_implied_rate_is_derived():
    f = finding("全年排查矛盾纠纷1200件，化解1188件。", "dispute_resolution_rate")
    assert f.derived and abs(f.value - 99.0) < 0.01


def test_complement_rate_is_derived():
    f = finding("经复议后被提起诉讼的案件共5件，行政机关胜诉率为80%。", "loss_rate_after_reconsideration")
    assert f.derived and abs(f.value - 20) < 0.01 and f.status == "not_met"


def test_zero_in_words():
    check("经行政复议后起诉的案件9件，行政机关无败诉案件。", [("loss_rate_after_reconsideration", "met", 0)])


def test_two_possible_bases_is_review():
    f = finding("全年受理行政复议案件40件，审结32件，复议后提起行政诉讼的10件。", "suit_after_reconsideration_ratio")
    assert f.status == "review" and f.derived
    assert abs(f.value - 25.0) < 0.01 and abs(f.alternatives[0] - 31.25) < 0.01


def test_rate_from_numerator_and_denominator():
    f = finding("全年开庭审理行政诉讼案件45件，行政机关负责人出庭应诉42件。", "court_appearance_rate")
    assert f.derived and abs(f.value - 93.33) < 0.01 and f.status == "met"


def test_stated_share_wins_over_derivation():
    check("经行政复议后起诉的案件11件，占审结案件的22.4%。", [("suit_after_reconsideration_ratio", "met", 22.4)])


def test_subset_rate_needs_review():
    f = finding("对涉及重大公共利益的案件，负责人出庭率达到100%。", "court_appearance_rate")
    assert f.value == 100 and f.status == "review"


def test_two_values_need_review():
    f = finding("行政机关负责人出庭应诉率为92%。区直部门负责人出庭应诉率为85%。", "court_appearance_rate")
    assert f.status == "review" and f.value == 92


def test_relative_target():
    check("行政复议纠错率为18%，同期行政诉讼一审纠错率为9%。", [("reconsideration_correction_rate", "met", 18)])
    check("行政复议纠错率为6%，同期行政诉讼一审纠错率为9%。", [("reconsideration_correction_rate", "not_met", 6)])
    check("行政复议纠错率为6%。", [("reconsideration_correction_rate", "review", 6)])


def test_exclusions():
    check("全县政务服务事项进厅率95.61%。", [("online_service_rate", "not_reported")])
