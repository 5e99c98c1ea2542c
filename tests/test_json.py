"""report/json.py: the documented contract, valid JSON whatever the report held."""
from __future__ import annotations

import json
from dataclasses import replace

from audit_factory import ERROR_ALERT, make_audit

from auditor.report import vocab
from auditor.report.json import audit_dict, audit_json


def test_contract_fields_and_alerts(tmp_path):
    audit = make_audit(alerts=(ERROR_ALERT,), workdir=str(tmp_path))
    data = json.loads(audit_json(audit))
    assert data["schema_version"] == 1
    assert set(data) >= {"report", "packs", "alerts", "score", "score_before_waivers", "counts", "outline", "findings"}
    assert data["alerts"] == [{"code": ERROR_ALERT.code, "severity": "error", "message": ERROR_ALERT.message}]
    by = {f["id"]: f for f in data["findings"]}
    assert by["legal_lectures"]["value"] == 1 and by["legal_lectures"]["tailored"] is True
    assert by["legal_lectures"]["value_label"] == "1次"
    assert by["hostile_rule"]["value_label"] == vocab.MENTIONED_NO_FIGURE
    assert by["law_exams"]["waiver"]["status_before"] == "not_reported"


def test_non_finite_values_and_lone_surrogates_still_give_json(tmp_path):
    audit = make_audit(workdir=str(tmp_path))
    f = next(x for x in audit.findings if x.rule_id == "legal_lectures")
    bad = replace(f, value=float("inf"), name="坏\udcff名")
    audit = replace(audit, findings=(bad,) + audit.findings[1:])
    text = audit_json(audit)
    text.encode("utf-8")  # valid UTF-8
    data = json.loads(text)
    assert data["findings"][0]["value"] is None and data["findings"][0]["name"] == "坏\ufffd名"
    assert audit_dict(audit)["findings"][0]["value"] is None
