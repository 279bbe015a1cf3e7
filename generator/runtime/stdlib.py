"""The trimmed, precompiled standard library the calculator boots with.

Pyodide's `python_stdlib.zip` holds `.py` source only, so every visit compiles about 150 modules
inside wasm before the first result. At build time we boot the pinned Pyodide under node, install the
calculator wheel from its lock and run the engine (`stdlib_probe.mjs`); the stdlib modules that were
imported are compiled by Pyodide's own Python 3.14 into unchecked hash-based `.pyc` (no timestamps)
and zipped with fixed dates in sorted order, so two builds give the same bytes. Anything imported
later that the probe did not see is loaded from the full `python_stdlib.zip`, which the site keeps as
the fallback (see worker.js).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PROBE = Path(__file__).with_name("stdlib_probe.mjs")


class StdlibError(Exception):
    """The trimmed stdlib cannot be built; the message says why."""


def build_trimmed_stdlib(runtime: Path, lock: Path, wheel: Path, package: str, catalog_json: str,
                         out: Path) -> Path:
    """Write the trimmed stdlib zip to `out` (a file in a private build directory) and return it."""
    node = shutil.which("node")
    if node is None:
        raise StdlibError("未找到 node：构建精简标准库需要 node 20+（README 的环境要求）")
    catalog = out.with_name("catalog.probe.json")
    catalog.write_text(catalog_json, "utf-8")
    done = subprocess.run([node, str(PROBE), str(runtime), str(lock), str(wheel.parent), package, str(catalog),
                           str(out)], capture_output=True, text=True, timeout=600)
    catalog.unlink()
    if done.returncode != 0 or not out.exists():
        raise StdlibError(f"在 node 中运行 Pyodide 以精简标准库失败：\n{done.stdout}\n{done.stderr[-3000:]}")
    return out
