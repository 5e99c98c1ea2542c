"""The metadata block of saved government pages: keys with ：/: or brackets, spaced, several to a line."""
from datetime import date

from auditor.pagemeta import is_meta_line, page_meta


def test_keys_and_values_several_to_a_line():
    m = page_meta(["索引号: 000014349/2022-778295 主题分类: 司法", "发布机构: 省政府办公厅 成文日期: 2022-03-29"])
    assert m.issuer == "省政府办公厅" and m.published == date(2022, 3, 29)
    assert m.index_number == "000014349/2022-778295" and m.division_code is None


def test_bracketed_table_cells():
    m = page_meta(["[ 索引号 ] 11500230008689762A/2026-00004 [ 发文字号 ]",
                   "[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]", "[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10"])
    assert m.issuer == "丰都县栗子乡人民政府"
    assert m.published == date(2026, 2, 10)  # the publication date wins over the date it was written
    assert m.division_code == "500230"  # from the unified social credit code
    assert m.doc_number is None


def test_spaced_keys_pipes_and_chinese_dates():
    m = page_meta(["索 引 号:115323000151673132-/2024-0118001 | 公开目录:法治政府情况报告 | 发布机构:楚雄州人民政府办公室 |",
                   "主题词: | 发布日期:2024年01月18日 | 文 号: |", "标 题：楚雄州2023年度法治政府建设情况报告"])
    assert m.issuer == "楚雄州人民政府办公室" and m.published == date(2024, 1, 18)
    assert m.title == "楚雄州2023年度法治政府建设情况报告"
    assert m.division_code == "532300"


def test_document_number_and_source():
    m = page_meta(["• 备注/文号:惠交法〔2026〕1号", "来源：海口市司法局", "时间:2026-02-28 16:51"])
    assert m.doc_number == "惠交法〔2026〕1号" and m.source == "海口市司法局"
    assert m.published == date(2026, 2, 28)


def test_body_sentences_are_not_metadata():
    assert not is_meta_line("2023年，我县坚持依法行政，全年办理行政复议案件23件。")
    assert is_meta_line("发布时间：2024-03-01")


def test_keys_in_cells_of_their_own_and_spaces_lost_as_question_marks():
    m = page_meta(["索??引??号 | 014000810/2025-00009 | 分????????类 | 行业管理?? |",
                   "发布机构 | 江苏省交通运输厅 | 发文日期 | 2025-02-18 |",
                   "标????????题 | 江苏省交通运输厅2024年度法治政府部门建设情况报告 | ||", "文????????号 | 主??题??词 | ||"])
    assert m.title == "江苏省交通运输厅2024年度法治政府部门建设情况报告"
    assert m.issuer == "江苏省交通运输厅" and m.published == date(2025, 2, 18)
    assert m.index_number == "014000810/2025-00009" and m.doc_number is None
    assert is_meta_line("标 题 | 某县2023年度法治政府建设情况报告 |")
    assert not is_meta_line("全县共有文号|标题不规范的文件3件。")  # a key must stand in its own cell
