"""table: the gazetteer's table as built from divisions.tsv, remembered between runs in cache_dir().

Building it (3,200 lines, the name variants of each, the indexes the scan reads) costs a cold `auditor check`
some 40 ms; reading it back, a tenth of that. The remembered form is keyed by the bytes of divisions.tsv and of the
modules that build it, so a new table or new code builds it again; a missing, unreadable or foreign file is built
again too, and AUDITOR_NO_CACHE=1 never reads or writes one. It is a pickle of plain data (dicts, lists, tuples,
strings, numbers: JSON takes three times as long to read back) read by an unpickler that loads no class or
function at all.
"""
from __future__ import annotations

import hashlib
import io
import pickle
from importlib import resources
from typing import Callable

from ..resources import remembering_dir

FORMAT = 1
FILE = "gazetteer.pickle"
_SOURCES = ("divisions.tsv", "__init__.py", "table.py")  # what the remembered form is made from


def remembered(build: Callable[[str], dict], parts: tuple[str, ...]) -> dict:
    """build(the text of divisions.tsv), or what an earlier run of it made from the same table and code; `parts`:
    the keys build gives."""
    files = resources.files(__package__)
    data = {name: files.joinpath(name).read_bytes() for name in _SOURCES}
    folder = remembering_dir()
    if folder is None:
        return build(data["divisions.tsv"].decode("utf-8"))
    h = hashlib.sha256(str(FORMAT).encode())
    for name in _SOURCES:
        h.update(hashlib.sha256(data[name]).digest())
    key = h.hexdigest()
    path = folder / FILE
    try:
        kept = _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
        if kept.get("key") == key and set(kept["table"]) == set(parts):
            return kept["table"]
    except Exception:  # none yet, unreadable or not ours (pickle raises many kinds): built below
        pass
    table = build(data["divisions.tsv"].decode("utf-8"))
    try:
        from ..atomic import write_bytes

        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(path, pickle.dumps({"key": key, "table": table}, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache folder: built again next time
    return table


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name}: the gazetteer's table holds plain data only")
