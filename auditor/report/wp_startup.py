"""wp_startup: one-time costs of WeasyPrint made cheaper, without changing what it draws.

- C declarations. weasyprint.text.ffi parses ~450 lines of C declarations with pycparser in every new process
  (~0.1 s with pycparser's import). `compiled_declarations()` gives it a copy compiled by cffi's out-of-line ABI
  mode (a Python module of tables, no compiler) that a first process wrote to our cache folder
  (`remember_declarations()`), keyed by the declarations' source and cffi's version; any other source is parsed
  as shipped. Loading the libraries then needs no find_library either (Linux only: elsewhere the libraries are
  found by find_library's own search, which the compiled copy's dlopen() does not make).
- C type strings. WeasyPrint asks cffi for types by name ("PangoRectangle *", and arrays sized by each document:
  "hb_codepoint_t[10505]"), and cffi parses every new string with pycparser, the ~60 typedefs of WeasyPrint's
  declarations included: ~8 ms each, ~19 in a first PDF and a few in each PDF after it with new sizes.
  `fast_type_parser()` builds the model of the plain forms (a typedef or primitive name, then "*", "**", "[]" or
  "[N]") the way cffi's parser would (the same model types, from its own typedef table), and hands every other
  string to cffi.
- The HTML user-agent stylesheets. Importing weasyprint.html parses html5_ua.css and html5_ph.css (~0.12 s); our
  reports use their own user-agent sheet (pdf.REPORT_UA) and no presentational hints. `lazy_ua_sheets()` lets the
  import make those sheets parse on first use instead; the counter styles html5_ua.css defines (which every
  document uses, for "counter(page)" too) are still parsed at import, from its @counter-style rules alone.

Each checks what it relies on and steps aside (cffi or WeasyPrint as shipped) when it is not there;
tests/test_wp_startup.py compares them with the unpatched results.
"""
from __future__ import annotations

import importlib.abc
import io
import re
import sys
import threading
from contextlib import contextmanager, redirect_stdout

# A plain type: one name or a primitive of several words, then nothing, one or two stars, or one array suffix.
_PLAIN_TYPE = re.compile(r"\s*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*(\*{0,2}|\[\s*(\d*)\s*\])\s*")


def fast_type_parser(ffi) -> bool:
    """Give `ffi` (an in-line cffi.FFI) a parse_type that builds plain types without pycparser; False if this cffi
    is not laid out as expected (nothing changed then)."""
    try:
        from cffi import commontypes, model

        parser = ffi._parser
        real = parser.parse_type
        declarations = parser._declarations
        primitives = model.PrimitiveType.ALL_PRIMITIVE_TYPES
        pointer = parser._get_type_pointer
        array = model.ArrayType
    except (AttributeError, ImportError):
        return False

    def parse_type(cdecl):
        m = _PLAIN_TYPE.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if m is None:
            return real(cdecl)
        name, suffix, length = " ".join(m[1].split()), m[2], m[3]
        if " " not in name and "typedef " + name in declarations:
            tp, quals = declarations["typedef " + name]
        elif name in primitives:
            tp, quals = commontypes.resolve_common_type(parser, name)
        else:
            return real(cdecl)
        if suffix.startswith("["):
            return array(tp, int(length) if length else None)
        for _ in suffix:  # "*" or "**"
            tp, quals = pointer(tp, quals), 0
        return tp

    parser.parse_type = parse_type
    return True


_UA_SHEETS = ("UA_STYLESHEET", "UA_FORM_STYLESHEET", "PH_STYLESHEET")
_COUNTER_RULE = re.compile(r"^@counter-style\b.*$", re.M)


_PARSING = threading.Lock()


def _lazy_css_class(css_class):
    class LazyCSS(css_class):
        """A CSS object that parses its source when something first reads it."""

        def __init__(self, *args, **kwargs):  # the real __init__ runs on first use
            self.__dict__["_lazy_args"] = (args, kwargs)

        def __getattr__(self, attr):
            if attr.startswith("__"):
                raise AttributeError(attr)
            with _PARSING:
                lazy = self.__dict__.pop("_lazy_args", None)
                if lazy is not None:
                    css_class.__init__(self, *lazy[0], **lazy[1])
            return object.__getattribute__(self, attr)

    return LazyCSS


class _LazyUALoader(importlib.abc.Loader):
    def __init__(self, real):
        self.real = real

    def create_module(self, spec):
        return self.real.create_module(spec)

    def exec_module(self, module):
        package = sys.modules["weasyprint"]
        css_class = package.CSS
        from weasyprint.css.counters import CounterStyle

        package.CSS = _lazy_css_class(css_class)
        try:
            self.real.exec_module(module)
        finally:
            package.CSS = css_class
        module.CSS = css_class
        counters = getattr(module, "UA_COUNTER_STYLE", None)
        ua = getattr(module, "UA", None)
        rules = _COUNTER_RULE.findall(ua) if isinstance(ua, str) else []
        # every @counter-style rule of the sheet, each line whole (some hold two rules)
        if (not isinstance(counters, CounterStyle) or not rules
                or sum(r.count("@counter-style") for r in rules) != ua.count("@counter-style")
                or not all(r.count("{") == r.count("}") and r.rstrip().endswith("}") for r in rules)):
            for name in _UA_SHEETS:  # not the module this was written for: parse everything now, as shipped
                getattr(getattr(module, name, None), "base_url", None)
            return
        # The sheets were made with counter_style=UA_COUNTER_STYLE: their late parse must not add to it again.
        for name in _UA_SHEETS:
            sheet = getattr(module, name, None)
            lazy = getattr(sheet, "__dict__", {}).get("_lazy_args")
            if lazy is not None and "counter_style" in lazy[1]:
                lazy[1]["counter_style"] = CounterStyle()
        css_class(string="\n".join(rules), counter_style=counters)


class _LazyUAFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname != "weasyprint.html":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _LazyUALoader(spec.loader)
                return spec
        return None


@contextmanager
def lazy_ua_sheets():
    """While WeasyPrint is imported inside this block, its HTML user-agent sheets are made to parse on first use."""
    if "weasyprint.html" in sys.modules:
        yield
        return
    finder = _LazyUAFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


# ---------------------------------------------------------------- WeasyPrint's C declarations, compiled once

_PREBUILT = "auditor_cache_wp_ffi"  # module name of the compiled declarations in our cache folder


class _CompiledFFI:
    """Stands in for the cffi.FFI() that weasyprint.text.ffi makes when a compiled copy of declarations is at hand.
    Its one cdef() call takes that copy if it was compiled from the very same source (cffi's out-of-line ABI mode:
    no pycparser, no parse), or else an ordinary cffi.FFI given that cdef; either way it then carries that
    object's attributes, so WeasyPrint uses it as it would its own."""

    def __init__(self, ffi_class, compiled: dict):
        self._ffi_class, self._compiled, self.source, self.prebuilt = ffi_class, compiled, None, False

    def cdef(self, source, *args, **kwargs):
        if self.source is not None:
            raise RuntimeError("cdef() called twice")  # not the module this was written for: the import fails loudly
        self.source = source
        target = None if args or kwargs else self._compiled.get(_digest(source))
        self.prebuilt = target is not None
        if target is None:
            target = self._ffi_class()
            target.cdef(source, *args, **kwargs)
        for name in dir(target):
            if not name.startswith("__"):
                setattr(self, name, getattr(target, name))


def _digest(source: str) -> str:
    import hashlib

    import cffi

    return hashlib.sha256(f"{cffi.__version__}\0{source}".encode()).hexdigest()[:16]


def _prebuilt_path():
    from ..resources import remembering_dir

    base = remembering_dir()
    return None if base is None else base / "weasyprint" / f"{_PREBUILT}.py"


def _load_prebuilt() -> dict:
    """{digest of its source: the compiled ffi} from our cache folder; empty when there is none or it does not
    load (then WeasyPrint parses its declarations as shipped)."""
    import importlib.util

    path = _prebuilt_path()
    if path is None or not path.is_file():
        return {}
    try:
        spec = importlib.util.spec_from_file_location(_PREBUILT, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return {module.SOURCE_DIGEST: module.ffi}
    except Exception:
        return {}


@contextmanager
def compiled_declarations():
    """While WeasyPrint is imported inside this block, the FFI its text.ffi module makes takes our compiled copy
    of the declarations when one matches them."""
    try:
        import cffi
    except ImportError:
        cffi = None
    # Linux only, where it is tested: elsewhere the compiled copy's dlopen() would not search as find_library
    # does (on Windows, PATH).
    if cffi is None or not sys.platform.startswith("linux"):
        yield
        return
    real = cffi.FFI

    def factory(*args, **kwargs):
        if not args and not kwargs and sys._getframe(1).f_globals.get("__name__") == "weasyprint.text.ffi":
            cffi.FFI = real  # once
            compiled = _load_prebuilt()
            if compiled:
                return _CompiledFFI(real, compiled)
        return real(*args, **kwargs)

    cffi.FFI = factory
    try:
        yield
    finally:
        cffi.FFI = real


def remember_declarations(ffi) -> None:
    """Compile the declarations WeasyPrint parsed in this process into our cache folder, for the next one
    (~0.1 s, once per WeasyPrint and cffi version)."""
    if getattr(ffi, "prebuilt", False):
        return
    sources = [ffi.source] if isinstance(ffi, _CompiledFFI) else getattr(ffi, "_cdefsources", [])
    path = _prebuilt_path()
    if path is None or len(sources) != 1 or not isinstance(sources[0], str):
        return
    import cffi

    from ..atomic import replacing

    try:
        builder = cffi.FFI()
        builder.cdef(sources[0])
        builder.set_source(_PREBUILT, None)
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as tmp, redirect_stdout(io.StringIO()):  # cffi says "generating …"
            builder.emit_python_code(tmp)
            with open(tmp, "a", encoding="utf-8") as fh:
                fh.write(f"\nSOURCE_DIGEST = {_digest(sources[0])!r}\n")
    except Exception:  # nothing remembered: the next process parses again
        return
