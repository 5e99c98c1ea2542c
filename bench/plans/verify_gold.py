"""Check the plan hold-out: gold/plans.yaml parses, names every plan of corpus/INDEX.tsv, every quote is a
verbatim substring of its text, targets carry op/value/unit, `expect: none` entries carry none, and INDEX
chars match.  Run: python3 verify_gold.py"""
import csv, pathlib, sys, yaml

HERE = pathlib.Path(__file__).resolve().parent
OPS = {">=", ">", "<=", "<", "=="}
errors = []
index = {r["file"]: r for r in csv.DictReader(open(HERE / "corpus/INDEX.tsv", encoding="utf-8"), delimiter="\t")}
plans = yaml.safe_load(open(HERE / "gold/plans.yaml", encoding="utf-8")) or {}
if set(plans) != set(index):
    errors.append(f"gold and INDEX differ: {sorted(set(plans) ^ set(index))}")
for name, row in sorted(index.items()):
    text = (HERE / "corpus" / name).read_text(encoding="utf-8")
    if str(len(text)) != row["chars"]:
        errors.append(f"{name}: INDEX chars {row['chars']} != {len(text)}")
    for t in plans.get(name) or []:
        if t.get("quote") not in text:
            errors.append(f"{name}: quote not in text: {t.get('quote')}")
        if t.get("expect") == "none":
            if any(k in t for k in ("op", "value", "unit")):
                errors.append(f"{name}: expect none with a target: {t}")
            continue
        if t.get("expect") not in (None, "review"):
            errors.append(f"{name}: expect {t.get('expect')}")
        if t.get("op") not in OPS:
            errors.append(f"{name}: op {t.get('op')}")
        if not isinstance(t.get("value"), (int, float)):
            errors.append(f"{name}: value {t.get('value')}")
        if not t.get("unit"):
            errors.append(f"{name}: no unit")
targets = sum(1 for v in plans.values() for t in v or [] if t.get("expect") != "none")
print(f"{len(plans)} plans, {targets} targets checked; {len(errors)} problem(s)")
for e in errors:
    print(" -", e)
sys.exit(1 if errors else 0)
