"""fonts.py: the pre-subset CJK font and the per-document cut."""
from __future__ import annotations

from auditor.report import fonts


def test_charset_covers_simplified_traditional_and_punctuation():
    cs = fonts.charset()
    for ch in "法治政府建设年度报告船营区被诉行政機關負責人出庭應訴率達到、。，《》〔〕（）％：；—…①№℃":
        assert ord(ch) in cs, ch
    assert 9000 < len(cs) < 13000


def test_prepare_is_idempotent():
    directory = fonts.prepare()
    files = [directory / fonts.file_name(k) for k in fonts.FACES]
    stamps = [f.stat().st_mtime_ns for f in files if f.exists()]
    assert stamps, "regular font missing"
    assert fonts.prepare() == directory
    assert [f.stat().st_mtime_ns for f in files if f.exists()] == stamps


def test_cut_font_holds_just_the_document_characters():
    from io import BytesIO

    from fontTools.ttLib import TTFont

    m = fonts.master(fonts.installed()[fonts.REQUIRED])
    data = m.cut(set("出庭應訴率85%"))
    cmap = TTFont(BytesIO(data))["cmap"].getBestCmap()
    assert set(map(chr, cmap)) == set("出庭應訴率85%")
    assert m.covers("法治\n政府") and not m.covers("㐀")


def test_every_face_is_built_with_simple_glyphs_and_full_coverage():
    """setup.sh installs the source of every face; each pre-subset font covers the whole charset
    (simplified and traditional) and has no composite glyph the per-document cutter cannot renumber."""
    have = fonts.installed()
    assert set(have) == set(fonts.FACES), set(fonts.FACES) - set(have)
    cs = fonts.charset()
    for key, path in have.items():
        m = fonts.master(path)
        assert m.simple, key
        hanzi = {c for c in cs if 0x4E00 <= c <= 0x9FFF}
        assert not hanzi - set(m.cmap), (key, len(hanzi - set(m.cmap)))
