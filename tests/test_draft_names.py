"""authoring/draft/names.py: what each target is set for, and the indicators one target is shared by."""
import pytest

from auditor.authoring.draft.names import split_shared
from auditor.authoring.draft import draft_pack
from draft_helpers import plan_doc


@pytest.mark.parametrize("name,want", [
    ("行政执法公示率、全过程记录率、法制审核率", ["行政执法公示率", "全过程记录率", "法制审核率"]),
    ("规范性文件备案率和公开率", ["规范性文件备案率", "公开率"]),
    ("县政府常务会议、乡镇党委会议会前学法", ["县政府常务会议会前学法", "乡镇党委会议会前学法"]),
    ("依法履行行政诉讼判决、行政复议决定率", ["依法履行行政诉讼判决率", "依法履行行政复议决定率"]),
    ("行政许可、行政处罚在复议中被撤销率", ["行政许可、行政处罚在复议中被撤销率"]),  # subjects of one rate
    ("乡镇、街道年度专题学法", ["乡镇、街道年度专题学法"]),  # subjects, not indicators
    ("法治讲座、法律培训等活动", ["法治讲座、法律培训等活动"]),  # a total of several
    ("行政机关负责人出庭应诉率", ["行政机关负责人出庭应诉率"]),
])
def test_split_shared(name, want):
    assert split_shared(name) == want


def _names(sentence):
    result = draft_pack(plan_doc(f"某县2026年法治政府建设工作要点\n一、主要任务\n1.{sentence}。\n"))
    return [(r.name, r.goal.value) for r in result.rules if r.goal is not None]


@pytest.mark.parametrize("sentence,want", [
    ("每季度至少召开1次依法治县办主任会议", [("依法治县办主任会议", 1)]),
    ("对行政执法案卷每年至少开展1次集中评查", [("行政执法案卷集中评查", 1)]),
    ("乡镇、街道每年开展专题学法不少于4次", [("乡镇、街道开展专题学法", 4)]),
    ("行政执法公示率、法制审核率均达到100%", [("行政执法公示率", 100), ("法制审核率", 100)]),
    ("行政处罚、行政许可案卷合格率分别达到90%、95%", [("行政处罚案卷合格率", 90), ("行政许可案卷合格率", 95)]),
    ("法律顾问参与审核的重大合同中，合同审核率不低于98%", [("法律顾问参与审核的重大合同中合同审核率", 98)]),
    ("在岗执法人员年度培训不少于60学时(含网络培训)", [("在岗执法人员年度培训", 60)]),
    ("全县不发生因违法决策引发的重大群体性事件", [("重大群体性事件", 0)]),
    ("基础台账每半年报送1次共2次", [("基础台账报送", 1)]),
    ("重大合同按照规定的程序报送审查，且审查率、备案率均达100%",  # bare rates take the sentence's subject
     [("重大合同审查率", 100), ("重大合同备案率", 100)]),
    # a duty of its own before the rates in one list (不得…、报备率…): the rates take the clause's subject
    ("政府规范性文件不得创新行政处罚、报备率及合法性审查审核率百分之百",
     [("政府规范性文件报备率", 100), ("政府规范性文件合法性审查审核率", 100)]),
    ("行政规范性文件严禁设定行政许可、备案率和审核率均达到100%",
     [("行政规范性文件备案率", 100), ("行政规范性文件审核率", 100)]),
    # the manner of the verb counted names the thing (依申请 against 依职权, 按期 against late): kept
    ("依申请类行政许可事项网上可办率达到90%", [("依申请类行政许可事项网上可办率", 90)]),
    ("行政复议案件按期办结率达到100%", [("行政复议案件按期办结率", 100)]),
])
def test_target_names(sentence, want):
    assert _names(sentence) == want


def test_a_leading_adverb_of_intent_or_distribution_is_no_part_of_a_name():
    from auditor.authoring.draft.phrases import clean_name
    assert clean_name("持续开展执法案卷评查") == "执法案卷评查"
    assert clean_name("逐步推行执法全过程记录") == "推行执法全过程记录"
    assert clean_name("分别报上一级政府备案") == "报上一级政府备案"
    assert clean_name("据实报送统计数据") == "据实报送统计数据"
