"""Run at build time by `stdlib_probe.mjs` inside Pyodide, after the warm-up: write a zip of the stdlib
modules that were imported, plus the modules the worker imports from it (`gd_worker`), compiled by
Pyodide's own Python into unchecked hash-based .pyc (no timestamp in the header) with fixed dates in
sorted order, so that builds are byte-identical. `write_zip(out_path, extra)` returns the number of
stdlib modules; `extra` maps a module name to its source text.

Compiled as `python -OO` would (optimize=2: no docstrings, no asserts), which the stdlib supports: the
trimmed stdlib is what a slow link downloads (issue 24), and docstrings were 15 % of its bytes. The
engine itself is not in this file (it comes in the wheel, compiled as usual).
"""

import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from importlib.util import source_hash


def _stdlib_zip():
    return sys.path[0] if sys.path[0].endswith(".zip") else next(p for p in sys.path if p.endswith(".zip"))


def _add(out, name, source, filename):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=2)
    data = _code_to_hash_pyc(code, source_hash(source), checked=False)
    info = zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def write_zip(out_path, extra):
    stdlib = _stdlib_zip()
    prefix = stdlib + "/"
    used = sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
                   if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix)})
    files = {name: None for name in used} | {f"{module}.py": source for module, source in dict(extra).items()}
    source_zip = zipfile.ZipFile(stdlib)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in sorted(files):
            source = source_zip.read(name) if files[name] is None else files[name].encode()
            _add(out, name, source, prefix + name)
    return len(used)
