"""build.py: audits -> YearReports keyed by catalog indicator id, the same way for `compare` and batch."""
from __future__ import annotations

from auditor.compare.build import compare_files
from compare.series import TEXTS, write_txt

LOCAL_PACK = """pack: tests/local
title: 本地规则包
source: {document: 测试}
extends: [national/annual-report]
rules:
  - id: local_court_rate
    indicator: court_appearance_rate
    target: 不低于90%
    weight: 5
"""


def test_indicators_are_keyed_by_their_catalog_id(tmp_path):
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK, encoding="utf-8")
    a, b = (write_txt(TEXTS[y], tmp_path / f"{y}.txt") for y in (2022, 2023))
    cmp = compare_files([str(a), str(b)], rules=[str(pack)])
    court = next(t for t in cmp.trends if t.key == "court_appearance_rate")
    assert court.points[2022].rule_id == "local_court_rate" and court.points[2023].number == 96
    promise = next(p for p in cmp.promises if p.commitment.value == 95)
    assert promise.commitment.indicator == "court_appearance_rate" and promise.status == "met"
