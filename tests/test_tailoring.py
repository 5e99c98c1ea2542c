"""Tailoring (targets, disable) and waivers, as the loader applies them and an audit reports them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from auditor import api
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.packs.loader import load_rules
from auditor.pipeline import audit_document

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "rulepacks"
HUZHU = str(ROOT / "rules" / "qinghai" / "huzhu-2024.yaml")
TAILORED = str(FIX / "tailored.ok.yaml")
SEED_001 = str(ROOT / "seeds" / "reports" / "001_3c1d665bfff2c0a5.txt")  # 双河街道 (a township)
SEED_003 = str(ROOT / "seeds" / "reports" / "003_24e0d09e96a209c6.txt")  # 汤郎乡


REPORT_93 = """某县2024年度法治政府建设情况报告
一、2024年法治政府建设主要举措和成效
全年行政机关负责人出庭应诉率为93%。组织领导干部旁听庭审2次。行政规范性文件备案率达到100%。
"""


def _audit(text: str, packs: list[str], **kw):
    doc = document_from_raw("测试报告.txt", RawText(text=text, format="txt"))
    return audit_document(doc, load_rules(packs), **kw)


def test_tailored_target_flips_a_finding():
    base = {f.rule_id: f for f in _audit(REPORT_93, [HUZHU]).findings}
    assert base["court_appearance_rate"].status == "met" and not base["court_appearance_rate"].tailored
    tailored = {f.rule_id: f for f in _audit(REPORT_93, [TAILORED]).findings}
    f = tailored["court_appearance_rate"]
    assert f.status == "not_met" and f.tailored and f.target == "不低于95%" and f.value == 93
    assert "trial_observation" in base and "trial_observation" not in tailored  # disabled
    assert tailored["normative_doc_filing_rate"].status == "met"  # the child pack's own rule


# --- waivers -------------------------------------------------------------------------------------

def _waivers(tmp_path: Path, *items: tuple[str, str, str]) -> str:
    body = "waivers:\n" + "".join(
        f"  - rule: {rule}\n    jurisdiction: {where}\n    reason: 乡镇没有该项职责\n    approver: 县委依法治县办\n"
        f"    expires: {expires}\n" for rule, where, expires in items)
    p = tmp_path / "waivers.yaml"
    p.write_text(body, encoding="utf-8")
    return str(p)


def test_township_waiver_keeps_status_before_and_both_scores():
    audit = api.check(SEED_001, rules=[HUZHU], waivers=str(FIX / "waivers.ok.yaml"), today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived" and f.status_before_waiver == "not_reported" and f.waiver.jurisdiction == "双河街道"
    assert audit.score > audit.score_before_waivers
    assert not audit.expired_waivers


def test_waiver_for_another_township_does_not_apply(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "汤郎乡", "2099-12-31"))
    f = next(x for x in api.check(SEED_001, rules=[HUZHU], waivers=w).findings if x.rule_id == "court_appearance_rate")
    assert f.status == "not_reported" and f.waiver is None
    f = next(x for x in api.check(SEED_003, rules=[HUZHU], waivers=w).findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived"


def test_expired_waiver_is_flagged_not_applied(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "双河街道", "2024-12-31"))
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "not_reported" and "到期" in f.note
    assert [x.rule_id for x in audit.expired_waivers] == ["court_appearance_rate"]
    assert audit.score == audit.score_before_waivers
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2024, 6, 1))
    assert next(x for x in audit.findings if x.rule_id == "court_appearance_rate").status == "waived"


def test_current_waiver_wins_over_an_expired_one(tmp_path):
    w = _waivers(tmp_path, ("court_appearance_rate", "双河街道", "2024-12-31"),
                 ("court_appearance_rate", "双河街道", "2099-12-31"))
    audit = api.check(SEED_001, rules=[HUZHU], waivers=w, today=date(2025, 3, 1))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    assert f.status == "waived" and f.waiver.expires == date(2099, 12, 31)
