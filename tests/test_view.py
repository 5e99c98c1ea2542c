"""The gap report's view model (view.py): order of gaps, verdict words, quotes cut around the figure."""
from __future__ import annotations

import pytest

from audit_factory import ERROR_ALERT, WARNING_ALERT, make_audit

from auditor.report import view, vocab


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    return make_audit(alerts=(WARNING_ALERT, ERROR_ALERT), workdir=str(tmp_path_factory.mktemp("factory")))


def test_gaps_ordered_by_severity_then_weight(audit):
    ctx = view.context(audit)
    rows = ctx["gaps"]
    order = [g["status"] for g in rows]
    assert order == sorted(order, key=vocab.GAP_STATUSES.index)
    assert rows[0]["id"] == "legal_lectures" and rows[0]["status"] == "not_met"  # the only one not met
    weights = [float(g["weight"]) for g in rows if g["status"] == "not_reported"]
    assert weights == sorted(weights, reverse=True)
    assert ctx["score_differs"] and ctx["score"] == vocab.fmt_score(audit.score)


def test_tailored_target_and_waiver_are_carried(audit):
    ctx = view.context(audit)
    lectures = next(g for g in ctx["gaps"] if g["id"] == "legal_lectures")
    assert lectures["tailored"] and lectures["target"] == "至少3次" and lectures["value"] == "1次"
    waived = {w["id"]: w for w in ctx["waived"]}
    assert waived["law_exams"]["before_label"] == "未报告" and not waived["law_exams"]["waiver"]["expired"]
    assert waived["case_file_review"]["waiver"]["expired"]  # shown, marked as expired
    assert [e["rule"] for e in ctx["expired"]] == ["case_file_review"]


def test_alerts_errors_first(audit):
    a = view.context(audit)["alerts"]
    assert [x["code"] for x in a["errors"]] == [ERROR_ALERT.code]
    assert [x["code"] for x in a["warnings"]] == [WARNING_ALERT.code]
    assert a["errors"][0]["label"] == vocab.ALERT_LABELS["error"]


def test_verdict_uses_the_one_wording(audit):
    by = {f.rule_id: f for f in audit.findings}
    text, css = view.verdict(by["legal_lectures"])
    assert text == "未达标：1次" and css == "st-not_met"
    assert view.verdict(by["major_decision_catalog"])[0] == "达标：已提及"  # a mention rule
    assert view.verdict(by["hostile_rule"])[0] == "待核实：已提及，无数字"  # a count without a figure
    assert view.verdict(by["online_service_rate"]) == ("未报告", "pf-no")  # a profile row
    text, _ = view.verdict(by["law_exams"])
    assert text == "不适用（豁免前：未报告）"


def test_quote_split_survives_bad_highlights():
    assert view.split_quote("达到85%。", (2, 5)) == ("达到", "85%", "。")
    assert view.split_quote("达到85%。", (4, 99)) == ("达到85%。", "", "")
    assert view.split_quote("达到85%。", None) == ("达到85%。", "", "")
    before, fig, after = view.split_quote("甲" * 400 + "9次" + "乙" * 400, (400, 402))
    assert fig == "9次" and before.startswith("…") and after.endswith("…")


def test_figures_are_grouped_by_sentence(audit):
    rows, n = view._figures(audit)
    assert n >= len(rows) > 0
    lecture = next(r for r in rows if "1次" in r["figs"] and any("講座" in t for t, _ in r["segments"]))
    assert [t for t, fig in lecture["segments"] if fig] == ["1次", "1次"]
