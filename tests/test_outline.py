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


def test_heading_forms():
    text = ("某县2024年度法治政府建设情况报告\n一、主要工作\n（一）加强领导。内容\n1.学法。内容\n(1)讲座。内容\n"
            "第二部分 存在问题\n内容\n三、2025年工作打算\n内容" + "法治" * 20)
    doc = document_from_raw("x.txt", RawText(text=text, format="txt"))
    o = build_outline(doc)
    got = [(s.level, s.marker) for s in o.sections if s.level]
    assert got == [(1, "一、"), (2, "(一)"), (3, "1."), (4, "(1)"), (1, "第二部分"), (1, "三、")]
    assert [s.kind for s in o.parts if s.level] == ["achievements", "shortcomings", "next_year"]
