"""wp_startup.py: the cheaper C types and the late user-agent sheets give what WeasyPrint and cffi give as shipped."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.report import pdf, wp_startup

# The type strings WeasyPrint 62-70 asks cffi for, sized arrays as each document makes them, and forms the
# fast path must hand back to cffi (qualifiers, structs, functions).
TYPES = ["PangoRectangle *", "unsigned int *", "PangoFcFontMap *", "hb_codepoint_t[10505]", "hb_codepoint_t[6]",
         "hb_codepoint_t [ 3 ]", "hb_tag_t[100]", "char[]", "char[4]", "PangoLogAttr[]", "FcResult *", "FcChar8 **",
         "int", "unsigned int", "hb_font_t *", "const char *", "char *[]", "struct _PangoRectangle *",
         "int(*)(int)", "unsigned  int *", "no_such_type_t *", "void *", "int[2][3]"]


def _weasyprint_ffi():
    pdf.load_weasyprint()
    from weasyprint.text.ffi import ffi

    return ffi


def test_weasyprint_gets_the_fast_parser():
    ffi = _weasyprint_ffi()
    assert "parse_type" in ffi._parser.__dict__  # pdf.load_weasyprint() installed it


def test_type_strings_weasyprint_uses_are_covered():
    """Every literal type string in the installed WeasyPrint is in TYPES (a new one must be checked here)."""
    import weasyprint

    used = set()
    for path in Path(weasyprint.__file__).parent.rglob("*.py"):
        used.update(re.findall(r"ffi\.(?:new|cast|typeof)\('([^']+)'", path.read_text(encoding="utf-8")))
    assert used and used <= set(TYPES)


@pytest.mark.parametrize("cdecl", TYPES)
def test_plain_types_are_the_ones_cffi_parses(cdecl):
    ffi = _weasyprint_ffi()
    parser = ffi._parser
    real = type(parser).parse_type
    try:
        expected = real(parser, cdecl)
    except Exception as exc:  # cffi refuses it: the fast path must refuse it the same way
        with pytest.raises(type(exc)):
            parser.parse_type(cdecl)
        return
    got = parser.parse_type(cdecl)
    assert got == expected and type(got) is type(expected)
    with ffi._lock:  # cffi's own rule for building C types
        assert ffi._get_cached_btype(got) is ffi._get_cached_btype(expected)


def test_sized_arrays_work_as_cffi_makes_them():
    ffi = _weasyprint_ffi()
    arr = ffi.new("hb_codepoint_t[7]", list(range(7)))
    assert list(arr) == list(range(7)) and ffi.sizeof(arr) == 7 * ffi.sizeof("hb_codepoint_t")
    assert ffi.typeof("hb_codepoint_t[7]") is ffi.typeof(arr)


def test_an_unexpected_cffi_is_left_alone():
    class Bare:
        pass

    assert wp_startup.fast_type_parser(Bare()) is False


# In a fresh process: WeasyPrint imported through pdf.load_weasyprint() (late sheets) or directly (as shipped).
_FRESH = r"""
import hashlib, json, sys
sys.path.insert(0, {root!r})
from auditor.report import pdf
if {direct}:
    import weasyprint
pdf.load_weasyprint()
import weasyprint.html as h
from weasyprint import CSS
from weasyprint.css.counters import CounterStyle
names = ("UA_STYLESHEET", "UA_FORM_STYLESHEET", "PH_STYLESHEET")
lazy = [("_lazy_args" in getattr(h, n).__dict__) for n in names]
full = CounterStyle()
CSS(string=h.UA, counter_style=full)
counters_same = repr(dict(full)) == repr(dict(h.UA_COUNTER_STYLE))
ours = pdf.pdf_bytes({page!r}, sheet={sheet!r})
lazy_after_ours = [("_lazy_args" in getattr(h, n).__dict__) for n in names]
other = pdf.pdf_bytes({other!r})
print(json.dumps({{"lazy": lazy, "after_ours": lazy_after_ours, "counters_same": counters_same,
                  "ours": hashlib.sha1(ours).hexdigest(), "other": hashlib.sha1(other).hexdigest()}}))
"""
_SHEET = "@page { @bottom-center { content: '— ' counter(page) ' —' } } p { color: #333 }"
_PAGE = f"<html><head>{pdf.style_block(_SHEET)}</head><body><p>法治政府建设</p></body></html>"
# the full user-agent sheet: list markers from its counter styles, <b> from its rules
_OTHER = "<ol start='3'><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul><p><b>丁</b> <small>戊</small></p>"


def _fresh(direct: bool) -> dict:
    import json

    root = str(Path(__file__).resolve().parent.parent)
    code = _FRESH.format(root=root, direct=direct, page=_PAGE, sheet=_SHEET, other=_OTHER)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_user_agent_sheets_parse_late_and_draw_the_same():
    late, shipped = _fresh(direct=False), _fresh(direct=True)
    assert late["lazy"] == [True, True, True] and shipped["lazy"] == [False, False, False]
    assert late["after_ours"] == [True, True, True]  # our reports never need them
    assert late["counters_same"] and shipped["counters_same"]
    assert late["ours"] == shipped["ours"] and late["other"] == shipped["other"]


# ---------------------------------------------------------------- compiled declarations

_DECLARED = r"""
import hashlib, json, sys
sys.path.insert(0, {root!r})
from auditor.report import pdf, wp_startup
pdf.load_weasyprint()
from weasyprint.text import ffi
page = pdf.pdf_bytes({page!r})
print(json.dumps({{"kind": type(ffi.ffi).__name__, "prebuilt": getattr(ffi.ffi, "prebuilt", False),
                  "pycparser": "pycparser" in sys.modules, "page": hashlib.sha1(page).hexdigest()}}))
"""


def _declared(env: dict) -> dict:
    import json
    import os

    root = str(Path(__file__).resolve().parent.parent)
    code = _DECLARED.format(root=root, page=_OTHER)
    full = {k: v for k, v in os.environ.items() if k not in ("AUDITOR_NO_CACHE", "LOCALAPPDATA")} | env
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=full).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="compiled declarations are for Linux")
def test_declarations_are_compiled_once_and_draw_the_same(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = _declared(env)
    copy = tmp_path / "auditor" / "weasyprint" / f"{wp_startup._PREBUILT}.py"
    assert first["kind"] == "FFI" and not first["prebuilt"] and copy.is_file()
    second = _declared(env)
    assert second["prebuilt"] and not second["pycparser"]  # nothing parsed in this process
    assert second["page"] == first["page"]
    # a copy made from other declarations (another WeasyPrint or cffi) is not used, and is made again
    copy.write_text(copy.read_text(encoding="utf-8").replace("SOURCE_DIGEST = '", "SOURCE_DIGEST = 'x"),
                    encoding="utf-8")
    stale = _declared(env)
    assert stale["kind"] == "_CompiledFFI" and not stale["prebuilt"] and stale["page"] == first["page"]
    assert _declared(env)["prebuilt"]
    # a damaged copy is ignored
    copy.write_text("raise ImportError", encoding="utf-8")
    assert _declared(env)["page"] == first["page"]


def test_no_cache_means_no_compiled_copy(tmp_path):
    got = _declared({"XDG_CACHE_HOME": str(tmp_path), "AUDITOR_NO_CACHE": "1"})
    assert got["kind"] == "FFI" and not (tmp_path / "auditor" / "weasyprint").exists()
