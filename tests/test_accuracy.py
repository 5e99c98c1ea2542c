"""Against the gold labels: every part and indicator value of the seeds matches, no false values."""

from auditor.accuracy import compare, judge_value, load_gold
from auditor.api import check
from helpers import HUZHU, ROOT, ruleset


def test_seeds_match_gold():
    outcomes = []
    for _, gold in load_gold(ROOT / "seeds" / "gold"):
        audit = check(str(ROOT / "seeds" / "reports" / gold["report"]), ruleset=ruleset(HUZHU))
        outcomes += compare(audit, gold, gold["report"])
    bad = [o for o in outcomes if o.verdict != "match"]
    assert len(outcomes) == 80
    assert not bad, "\n".join(f"{o.report} {o.key}: gold={o.gold} got={o.got} ({o.verdict})" for o in bad)


def test_judge_value():
    assert judge_value({"value": 96.9, "derived": True}, 96.88, "met")[0] == "match"
    assert judge_value({"value": 26.1, "alternatives": [31.6]}, 31.58, "review")[0] == "match"
    assert judge_value({"value": None}, 100.0, "met")[0] == "false_value"
    assert judge_value({"value": 100}, None, "not_reported")[0] == "miss"
    assert judge_value({"value": "mentioned", "expect": "review"}, None, "review")[0] == "match"
    assert judge_value({"value": "mentioned"}, 3.0, "met")[0] == "wrong"


def test_same_jurisdiction_folds_a_commissions_short_name():
    from auditor.accuracy import same_jurisdiction
    assert same_jurisdiction("大足区卫生健康委员会", "大足区卫生健康委")
    assert not same_jurisdiction("广东省卫生健康委员会", "省卫生健康委")


def test_same_jurisdiction_folds_a_departments_short_name_without_he():
    from auditor.accuracy import same_jurisdiction
    assert same_jurisdiction("某某市住房和城乡建设局", "某某市住房城乡建设局")
    assert not same_jurisdiction("某某市住房和城乡建设局", "某某市城乡建设局")
    assert not same_jurisdiction("北和镇", "北镇")


def test_benchmark_script_runs():
    import subprocess
    import sys
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "accuracy.py")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "overall: 80/80 matched" in r.stdout
