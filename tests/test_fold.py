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


# The characters the skip test turns on: phrase-only changes (覆 of 反覆, 沈 of 沈浸, 瞭 of 明瞭), their phrases'
# other characters, traditional forms, a compatibility ideograph, and characters OpenCC never changes
_T2S_CHARS = st.sampled_from(list("覆反答盖沈浸默深瞭明解藉口此坏土打么麽甦醒國體法治政府年一 ,\n") + ["\uf900", "\U0002f800"])


@settings(max_examples=500, deadline=None)
@given(st.text(_T2S_CHARS, max_size=60))
def test_a_text_t2s_would_change_is_never_skipped(text):
    if not fold.t2s_may_change(text):
        assert fold.t2s().convert(text) == text


def test_the_skip_test_reads_phrases_and_single_characters():
    assert not fold.t2s_may_change("全面覆盖，深入学习，法治政府建设")  # 覆 alone keeps its form
    for text in ("答覆意见", "反覆", "沈浸其中", "明瞭", "藉此", "國", "\uf900"):
        assert fold.t2s_may_change(text) and fold.t2s().convert(text) != text, text
    assert fold.fold("全面覆盖法治政府建设") == ("全面覆盖法治政府建设", "simplified")


def test_the_t2s_table_is_built_from_the_installed_dictionaries():
    """scripts/build_t2s_changes.py gives the shipped table again (run it when OpenCC's dictionaries change)."""
    import importlib.util
    import json
    import sys

    import pytest
    from helpers import ROOT

    pytest.importorskip("marisa_trie", reason="the test extras install it (reads OpenCC's dictionary tries)")

    spec = importlib.util.spec_from_file_location("build_t2s_changes", ROOT / "scripts" / "build_t2s_changes.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_t2s_changes", build)
    spec.loader.exec_module(build)
    assert build.build() == json.loads(fold.CHANGES.read_text(encoding="utf-8"))
    assert fold._changes() is not None  # the table is in use
