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


# --- classes of wording read from the national catalog (sentences written for these tests) -------------

from helpers import audit_text, report  # noqa: E402


def _district(body: str, rule_id: str):
    audit = audit_text(report(body, title="某某区2024年度法治政府建设情况报告"))
    return next(f for f in audit.findings if f.rule_id == rule_id)


def test_rate_names_in_any_order():
    check("全县行政机关负责人应诉出庭率为96%。", [("court_appearance_rate", "met", 96)])
    check("各部门负责人出庭比例达95%。", [("court_appearance_rate", "met", 95)])
    check("出庭应诉案件胜诉率为80%。", [("court_appearance_rate", "not_reported")])


def test_a_wider_jurisdictions_figure_is_not_ours():
    f = _district("全市行政机关负责人出庭应诉率为85.3%，本区为97%。", "court_appearance_rate")
    assert (f.status, f.value) == ("met", 97)
    f = _district("全市行政机关负责人出庭应诉率为85.3%。", "court_appearance_rate")
    assert f.status == "not_reported" and f.value is None
    city = audit_text(report("全市行政机关负责人出庭应诉率为85.3%。", title="某某市2024年度法治政府建设情况报告"))
    assert next(x for x in city.findings if x.rule_id == "court_appearance_rate").value == 85.3


def test_an_average_named_for_comparison_is_not_a_result():
    check("行政机关负责人出庭应诉率为95%，高于全省平均水平（88%）。", [("court_appearance_rate", "met", 95)])
    check("行政机关负责人出庭应诉率高于全省平均水平（88%）。", [("court_appearance_rate", "not_reported")])


def test_a_threshold_not_reached_is_no_value():
    check("行政机关负责人出庭应诉率尚未达到90%。", [("court_appearance_rate", "not_reported")])
    check("部分单位负责人出庭应诉率不足80%。", [("court_appearance_rate", "not_reported")])


def test_every_case_said_as_a_double_negation_is_100_with_review():
    f = finding("全年没有一起行政诉讼案件行政机关负责人不出庭。", "court_appearance_rate")
    assert (f.status, f.value, f.derived) == ("review", 100, True)


def test_zero_in_words_after_the_name():
    check("经行政复议后被诉的案件中，行政机关败诉率为零。", [("loss_rate_after_reconsideration", "met", 0)])


def test_plans_anywhere_are_not_results():
    check("计划举办法治专题讲座3次。", [("legal_lectures", "not_reported")])
    check("2025年我县将继续努力，力争行政机关负责人出庭应诉率达到95%。", [("court_appearance_rate", "not_reported")])


def test_a_count_for_the_public_needs_review():
    f = finding("为辖区中小学生举办法治讲座3场。", "legal_lectures")
    assert (f.status, f.value) == ("review", 3)


def test_near_forms_are_taken_with_review_and_party_doctrine_is_not():
    f = finding("邀请法学专家为县政府领导班子授课2次。", "legal_lectures")
    assert (f.status, f.value) == ("review", 2)
    check("组织宣讲团深入机关宣讲党的二十大精神5场。", [("legal_lectures", "not_reported")])
    check("坚持理论与实务共同宣讲。", [("legal_lectures", "not_reported")])
    check("举办依法行政专题培训班2期。", [("legal_lectures", "not_reported")])


def test_a_means_of_study_is_not_an_event_held():
    check("通过集体学法、学法考试等手段，不断提高干部法治素养。", [("law_exams", "not_reported")])
    f = finding("通过组织会前学法、专题法治讲座等形式，强化领导干部学法。", "legal_lectures")
    assert (f.status, f.value) == ("review", "mentioned")


def test_qualification_exams_and_contests_are_not_law_exams():
    check("组织新招录人员参加执法证件申领考试。", [("law_exams", "not_reported")])
    check("开展宪法知识竞赛。", [("law_exams", "not_reported")])


def test_neighbouring_rates_are_never_taken():
    check("依申请事项全程网办率达到90%。", [("online_service_rate", "not_reported")])
    check("12345热线诉求办结率、满意率均为100%。", [("proposal_completion_rate", "not_reported")])
    check("检察建议、司法建议等“三书”按期办复率100%。", [("proposal_completion_rate", "not_reported")])
    check("全县行政应诉败诉率为12.5%。", [("loss_rate_after_reconsideration", "not_reported")])


def test_a_figure_before_the_name():
    check("县级政务服务事项100%“网上可办”。", [("online_service_rate", "met", 100)])


def test_a_count_shared_with_an_activity_joined_before():
    f = finding("开展全员法治培训和行政执法人员专项培训4次。", "enforcement_training")
    assert (f.status, f.value) == ("met", "mentioned")


def test_an_aside_between_label_and_count():
    f = finding("行政复议直接纠正（含撤销、变更）违法行政行为12件，占比6.3%。", "reconsideration_correction_rate")
    assert f.value == 6.3


def test_count_and_rate_of_one_indicator():
    f = finding("全年开庭审理的行政案件中负责人出庭应诉36件，出庭应诉率94.7%。", "court_appearance_rate")
    assert (f.value, f.derived) == (94.7, False)


def test_key_terms_apart_with_a_title_between():
    check("对全镇行政执法人员开展《行政处罚法》专题培训2次。", [("enforcement_training", "met", 2)])
    check("组织“强化执法能力建设”专题培训班，提升领导干部依法行政能力。", [("enforcement_training", "not_reported")])


def test_a_bare_near_form_in_a_point_about_party_doctrine_is_not_taken():
    # the point's first sentence sets the topic; a bare 宣讲 in it is doctrine, one with a subject of its own is not
    check("三是深化理论武装。组织学习党的二十届三中全会精神。班子成员深入村组进行宣讲3场。", [("legal_lectures", "not_reported")])
    f = finding("三是深化理论武装。组织学习党的二十届三中全会精神。邀请律师开展法治宣讲3场。", "legal_lectures")
    assert (f.status, f.value) == ("review", 3)
    f = finding("一是深化理论武装。学习党的二十大精神6次。二是落实学法制度。邀请专家授课2次。", "legal_lectures")
    assert (f.status, f.value) == ("review", 2)  # a new point, a new topic


def test_a_near_form_beside_a_doctrine_campaign_is_not_a_lecture():
    check("结合主题教育开展基层宣讲2场，覆盖机关干部200余人次。", [("legal_lectures", "not_reported")])


def test_a_near_form_named_for_the_law_is_taken_beside_doctrine_in_its_sentence():
    # the talk's own quoted name is about the law: the 二十大 studied before it in the sentence does not decide
    f = finding("学习贯彻党的二十大精神和宪法，开展“宪法进机关”宣讲活动2场，覆盖干部300人次。", "legal_lectures")
    assert (f.status, f.value) == ("review", 2)
    f = finding("深入学习党的二十届三中全会精神，组织“法治护航发展”专题宣讲，推动学法入脑入心。", "legal_lectures")
    assert (f.status, f.value) == ("review", "mentioned")
    # a quoted name on doctrine, or one naming both, stays out
    check("学习贯彻党的二十大精神和民法典，开展“二十大精神进社区”宣讲活动3场。", [("legal_lectures", "not_reported")])
    check("学习党的二十大精神，开展“学习二十大 法治在身边”宣讲活动3场。", [("legal_lectures", "not_reported")])
    check("学习党的二十大精神，开展“青春心向党”宣讲活动3场。", [("legal_lectures", "not_reported")])


def test_a_bare_exam_is_a_law_exam_only_in_a_point_about_law_study():
    f = finding("二是抓实网络学法。依托学法平台组织全体干部自学，全年参加在线考试4场次。", "law_exams")
    assert (f.status, f.value) == ("review", 4)
    check("组织新录用人员参加岗前专题考试2场。", [("law_exams", "not_reported")])
    f = finding("三是深化法治学习。依托学习平台组织机关干部线上学习与考试。", "law_exams")  # the exam closing a study
    assert (f.status, f.value) == ("review", "mentioned")
    check("二是抓好业务工作。组织窗口人员开展业务学习和考试。", [("law_exams", "not_reported")])
    check("一是强化执法队伍培训。组织全县执法人员集中学法。全年参加在线考试3场。", [("law_exams", "not_reported")])


def test_an_exam_said_held_by_its_pass_rate():
    f = finding("组织干部参加宪法知识网上学习，考核通过率为96.5%。", "law_exams")
    assert (f.status, f.value) == ("review", "mentioned")
    check("组织机关干部参加民法典网上专题学习，考试合格率不低于90%。", [("law_exams", "not_reported")])  # a target
    check("组织执法人员参加法律知识培训，考核合格率100%。", [("law_exams", "not_reported")])  # the training's test
    check("二是强化学法用法。将学法情况纳入年度考核，年度考核合格率100%。", [("law_exams", "not_reported")])  # an appraisal
    check("二是狠抓学法用法。干部学法积分全部达标，绩效考核合格率98%。", [("law_exams", "not_reported")])


def test_an_exam_for_pupils_needs_review():
    f = finding("一是加强普法宣传。组织辖区中小学生参加宪法知识在线测试3场。", "law_exams")
    assert (f.status, f.value) == ("review", 3)


def test_a_standing_routine_is_no_occasion():
    check("坚持常态化学法考试，推动干部养成学法习惯。", [("law_exams", "not_reported")])
    check("推行经常性学法用法考试。", [("law_exams", "not_reported")])
    f = finding("常态化开展学法考试，推动干部养成学法习惯。", "law_exams")
    assert (f.status, f.value) == ("review", "mentioned")


def test_a_name_inside_the_title_of_a_cited_document_is_not_the_activity():
    check("请律师为全局干部讲解《某省行政处罚案卷评查标准（试行）》。", [("case_file_review", "not_reported")])
    check("印发《关于开展行政执法人员培训的通知》，明确培训要求。", [("enforcement_training", "not_reported")])
    check("对照《案卷评查办法》开展行政执法案卷评查2次。", [("case_file_review", "met", 2)])  # held, outside the title
    check("举办《民法典》专题讲座3次。", [("legal_lectures", "met", 3)])


def test_a_count_after_a_joiner_belongs_to_the_next_item():
    check("全年共组织2次法律知识专题讲座和3次警示教育。", [("legal_lectures", "met", 2)])
    f = finding("举办法治讲座和5次业务培训。", "legal_lectures")
    assert f.value == "mentioned"
    check("开展法治讲座3次和业务培训5次。", [("legal_lectures", "met", 3)])  # its own count right after it


def test_a_rate_written_beside_the_verb():
    check("全年行政机关负责人100%出庭应诉。", [("court_appearance_rate", "met", 100)])
    check("行政机关负责人出庭应诉达96%。", [("court_appearance_rate", "met", 96)])
    check("行政机关负责人出庭应诉31件。", [("court_appearance_rate", "not_reported")])
    check("行政机关负责人出庭应诉案件100%胜诉。", [("court_appearance_rate", "not_reported")])
    check("确保行政机关负责人100%出庭应诉。", [("court_appearance_rate", "not_reported")])  # a target


def test_a_name_that_is_part_of_a_system_is_no_occasion():
    check("严格落实考法学法述法制度。", [("law_exams", "not_reported")])
    check("健全领导干部学法考试和任前考法等制度。", [("law_exams", "not_reported")])
    check("组织开展集中考法、任前考法3场。", [("law_exams", "not_met", 3)])  # the pack asks for 5


def test_an_item_of_a_list_of_systems_is_no_occasion():
    # a long list closed by 等制度: each item names a system in force, none an occasion held
    check("全面落实中心组学法、常务会议学法、旁听行政诉讼案件庭审、依法行政专题培训、负责人出庭应诉等制度。",
          [("trial_observation", "not_reported")])
    check("健全学法考试、述法评议、法治讲座等工作机制。", [("law_exams", "not_reported"), ("legal_lectures", "not_reported")])
    # a list of activities held, then a system: the items were held
    f = finding("组织旁听庭审、法治讲座等活动，完善学法制度。", "trial_observation")
    assert f.value == "mentioned"
    # 制度化 is a manner, not a system: "推动旁听庭审、集中学法等制度化开展"
    f = finding("推动领导干部旁听庭审、集中学法等制度化常态化开展。", "trial_observation")
    assert f.value == "mentioned"


def test_a_near_form_completed_or_attended_was_held():
    f = finding("2024年街道已按要求全部完成年度执法培训任务。", "enforcement_training")
    assert f.value == "mentioned" and f.status == "review"  # who was trained is not said
    f = finding("组织干部参加全市法治课堂集中授课。", "legal_lectures")
    assert f.value == "mentioned"
    # named as a duty, with no verb that holds it, a near form is still not taken
    f = finding("把执法培训作为提升队伍素质的重要抓手。", "enforcement_training")
    assert f.status == "not_reported"


def test_a_near_form_used_as_the_verb_after_its_audience_was_held():
    f = finding("向局机关全体干部宣讲新修订的行政处罚法。", "legal_lectures")
    assert (f.status, f.value) == ("review", "mentioned")
    check("对照学习清单宣讲制度逐条自查。", [("legal_lectures", "not_reported")])
    f = finding("邀请高校法学教授，为局领导班子及中层干部授课。", "legal_lectures")
    assert (f.status, f.value) == ("review", "mentioned")


def test_an_activity_only_strengthened_is_asked_about():
    # the object of 加强/强化/注重 with no verb that holds it and no count: a practice, no occasion reported
    for body in ("加强执法人员日常学习培训，着力培养执法人才。", "强化行政执法人员培训，提升执法水平。"):
        f = finding(body, "enforcement_training")
        assert (f.status, f.value) == ("review", "mentioned"), body
    f = finding("注重法治讲座的针对性，提高学法实效。", "legal_lectures")
    assert f.status == "review"
    # held, or counted, it stands
    f = finding("加强执法人员培训，组织执法人员集中培训2次。", "enforcement_training")
    assert f.value == 2
    f = finding("组织开展并加强执法人员业务培训。", "enforcement_training")
    assert (f.status, f.value) == ("met", "mentioned")


def test_a_duty_of_another_body_helped_with_or_overseen_is_asked_about():
    for body in ("配合新区完成重大行政决策事项年度目录依法公开。", "督促各县区制定公布重大行政决策事项目录。",
                 "协助区政府编制并公开重大行政决策事项目录。"):
        f = finding(body, "major_decision_catalog")
        assert (f.status, f.value) == ("review", "mentioned"), body
    f = finding("制定公布2024年重大行政决策事项目录，接受社会监督。", "major_decision_catalog")
    assert (f.status, f.value) == ("met", "mentioned")
    # 指导 far before, in another clause, governs nothing here
    f = finding("加强业务指导，制定公布2024年重大行政决策事项目录。", "major_decision_catalog")
    assert f.status == "met"


def test_a_topic_made_part_of_a_syllabus_is_no_lecture():
    check("将习近平法治思想列为各级党校教学专题课程。", [("legal_lectures", "not_reported")])
    check("把宪法作为干部教育培训专题课程。", [("legal_lectures", "not_reported")])
    f = finding("邀请法学专家为县政府领导班子授课2次。", "legal_lectures")  # 为 the preposition: someone is lectured
    assert (f.status, f.value) == ("review", 2)


def test_a_lecture_series_named_by_its_own_name():
    f = finding("邀请厅法律顾问开展《民法典》机关大讲堂。", "legal_lectures")
    assert f.value == "mentioned"
    assert finding("全年举办依法行政大讲堂3期。", "legal_lectures").value == 3
    check("组织开展“党建大讲堂”活动。", [("legal_lectures", "not_reported")])  # no law in it
    f = finding("组织开展2023年度市级机关“法治开讲”活动。", "legal_lectures")
    assert (f.status, f.value) == ("review", "mentioned")
    f = finding("组织普法讲座进社区2场。", "legal_lectures")
    assert (f.status, f.value) == ("review", 2)
