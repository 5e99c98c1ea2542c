"""authoring/draft/plan.py: the plan's items, their clause labels and sentences; what the document says of itself."""
from __future__ import annotations

from auditor.authoring.draft.plan import document_meta, plan_blocks, plan_sentences
from draft_helpers import OTHER_PLAN, plan_doc

NUMBERED = """某县2025年法治政府建设工作要点
一、加强党的领导
1.落实第一议题制度。
2.年内至少举办2次法治专题讲座(牵头单位:县司法局)。
二、严格执法
3.行政执法案件网上运行率不低于95%。
"""
RESTARTING = """某县2025年法治政府建设工作要点
一、加强党的领导
1.落实第一议题制度。
2.开展述法。
二、严格执法
1.落实行政执法三项制度。
"""


def _blocks(text):
    doc = plan_doc(text)
    return plan_blocks(doc, document_meta(doc)["plan_start"])


def test_numbered_items_are_clauses_under_their_section():
    blocks = _blocks(NUMBERED)
    assert [(b.clause, b.category) for b in blocks] == [("1", "加强党的领导"), ("2", "加强党的领导"), ("3", "严格执法")]


def test_item_numbers_that_restart_per_section_are_qualified():
    assert [b.clause for b in _blocks(RESTARTING)] == ["一第1项", "一第2项", "二第1项"]


def test_sub_sections_are_clauses_when_there_are_no_items():
    assert [b.clause for b in _blocks(OTHER_PLAN)][:3] == ["一（一）", "一（二）", "二（一）"]


def test_sentences_drop_item_numbers_and_lead_units():
    doc = plan_doc(NUMBERED)
    sents = [s.text for s in plan_sentences(doc, document_meta(doc)["plan_start"])]
    assert "年内至少举办2次法治专题讲座" in sents[1] and "牵头单位" not in sents[1] and not sents[1].startswith("2")


def test_meta_of_a_notice_with_its_plan():
    meta = document_meta(plan_doc(OTHER_PLAN))
    assert meta["document"] == "某政办〔2025〕7号" and meta["issued"] == "2025-03-10"
    assert meta["issuer"] == "某某县人民政府办公室" and meta["year"] == 2025
    assert meta["plan_title"] == "某某县2025年法治政府建设工作要点"
    assert meta["title"].startswith("某某县人民政府办公室关于印发")


RULE_ARTICLES = """某局领导干部学法制度
为提高领导干部法治素养,制定本制度。
一、局务会议会前学法每月至少安排1次,每次不少于20分钟。
二、学法内容由办公室拟定。
附件
2026年上半年局务会议会前学法计划
序号
学习内容
"""


def test_a_numbered_line_with_sentences_is_an_article_not_a_heading():
    texts = [s.text for s in plan_sentences(plan_doc(RULE_ARTICLES))]
    assert "局务会议会前学法每月至少安排1次,每次不少于20分钟" in texts


def test_an_attachment_title_is_not_the_plan_title():
    meta = document_meta(plan_doc(RULE_ARTICLES))
    assert (meta["plan_title"], meta["plan_start"]) == ("某局领导干部学法制度", len("某局领导干部学法制度") + 1)


def test_a_notice_attaching_its_plan_still_finds_the_plan_title():
    text = ("某县人民政府办公室关于印发某县2026年普法工作计划的通知\n各乡镇:\n现将计划印发给你们。\n附件:\n"
            "某县2026年普法工作计划\n一、年内举办法治讲座不少于2次。\n")
    assert document_meta(plan_doc(text))["plan_title"] == "某县2026年普法工作计划"


def test_a_document_number_in_brackets_after_a_cited_title_is_the_cited_documents():
    text = ("一、组织保障(10分)\n1.按《某县关于推行法律顾问制度的实施意见》(某委办〔2019〕12号)要求聘用法律顾问。(2分)\n")
    assert "document" not in document_meta(plan_doc(text, "某县考核细则.txt"))


def test_an_opening_that_is_already_the_body_takes_the_files_name():
    meta = document_meta(plan_doc("一、组织保障(10分)\n1.年内至少专题研究法治工作2次。(2分)\n", "某县考核细则.txt"))
    assert meta["plan_title"] == "某县考核细则"


def test_a_title_line_of_its_own_is_no_sentence_to_draft():
    doc = plan_doc("某局领导干部学法制度\n一、每季度集中学法不少于1次。\n")
    assert "某局领导干部学法制度" not in [s.text for s in plan_sentences(doc, document_meta(doc)["plan_start"])]


def test_an_article_line_has_no_category_of_its_own():
    (block,) = _blocks("某局领导干部学法制度\n一、每季度集中学法不少于1次,每次不少于30分钟。\n")
    assert (block.clause, block.category) == ("第一项", "")


def test_articles_of_a_rule_document_are_its_clauses():
    doc = plan_doc("某县领导干部学法制度\n第一条 为提高法治素养,制定本制度。\n第五条 各单位每年集中学法不少于4次。\n")
    blocks = plan_blocks(doc, document_meta(doc)["plan_start"])
    assert [b.clause for b in blocks] == ["第一条", "第五条"]
    assert "各单位每年集中学法不少于4次" in [s.text for s in plan_sentences(doc)]


def test_an_opening_sentence_is_no_title_the_files_name_is():
    text = "为落实法治宣传教育规划,继续深入推进法治宣传教育工作,结合街道实际,制定本计划。\n工作要点\n(一)每季度报送1次。\n"
    assert document_meta(plan_doc(text, "南湾街道普法工作计划.txt"))["plan_title"] == "南湾街道普法工作计划"
    # a short title line with no sentence mark stays the title
    text = "某县2026年普法工作计划\n一、各部门每季度向县普法办报送普法工作开展情况1次，年底前报送年度总结。\n"
    assert document_meta(plan_doc(text, "x.txt"))["plan_title"] == "某县2026年普法工作计划"
