"""The outline of each seed and the heading grammar."""
import pytest

from auditor.load import document_from_raw, load_document
from auditor.models import RawText
from auditor.outline import build_outline, classify_heading
from helpers import SEEDS

SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}


def parts(code):
    o = build_outline(load_document(SEED[code]))
    return [(s.marker, s.kind) for s in o.parts if s.level > 0]


def test_outline_000():
    assert parts("000") == [("一、", "achievements"), ("二、", "shortcomings"), ("三、", "next_year")]


def test_outline_001():
    assert parts("001") == [("一、", "achievements"), ("二、", "first_responsible"), ("三、", "shortcomings"),
                            ("四、", "next_year")]


def test_outline_002():
    assert parts("002") == [("一、", "achievements"), ("二、", "shortcomings"), ("三、", "next_year")]


def test_outline_003():
    assert parts("003") == [("一、", "other"), ("二、", "achievements"), ("三、", "achievements"),
                            ("四、", "shortcomings"), ("五、", "next_year")]


def test_sub_headings_nest_and_inherit():
    o = build_outline(load_document(SEED["001"]))
    subs = [s for s in o.sections if s.level == 3]
    assert subs and all(s.kind for s in subs)
    assert any(s.marker == "1." and s.heading == "依法履行政府职能" for s in subs)
    # a sub-heading about duties inside the next-year part stays a plan
    o0 = build_outline(load_document(SEED["000"]))
    s = next(x for x in o0.sections if "第一責任人" in x.heading)
    assert s.kind == "next_year"


@pytest.mark.parametrize("heading,kind", [
    ("工作开展情况", "achievements"), ("创建工作成效", "achievements"), ("2023年法治政府建设主要举措和成效", "achievements"),
    ("存在问题与不足", "shortcomings"), ("存在的不足及原因分析", "shortcomings"), ("问题和短板", "shortcomings"),
    ("下步工作打算", "next_year"), ("2024年工作重点", "next_year"), ("下一年度推进法治政府建设的主要安排", "next_year"),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsible"), ("汤郎乡基本情况", "other"),
    ("重点工作完成情况", "achievements"),
])
def test_classify_headings(heading, kind):
    assert classify_heading(heading, 2023) == kind


@pytest.mark.parametrize("heading,kind", [
    ("2023年工作举措", "achievements"), ("2023年主要工作举措", "achievements"), ("2022年工作举措及成效", "achievements"),
    ("2024年工作举措", "next_year"), ("下一步工作举措", "next_year"), ("2023年工作计划和举措", "next_year"),
    ("2023年工作安排", "next_year"),
])
def test_measures_of_the_year_covered_are_no_plan(heading, kind):
    assert classify_heading(heading, 2023) == kind


@pytest.mark.parametrize("heading,kind", [
    ("工作安排", "next_year"), ("2024年工作安排", "next_year"), ("下步安排", "next_year"), ("今后的具体安排", "next_year"),
    ("推进法治政府建设的主要安排", "next_year"),
    ("加强干部职工法治培训教育，严格落实理论学习中心组制度，定期安排专题学法", None),
    ("统筹安排部署，推动任务落实", None),
])
def test_arranging_is_not_a_plan_heading(heading, kind):
    assert classify_heading(heading, 2023) == kind


@pytest.mark.parametrize("heading,kind", [
    ("干部依法行政培训计划走深走实", None), ("年度学法计划落实到位", None), ("普法计划有序推进，成效明显", "achievements"),
    ("2024年工作计划", "next_year"), ("下一步工作计划", "next_year"), ("工作计划和打算", "next_year"),
    ("下一步工作计划有序推进", "next_year"),
])
def test_a_plan_carried_out_is_no_plan_heading(heading, kind):
    """A sub-heading saying a plan was carried out (…计划走深走实) reports the year's work; 计划 alone, or with
    another plan word, still names next year's."""
    assert classify_heading(heading, 2023) == kind


def test_heading_forms():
    text = ("某县2024年度法治政府建设情况报告\n一、主要工作\n（一）加强领导。内容\n1.学法。内容\n(1)讲座。内容\n"
            "第二部分 存在问题\n内容\n三、2025年工作打算\n内容" + "法治" * 20)
    doc = document_from_raw("x.txt", RawText(text=text, format="txt"))
    o = build_outline(doc)
    got = [(s.level, s.marker) for s in o.sections if s.level]
    assert got == [(1, "一、"), (2, "(一)"), (3, "1."), (4, "(1)"), (1, "第二部分"), (1, "三、")]
    assert [s.kind for s in o.parts if s.level] == ["achievements", "shortcomings", "next_year"]


def outline_of(text, year=2023):
    doc = document_from_raw("x.txt", RawText(text=f"某县{year}年度法治政府建设情况报告\n" + text + "法治" * 20, format="txt"))
    return doc, build_outline(doc)


def top_kinds(o):
    return [s.kind for s in o.parts if s.level]


def test_unheaded_shortcomings_and_plan_paragraphs():
    text = ("一、主要举措和成效\n（一）加强组织领导。全年召开常务会议专题研究法治工作6次。\n"
            "（二）规范行政执法。开展案卷评查2次。\n"
            "但也存在一些问题和不足，主要是基层法治力量薄弱，执法人员专业化水平不高。\n"
            "下一步，我县将举办法治专题讲座4次，推动出庭应诉率达到100%。\n")
    doc, o = outline_of(text)
    assert top_kinds(o) == ["achievements", "shortcomings", "next_year"]
    plan = doc.text.index("举办法治专题讲座4次")
    assert o.kind_at(plan) == "next_year"  # its figures are intentions, not results
    assert o.kind_at(doc.text.index("开展案卷评查2次")) == "achievements"
    ach = o.parts[1]
    assert ach.end == doc.text.index("但也存在")


@pytest.mark.parametrize("opener,kind", [
    ("存在的问题：基层力量薄弱。", "shortcomings"),
    ("不足之处：执法队伍建设滞后。", "shortcomings"),
    ("同时，我们也清醒认识到，我县法治政府建设还存在一些短板。", "shortcomings"),
    ("2024年，我们将继续深化依法行政。", "next_year"),
    ("下一年度，县政府将重点抓好以下工作。", "next_year"),
])
def test_unheaded_openers(opener, kind):
    _, o = outline_of("一、主要举措和成效\n全年开展培训3次。\n" + opener + "\n")
    assert top_kinds(o) == ["achievements", kind]


def test_a_sentence_about_this_year_is_not_a_plan():
    _, o = outline_of("一、主要举措和成效\n全年开展培训3次。\n2023年，我县将法治建设纳入考核。\n")
    assert top_kinds(o) == ["achievements"]


def test_a_plan_paragraph_inside_an_early_part_does_not_cut_it_short():
    text = ("一、主要举措和成效\n（一）学法。全年学法12次。\n下一步，将继续组织学法。\n（二）执法。评查案卷2次。\n"
            "二、存在的不足和原因\n力量薄弱。\n三、2024年工作安排\n继续推进。\n")
    _, o = outline_of(text)
    assert top_kinds(o) == ["achievements", "shortcomings", "next_year"]


def test_run_together_headings_in_one_line():
    text = ("一、主要举措和成效（一）加强组织领导。全年研究法治工作6次。（二）规范执法。评查案卷2次。"
            "二、存在的问题和不足。基层力量薄弱。三、2024年工作打算。举办讲座4次。\n")
    doc, o = outline_of(text)
    assert top_kinds(o) == ["achievements", "shortcomings", "next_year"]
    assert [s.marker for s in o.sections if s.level == 2] == ["(一)", "(二)"]
    assert o.kind_at(doc.text.index("举办讲座4次")) == "next_year"


def test_run_on_numbers_inside_a_sentence_are_not_headings():
    _, o = outline_of("一、主要举措和成效\n全年完成任务。一、二季度召开会议2次。\n二、存在的问题\n力量薄弱。\n")
    assert top_kinds(o) == ["achievements", "shortcomings"]


def test_first_responsible_subsection_inside_achievements_is_partial():
    from helpers import audit_text
    text = ("某县2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）履行推进法治建设第一责任人职责。县委书记带头述法。\n"
            "（二）规范执法。评查案卷2次。\n二、存在的不足和原因\n力量薄弱。\n三、2024年工作安排\n继续推进。\n" + "法治" * 20)
    audit = audit_text(text)
    f = {x.rule_id: x for x in audit.findings}["part_first_responsible"]
    assert (f.status, f.value) == ("review", "partial")
    o = audit.outline
    assert [s.kind for s in o.sections if s.level == 2] == ["achievements", "achievements"]


def test_numbering_that_restarts_inside_a_part_is_a_list():
    text = ("一、主要举措和成效\n全年开展培训3次。\n二、存在的问题和不足\n一、基层法治力量薄弱\n说明。\n"
            "二、执法队伍专业化程度不高\n说明。\n三、2024年工作打算\n继续推进。\n")
    _, o = outline_of(text)
    assert top_kinds(o) == ["achievements", "shortcomings", "next_year"]
    assert [s.heading for s in o.sections if s.level == 2] == ["基层法治力量薄弱", "执法队伍专业化程度不高"]


def test_a_number_written_twice_stays_a_part():
    text = "一、主要举措和成效\n培训3次。\n二、存在的问题和不足\n力量薄弱。\n二、2024年工作打算\n继续推进。\n"
    _, o = outline_of(text)
    assert top_kinds(o) == ["achievements", "shortcomings", "next_year"]
