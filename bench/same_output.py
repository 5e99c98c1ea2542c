#!/usr/bin/env python3
"""Do the outputs stay byte for byte the same? For speed work: save a baseline, change the code, compare.

    .venv/bin/python bench/same_output.py save DIR [--synth N]
    .venv/bin/python bench/same_output.py compare DIR [--synth N]

Audits every seed report and work plan, the real-text dev set (bench/corpus) and the holdout (bench/holdout)
with the bundled default packs and with the Huzhu pack, and N synthetic reports (bench/synth.py, default 300)
with the Huzhu pack, as a batch worker does (`audit_bytes`: the JSON text with its trend digest, the 明细
lines, the row, or the error), on a fixed date. `save` writes one file per input into DIR; `compare` prints
every input whose outputs differ from DIR's and exits 1 if any does.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TODAY = date(2025, 3, 1)
HUZHU = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"


def inputs(synth_n: int) -> list[tuple[str, Path, str]]:
    """(label, file, pack) for every input."""
    real = sorted([*(ROOT / "seeds" / "reports").glob("*.txt"), *(ROOT / "seeds" / "workplans").glob("*.txt"),
                   *(ROOT / "bench" / "corpus" / "corpus").glob("*.txt"),
                   *(ROOT / "bench" / "holdout" / "corpus").glob("*.txt")])
    out = [(f"{p.parent.parent.name}-{p.parent.name}-{p.name}-{pack}", p, pack)
           for p in real for pack in ("default", "huzhu")]
    if synth_n:
        import synth

        folder = Path(tempfile.mkdtemp(prefix="auditor-same-"))
        synth.write_corpus(folder, synth_n)
        out += [(f"synth-{p.name}", p, "huzhu") for p in sorted(folder.iterdir())]
    return out


def outputs(synth_n: int) -> dict[str, str]:
    from auditor.batch.worker import Job, audit_bytes
    from auditor.packs.loader import load_rules

    jobs = {"default": Job(load_rules(None), today=TODAY), "huzhu": Job(load_rules([str(HUZHU)]), today=TODAY)}
    got = {}
    for label, path, pack in inputs(synth_n):
        o = audit_bytes(path.name, path.name, path.read_bytes(), jobs[pack])
        text = "\n".join([repr(o.error), repr(o.row), o.json or "", *o.details]) + "\n"
        got[label] = text.replace(str(ROOT), "<checkout>")  # the packs' paths: any checkout compares
    return got


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "compare"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--synth", type=int, default=300)
    args = ap.parse_args(argv)
    got = outputs(args.synth)
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for label, text in got.items():
            (args.dir / label).write_bytes(text.encode("utf-8"))
        print(f"saved {len(got)} outputs in {args.dir}")
        return 0
    bad = 0
    for label, text in got.items():
        f = args.dir / label
        old = f.read_bytes().decode("utf-8") if f.exists() else None
        if old != text:
            bad += 1
            print(f"differs: {label}" + ("" if old is not None else " (no baseline)"))
            if bad <= 3 and old is not None:
                import difflib

                for line in list(difflib.unified_diff(old.split("\n"), text.split("\n"), lineterm="", n=0))[:12]:
                    print("   ", line[:300])
    digest = hashlib.sha256("".join(got[k] for k in sorted(got)).encode()).hexdigest()[:16]
    print(f"{len(got) - bad}/{len(got)} outputs identical (all: {digest})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
