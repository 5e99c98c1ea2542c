"""gazetteer/table.py: the remembered table is the table built from divisions.tsv, and only that."""
import pickle

import pytest

from auditor import gazetteer as gz
from auditor.gazetteer import table


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    return tmp_path / "auditor" / table.FILE


def _remembered():
    return table.remembered(gz._build, gz._PARTS)


def test_remembered_equals_built(cache):
    first = _remembered()  # built and kept
    assert cache.is_file()
    again = _remembered()  # read back
    built = gz._build((table.resources.files("auditor.gazetteer") / "divisions.tsv").read_text(encoding="utf-8"))
    assert first == again == built
    assert again is not first
    assert again["forms"]["楚雄州"] == built["forms"]["楚雄州"] and isinstance(again["forms"]["楚雄州"], tuple)


def test_another_tables_kept_form_is_built_again(cache):
    _remembered()
    kept = pickle.loads(cache.read_bytes())
    kept["table"]["names"]["999999"] = "不存在县"
    kept["key"] = "another table"
    cache.write_bytes(pickle.dumps(kept))
    assert "999999" not in _remembered()["names"]
    assert pickle.loads(cache.read_bytes())["key"] != "another table"  # and kept anew


class Evil:
    def __reduce__(self):
        return (print, ("loaded a function",))


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(Evil()), pickle.dumps(["a", "list"]),
                                     pickle.dumps({"key": None})])
def test_a_broken_or_foreign_file_is_built_again(cache, content, capsys):
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(content)
    assert set(_remembered()) == set(gz._PARTS)
    assert "loaded a function" not in capsys.readouterr().out


def test_nothing_kept_when_caches_are_off(cache, monkeypatch):
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    assert set(_remembered()) == set(gz._PARTS)
    assert not cache.exists()
