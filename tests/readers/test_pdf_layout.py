"""PDF layout on characters placed by hand: baselines, superscripts, columns, footnotes."""
from auditor.readers.pdf_layout import SUP, Char, Line, find_gutter, group_lines, line_text, order_blocks, split_notes


def run(text, x=72.0, base=100.0, size=12.0, top_shift=None, script_at=(), small=7.0, rise=5.0):
    """Characters of `text` on one baseline; indexes in `script_at` set small and raised."""
    out = []
    for i, ch in enumerate(text):
        s = small if i in script_at else size
        b = base - rise if i in script_at else base
        w = s if not ch.isascii() else 0.55 * s
        top = b - 0.88 * s + ((top_shift or {}).get(ch, 0.0))
        out.append(Char(ch, x, x + w, top, top + s, b, s))
        x += w
    return out


def test_superscript_mark_is_dropped_not_glued_to_the_figure():
    chars = run("出庭应诉率185%", script_at={5})
    lines = group_lines(chars)
    assert len(lines) == 1
    text, _ = line_text(lines[0])
    assert text == "出庭应诉率85%"
    assert [c.script for c in lines[0]].count(SUP) == 1


def test_superscript_on_a_line_of_its_own_baseline_joins_its_line():
    # The mark sits 0.47 em up: its own baseline cluster, merged back into the line below it.
    line1 = run("全年办理行政复议案件二十三件", base=80.0)
    line2 = run("出庭应诉率285%，纠错率12%。", base=100.0, script_at={5})
    lines = group_lines(line1 + line2)
    assert [line_text(l)[0] for l in lines] == ["全年办理行政复议案件二十三件", "出庭应诉率85%，纠错率12%。"]


def test_digits_with_other_glyph_tops_on_one_baseline_stay_in_the_line():
    # Chromium's Type 3 CJK fonts: ideographs and Latin digits get different tops (2.8 pt apart).
    chars = run("全年办理案件23件，出庭应诉率100%。", top_shift={d: 2.83 for d in "0123456789%"})
    lines = group_lines(chars)
    assert len(lines) == 1 and line_text(lines[0])[0] == "全年办理案件23件，出庭应诉率100%。"


def test_subscript_is_kept():
    chars = run("CO2排放", script_at={2}, rise=-3.0)
    lines = group_lines(chars)
    assert len(lines) == 1 and line_text(lines[0])[0] == "CO2排放"


def _two_column_page(rows=20):
    chars = []
    for k in range(rows):
        chars += run("左栏文字" * 5, x=72.0, base=100.0 + 20 * k)
        chars += run("右栏内容" * 5, x=330.0, base=100.0 + 20 * k)
    chars += run("某县人民政府", x=250.0, base=60.0)  # a centred header across the gutter
    return chars


def test_two_columns_are_found_and_read_left_then_right():
    lines = group_lines(_two_column_page())
    gutter = find_gutter(lines, 595.0)
    assert gutter and 312 <= gutter[0] < gutter[1] <= 330


def test_a_table_with_short_labels_is_not_two_columns():
    chars = []
    for k in range(20):
        chars += run("指标名称", x=72.0, base=100.0 + 20 * k)
        chars += run("完成情况良好并持续提升" * 2, x=320.0, base=100.0 + 20 * k)
    assert find_gutter(group_lines(chars), 595.0) is None


def test_order_blocks_flushes_columns_at_a_spanning_line():
    def line(text, x0, x1, top):
        return Line(text, x0, x1, top, top + 12, 0)

    lines = [line("标题跨栏", 100, 500, 50), line("左一", 72, 300, 100), line("右一", 320, 540, 100),
             line("左二", 72, 300, 120), line("右二", 320, 540, 120), line("页脚跨栏", 200, 400, 800)]
    order = [l.text for l in order_blocks(lines, (305.0, 315.0))]
    assert order == ["标题跨栏", "左一", "左二", "右一", "右二", "页脚跨栏"]


def test_footnotes_at_the_foot_in_smaller_type_leave_the_text():
    def line(text, top, size=12.0, mark=False):
        return Line(text, 72, 500, top, top + size, 0, size, lead_mark=mark)

    body = [line("正文第一行", 100), line("正文第二行", 120)]
    notes = [line("数据来源：统计台账。", 760, 9.0, mark=True), line("续行文字", 772, 9.0)]
    footer = [line("第 1 页 共 6 页", 800, 9.0)]
    kept, moved = split_notes(body + notes + footer, 842.0, 12.0)
    assert moved == notes and kept == body + footer
    # Smaller type without a mark (a signature, a caption) stays.
    kept, moved = split_notes(body + [line("某县人民政府", 760, 9.0)], 842.0, 12.0)
    assert not moved
