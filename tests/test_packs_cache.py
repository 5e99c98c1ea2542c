"""Remembered rule sets: used only while the code, every file read and every reference's target are unchanged;
anything stale, corrupt or foreign falls back to loading and validating."""
import pickle
import textwrap

import pytest

from auditor.errors import RulePackError
from auditor.packs import cache, loader
from auditor.packs.loader import load_rules

CHILD = """\
pack: test/child
title: 测试规则包
extends: [./parent.yaml]
rules:
  - id: lectures
    kind: count
    name: 法治专题讲座
    aliases: [法治专题讲座]
    target: 至少2次
"""
PARENT = """\
pack: test/parent
title: 上级规则包
rules:
  - id: trainings
    kind: count
    name: 执法人员培训
    aliases: [执法人员培训]
    target: 至少1次
"""


@pytest.fixture
def packs(tmp_path, monkeypatch):
    """A child pack extending a parent in a rules folder of its own, the cache on in tmp_path/cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mine" / "rules"
    folder.mkdir(parents=True)
    (folder / "child.yaml").write_text(CHILD, encoding="utf-8")
    (folder / "parent.yaml").write_text(PARENT, encoding="utf-8")
    return folder


def _entries(tmp_path):
    return list((tmp_path / "cache" / "auditor" / "rulesets").glob("*.pickle"))


def _not_loaded(*a, **k):
    raise AssertionError("the packs were loaded again")


def test_an_unchanged_load_is_remembered(packs, tmp_path, monkeypatch):
    first = load_rules([str(packs / "child.yaml")])
    assert len(_entries(tmp_path)) == 1
    monkeypatch.setattr(loader, "assemble", _not_loaded)
    again = load_rules([str(packs / "child.yaml")])
    assert again == first and [p.path for p in again.packs] == [p.path for p in first.packs]
    assert {r.id for r in again.rules} >= {"lectures", "trainings"}


@pytest.mark.parametrize("name", ["child.yaml", "parent.yaml"])
def test_a_changed_pack_or_parent_is_loaded_again(packs, name):
    load_rules([str(packs / "child.yaml")])
    f = packs / name
    f.write_text(f.read_text(encoding="utf-8").replace("至少", "不少于") + "# 改过\n", encoding="utf-8")
    targets = {r.id: r.target.text for r in load_rules([str(packs / "child.yaml")]).rules if r.target}
    assert targets["lectures" if name == "child.yaml" else "trainings"].startswith("不少于")


def test_a_changed_pack_with_a_problem_raises_it(packs):
    load_rules([str(packs / "child.yaml")])
    (packs / "parent.yaml").write_text(PARENT.replace("kind: count", "kind: counter"), encoding="utf-8")
    with pytest.raises(RulePackError):
        load_rules([str(packs / "child.yaml")])


def test_a_reference_that_now_leads_elsewhere_is_loaded_again(packs, tmp_path):
    """A name resolves into ./rules before the bundled packs: a new file there is what the load must read."""
    child = packs / "child.yaml"
    child.write_text(CHILD.replace("./parent.yaml", "national/annual-report"), encoding="utf-8")
    before = load_rules([str(child)])
    assert any(p.id == "national/annual-report" for p in before.packs)
    (tmp_path / "rules" / "national").mkdir(parents=True)
    (tmp_path / "rules" / "national" / "annual-report.yaml").write_text(
        PARENT.replace("test/parent", "national/annual-report"), encoding="utf-8")
    after = load_rules([str(child)])
    assert {r.id for r in after.rules} >= {"trainings"} and {r.id for r in after.rules} != {r.id for r in before.rules}


def test_another_code_version_is_another_entry(packs, tmp_path, monkeypatch):
    load_rules([str(packs / "child.yaml")])
    monkeypatch.setattr(cache, "code_stamp", lambda: "another version")
    calls = []
    real = loader.assemble
    monkeypatch.setattr(loader, "assemble", lambda *a, **k: calls.append(1) or real(*a, **k))
    load_rules([str(packs / "child.yaml")])
    assert calls and len(_entries(tmp_path)) == 2


@pytest.mark.parametrize("damage", ["truncated", "foreign", "stale check"])
def test_a_damaged_entry_falls_back_to_loading(packs, tmp_path, damage):
    first = load_rules([str(packs / "child.yaml")])
    (entry,) = _entries(tmp_path)
    if damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:100])
    elif damage == "foreign":  # a class the unpickler must not build
        entry.write_bytes(pickle.dumps({"format": cache.FORMAT, "ruleset": textwrap.TextWrapper()}))
    else:
        data = pickle.loads(entry.read_bytes())
        data["checks"] = [(k, a, "0" * 64 if k == "file" else r) for k, a, r in data["checks"]]
        data["ruleset"] = None
        entry.write_bytes(pickle.dumps(data))
    assert load_rules([str(packs / "child.yaml")]) == first
    assert cache.remembered([str(packs / "child.yaml")], True) == first  # written again


def test_every_file_read_and_reference_is_a_check(packs, tmp_path):
    load_rules([str(packs / "child.yaml")])
    (entry,) = _entries(tmp_path)
    checks = pickle.loads(entry.read_bytes())["checks"]
    files = {a[0] for k, a, _ in checks if k == "file"}
    assert {str((packs / "child.yaml").resolve()), str((packs / "parent.yaml").resolve())} <= files
    assert any(f.endswith("rulepack.yaml") for f in files) and any(f.endswith("profile.yaml") for f in files)
    assert {k for k, _, _ in checks} >= {"file", "ref", "top", "is_file"}


def test_nothing_is_remembered_when_the_cache_is_off(packs, tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    load_rules([str(packs / "child.yaml")])
    assert not (tmp_path / "cache").exists()


def test_a_remembered_load_reads_no_yaml_and_runs_no_jsonschema(packs, tmp_path):
    """In a fresh interpreter, as a cold `auditor check` starts: the second load imports neither."""
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom auditor.packs.loader import load_rules\n"
            f"load_rules([{str(packs / 'child.yaml')!r}])\n"
            "print('yaml' in sys.modules, 'jsonschema' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_NO_CACHE"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
            for _ in range(2)]
    assert runs[0].stdout.split() == ["True", "True"], runs[0].stderr
    assert runs[1].stdout.split() == ["False", "False"], runs[1].stderr
