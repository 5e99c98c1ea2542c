"""authoring/draft/scoring.py: a scoring table's points are weights and its deductions descriptions, never targets."""
from auditor.authoring.draft import draft_pack
from draft_helpers import plan_doc

TABLE = """某县法治政府建设考核评分细则
一、学法用法（20分）
1.县政府每年召开常务会议学法不少于4次(4分)。少一次扣1分。
2.全年举办法治专题讲座不少于2次(3分)；未举办的不得分。
3.行政规范性文件备案率达到100%(5分)。每迟报一件扣0.5分。
"""


def test_points_are_weights_and_deductions_are_described():
    result = draft_pack(plan_doc(TABLE))
    rules = {r.name: r for r in result.rules if r.goal is not None}
    assert {n: (r.weight, r.goal.value) for n, r in rules.items()} == {
        "县政府召开常务会议学法": (4, 4), "法治专题讲座": (3, 2), "行政规范性文件备案率": (5, 100)}
    assert "扣1分" in rules["县政府召开常务会议学法"].description
    assert "扣0.5分" in rules["行政规范性文件备案率"].description
    assert result.scoring and "weight" in result.text.split("rules:")[0]


def test_no_figure_in_points_is_a_target():
    result = draft_pack(plan_doc(TABLE))
    assert all(r.goal.unit != "分" for r in result.rules if r.goal is not None)


def test_a_deduction_cell_repeating_its_items_duty_is_no_second_rule():
    from auditor.authoring.draft import draft_pack
    from draft_helpers import plan_doc

    text = ("某区依法行政工作考核标准\n项目 | 考核标准 | 扣分标准 |\n"
            "一、 依法决策 6分 | 1、建立并落实重大事项集体讨论制度。2分 | 未建立重大事项集体讨论制度的扣1分。 |\n")
    names = [r.name for r in draft_pack(plan_doc(text)).rules if r.kind == "mention"]
    assert names.count("重大事项集体讨论制度") == 1


def test_an_item_number_with_its_full_stop_doubled():
    # 2.. / 3.、: a typo or a conversion doubles the marker's punctuation; none of it starts the item's text
    text = ("某县法治政府建设考核评分细则\n一、政务服务（10分）\n"
            "2..推动事项集中办理，得2分。依申请类事项进驻政务大厅比例不低于70%，得2分。\n"
            "3.、推行证明事项告知承诺制，未推行的扣1分。\n")
    result = draft_pack(plan_doc(text))
    assert result.rules and all("：." not in r.description and "：、" not in r.description for r in result.rules)
    assert all(not r.name.startswith((".", "、")) for r in result.rules)
