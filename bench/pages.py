"""The calculator and the pages through the local server: first result cold and warm against the bare
Pyodide page, recalculation after an edit, and the bytes each page type transfers."""

from __future__ import annotations

import gzip

from bench.common import CASE_HASH, bare_result, first_result, median, p95

# Before the site's own search, when every page loaded Material's search worker and its index (KiB raw,
# gzip -6): the home page as bench/README.md reports it, the catalogue measured by this bench on main's build
# of 2026-11-23.
BYTES_BEFORE = {"首页": (567, 109), "产品目录": (588, 112)}


def bench_calculator(browser, base: str, runs: int) -> dict[str, float]:
    cold, warm, bare_cold, bare_warm = [], [], [], []
    calc = base + "calculator/#" + CASE_HASH
    bare = base + "bench/bare.html"
    for _ in range(runs):
        for url, measure, c_list, w_list in ((calc, first_result, cold, warm), (bare, bare_result, bare_cold, bare_warm)):
            context = browser.new_context()
            page = context.new_page()
            c_list.append(measure(page, url))
            page.goto("about:blank")
            w_list.append(measure(page, url))
            context.close()
    return {"cold": median(cold), "warm": median(warm), "bare_cold": median(bare_cold), "bare_warm": median(bare_warm),
            "ratio_cold": median(cold) / median(bare_cold), "ratio_warm": median(warm) / median(bare_warm)}


RECALC = """async (n) => {
  const root = document.getElementById('gd-calculator');
  const input = document.querySelectorAll('[data-name=contract]')[1];
  const out = [];
  for (let i = 0; i < n; i++) {
    const before = Number(root.dataset.runs);
    const t0 = performance.now();
    input.value = String(50000 + i * 137);
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await new Promise((resolve) => { const check = () => Number(root.dataset.runs) > before ? resolve() : setTimeout(check, 1); check(); });
    out.push([performance.now() - t0, Number(root.dataset.engineMs)]);
  }
  return out;
}"""


def bench_recalc(browser, base: str, edits: int) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    first_result(page, base + "calculator/#" + CASE_HASH)
    samples = page.evaluate(RECALC, edits)
    context.close()
    total = [s[0] for s in samples]
    engine = [s[1] for s in samples]
    return {"median": median(total), "p95": p95(total), "engine_median": median(engine), "engine_p95": p95(engine)}


def bench_bytes(browser, base: str) -> dict[str, tuple[int, int]]:
    out = {}
    for name, path in (("首页", ""), ("产品目录", "products/"), ("产品页", "products/05-equipment-iot/"),
                       ("测算器页", "calculator/#" + CASE_HASH)):
        context = browser.new_context()
        page = context.new_page()
        bodies: list[bytes] = []
        page.on("response", lambda r, bodies=bodies: bodies.append(r.body()) if r.status == 200 else None)
        page.goto(base + path)
        if "calculator" in path:
            page.wait_for_function("['done', 'failed'].includes(document.getElementById('gd-calculator').dataset.state)", timeout=180000)
        page.wait_for_load_state("networkidle")
        context.close()
        out[name] = (sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6, mtime=0)) for b in bodies))
    return out
