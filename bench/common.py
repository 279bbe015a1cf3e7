"""What every part of the benchmark shares: paths, the case it computes, medians, the build, the local
server, and waiting for the calculator's first result."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench import ROOT
from generator.hosting import make_server

STATIC = Path(__file__).resolve().parent / "static"
CASE_HASH = "city=" + quote("佛山市") + "&claimed=9&item=5:" + quote("20万") + ":40&item=19:80000:&item=6:" + quote("30万") + ":"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def build(dest: Path, catalog: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if catalog:
        env["GD_CATALOG_DIR"] = str(catalog)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(dest)], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def add_bare_page(site: Path) -> None:
    """The bare Pyodide page at /bench/, booting the pinned npm package's own files from /bench/pyodide/
    (the site names its copies by content), under the names the site gives them before that (`.mjs` as
    `.esm.js`, which every server sends as JavaScript)."""
    from generator.runtime.bundle import RUNTIME

    npm = ROOT / "node_modules" / "pyodide"
    runtime = site / "bench" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in ("bare.html", "bare-worker.js"):
        shutil.copy(STATIC / name, site / "bench" / name)
    for source, name in {**RUNTIME, "pyodide-lock.json": "pyodide-lock.json"}.items():
        shutil.copy(npm / source, runtime / name)


def serve(site: Path):
    """The built site, plus the bare Pyodide page of bench/static at /bench/, on one origin."""
    add_bare_page(site)
    httpd = make_server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


MARK_DONE = """() => new Promise((resolve) => {
  const check = () => { const c = document.getElementById('gd-calculator');
    if (c && c.dataset.state === 'done') resolve(performance.now());
    else if (c && c.dataset.state === 'failed') resolve(-1); else requestAnimationFrame(check); };
  check(); })"""


def first_result(page, url: str) -> float:
    page.goto(url)
    return page.evaluate(MARK_DONE) / 1000


def bare_result(page, url: str) -> float:
    page.goto(url)
    page.wait_for_function("document.body.dataset.done !== undefined", timeout=60000)
    return float(page.evaluate("document.body.dataset.done")) / 1000
