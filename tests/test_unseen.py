"""A report written in another county's style (not a seed): what a typical report says, and what we read."""
from helpers import audit_text

REPORT = """\
中共某某县委 某某县人民政府关于2024年度法治政府建设情况的报告
2024年，某某县在市委、市政府的坚强领导下，深入学习贯彻习近平法治思想，法治政府建设取得新成效。现将有关情况报告如下。
一、2024年度推进法治政府建设的主要举措和成效
（一）坚持党的领导，统筹推进法治政府建设。县委、县政府主要负责同志切实履行推进法治建设第一责任人职责，召开县委常委会会议、县政府常务会议专题研究法治政府建设工作6次。全年举办县政府常务会议会前学法12次，举办领导干部法治专题讲座3期。组织全县国家工作人员参加学法用法考试5次，参考率达98.6%。
（二）推进依法科学民主决策。全年共审查规范性文件23件，合法性审查率100%。县政府制定并公布2024年度重大行政决策事项目录，共纳入决策事项5项，重大决策事项全部开展社会稳定风险评估。全县各单位均聘请法律顾问。
（三）严格规范公正文明执法。组织开展行政执法案卷评查2次，评查案卷156卷，优秀率达85%。举办全县行政执法人员培训班2期，培训执法人员460余人次。编制公布行政执法事项目录。
（四）发挥行政复议主渠道作用。全年共收到行政复议申请58件，受理52件，审结49件，直接纠错率为16.3%。经行政复议后起诉的案件11件，占审结案件的22.4%，行政机关无败诉案件。全县行政诉讼案件开庭审理38件，行政机关负责人出庭应诉36件，出庭应诉率94.7%。行政机关负责人参加行政复议听证12次，听证参与率100%。发布行政复议典型案例3个。组织领导干部旁听庭审活动2次。
（五）化解矛盾纠纷。全县各级人民调解组织调解矛盾纠纷1520件，调解成功1498件。政务服务事项网上可办率达到98.5%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长带头学法，年终述法，将述法情况纳入年度考核。
三、存在的不足和原因
一是部分单位法治意识不强；二是执法队伍专业化水平不高。究其原因，主要是学习培训不够深入。
四、2025年工作安排
力争行政机关负责人出庭应诉率达到100%，举办法治专题讲座4次。
"""


def test_typical_county_report():
    audit = audit_text(REPORT)
    d = audit.document
    assert (d.jurisdiction, d.level, d.year) == ("某某县", "county", 2024)
    got = {f.rule_id: (f.status, f.value) for f in audit.findings}
    assert got["court_appearance_rate"] == ("met", 94.7)
    assert got["suit_after_reconsideration_ratio"] == ("met", 22.4)
    assert got["reconsideration_hearing_rate"] == ("met", 100)
    assert got["reconsideration_correction_rate"][1] == 16.3
    assert got["legal_lectures"] == ("met", 3)
    assert got["law_exams"] == ("met", 5)
    assert got["enforcement_training"] == ("met", 2)
    assert got["case_file_review"] == ("met", 2)
    assert got["reconsideration_typical_cases"] == ("met", 3)
    assert got["trial_observation"] == ("met", 2)
    assert got["major_decision_catalog"] == ("met", "mentioned")
    assert got["enforcement_item_catalog"] == ("met", "mentioned")
    assert got["annual_law_report_duty"] == ("met", "mentioned")
    assert got["online_service_rate"] == ("met", 98.5)
    assert got["loss_rate_after_reconsideration"] == ("met", 0)
    assert abs(got["mediation_success_rate"][1] - 98.55) < 0.01
    for part in ("part_achievements", "part_shortcomings", "part_first_responsible", "part_next_year",
                 "part_shortcomings_causes", "report_covers_prior_year"):
        assert got[part][0] == "met", part
