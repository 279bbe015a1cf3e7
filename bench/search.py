"""The site's own search: first use (engine and index loaded lazily) and every query of the test table."""

from __future__ import annotations

import gzip
from pathlib import Path

import yaml

from bench.common import ROOT, median, p95

SEARCH_TABLE = ROOT / "tests" / "browser" / "search_queries.yaml"


# Typing to results on screen: the input event (as a paste or an input method commits text), the
# search, the rendering, and the frame that paints it (two animation frames later).
SEARCH = """async (query) => {
  const input = document.querySelector('input.md-search__input');
  const root = document.querySelector('.gd-search');
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const t0 = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const t1 = performance.now();  // the search runs and renders inside the input handler
  await new Promise((resolve) => { const check = () => root.dataset.query === query.trim() ? resolve() : requestAnimationFrame(check); check(); });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return [performance.now() - t0, t1 - t0];
}"""

FIRST_USE = """async () => {
  const input = document.querySelector('input.md-search__input');
  const root = document.querySelector('.gd-search');
  const t0 = performance.now();
  input.focus();
  input.value = '想省电费';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((resolve) => { const check = () => root.dataset.query === '想省电费' ? resolve() : requestAnimationFrame(check); check(); });
  return performance.now() - t0;
}"""


def bench_search(browser, base: str, site: Path, runs: int) -> dict:
    queries = [q["query"] for q in yaml.safe_load(SEARCH_TABLE.read_text("utf-8"))]
    first: list[float] = []
    lazy: set[str] = set()
    for _ in range(runs):  # the first use loads the engine and the index (lazily, on first focus)
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.on("request", lambda r: lazy.add(r.url[len(base):]) if r.url.startswith(base) else None)
        first.append(page.evaluate(FIRST_USE))
        context.close()
    files = [(site / path.split("?")[0]).read_bytes() for path in sorted(lazy)]
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)
    page.evaluate(FIRST_USE)
    samples = [[page.evaluate(SEARCH, q) for _ in range(runs)] for q in queries]
    per_query = [median([s[0] for s in runs_of_q]) for runs_of_q in samples]
    handler = [median([s[1] for s in runs_of_q]) for runs_of_q in samples]
    context.close()
    return {"median": median(per_query), "p95": p95(per_query), "max": max(per_query), "queries": len(queries),
            "handler_median": median(handler), "handler_max": max(handler),
            "first": median(first), "lazy_files": sorted(lazy),
            "lazy": (sum(map(len, files)), sum(len(gzip.compress(b, 6, mtime=0)) for b in files))}
