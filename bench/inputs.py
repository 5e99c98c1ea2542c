#!/usr/bin/env python3
"""Reports as offices make them: every seed written in every shape by the real tool, audited.

    .venv/bin/python bench/inputs.py [--shapes a,b] [--seeds 000,001] [--compare]

Per cell (seed × shape) prints the findings that differ from the seed .txt's own audit (rule id,
status, value; publish_before_apr1 left out: a web page carries its own date), the share of the
seed's characters the shape's document keeps (lines of > 10 characters found verbatim, spaces
ignored) and any error alert. `--compare` also runs a well-kept article extractor (trafilatura,
readability-lxml) on the web-page shapes, through the same loader, for comparison.
Shapes whose tool is missing print "n/a".
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from auditor.api import check  # noqa: E402
from auditor.errors import InputError  # noqa: E402
from auditor.load import document_from_raw, load_document  # noqa: E402
from auditor.models import RawText  # noqa: E402
from auditor.packs.loader import load_rules  # noqa: E402
from auditor.pipeline import audit_document  # noqa: E402
from makers.shapes import SHAPES, ToolMissing  # noqa: E402

SKIP = {"publish_before_apr1"}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def kept(base_doc, doc, n: int = 8) -> float:
    """Share of the seed's characters (spaces aside) inside a run of n that the document has too."""
    want, got = squash(base_doc.text), squash(doc.text)
    grams = {got[i:i + n] for i in range(len(got) - n + 1)}
    covered = bytearray(len(want))
    for i in range(len(want) - n + 1):
        if want[i:i + n] in grams:
            covered[i:i + n] = b"\x01" * n
    return sum(covered) / (len(want) or 1)


def findings(audit) -> set:
    return {(f.rule_id, f.status, f.value) for f in audit.findings if f.rule_id not in SKIP}


def extractor_docs(path: Path):
    """The same page through trafilatura and readability-lxml, if installed (for --compare)."""
    data = path.read_bytes()
    from auditor.readers.html import _decode_html
    from auditor.readers.mhtml import html_part, is_mhtml

    page = _decode_html(str(path), html_part(data) if is_mhtml(data) else data).text
    out = {}
    try:
        import trafilatura

        text = trafilatura.extract(page, include_tables=True, favor_recall=True) or ""
        out["trafilatura"] = text
    except ImportError:
        pass
    try:
        import lxml.html
        from readability import Document

        out["readability"] = "\n".join(lxml.html.fromstring(Document(page).summary()).itertext())
    except ImportError:
        pass
    return {k: document_from_raw(str(path), RawText(text=v, format="html")) for k, v in out.items() if v.strip()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--seeds", default="")
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args(argv)
    ruleset = load_rules(None)
    seeds = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
    if args.seeds:
        seeds = [s for s in seeds if s.name[:3] in args.seeds.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    print(f"{'shape':24} " + " ".join(f"{s.name[:3]:>22}" for s in seeds))
    worst_kept, total_diff, failures = 1.0, 0, 0
    compare_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = {}
        for seed in seeds:
            doc = load_document(seed)
            base[seed] = (doc, findings(audit_document(doc, ruleset)))
        for shape in shapes:
            cells = []
            for seed in seeds:
                doc, want = base[seed]
                work = Path(tmp) / shape / seed.name[:3]
                work.mkdir(parents=True)
                try:
                    path = SHAPES[shape](doc.original.split("\n"), doc.title, work)
                except ToolMissing as missing:
                    cells.append(f"n/a ({missing})")
                    continue
                t = time.perf_counter()
                try:
                    got_doc = load_document(path)
                    audit = audit_document(got_doc, ruleset)
                except InputError as err:
                    cells.append(f"InputError {err.message[:10]}")
                    failures += 1
                    continue
                secs = time.perf_counter() - t
                diff = len(findings(audit) ^ want)
                share = kept(doc, got_doc)
                errors = [a.code for a in got_doc.alerts if a.severity == "error"]
                worst_kept, total_diff = min(worst_kept, share), total_diff + diff
                cells.append(f"diff {diff:2d} kept {share:6.1%} {secs:4.1f}s" + (f" !{','.join(errors)}" if errors else ""))
                if args.compare and path.suffix in (".html", ".mhtml"):
                    for name, other in extractor_docs(path).items():
                        compare_rows.append((shape, seed.name[:3], name, len(findings(audit_document(other, ruleset)) ^ want),
                                             kept(doc, other)))
            print(f"{shape:24} " + " ".join(f"{c:>22}" for c in cells), flush=True)
    print(f"\ncells: {len(seeds) * len(shapes)}, differing findings in all: {total_diff}, "
          f"lowest characters kept: {worst_kept:.1%}, unreadable: {failures}")
    if compare_rows:
        print("\nweb pages through other extractors (same loader and rules):")
        for shape, code, name, diff, share in compare_rows:
            print(f"  {shape:22} {code} {name:12} diff {diff:2d} kept {share:6.1%}")
    return 0 if total_diff == 0 and worst_kept >= 0.95 and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
