"""What the document is, by classes of evidence (dockind): each class with sentences of its own, both ways, and the
third outcome, uncertain, where the evidence is mixed or thin."""
import pytest

from auditor.dockind import document_kind, grammar, read_kind, title_genre

REPORT_BODY = ("2023年，某县坚持依法行政。\n一、主要举措和成效\n全年举办法治专题讲座3次，累计培训执法人员420人次。\n"
               "二、存在的问题和不足\n基层力量薄弱。\n三、下一步工作打算\n继续推进法治政府建设。")


@pytest.mark.parametrize("title,kind", [
    ("某县2024年法治政府建设工作要点", "work_plan"),
    ("关于印发《某市法治政府建设考核细则》的通知", "scoring_system"),
    ("某县人民政府办公室关于印发某县2024年普法工作计划的通知", "work_plan"),
    ("某镇领导干部集体学法制度", "rules"),
    ("某局行政执法责任考评制度", "scoring_system"),
    ("某区依法行政工作考核标准（试行）", "scoring_system"),
    ("某市关于加强法治政府建设的实施意见（征求意见稿）", "other"),
    ("某县领导干部述法报告制度", "rules"),  # the head noun, not a 报告 inside the name
    ("关于贯彻落实《法治政府建设实施纲要》情况的报告", "annual_report"),
    ("某县法治政府建设2023年工作总结和2024年工作计划", "annual_report"),
    ("某县2023年法治政府建设情况", "annual_report"),
    ("某县法治政府建设", None),
])
def test_the_title_names_its_genre_by_its_head_noun(title, kind):
    assert title_genre(title) == kind


def test_a_title_line_the_title_guess_leaves_out():
    # no 法治 word for the title guess; a short first line naming a genre is a strong sign, not a verdict
    text = "某县司法局党组会议会前学法制度\n一、会前学法每月安排一次，由办公室负责通知。"
    r = read_kind(None, text)
    assert r.kind == "rules" and r.certain and "开头一行" in r.signs[0]
    for chrome in ("规划计划\n" + REPORT_BODY, "当前位置：首页 > 规划计划 > 正文\n" + REPORT_BODY,
                   "上一篇：某县2024年法治政府建设工作要点\n" + REPORT_BODY):
        assert read_kind(None, chrome).kind == "annual_report"  # a site's column name is no title
    # a heading line is not a title: （一）…建设情况（22分） is a scoring sheet's row
    assert read_kind(None, "（一）依法行政工作能力建设情况（22分）\n未建立制度的扣2分；未公开的扣1分；计入总分。").kind == "scoring_system"


def test_articles_numbered_first_second():
    rules = ("第一条 为提高行政执法人员的法律素质，结合本单位实际，制定本办法。\n"
             "第二条 本办法适用于局机关全体执法人员。 第三条 执法人员每年参加法律培训不少于40学时。")
    r = read_kind(None, rules)
    assert r.kind == "rules" and r.certain and any("第一条" in s for s in r.signs)
    cited = ("2023年，我县依照《行政复议法》第十二条、第十三条的规定办理复议案件36件。\n"
             "依据《条例》第一条 第二条规定的宗旨，全年举办培训4次，累计培训人员320人次。")
    assert read_kind(None, cited).kind == "annual_report"


def test_a_text_naming_itself_by_its_genre():
    assert read_kind(None, "为规范集体学法活动，特制定本制度。\n本制度由县司法局负责解释。").kind == "rules"
    assert read_kind(None, "为推进依法行政，现制定本实施细则。\n各单位应当认真执行。").kind == "rules"
    assert read_kind(None, "为规范年度考核，制定本考核办法。\n本办法自印发之日起施行。").kind == "scoring_system"
    # 根本制度、基本制度 hold 本制度 but name nothing
    narrative = "2023年，全县广泛宣传国家的根本制度、基本制度和重要制度，累计开展宣讲36场次，覆盖群众1.2万人次。"
    assert read_kind(None, narrative).kind == "annual_report"


def test_a_scoring_sheet_by_its_points():
    sheet = "一、依法决策（20分）\n未制定目录的扣2分；未公开的扣1分；未开展合法性审查的扣3分。"
    assert document_kind(None, sheet) == "scoring_system"
    # points among a plan's headings: the sheet
    plan_sheet = ("一、指导思想\n坚持依法行政。\n二、考核内容\n（一）规范性文件备案（10分）：未按时报备的扣1分，"
                  "逾期超过30日的扣2分。")
    assert document_kind(None, plan_sheet) == "scoring_system"


def test_news_of_a_document():
    news = ("近日，某市人民政府办公室印发《关于加强行政执法人员培训的意见》，要求各部门每年组织执法人员培训不少于2次，"
            "每人每年参加培训不少于40学时。")
    r = read_kind(None, news)
    assert r.kind == "news" and r.certain
    relayed = ("市人大常委会会议审议了有关法制宣传教育的决定草案。草案规定，领导干部每年集体学法不得少于四次。"
               "草案还要求，各学校每学期法制课不得少于8课时。")
    assert read_kind(None, relayed).kind == "news"
    # news of a report is no plan: its figures are results
    of_a_report = ("近日，某县人民政府发布《2023年法治政府建设情况报告》。报告显示，全年办理行政复议案件36件，"
                   "同比增长12%，累计培训执法人员420人次，行政机关负责人出庭应诉率达100%。")
    assert read_kind(None, of_a_report).kind == "annual_report"


def test_grammar_duties_against_a_narrative():
    assert grammar("各单位每年组织法律知识培训不少于2期。局里组织开展专题培训12场次，覆盖民辅警200余人。") == (1, 1)
    # a bound or a period's quota is no result; 应知应会, 应述尽述 are set phrases, not duties
    assert grammar("每年组织2期以上法律知识培训。每月开展2次集中学法。") == (2, 0)
    assert grammar("落实领导干部应知应会法律清单，做到应述尽述，全县述法1300余人。") == (0, 1)
    # the words of a cited title are not the text's own
    assert grammar("印发《关于领导干部应当带头学法的意见》，全年举办讲座3次。") == (0, 1)


def test_done_verbs_under_a_modal_are_duties():
    plan = ("各级行政机关应当严格执行重大决策程序，不得越权决策。县级以上政府每年应至少举办两次法制讲座，"
            "各部门要按时完成规范性文件清理，必须认真办理人大代表建议。行政执法人员应当持证上岗。")
    assert document_kind(None, plan) == "work_plan"


def test_thin_or_mixed_evidence_is_uncertain_not_refused():
    # three duties and nothing else: audited, with a warning
    thin = "严格执行规范性文件备案审查制度，报备率应当达到100%。规范性文件每2年清理一次，不得超期。执法人员必须持证上岗。"
    r = read_kind(None, thin)
    assert r.kind == "work_plan" and not r.certain
    # a plan's title line over a report's narrative: mixed
    mixed = ("某县行政执法责任制实施方案\n2023年，我县全面推行行政执法责任制，累计开展执法检查56次。"
             "全年办理行政处罚案件320件，同比下降8%。培训执法人员410人次，已实现执法公示全覆盖。")
    r = read_kind(None, mixed)
    assert r.kind == "work_plan" and not r.certain and len(r.signs) >= 2
    # a report's headings outweigh a duty or two: a report, no warning
    report = REPORT_BODY + "\n下一年度，各部门要严格落实学法制度，每年举办讲座不少于2次。"
    assert read_kind(None, report).kind == "annual_report" and read_kind(None, report).certain


def test_a_report_stays_a_report_with_plan_words_in_it():
    report = ("2023年，某县认真落实《某县法治政府建设实施方案》，印发《2023年法治政府建设工作要点》。\n"
              + REPORT_BODY.split("\n", 1)[1])
    assert read_kind(None, report).kind == "annual_report"
    assert read_kind("某县2023年法治政府建设情况报告", "第一条 …\n第二条 …").kind == "annual_report"


def test_a_title_guess_that_is_a_sentence_names_no_genre():
    # a scoring sheet's row taken for the title (…每年向党委有报告. 见报告) is no report's title
    sheet = ("项目 内容措施 分值 备注 组织保障有力 (7分) 1.领导小组健全,职责明确. 见文件\n"
             "1 2.领导小组每年向本级党委有报告. 见报告\n规划决议落实 (5分) 3.出台规划. 见文件")
    assert read_kind("1 2.领导小组每年向本级党委有报告. 见报告", sheet).kind == "scoring_system"
    assert read_kind("某县2023年法治政府建设情况报告", "2023年，全县坚持依法行政。").kind == "annual_report"


def test_a_notice_arranging_an_activity_is_no_report():
    # an exam's, a training's or a check's notice tells its addressees what to do: neither a report nor a plan
    exam = ("各县（区）司法局，市直各部门：\n为提高领导干部依法履职能力，现就2024年度全市国家工作人员学法用法考试"
            "有关事项通知如下：\n一、考试对象\n全市在编在岗公务员。\n二、考试时间\n2024年9月1日至9月30日。")
    r = read_kind(None, exam)
    assert r.kind == "other" and r.certain
    check = "各乡镇人民政府：\n经研究，决定开展行政执法案卷评查，现将有关事项安排如下：\n一、评查范围\n2023年办结的案件。\n特此通知。"
    assert read_kind(None, check).kind == "other"
    # a notice issuing a plan stays the plan
    issuing = ("各部门：\n现将《2024年度政府常务会议学法计划》印发给你们，并就相关事项通知如下：\n"
               "一、各主讲单位要高度重视，每次学法不少于30分钟。")
    assert read_kind(None, issuing).kind == "work_plan"
    # a report that narrates a notice it issued is still a report
    report = ("2023年，某县印发《关于开展案卷评查的通知》，对有关事项作出安排。\n" + REPORT_BODY.split("\n", 1)[1])
    assert read_kind(None, report).kind == "annual_report"
