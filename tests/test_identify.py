"""Whose report, which level, which year, what kind of document: one test per class of wording."""
from datetime import date

import pytest

from auditor.dockind import document_kind
from auditor.identify import covered_year
from auditor.load import document_from_raw
from auditor.models import RawText

BODY = "\n一、主要举措和成效\n" + "依法行政工作取得积极成效，全年办理行政复议案件十余件。" * 6


def load(text: str, fmt: str = "txt", **kw):
    return document_from_raw("r." + fmt, RawText(text=text, format=fmt, **kw))


def who(doc):
    return doc.jurisdiction, doc.level, doc.year


def chain(doc):
    return doc.province, doc.prefecture, doc.county, doc.division_code


def test_header_block_page():
    text = ("首页 > 政务公开 > 法治政府建设年度报告\n"
            "标 题：东兴市2023年度法治政府建设情况报告\n"
            "索引号：11450681MB1234567X/2024-00012  发布机构：东兴市人民政府办公室\n"
            "发布日期：2024-02-06  文号：\n"
            "2023年，东兴市坚持以习近平新时代中国特色社会主义思想为指导。" + BODY)
    doc = load(text)
    assert who(doc) == ("东兴市", "county", 2023)
    assert chain(doc) == ("广西壮族自治区", "防城港市", "东兴市", "450681")
    assert doc.published == date(2024, 2, 6)
    assert doc.title == "东兴市2023年度法治政府建设情况报告"
    assert doc.issuer == "东兴市人民政府办公室"
    assert "发布机构" not in doc.text


def test_header_block_in_table_cells_and_title_only_there():
    text = ("[ 索引号 ] 11511681MB0000000A/2025-00003 [ 发文字号 ]\n"
            "[ 发布机构 ] 华蓥市司法局 [ 成文日期 ] 2025-01-20 [ 发布日期 ] 2025-01-22\n"
            "标题：华蓥市司法局2024年度法治政府建设情况报告\n"
            "一年来，我局坚持依法行政。" + BODY)
    doc = load(text)
    assert who(doc) == ("华蓥市司法局", "department", 2024)
    assert chain(doc)[1:] == ("广安市", "华蓥市", "511681")
    assert doc.published == date(2025, 1, 22)


def test_county_level_city_is_a_county():
    doc = load("华蓥市2023年法治政府建设情况报告\n2023年，华蓥市深入学习贯彻习近平法治思想。" + BODY)
    assert who(doc) == ("华蓥市", "county", 2023)
    assert chain(doc) == ("四川省", "广安市", "华蓥市", "511681")


def test_autonomous_prefecture_short_name():
    doc = load("2023年，楚雄州坚持以习近平新时代中国特色社会主义思想为指导，州委、州政府高度重视法治建设。" + BODY)
    assert who(doc) == ("楚雄州", "prefecture", 2023)
    assert chain(doc) == ("云南省", "楚雄彝族自治州", None, "532300")
    doc = load("黔东南州人民政府关于2022年度法治政府建设情况的报告\n省人民政府：\n2022年，我州坚持依法行政。" + BODY)
    assert who(doc) == ("黔东南州", "prefecture", 2022)
    assert doc.province == "贵州省"


def test_special_zone_is_filed_as_a_county():
    doc = load("经开区2024年法治政府建设情况报告\n2024年，在市委、市政府的坚强领导下，龙泉湾新区管委会认真贯彻落实"
               "自治区和北海市的部署。" + BODY)
    assert doc.level == "county"
    doc = load("龙泉湾新区2024年度法治政府建设工作情况的报告\n2024年，龙泉湾新区坚持依法行政，"
               "认真落实北海市委、北海市人民政府的部署，北海市法治政府建设示范创建取得成效。" + BODY)
    assert who(doc) == ("龙泉湾新区", "county", 2024)
    assert doc.prefecture == "北海市"


def test_provincial_report_with_self_reference():
    doc = load("根据《法治政府建设与责任落实督察工作规定》，现将省政府2022年度法治政府建设情况报告如下。\n"
               "一、主要工作\n省政府常务会议审议通过《江西省行政复议条例》实施办法，全省行政复议案件办理质效提升。" + BODY)
    assert who(doc) == ("江西省", "province", 2022)
    assert chain(doc) == ("江西省", None, None, "360000")


def test_provincial_report_named_in_the_title_with_the_party_committee():
    doc = load("中共青海省委 青海省人民政府\n关于2023年法治政府建设情况的报告\n2023年，全省坚持依法行政。" + BODY)
    assert who(doc) == ("青海省", "province", 2023)


def test_justice_bureau_report():
    doc = load("2024年，市司法局坚持以习近平法治思想为指导，在市委、市政府的坚强领导下，服务保障绵阳高质量发展，"
               "绵阳市行政复议工作取得新成效。" + BODY)
    assert who(doc) == ("绵阳市司法局", "department", 2024)
    assert chain(doc) == ("四川省", "绵阳市", None, "510700")
    doc = load("甘肃省司法厅2023年度法治政府建设情况报告\n2023年，省司法厅认真履行职责。" + BODY)
    assert who(doc) == ("甘肃省司法厅", "department", 2023)
    assert doc.province == "甘肃省"


def test_township_under_a_named_county():
    doc = load("禄劝县团街镇人民政府2024年法治政府建设工作报告\n2024年，团街镇在县委、县政府的领导下依法行政。" + BODY)
    assert who(doc) == ("禄劝县团街镇", "township", 2024)
    assert chain(doc) == ("云南省", "昆明市", "禄劝彝族苗族自治县", "530128")


def test_township_whose_county_is_named_only_in_the_text():
    doc = load("2023年，我镇坚持以习近平新时代中国特色社会主义思想为指导，认真落实岳池县委、县政府的部署，"
               "推进罗渡镇法治政府建设。" + BODY)
    assert who(doc) == ("罗渡镇", "township", 2023)
    assert doc.county == "岳池县"


def test_township_alone_has_no_invented_county():
    doc = load("2022年，在区委、区政府的正确领导下，三合镇坚持依法行政，镇人民政府和县委、县政府保持沟通。" + BODY)
    assert who(doc) == ("三合镇", "township", 2022)
    assert doc.county is None  # "政府和县委" does not name 和县


def test_same_name_in_two_cities_is_told_apart_by_context():
    doc = load("朝阳区人民政府2023年法治政府建设年度情况报告\n2023年，朝阳区坚持依法行政，落实北京市委、市政府的部署。" + BODY)
    assert chain(doc) == ("北京市", None, "朝阳区", "110105")
    doc = load("朝阳区人民政府2023年法治政府建设年度情况报告\n2023年，朝阳区坚持依法行政，落实长春市委、市政府的部署。" + BODY)
    assert chain(doc) == ("吉林省", "长春市", "朝阳区", "220104")
    doc = load("朝阳区人民政府2023年法治政府建设年度情况报告\n2023年，朝阳区坚持依法行政。" + BODY)
    assert who(doc) == ("朝阳区", "county", 2023) and doc.division_code is None


def test_former_name_of_a_merged_district():
    doc = load("江干区2019年法治政府建设情况报告\n2019年，江干区坚持依法行政，杭州市法治建设走在前列。" + BODY)
    assert who(doc) == ("江干区", "county", 2019)
    assert chain(doc) == ("浙江省", "杭州市", "上城区", "330102")


def test_signature_block():
    doc = load("2023年法治政府建设年度报告\n一、主要举措和成效\n" + "依法行政工作取得成效。" * 10 +
               "\n互助土族自治县人民政府\n2024年3月1日\n")
    assert who(doc) == ("互助土族自治县", "county", 2023)
    assert doc.division_code == "630223"


def test_unnamed_prefecture_keeps_its_level():
    doc = load("自治区人民政府：\n2020年，我州坚持依法行政，全州法治政府建设取得新进展。" + BODY)
    assert who(doc) == (None, "prefecture", 2020)


def test_traditional_characters_are_quoted_as_written():
    doc = load("2022年，在區委、區政府的正確領導下，三張鎮堅持依法行政。" + BODY)
    assert who(doc) == ("三張鎮", "township", 2022)


@pytest.mark.parametrize("title,lines,published,number,year", [
    ("某县2023年度法治政府建设情况报告", [], None, None, 2023),
    (None, ["2024年以来，某县坚持依法行政。"], None, None, 2024),
    (None, ["现将我县2021年度法治政府建设情况报告如下。"], None, None, 2021),
    (None, ["年，我市坚持依法行政，认真落实《某市2022年法治政府建设工作要点》。"], None, None, 2022),
    (None, ["我市坚持依法行政。"], date(2024, 3, 1), None, 2023),  # published early in 2024: covers 2023
    (None, ["我市坚持依法行政。"], date(2024, 12, 20), None, None),  # late in the year: could be either
    (None, ["我市坚持依法行政。"], None, "某卫〔2024〕3号", 2023),
])
def test_covered_year(title, lines, published, number, year):
    assert covered_year(title, lines, 0, published, number, "\n".join(lines)) == year


def test_year_from_the_publication_date_of_a_page():
    doc = load("发布日期：2024-01-18\n我县坚持依法行政，法治政府建设取得新进展。" + BODY)
    assert doc.year == 2023 and doc.published == date(2024, 1, 18)


@pytest.mark.parametrize("title,kind", [
    ("某县2023年度法治政府建设情况报告", "annual_report"),
    ("某县人民政府关于2023年度法治政府建设情况和2024年工作安排的报告", "annual_report"),
    ("某镇2023年法治政府建设工作总结", "annual_report"),
    ("某县人民政府办公室关于印发某县2024年法治政府建设工作要点的通知", "work_plan"),
    ("某市2024年法治政府建设工作要点", "work_plan"),
    ("某市法治政府建设实施方案（2021—2025年）", "work_plan"),
    ("某县法治政府建设考核办法", "scoring_system"),
    ("某市法治政府建设指标体系", "scoring_system"),
    ("某市关于加强法治政府建设的实施意见", "other"),
])
def test_document_kind_from_the_title(title, kind):
    assert document_kind(title, "") == kind


def test_document_kind_from_the_structure():
    plan = ("一、指导思想\n坚持以习近平法治思想为指导。\n二、主要任务\n（一）深化行政执法体制改革。"
            "（牵头单位：县司法局；责任单位：各乡镇）\n（二）加强法治宣传。（牵头单位：县委宣传部）")
    assert document_kind(None, plan) == "work_plan"
    report = "2023年，某县坚持依法行政。\n一、主要举措和成效\n全年开展培训3次。\n二、存在的问题\n基层力量薄弱。"
    assert document_kind(None, report) == "annual_report"
    notice = "各乡镇人民政府：\n经县政府同意，现将《2024年度县政府常务会议学法计划》印发给你们，请认真贯彻执行。"
    assert document_kind(None, notice) == "work_plan"
    rules = "一、依法决策（20分）\n未制定目录的扣2分；未公开的扣1分；未开展合法性审查的扣3分。"
    assert document_kind(None, rules) == "scoring_system"


def test_done_verbs_under_a_modal_are_duties_of_a_plan():
    # normative throughout, with 举办/完成/办理 that a modal governs: a plan, whatever those verbs say of a report
    plan = ("各级行政机关应当严格执行重大决策程序，不得越权决策。县级以上政府每年应至少举办两次法制讲座，"
            "各部门要按时完成规范性文件清理，必须认真办理人大代表建议。行政执法人员应当持证上岗。"
            "各地要建立健全行政执法公示制度，逐步推行执法全过程记录，确保执法文书规范。")
    assert document_kind(None, plan) == "work_plan"
    report = ("各级行政机关严格执行重大决策程序。全年举办法制讲座两次，完成规范性文件清理，办理人大代表建议12件，"
              "累计培训执法人员300人次，已实现执法公示全覆盖。")
    assert document_kind(None, report) == "annual_report"


def test_work_plan_seed_is_a_work_plan():
    from helpers import ROOT
    from auditor.load import load_document
    doc = load_document(next((ROOT / "seeds" / "workplans").glob("*.txt")))
    assert doc.kind == "work_plan" and doc.year == 2024 and doc.division_code == "630223"


def test_national_ministry_is_a_department_without_a_place():
    doc = load("2022年，生态环境部坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设。" + BODY)
    assert who(doc) == ("生态环境部", "department", 2022) and doc.division_code is None


def test_department_of_a_prefecture_named_by_self_reference():
    doc = load("2023年以来，地区司法处坚持依法行政，落实阿里地区行政公署部署，阿里地区行政执法规范化水平提升。" + BODY)
    assert who(doc) == ("阿里地区司法处", "department", 2023)
    doc = load("2023年以来，地区司法处坚持依法行政，那曲市行政执法规范化水平提升。" + BODY)
    assert who(doc) == ("地区司法处", "department", 2023)  # 地区 is no 市: left as written
    doc = load("2024年，州政务局深入贯彻习近平法治思想，有力推进法治恩施建设，落实恩施州委部署。" + BODY)
    assert who(doc) == ("恩施州政务局", "department", 2024)
    assert doc.prefecture == "恩施土家族苗族自治州"


def test_issuer_in_brackets_under_the_title_and_a_year_clause():
    doc = load("2024年法治政府建设工作报告\n（城南街道）\n今年来，在市委、市政府的正确领导下，城南街道坚持依法行政。" + BODY)
    assert who(doc) == ("城南街道", "township", 2024)
    doc = load("2025年是“十四五”规划收官之年，北和镇在市委、市政府的正确领导下，坚持依法行政。" + BODY)
    assert who(doc) == ("北和镇", "township", 2025)


def test_level_from_self_references_when_never_named():
    doc = load("一、2025年主要工作及成效\n我镇坚持依法行政，全镇开展普法活动12场，镇党委专题研究法治工作，"
               "我镇矛盾纠纷化解率98%，全镇无重大行政决策。" + BODY)
    assert who(doc) == (None, "township", 2025)


# --- the subject of the opening sentence, not the bodies it names --------------------------------------------
def test_subject_before_the_superiors_it_works_under():
    doc = load("2022年，柳林街道在城区区委、区政府的坚强领导下，扎实推进基层依法治理，服务辖区群众。" + BODY)
    assert who(doc) == ("柳林街道", "township", 2022)
    doc = load("2023年，石门镇在县委、县政府和县委依法治县办的指导下，全面推进法治政府建设。" + BODY)
    assert who(doc) == ("石门镇", "township", 2023)
    doc = load("中共勉县委 勉县人民政府\n关于2023年度法治政府建设情况的报告\n2023年，全县坚持依法行政。" + BODY)
    assert who(doc)[:2] == ("勉县", "county")  # two organs of one place still read as the government


def test_township_named_after_the_year_in_a_title():
    assert who(load("2022年雙溪鎮法治政府建設工作總結" + BODY)) == ("雙溪鎮", "township", 2022)
    assert who(load("2023年度石门乡法治政府建设情况报告" + BODY)) == ("石门乡", "township", 2023)
    assert who(load("2023年度法治政府建设情况报告" + BODY))[:2] == (None, None)  # a year, then no name


def test_short_names_after_openers():
    doc = load("今年以来，克孜勒苏州认真贯彻落实自治区党委关于法治建设的部署。" + BODY)
    assert who(doc)[:2] == ("克孜勒苏州", "prefecture") and doc.division_code == "653000"
    doc = load("过去一年，察布查尔县坚持依法行政，推进法治政府建设。" + BODY)
    assert who(doc)[:2] == ("察布查尔县", "county") and doc.division_code == "654022"
    doc = load("近年来，会理市紧紧围绕法治政府建设目标，持续优化营商环境。2024年度工作如下。" + BODY)
    assert who(doc)[:2] == ("会理市", "county")


def test_county_level_city_named_without_its_suffix():
    doc = load("2022年，滕州坚持依法行政，全面落实枣庄市法治政府建设部署。" + BODY)
    assert who(doc) == ("滕州市", "county", 2022) and doc.prefecture == "枣庄市"
    doc = load("2022年，滕州坚持依法行政，全面推进法治政府建设。" + BODY)
    assert who(doc)[:2] == (None, None)  # nothing in the text bears the bare name out
    doc = load("2022年，和平坚持依法行政，落实天津市部署。" + BODY)
    assert who(doc)[:2] == (None, None)  # 和平区 (two) and 和平县: not one county
    doc = load("2023年，富民政策在全县落地见效，云南省部署得到落实。" + BODY)
    assert doc.jurisdiction != "富民县"  # a word that is also a county, not in the subject position


def test_street_written_with_jie_as_the_subject():
    doc = load("为深入贯彻落实党的二十大精神，推动基层依法治理，按照区委的部署，沙头街积极行动，依法化解矛盾纠纷。" + BODY)
    assert who(doc)[:2] == ("沙头街", "township")
    doc = load("为繁荣夜间经济，步行街管理持续加强，商户依法经营。" + BODY)
    assert doc.jurisdiction is None  # 步行街 is a place in the street, not before its predicate
    doc = load("为落实上级部署，按照市、区的工作要求，全面推进依法行政。" + BODY)
    assert doc.jurisdiction is None  # 市、区 in a later clause are the superiors, not the subject


def test_no_year_is_invented_from_content():
    doc = load("为做好疫情防控和企业复工复产，联和街坚持依法行政，推进法治建设。" + BODY.replace("十余件", "多件"))
    assert doc.year is None and doc.year_basis is None


def test_title_broken_after_the_issuers_name():
    long_body = BODY + "\n（二）加强行政执法\n执法规范化水平持续提升。" * 4  # the name line is no signature
    doc = load("云南省林业和草原局\n2024年法治政府部门建设工作情况\n\n2024年，在省委、省政府坚强领导下，我局坚持依法行政。"
               + long_body)
    assert who(doc) == ("云南省林业和草原局", "department", 2024)
    # a title that names its own subject is not joined to the site's name above it
    doc = load("华蓥市人民政府\n2023年双河街道法治政府建设情况报告\n2023年，双河街道坚持依法行政。" + BODY)
    assert who(doc) == ("双河街道", "township", 2023)


def test_an_opening_sentence_ending_with_a_colon_is_not_an_addressee():
    doc = load("根据工作安排，现将我厅2024年法治政府建设工作情况报告如下：\n一、工作开展情况\n厅党组坚持依法行政。" + BODY)
    assert doc.level == "department" and doc.year == 2024
    doc = load("黔东南州人民政府关于2022年度法治政府建设情况的报告\n中共贵州省委、贵州省人民政府：\n2022年，我州坚持依法行政。" + BODY)
    assert who(doc) == ("黔东南州", "prefecture", 2022)


def test_bare_province_before_a_city_of_its_own():
    doc = load("山东青岛市农业农村局2025年法治政府建设情况报告\n2025年，认真学习领会全省法治工作会议精神，全省率先构建机制，"
               "全省农业农村系统唯一获评。" + BODY)
    assert who(doc) == ("青岛市农业农村局", "department", 2025)
    assert chain(doc)[:2] == ("山东省", "青岛市")
    doc = load("广西南宁市2023年法治政府建设年度报告\n2023年，南宁市坚持依法行政。" + BODY)
    assert who(doc) == ("南宁市", "prefecture", 2023)
    doc = load("吉林市2022年度法治政府建设工作报告\n2022年，吉林市坚持依法行政。" + BODY)  # 吉林 here is the city
    assert who(doc) == ("吉林市", "prefecture", 2022)


def test_a_zone_named_only_by_its_kind_gives_way_to_its_name():
    doc = load("经济开发区2024年度法治政府建设情况报告\n2024年宁河经济开发区在区委、区政府的正确领导下，坚持依法行政。" + BODY)
    assert who(doc) == ("宁河经济开发区", "county", 2024)
    doc = load("高新区2022年法治政府建设年度报告\n2022年，在市委、市政府的坚强领导下，区党工委坚持依法行政。" + BODY)
    assert who(doc) == ("高新区", "county", 2022)  # the only name the text gives


def test_party_committee_and_government_of_one_township():
    doc = load("2025年，大河镇党委、政府在县委、县政府的坚强领导下，坚持依法行政，推进法治政府建设。" + BODY)
    assert who(doc) == ("大河镇", "township", 2025)
    doc = load("中共互助县委 互助县人民政府关于2023年法治政府建设情况的报告\n2023年，全县坚持依法行政。" + BODY)
    assert who(doc)[:2] == ("互助县", "county")


def test_a_body_line_citing_plans_is_no_title():
    line = "把高质量完成《某市2023年法治建设工作要点》《某市2023年法治政府建设工作计划》确定"
    doc = load("2023年，市司法局坚持依法行政，扎实推动法治政府建设。\n一、工作情况\n" + line)
    assert doc.kind == "annual_report" and doc.title is None
    doc = load("关于贯彻落实《法治政府建设实施纲要（2021—2025年）》情况的报告\n2023年，全县坚持依法行政。" + BODY)
    assert doc.title.startswith("关于贯彻落实") and doc.kind == "annual_report"
    doc = load("关于印发《某县2024年法治政府建设工作要点》的通知\n各乡镇人民政府：\n现将要点印发给你们。")
    assert doc.kind == "work_plan"


def test_a_department_of_a_zone_named_by_its_kind():
    doc = load("2023年，高新区综治局在区党工委、区管委会的正确领导下，坚持依法行政，推进法治建设。" + BODY)
    assert who(doc) == ("高新区综治局", "department", 2023)


def test_a_bureau_named_by_its_kind_alone_is_a_department():
    doc = load("县委、县政府：\n2024年以来，教育局坚持以习近平法治思想为指引，扎实推进依法治教，全县教育系统学法用法。" + BODY)
    assert who(doc) == (None, "department", 2024)
    doc = load("2023年，城管局认真落实市委部署，全市城管系统依法行政。" + BODY)
    assert who(doc)[1] == "department"


def test_issuer_named_only_in_the_titles_of_its_own_documents():
    doc = load("2024年，我厅坚持依法行政，扎实推进法治政府建设。一是修订《云南省生态环境厅行政规范性文件管理办法》，"
               "规范制定程序。" + BODY)
    assert who(doc) == ("云南省生态环境厅", "department", 2024)
    doc = load("2025年，我局坚持依法行政。年初印发《2025年益阳市人力资源和社会保障局法治建设工作要点》，明确任务。" + BODY)
    assert who(doc) == ("益阳市人力资源和社会保障局", "department", 2025)
    # a superior's document the bureau carries out, or a government's it belongs to, names someone else
    doc = load("2024年，我局坚持依法行政。认真贯彻《云南省市场监督管理局关于加强法治建设的通知》，推进依法行政。" + BODY)
    assert who(doc) == (None, "department", 2024)
    doc = load("2024年，我局坚持依法行政。印发《昆明市人民政府关于加强法治建设的意见》，推进依法行政。" + BODY)
    assert who(doc)[0] is None


def test_superiors_committees_listed_after_the_subject_are_no_organ_pair():
    doc = load("2022年度，在市委、市政府领导下，青山镇认真贯彻中央、省委、市委决策部署，严格落实法治政府建设要求。" + BODY)
    assert who(doc) == ("青山镇", "township", 2022)
    doc = load("中共互助县委、互助县人民政府关于2023年法治政府建设情况的报告\n2023年，全县坚持依法行政。" + BODY)
    assert who(doc)[:2] == ("互助县", "county")


def test_a_title_run_together_with_the_site_name_and_the_body():
    line = ("资料站—每日更新www.example.com安徽省人民政府关于2022年度法治政府建设情况的报告2022年，省政府坚持依法行政，"
            "深入推进法治政府建设，各项工作取得积极成效。一、坚持党的领导，扎实推进法治政府建设。")
    doc = load(line + BODY)
    assert doc.title == "安徽省人民政府关于2022年度法治政府建设情况的报告"
    assert who(doc) == ("安徽省", "province", 2022)
    # a long body line with a year in it is no title
    doc = load("2023年，我县坚持依法行政，全面完成2023年度法治政府建设工作报告2024年的准备，推进法治政府建设各项工作，"
               "取得积极成效，群众满意度不断提升，法治环境持续优化。" + BODY)
    assert doc.title is None


def test_issuer_named_in_the_title_of_a_document_passed_at_its_own_meeting():
    doc = load("2025年，我局坚持依法行政。局党组会议审议并通过了《福州市鼓楼区市场监督管理局法治建设工作方案》等文件。" + BODY)
    assert who(doc) == ("福州市鼓楼区市场监督管理局", "department", 2025)


def test_a_township_named_only_by_its_organs():
    doc = load("一、2023年度推进法治建设的主要举措\n（一）加强领导。乡党委、政府高度重视法治建设，成立以乡长为组长的领导小组，"
               "乡党委每季度研究一次法治工作。" + BODY)
    assert who(doc) == (None, "township", 2023)
    # a county's many townships (各乡镇党委, 乡镇党委书记) and 城镇 words are not its own organs
    doc = load("一、2023年度推进法治建设的主要举措\n各乡镇党委、政府落实第一责任人职责，乡镇党委书记带头述法，"
               "城镇长效管理机制不断健全，各乡党委定期研究法治工作。" + BODY)
    assert who(doc)[1] is None


def test_a_street_that_names_itself_only_by_its_kind():
    doc = load("为进一步加强法治建设，2022年来，街道按照《某某区法治政府建设实施方案》的要求，全力推进法治建设。现将2022年工作情况报告如下。" + BODY)
    assert who(doc) == (None, "township", 2022)
    # 市、区 at the start of a later clause are superiors, not the issuer
    doc = load("为贯彻落实上级精神，2022年以来，按照市、区的部署要求，全力推进法治建设。" + BODY)
    assert who(doc)[1] is None


def test_a_named_department_as_the_subject_of_a_later_clause():
    doc = load("为深入贯彻落实习近平法治思想，全面推进依法行政，石门县民政局在县委、县政府的正确领导下，扎实推进法治建设。"
               "现将2024年度法治政府建设工作情况报告如下：" + BODY)
    assert who(doc) == ("石门县民政局", "department", 2024)
    # a superior's department in a later clause is not the subject: no predicate right after it
    doc = load("2024年，我镇按照县司法局的部署，扎实推进法治建设。" + BODY)
    assert who(doc)[1] == "township"


def test_a_street_office_of_a_district_government():
    doc = load("鲤城区人民政府开元街道办事处关于2023年度法治政府建设情况的报告\n2023年，我街道坚持依法行政。" + BODY)
    assert who(doc) == ("鲤城区开元街道", "township", 2023)


def test_a_second_frame_clause_without_its_preposition():
    # "在…领导下，X的指导下，Y…": the superior in the second frame is not the subject
    doc = load("2022年，在县委、县政府的正确领导下，市民政局的业务指导下，石门县民政局扎实推进法治建设。" + BODY)
    assert who(doc) == ("石门县民政局", "department", 2022)
    doc = load("2023年，在区委的坚强领导下，区司法局的具体指导下，柳林街道全面推进依法行政。" + BODY)
    assert who(doc) == ("柳林街道", "township", 2023)


def test_a_street_that_says_我街_and_names_itself_in_its_own_documents():
    doc = load("为推进依法行政，我街严格落实上级部署。现将我街法治建设情况总结如下：\n一、2023年法治建设工作情况\n"
               "我街高度重视法治建设，制定《沙河街2023年全面依法治街工作要点》，全街共举办法治宣传活动20次。" + BODY)
    assert who(doc) == ("沙河街", "township", 2023)
    # a document it follows (按照《…》) names its superior, not itself
    doc = load("为推进依法行政，我街严格落实上级部署。现将我街法治建设情况总结如下：\n一、2023年法治建设工作情况\n"
               "我街按照《沙河区2023年全面依法治区工作要点》推进工作，全街共举办法治宣传活动20次。" + BODY)
    assert who(doc) == (None, "township", 2023)


def test_a_township_named_only_in_running_text():
    head = "一、2023年主要工作\n我镇坚持依法行政，全镇开展普法活动12场，镇党委专题研究法治工作。"
    doc = load(head + "及时调整石桥镇法治政府建设领导小组成员，将法治建设纳入镇党委议事日程。" + BODY)
    assert who(doc) == ("石桥镇", "township", 2023)
    doc = load(head + "将法治政府建设纳入东岭镇发展总体规划和年度工作计划。" + BODY)
    assert who(doc) == ("东岭镇", "township", 2023)
    doc = load("2025年以来，我镇政府坚持依法行政。\n一、健全体制机制\n西湾镇深入贯彻全面依法治国战略，镇党委统筹推进。" + BODY)
    assert who(doc) == ("西湾镇", "township", 2025)
    # another town helped, or two towns in such places: no name
    doc = load(head + "协助李家镇开展普法活动，镇党委带头学法。" + BODY)
    assert who(doc) == (None, "township", 2023)
    doc = load(head + "\n石桥镇深入开展普法宣传。东岭镇积极推进依法行政。" + BODY)
    assert who(doc) == (None, "township", 2023)


def test_a_departments_self_reference_as_the_subject_of_a_later_clause():
    doc = load("按照《关于报送2023年度法治政府建设情况报告的通知》文件要求，根据《某县法治政府建设指标任务分解表》内容，"
               "我局认真总结2023年度推进法治政府建设的主要举措和成效，现将工作情况报告如下：" + BODY)
    assert who(doc)[:2] == (None, "department")
    # a bureau named by its kind in a later clause may be a superior: no level from it
    doc = load("按照县委部署，根据县政府安排，县司法局认真指导全县法治建设，现将2023年度工作情况报告如下：" + BODY)
    assert who(doc)[1] != "department"


@pytest.mark.parametrize("text,hits", [
    ("乡党委、政府高度重视", ["乡党委"]), ("镇长任组长，镇人大监督", ["镇长", "镇人大"]),
    ("乡镇党委书记述法", []), ("各乡党委、全镇政府、每镇长", []), ("城镇长效机制，村镇政府", []),
    ("街道党工委牵头，街道办事处落实", ["街道党工委", "街道办事处"]), ("各街道办事处、全街道党工委", []),
])
def test_a_townships_own_organs_not_a_countys_many(text, hits):
    from auditor.identify import _TOWNSHIP_ORGAN
    assert _TOWNSHIP_ORGAN.findall(text) == hits


def test_a_title_opening_with_its_preposition():
    doc = load("关于牡丹江市2022年度法治政府建设工作情况的报告\n省政府：\n2022年，我市坚持依法行政，全市法治政府建设有序推进。" + BODY)
    assert who(doc) == ("牡丹江市", "prefecture", 2022)
    doc = load("关于大吉山镇2022年度法治政府建设工作情况的报告\n今年以来，大吉山镇坚持依法行政，全镇法治建设有序推进。" + BODY)
    assert who(doc) == ("大吉山镇", "township", 2022)
    doc = load("关于2022年度法治政府建设情况的报告\n2022年，全县坚持依法行政。" + BODY)
    assert not (who(doc)[0] or "").startswith("关于")
    doc = load("关于贯彻落实《法治政府建设实施纲要（2021—2025年）》情况的报告\n2023年，全县坚持依法行政。" + BODY)
    assert not (who(doc)[0] or "").startswith("关于")


def test_a_short_tag_before_the_title():
    doc = load("【2022年】州生态环境局2022年度法治政府建设报告\n2022年，我局深入学习贯彻习近平法治思想，全州生态环境系统依法行政。"
               + BODY)
    assert doc.title == "州生态环境局2022年度法治政府建设报告"
    assert who(doc) == ("州生态环境局", "department", 2022)
    doc = load("【安义县2022年度法治政府建设情况报告】\n2022年，安义县坚持依法行政。" + BODY)
    assert doc.title == "安义县2022年度法治政府建设情况报告" and who(doc)[:2] == ("安义县", "county")


def test_issuer_named_in_its_own_document_made_and_put_in_force():
    doc = load("2023年，我局坚持依法行政。二是健全行政制度体系。制定并实施《上城区人力社保局行政合法性审查事项目录清单》，"
               "加强合法性审查。" + BODY)
    assert who(doc) == ("上城区人力社保局", "department", 2023)
    doc = load("2023年，我局坚持依法行政。贯彻实施《杭州市人力资源和社会保障局行政规范性文件管理规定》，规范制定程序。" + BODY)
    assert who(doc) == (None, "department", 2023)  # carried out, not made: a superior's


def test_a_ministry_named_only_in_its_own_documents():
    doc = load("一、关于履行政府职能\n（一）深入推进“放管服”改革。印发《文化和旅游部办公厅关于推进政府职能转变工作任务分工方案》，"
               "落实国务院关于“放管服”改革电视电话会议精神。印发《文化和旅游部关于实施旅游服务质量提升计划的指导意见》。" + BODY)
    assert who(doc)[:2] == ("文化和旅游部", "department")
    # a bureau that speaks of itself and issues a ministry's document on: the ministry is not the issuer
    doc = load("2022年，我局坚持依法行政。印发《司法部关于进一步加强行政执法工作的通知》，组织全局学习。" + BODY)
    assert who(doc) == (None, "department", 2022)


def test_a_street_named_like_a_district_elsewhere():
    # 东区 is also 攀枝花's district; 街道 right after the whole name makes the name the street's
    doc = load("东区街道2024年法治政府建设年度报告\n2024年，东区街道坚持依法行政，扎实推动法治政府建设。" + BODY)
    assert who(doc) == ("东区街道", "township", 2024)
    doc = load("中山市人民政府南区街道办事处关于2023年法治政府建设情况的报告\n2023年，南区街道坚持依法行政。" + BODY)
    assert who(doc) == ("中山市南区街道", "township", 2023) and doc.prefecture == "中山市"
    # a district named before its street keeps both
    doc = load("鲤城区金龙街道2023年法治政府建设情况报告\n2023年，金龙街道坚持依法行政。" + BODY)
    assert who(doc) == ("鲤城区金龙街道", "township", 2023)
    # a district's 街道 in running text is no street of that name
    doc = load("东城区2023年法治政府建设情况报告\n2023年，东城区坚持依法行政，全区街道、社区法治建设有序推进。" + BODY)
    assert who(doc) == ("东城区", "county", 2023)


def test_a_zone_named_with_a_dash_between_two_places():
    doc = load("2024年，广西-东盟经济技术开发区(以下简称“广西-东盟经开区”)深入贯彻落实习近平法治思想，推进法治政府建设。" + BODY)
    assert who(doc) == ("广西-东盟经济技术开发区", "county", 2024)
    doc = load("中国—马来西亚钦州产业园区管委会2023年法治政府建设情况报告\n2023年，园区坚持依法行政。" + BODY)
    assert who(doc)[:2] == ("中国—马来西亚钦州产业园区", "county")
    # a dash in running text joins no name
    doc = load("2023年，南宁-东盟合作取得成效，全市坚持依法行政。" + BODY)
    assert who(doc)[0] is None


def test_a_new_town_zone_is_filed_as_a_county():
    doc = load("泾河新城2022年度法治政府建设工作报告\n2022年，泾河新城深入贯彻落实全面依法治国新理念新思想新战略。" + BODY)
    assert who(doc) == ("泾河新城", "county", 2022)
    doc = load("新城镇2022年法治政府建设工作报告\n2022年，新城镇坚持依法行政，全镇法治建设有序推进。" + BODY)
    assert who(doc)[1] == "township"
