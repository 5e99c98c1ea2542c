"""rx: patterns compiled once per Python build — what is read back is exactly what re.compile makes, and anything
unexpected in the kept file falls back to re."""
import json
import re
import subprocess
import sys

import pytest

from auditor import rx

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,4}?(?:县|区)", 0),
    (r"(?P<year>20\d\d)\s*年(?:度)?", 0),
    (r"(?<=[。；！？])\s*([一二三四五六七八九十]{1,3})、", re.M),
    (r"^(?:存在的?(?:主要)?(?:问题|不足))|[^\u4e00-\u9fff]", re.S),
    (r"abc|ABC", re.I),
]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """rx as a new process finds it, keeping its file in a cache folder of its own."""
    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)

    def restart():
        monkeypatch.setattr(rx, "_made", {})
        monkeypatch.setattr(rx, "_kept", None)
        monkeypatch.setattr(rx, "_new", {})

    restart()
    return restart


def test_kept_patterns_read_back_equal_to_re(fresh):
    for p, f in PATTERNS:
        assert rx.compile(p, f) == re.compile(p, f)
    assert len(rx._new) == len(PATTERNS)
    rx.save()
    assert rx._path().is_file()
    fresh()
    for p, f in PATTERNS:
        made = rx.compile(p, f)
        assert made == re.compile(p, f)  # Pattern equality compares the flags, the pattern and the code
        assert made is not re.compile(p, f)  # made from the file, not by re
        assert made.groupindex == re.compile(p, f).groupindex
    assert rx._new == {}  # nothing was compiled again
    assert rx.compile(r"(?P<year>20\d\d)\s*年(?:度)?").search("截至2024年度").group("year") == "2024"


def test_a_refused_entry_is_compiled_again(fresh):
    p = r"[\u4e00-\u9fff]+镇"
    rx.compile(p)
    rx.save()
    data = json.loads(rx._path().read_text(encoding="utf-8"))
    data["patterns"][0][-1] = rx._pack([1, 2, 3])  # code the matcher does not accept
    rx._path().write_text(json.dumps(data), encoding="utf-8")
    fresh()
    assert rx.compile(p) == re.compile(p)
    assert rx.compile(p).fullmatch("关坝镇")


@pytest.mark.parametrize("content", ["not json", '{"format": 1, "build": "another python", "patterns": []}',
                                     '{"format": 99}', "[]"])
def test_a_foreign_or_broken_file_is_ignored(fresh, content):
    path = rx._path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    assert rx.compile(r"[。；]") == re.compile(r"[。；]")
    rx.save()
    assert json.loads(path.read_text(encoding="utf-8"))["build"] == rx._build_tag()


def test_nothing_kept_when_caches_are_off(fresh, monkeypatch):
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    assert rx.compile(r"[一二三]") == re.compile(r"[一二三]")
    assert rx._new == {} and rx._path() is None
    rx.save()


def test_bytes_patterns_are_re_s(fresh):
    assert rx.compile(rb"^[A-Z]+:") == re.compile(rb"^[A-Z]+:")
    assert rx._new == {}


def test_a_fresh_process_gets_the_auditors_patterns_from_the_file(tmp_path):
    """After one process has kept them, every pattern an audit compiles comes from the file and equals re's."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    audit = ("import sys, re; from auditor import api, rx; api.check(sys.argv[1], rules=[sys.argv[2]]); "
             "bad = [k for k, p in rx._made.items() if p != re.compile(*k)]; "
             "print(len(rx._made), len(rx._new), len(bad))")
    from helpers import HUZHU, SEEDS

    seed = str(next(SEEDS.glob("*.txt")))
    runs = [subprocess.run([sys.executable, "-c", audit, seed, str(HUZHU)], env=env, capture_output=True, text=True)
            for _ in range(3)]  # the second reads a remembered rule set (a pattern or two of its own)
    made, new, bad = map(int, runs[0].stdout.split())
    assert made > 100 and new > 100 and bad == 0, runs[0].stderr
    made, new, bad = map(int, runs[2].stdout.split())
    assert made > 100 and new == 0 and bad == 0, runs[2].stderr
