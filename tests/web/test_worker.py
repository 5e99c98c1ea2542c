"""Choosing the pack for a report: only one that surely applies, the most specific, never a tie."""
from __future__ import annotations

from pathlib import Path

from auditor.load import load_document
from auditor.resources import bundled_rules_dir
from auditor.web.worker import fits, pick

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
HUZHU = ("qinghai/huzhu-2024", str(bundled_rules_dir() / "qinghai" / "huzhu-2024.yaml"))
Y2023 = ("test/seeds-2023", str(ROOT / "tests" / "rulepacks" / "seeds-2023.ok.yaml"))
NATIONAL = ("national/annual-report", str(bundled_rules_dir() / "national" / "annual-report.yaml"))


def test_the_pack_for_the_reports_year_is_chosen():
    doc = load_document(SEEDS[0])  # 2023, not Huzhu
    cands = [NATIONAL, HUZHU, Y2023]
    fit = fits(doc, cands, 0)
    assert fit == {"national/annual-report": "yes", "qinghai/huzhu-2024": "no", "test/seeds-2023": "yes"}
    assert pick(fit, cands, 0) == Y2023


def test_no_scoped_pack_or_a_tie_means_the_default():
    doc = load_document(SEEDS[3])  # 2024, a township outside Huzhu
    cands = [NATIONAL, HUZHU, Y2023]
    assert pick(fits(doc, cands, 0), cands, 0) is None
    doc = load_document(SEEDS[0])
    twice = [Y2023, ("copy/seeds-2023", Y2023[1])]
    assert pick(fits(doc, twice, 0), twice, 0) is None  # two equally specific packs: no guess
