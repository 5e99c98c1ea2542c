"""cjkwrap: lines within the width in terminal cells, Latin words whole, Chinese punctuation rules kept."""
import pytest

from auditor.cjkwrap import cell_width, wrap


def test_cell_width_counts_chinese_as_two():
    assert cell_width("出庭率95%") == 3 * 2 + 3
    assert cell_width("，") == 2 and cell_width("a b") == 3


@pytest.mark.parametrize("width", [10, 17, 24, 40, 80])
def test_lines_fit_and_nothing_is_lost(width):
    text = ("出现该状态及更严重的状态时退出码为 1：not_met（未达标）、not_reported（未报告）、review（待核实）、"
            "never（从不），规则包 rules/qinghai/huzhu-2024.yaml 中的 court_appearance_rate。")
    lines = wrap(text, width)
    longest_word = max(cell_width(w) for w in ("rules/qinghai/huzhu-2024.yaml", "court_appearance_rate。"))
    assert all(cell_width(line) <= max(width, longest_word) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_latin_words_and_numbers_are_never_split():
    lines = wrap("规则 loss_rate_after_reconsideration 的目标为不低于95.5%", 20)
    assert "loss_rate_after_reconsideration" in lines
    assert any("95.5%" in line for line in lines)


def test_no_closing_punctuation_starts_a_line_and_no_opening_one_ends_it():
    for width in range(6, 30):
        for line in wrap("甲乙丙丁戊己庚辛，壬癸（子丑寅卯）、辰巳午未申酉“戌亥”。", width):
            assert line[0] not in "，。、）”" and line[-1] not in "（“", (width, line)
