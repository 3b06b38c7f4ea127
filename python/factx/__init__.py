"""factx for Python: facts (dates, money, percentages, cities,
organisations) from English news articles, through libfactx (ctypes).

    >>> import factx
    >>> doc = factx.extract("Prices rose 7% in April 2014.", dct="2014-12-04")
    >>> [(f["type"], f["text"], f["value"]) for f in doc["facts"]]
    [('percent', '7%', {'number': 7}), ('date', 'April 2014', {'timex': '2014-04', ...})]

extract() returns the document as factx writes it (docs/factx.schema.json,
a dict); extract_many() streams documents for an iterable of texts or of
{"id", "text", "dct"} records. Errors are exceptions: RulesError when the
rules do not load, ValueError for a bad dct or types, TypeError for text
that is not str or bytes.

The library is found through $FACTX_LIB (a path to libfactx.so), then the
paths `make install` wrote into factx/_install.py, then the build tree this
file sits in, then the system's loader (libfactx.so.0). The rules: the
rules= argument, $FACTX_RULES, the installed rules, the tree's rules/.
"""
import ctypes
import ctypes.util
import glob
import json
import os
import threading

__all__ = ["extract", "extract_many", "Extractor", "FactxError", "RulesError", "library_version"]


class FactxError(Exception):
    """An error from libfactx."""


class RulesError(FactxError):
    """The rule files do not load; the message holds the positioned errors."""


_HERE = os.path.dirname(os.path.abspath(__file__))
_TREE = os.path.dirname(os.path.dirname(_HERE))     # python/factx -> the source tree
try:
    from . import _install                           # written by make install
except ImportError:
    _install = None


def _library_path():
    if os.environ.get("FACTX_LIB"):
        return os.environ["FACTX_LIB"]
    if _install is not None:
        return _install.LIBRARY
    built = sorted(glob.glob(os.path.join(_TREE, "build", "release", "libfactx.so.*.*")))
    if built:
        return built[-1]
    return ctypes.util.find_library("factx") or "libfactx.so.0"


def _default_rules():
    if os.environ.get("FACTX_RULES"):
        return os.environ["FACTX_RULES"]
    if _install is not None:
        return _install.RULES
    return os.path.join(_TREE, "rules")


class _Diag(ctypes.Structure):
    # fx_diag in factx.h
    _fields_ = [("stream", ctypes.c_void_p), ("errors", ctypes.c_size_t), ("warnings", ctypes.c_size_t),
                ("max_errors", ctypes.c_size_t), ("muted", ctypes.c_int)]


_FX_DCT_OPTION, _FX_DCT_INPUT_FIELD = 1, 2      # fx_dct_source in factx.h
_lib = None
_libc = ctypes.CDLL(None)
_libc.free.argtypes = [ctypes.c_void_p]
_libc.open_memstream.restype = ctypes.c_void_p
_libc.open_memstream.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_libc.fclose.argtypes = [ctypes.c_void_p]


def _load():
    global _lib
    if _lib is not None:
        return _lib
    lib = ctypes.CDLL(_library_path())
    p, s, i = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
    for name, res, args in [
        ("fx_version", ctypes.c_char_p, []),
        ("fx_diag_init", None, [ctypes.POINTER(_Diag), p]),
        ("fx_context_load", p, [ctypes.c_char_p, ctypes.POINTER(_Diag)]),
        ("fx_context_free", None, [p]),
        ("fx_scratch_new", p, [p]),
        ("fx_scratch_free", None, [p]),
        ("fx_doc_new", p, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, s]),
        ("fx_doc_free", None, [p]),
        ("fx_types_parse", i, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint)]),
        ("fx_doc_set_types", None, [p, ctypes.c_uint]),
        ("fx_doc_set_dct", i, [p, ctypes.c_char_p, i]),
        ("fx_extract", i, [p, p, p, p]),
        ("fx_emit_json", p, [p, i]),        # a char * we free
    ]:
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    _lib = lib
    return lib


def library_version():
    """The version of the libfactx loaded ("0.1.0")."""
    return _load().fx_version().decode()


class Extractor:
    """Compiled rules, loaded once; extract() may be called from any
    number of threads (each gets its own scratch). close() frees the
    rules (also on garbage collection)."""

    def __init__(self, rules=None):
        lib = _load()
        self._lib = lib
        rules = rules or _default_rules()
        buf, size = ctypes.c_void_p(), ctypes.c_size_t()
        stream = _libc.open_memstream(ctypes.byref(buf), ctypes.byref(size))
        diag = _Diag()
        lib.fx_diag_init(ctypes.byref(diag), stream)
        diag.max_errors = 0
        self._ctx = lib.fx_context_load(os.fsencode(rules), ctypes.byref(diag))
        _libc.fclose(stream)
        messages = ctypes.string_at(buf, size.value).decode("utf-8", "replace") if buf.value else ""
        _libc.free(buf)
        if not self._ctx:
            raise RulesError(f"{rules}: the rules do not load\n{messages}".rstrip())
        self._local = threading.local()
        self._scratches = []
        self._lock = threading.Lock()

    def _scratch(self):
        s = getattr(self._local, "scratch", None)
        if s is None:
            s = self._lib.fx_scratch_new(self._ctx)
            self._local.scratch = s
            with self._lock:
                self._scratches.append(s)
        return s

    def extract(self, text, dct=None, types=None, id="text", _dct_source=_FX_DCT_OPTION):
        """The document for text (str, or UTF-8 bytes) as a dict: its
        "facts", "doc" and "warnings" (docs/factx.schema.json). dct: the
        document date, "YYYY-MM-DD" (default: found in the text, if at
        all); types: an iterable of type names or "date,money" (default:
        all)."""
        if self._ctx is None:
            raise FactxError("this Extractor is closed")
        if isinstance(text, str):
            data = text.encode("utf-8", "surrogatepass")
        elif isinstance(text, (bytes, bytearray)):
            data = bytes(text)
        else:
            raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
        mask = None
        if types is not None:
            names = types if isinstance(types, str) else ",".join(types)
            m = ctypes.c_uint()
            if self._lib.fx_types_parse(names.encode(), ctypes.byref(m)) < 0:
                raise ValueError(f"unknown fact type in {names!r}")
            mask = m.value
        lib = self._lib
        doc = lib.fx_doc_new(str(id).encode(), None, data, len(data))
        try:
            if mask is not None:
                lib.fx_doc_set_types(doc, mask)
            if dct is not None and lib.fx_doc_set_dct(doc, str(dct).encode(), _dct_source) < 0:
                raise ValueError(f"dct must be a date YYYY-MM-DD, not {dct!r}")
            lib.fx_extract(self._ctx, self._scratch(), doc, None)
            raw = lib.fx_emit_json(doc, 1)
            try:
                return json.loads(ctypes.string_at(raw).decode("utf-8"))
            finally:
                _libc.free(raw)
        finally:
            lib.fx_doc_free(doc)

    def extract_many(self, items, dct=None, types=None):
        """A generator: one document per item, in order, made as it is
        asked for (items may be endless). An item is a text, or a dict
        {"id", "text", "dct"} (dct optional; the dct argument wins), which
        gives the document `factx --jsonl-in` writes for that line."""
        for n, item in enumerate(items, 1):
            if isinstance(item, dict):
                if "text" not in item:
                    raise ValueError(f"item {n} has no 'text'")
                own = dct is None and item.get("dct") is not None
                yield self.extract(item["text"], item.get("dct") if own else dct, types,
                                   item.get("id", f"line-{n}"), _FX_DCT_INPUT_FIELD if own else _FX_DCT_OPTION)
            else:
                yield self.extract(item, dct, types, f"text-{n}")

    def close(self):
        if getattr(self, "_ctx", None):
            for s in self._scratches:
                self._lib.fx_scratch_free(s)
            self._scratches = []
            self._lib.fx_context_free(self._ctx)
            self._ctx = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_default = None
_default_lock = threading.Lock()


def _extractor():
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(text, dct=None, types=None):
    """factx's document for one text (see Extractor.extract), with the
    default rules, loaded on the first call."""
    return _extractor().extract(text, dct, types)


def extract_many(items, dct=None, types=None):
    """Documents for many texts or {"id", "text", "dct"} records, streamed
    (see Extractor.extract_many)."""
    return _extractor().extract_many(items, dct, types)
