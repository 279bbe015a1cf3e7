"""The trimmed, precompiled standard library the calculator boots with.

Pyodide's `python_stdlib.zip` holds `.py` source only, so every visit compiles about 150 modules
inside wasm before the first result. At build time we boot the pinned Pyodide under node, install the
calculator wheel from its lock and warm the engine up (`stdlib_probe.mjs` runs `py/warm_up.py`, the
program the snapshot maker runs too); the stdlib modules that were imported, and the worker's own
`py/gd_worker.py`, are compiled by Pyodide's own Python 3.14 into unchecked hash-based `.pyc` (no timestamps)
and zipped with fixed dates in sorted order, so two builds give the same bytes. Anything imported
later that the probe did not see is loaded from the full `python_stdlib.zip`, which the site keeps as
the fallback (see worker.js).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from generator.runtime.snapshot import probe_plan

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
    plan = out.with_name("plan.probe.json")
    plan.write_text(json.dumps(probe_plan(catalog_json), ensure_ascii=False), "utf-8")
    try:
        done = subprocess.run([node, str(PROBE), str(runtime), str(lock), str(wheel.parent), package, str(catalog),
                               str(plan), str(out)], capture_output=True, text=True, timeout=600)
    finally:
        catalog.unlink()
        plan.unlink()
    if done.returncode != 0 or not out.exists():
        raise StdlibError(f"在 node 中运行 Pyodide 以精简标准库失败：\n{done.stdout}\n{done.stderr[-3000:]}")
    return out
