"""Test helpers: audit a few sentences against a pack, assert statuses and values (not prose)."""
from __future__ import annotations

from pathlib import Path

from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.pipeline import audit_document
from auditor.packs.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "reports"
HUZHU = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")
SEEDS_2023 = str(ROOT / "tests" / "rulepacks" / "seeds-2023.ok.yaml")  # Huzhu's rules, scoped to 2023: fits seeds 000–002
_CACHE = {}


def as_in_a_terminal() -> None:
    """preexec_fn for a child that a test stops with Ctrl-C: a job started in the background without job control
    (CI) inherits SIGINT ignored, and the auditor rightly keeps a signal ignored at its start."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ruleset(pack: str = HUZHU):
    if pack not in _CACHE:
        _CACHE[pack] = load_rules([pack])
    return _CACHE[pack]


def report(body: str, part: str = "achievements", title: str = "某县2024年度法治政府建设情况报告") -> str:
    heading = {"achievements": "一、2024年法治政府建设主要举措和成效", "shortcomings": "一、存在的不足和原因",
               "next_year": "一、2025年工作安排", "first_responsible": "一、党政主要负责人履行第一责任人职责情况",
               "other": "一、其他情况"}[part]
    return f"{title}\n{heading}\n{body}\n"


def audit_text(text: str, pack: str = HUZHU, **kw):
    doc = document_from_raw("测试报告.txt", RawText(text=text, format="txt", encoding="utf-8"))
    return audit_document(doc, ruleset(pack), **kw)


def finding(body: str, rule_id: str, part: str = "achievements", pack: str = HUZHU):
    audit = audit_text(report(body, part), pack)
    return next(f for f in audit.findings if f.rule_id == rule_id)


def check(body: str, expect: list[tuple], part: str = "achievements", pack: str = HUZHU):
    """expect: [(rule_id, status)] or [(rule_id, status, value)]."""
    audit = audit_text(report(body, part), pack)
    got = {f.rule_id: f for f in audit.findings}
    for item in expect:
        f = got[item[0]]
        assert f.status == item[1], f"{item[0]}: status {f.status} != {item[1]} ({f.note})"
        if len(item) > 2:
            want = item[2]
            if isinstance(want, (int, float)):
                assert isinstance(f.value, float) and abs(f.value - want) < 0.051, f"{item[0]}: value {f.value} != {want}"
            else:
                assert f.value == want, f"{item[0]}: value {f.value!r} != {want!r}"
    return audit
