#!/usr/bin/env python3
"""Rebuild auditor/assets/t2s_changes.json: what OpenCC's traditional -> simplified conversion can change.

    .venv/bin/pip install marisa-trie   # reads OpenCC's dictionaries (tries in marisa's format)
    .venv/bin/python scripts/build_t2s_changes.py

OpenCC's t2s replaces a dictionary key found in the text by its first value and copies everything else. Each key
of the dictionaries t2s.json names is converted alone (a key alone is matched whole, so this gives its first
value). What is kept: every character some key changes at its own position (a key of another length: all its
characters), and every normalisation key (CJK compatibility ideographs). A text holding none of these characters
is returned unchanged, so fold.py skips the conversion for it. Most such characters are traditional forms;
a few keep their form alone and change only inside certain phrases (覆 in 反覆, 沈 in 沈浸), so those are
kept with the phrases that change them, and a text holding one converts only when one of its phrases is there.

The file records a fingerprint of the configuration and dictionary files it was built from; fold.py uses it
only for those same files. Run it when OpenCC's dictionaries change (tests/test_fold.py fails then).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "auditor" / "assets" / "t2s_changes.json"
HEADER = b"OPENCC_MARISA_0.2.5"  # an .ocd2 file: this header, then a marisa trie of the keys, then the values


def keys(path: Path) -> list[str]:
    import marisa_trie

    data = path.read_bytes()
    if not data.startswith(HEADER):
        raise SystemExit(f"{path}: not an OpenCC marisa dictionary")
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(HEADER):])
    return trie.keys()


def build() -> dict:
    from auditor import fold

    cc = fold.t2s()
    config, dicts = fold.t2s_files()
    stage = json.loads(config.read_text(encoding="utf-8"))
    normalising = {d["file"] for step in stage.get("normalization", ()) for d in _leaves(step["dict"])}
    found = {path.name: keys(path) for path in dicts}
    always = {c for name in normalising for k in found.get(name, ()) for c in k}
    always.update(c for ks in found.values() for k in ks for c in k if cc.convert(c) != c)  # changes alone
    context: dict[str, set[str]] = {}
    for name, ks in found.items():
        if name in normalising:
            continue
        for k in ks:
            v = cc.convert(k)
            if v == k:
                continue
            changed = set(k) if len(v) != len(k) else {a for a, b in zip(k, v) if a != b}
            if not changed & always:  # only this phrase changes it: looked for where that character stands
                context.setdefault(min(changed), set()).add(k)
    return {"fingerprint": fold.t2s_fingerprint(), "chars": "".join(sorted(always)),
            "phrases": {c: sorted(ps) for c, ps in sorted(context.items())}}


def _leaves(d: dict):
    if d.get("type") == "group":
        for sub in d["dicts"]:
            yield from _leaves(sub)
    else:
        yield d


def main() -> int:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['chars'])} characters, {len(data['phrases'])} with phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
