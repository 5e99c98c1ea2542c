"""resources.py: the one place that says where the user's cache folder is, and when remembering is off."""
from __future__ import annotations

from pathlib import Path

from auditor import resources
from auditor.report import fonts


def test_cache_folder_follows_the_platform_variables(monkeypatch, tmp_path):
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert resources.cache_dir() == tmp_path / "xdg" / "auditor"
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "win"))  # Windows
    assert resources.cache_dir() == tmp_path / "win" / "auditor"
    assert fonts._cache_dir() == tmp_path / "win" / "auditor" / "fonts"


def test_remembering_is_off_with_the_switch_but_fonts_keep_their_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    assert resources.remembering_dir() is None
    assert fonts._cache_dir() == Path(tmp_path) / "auditor" / "fonts"
    monkeypatch.delenv("AUDITOR_NO_CACHE")
    assert resources.remembering_dir() == tmp_path / "auditor"
