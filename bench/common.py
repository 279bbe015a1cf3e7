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
# The plan whose city alone is known: the build's 可申领一览 for it is shown before the engine is ready.
FIGURE_HASH = "city=" + quote("佛山市")
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


# Installed before a calculator page loads (idempotent): when it first shows a figure of the 可申领一览 (the
# build's, marked 预先计算, or the engine's), when its first result is done (or -1 if the boot failed), and the
# worker's "ready" message: how it booted and the marks of each step (worker/state.js), relative to the page's
# own clock. Observed as they happen, so that nothing is measured late by the test's own round trips.
OBSERVE = """(() => {
  if (window.gdSeen) return;
  const seen = window.gdSeen = { done: null, figure: null, boot: null, marks: null };
  const look = () => {
    const root = document.getElementById('gd-calculator');
    if (!root) return;
    if (seen.figure === null && document.querySelector('#gd-options-body td')) seen.figure = performance.now();
    if (seen.done === null && root.dataset.state === 'done') seen.done = performance.now();
    if (seen.done === null && root.dataset.state === 'failed') seen.done = -1;
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (event) => {
      const m = event.data;
      if (!m || m.type !== 'ready') return;
      seen.boot = `${m.stdlib} (${Object.values(m.encodings || {}).join('/')})`;
      seen.marks = Object.fromEntries(Object.entries(m.marks || {}).map(([k, v]) => [k, v - performance.timeOrigin]));
    }); } };
})()"""


def first_result(page, url: str) -> float:
    """Seconds from navigation to the calculator's first result (negative if the boot failed)."""
    page.add_init_script(OBSERVE)
    page.goto(url)
    page.wait_for_function("window.gdSeen.done !== null", timeout=180000)
    return page.evaluate("window.gdSeen.done") / 1000


def first_figure(page, url: str) -> float:
    """Seconds from navigation to the first figure of the 可申领一览 on the page (the build's table for the
    chosen city, shown before the engine is ready)."""
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.gdSeen && window.gdSeen.figure !== null", timeout=180000)
    return page.evaluate("window.gdSeen.figure") / 1000


def bare_result(page, url: str) -> float:
    page.goto(url)
    page.wait_for_function("document.body.dataset.done !== undefined", timeout=60000)
    return float(page.evaluate("document.body.dataset.done")) / 1000
