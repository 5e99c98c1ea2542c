"""fold.py: the fast paths (full-width runs, ideograph counts by runs, changed positions by stretches) give
exactly what the plain per-character definitions give, on any text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from auditor import fold

# ASCII, full-width forms, wide spaces, ideographs (simplified and traditional), punctuation
_CHARS = st.sampled_from(list("ab1 ,.%\n\t") + [chr(c) for c in (0xFF0C, 0xFF05, 0xFF11, 0x3000, 0x2002, 0x2003, 0xA0,
                                                               0x3002, 0x4E00, 0x6CD5, 0x8655, 0x9FFF, 0x9FA5, 0x570B)])
TEXT = st.text(_CHARS, max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_halfwidth_is_the_translation_table(text):
    assert fold.halfwidth(text) == text.translate(fold.FULLWIDTH)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 50), st.integers(0, 500))
def test_cjk_count_counts_ideographs(text, start, end):
    assert fold.cjk_count(text, start, end) == len(fold.CJK_CHAR.findall(text, start, end))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_changed_counts_differing_positions(text):
    other = fold.t2s().convert(text)
    if len(other) == len(text):
        assert fold._changed(text, other, step=7) == sum(map(str.__ne__, text, other))


def test_fold_keeps_length_and_names_the_script():
    text, script = fold.fold("法治政府建設年度報告，全年辦理１２件")
    assert text == "法治政府建设年度报告,全年办理12件" and script == "traditional"
    assert fold.fold("法治政府建设年度报告")[1] == "simplified"


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 60))
def test_changed_stops_only_once_past_enough(text, enough):
    other = fold.t2s().convert(text)
    if len(other) == len(text):
        full = sum(map(str.__ne__, text, other))
        got = fold._changed(text, other, enough=enough, step=7)
        assert got == full if full <= enough else enough < got <= full


def test_script_at_the_three_percent_line():
    simp = "法治政府建设" * 50  # 300 ideographs
    for n_trad, script in ((9, "simplified"), (10, "traditional")):  # 9/300 = 3% is not past 3%
        text = "國" * n_trad + simp[n_trad:]
        assert fold.fold(text)[1] == script
