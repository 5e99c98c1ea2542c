"""fonts.py: the pre-subset CJK font and the per-document cut."""
from __future__ import annotations

import marshal
import os
import shutil

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


def test_parsed_font_is_cached_and_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = fonts.installed()[fonts.REQUIRED]
    first = fonts.Master(path)
    cache = fonts._parsed_path(path)
    assert cache.is_file() and str(cache).startswith(str(tmp_path))
    again = fonts.Master(path)
    assert (again.order, again.cmap, again.raw, again.glyphs, again.metrics, again.simple) == \
           (first.order, first.cmap, first.raw, first.glyphs, first.metrics, first.simple)
    assert again.cut("法治政府") == first.cut("法治政府")
    for bad in (b"\x00garbage", marshal.dumps((fonts.PARSED_FORMAT, ({}, {}, [b""], [], True))),
                marshal.dumps((fonts.PARSED_FORMAT - 1, (1, 2, 3, 4, 5)))):
        cache.write_bytes(bad)
        assert fonts._read_parsed(path) is None
        assert fonts.Master(path).cmap == first.cmap  # parsed again, cache rewritten
        assert fonts._read_parsed(path) is not None


def test_parsed_font_cache_follows_the_font_file(tmp_path, monkeypatch):
    """A rebuilt font (new size or mtime) gets a new cache entry; the stale one is removed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / fonts.file_name(fonts.REQUIRED)
    shutil.copy(fonts.installed()[fonts.REQUIRED], path)
    fonts.Master(path)
    old = fonts._parsed_path(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    new = fonts._parsed_path(path)
    assert new != old and fonts._read_parsed(path) is None
    fonts.Master(path)
    assert new.is_file() and not old.exists()


def test_parsed_entries_of_other_checkouts_are_bounded(tmp_path, monkeypatch):
    """Each folder the tool was installed in leaves one entry per face; only the newest few are kept."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = fonts.installed()[fonts.REQUIRED]
    paths = []
    for i in range(fonts.PARSED_KEEP + 2):
        folder = tmp_path / f"checkout{i}"
        folder.mkdir()
        paths.append(folder / source.name)
        shutil.copy(source, paths[-1])
        fonts.Master(paths[-1])
        entry = fonts._parsed_path(paths[-1])
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # written in this order
    kept = sorted(p.name for p in fonts._cache_dir().glob(f"{source.stem}-*.parsed"))
    assert len(kept) == fonts.PARSED_KEEP
    assert fonts._parsed_path(paths[-1]).name in kept and fonts._parsed_path(paths[0]).name not in kept


def test_recipe_of_a_font_file_is_remembered_by_size_and_mtime(tmp_path, monkeypatch):
    """installed() knows which recipe built each file without fontTools in a new process; a changed file (size
    or mtime) or a damaged record is read from the font again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / fonts.file_name(fonts.REQUIRED)
    shutil.copy(fonts.installed()[fonts.REQUIRED], path)
    st = path.stat()
    fonts._recipe_of.cache_clear()
    assert fonts._recipe_of(str(path), st.st_mtime_ns, st.st_size) == fonts.RECIPE
    assert fonts._known_recipes()[str(path)] == (st.st_size, st.st_mtime_ns, fonts.RECIPE)
    fonts._remember_recipe(str(path), st.st_size, st.st_mtime_ns, "other-recipe")  # what the record says wins
    fonts._recipe_of.cache_clear()
    assert fonts._recipe_of(str(path), st.st_mtime_ns, st.st_size) == "other-recipe"
    assert fonts._recipe_of(str(path), st.st_mtime_ns + 1, st.st_size) == fonts.RECIPE  # changed: read again
    (fonts._cache_dir() / fonts.RECIPES_FILE).write_bytes(b"\x00garbage")
    fonts._recipe_of.cache_clear()
    assert fonts._known_recipes() == {} and fonts._recipe_of(str(path), st.st_mtime_ns, st.st_size) == fonts.RECIPE
