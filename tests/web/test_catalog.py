"""The served packs: listed with title, year and source; a broken pack listed with its error, not fatal;
a request names only a listed pack."""
from __future__ import annotations

import shutil

from auditor.resources import bundled_rules_dir
from auditor.web.catalog import Catalog


def test_bundled_packs_are_listed_with_their_source():
    cat = Catalog()
    keys = {e.key: e for e in cat.entries}
    assert {"national/annual-report", "national/profile", "qinghai/huzhu-2024"} <= set(keys)
    huzhu = keys["qinghai/huzhu-2024"]
    assert huzhu.usable and huzhu.year == 2024 and "互政办" in huzhu.source and huzhu.rules
    assert cat.default().key == "national/annual-report"
    assert any(r["clause"] for r in huzhu.rules)


def test_find_only_matches_listed_packs():
    cat = Catalog()
    assert cat.find("qinghai/huzhu-2024").key == "qinghai/huzhu-2024"
    assert cat.find("qinghai/huzhu-2024.yaml").key == "qinghai/huzhu-2024"
    for ref in ("../rules/qinghai/huzhu-2024", "/etc/passwd", str(bundled_rules_dir() / "qinghai" / "huzhu-2024.yaml"),
                "qinghai", ""):
        assert cat.find(ref) is None


def test_a_broken_pack_is_listed_with_its_error(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), root, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (root / "local").mkdir()
    (root / "local" / "broken.yaml").write_text("pack: local/broken\ntitle: 坏的\nrules:\n  - id: x\n    kind: nosuch\n",
                                                encoding="utf-8")
    (root / "local" / "unreadable.yaml").write_text("pack: [unclosed\n", encoding="utf-8")
    cat = Catalog(root)
    keys = {e.key: e for e in cat.entries}
    assert keys["qinghai/huzhu-2024"].usable
    for key in ("local/broken", "local/unreadable"):
        assert not keys[key].usable and keys[key].error
    # edited in place: the listing follows the file
    (root / "local" / "broken.yaml").write_text((root / "national" / "profile.yaml").read_text(encoding="utf-8")
                                                .replace("pack: national/profile", "pack: local/broken"),
                                                encoding="utf-8")
    assert {e.key: e for e in cat.entries}["local/broken"].usable
