"""Decoding the runtime's brotli forms (issue 24) in headless Chromium, with no CPU slowdown and with a 4x one.

The worker decodes the forms as they arrive (site_src/docs/assets/calculator/worker/brotli.js); here the
same `decoding` function decodes each form already downloaded, so that the figure is the decoding alone.
Chromium's CDP throttles the CPU of pages only ("Emulation.setCPUThrottlingRate" is refused for workers),
so the decoding runs on a page of the site, on its main thread: the same code and the same decoder.
"""

from __future__ import annotations

import json

from bench.common import median
from generator.hosting import built_name

DECODE = """async ([glueUrl, wasmUrl, brotliUrl, forms]) => {
  const glue = await import(glueUrl);
  await glue.default({ module_or_path: await WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()) });
  const { collect, decoding } = await import(brotliUrl);
  const out = {};
  for (const url of forms) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    let spent = 0;
    const started = performance.now();
    const decoded = await collect(decoding(glue, new Blob([bytes]).stream(), (ms) => { spent += ms; }));
    out[url] = { wall: performance.now() - started, spent, size: decoded.length, packed: bytes.length };
  }
  return out;
}"""


def bench_decode(browser, base: str, site, runs: int) -> dict:
    """{form file: {rate: median ms of decoding, ...}, ...} for CPU slowdowns 1 and 4, with the sizes."""
    manifest = json.loads((site / built_name(site, "assets/pyodide/bundle.json")).read_text("utf-8"))
    forms = {form["file"]: base + "assets/pyodide/" + form["file"] for form in manifest["brotli"].values()}
    urls = [base + built_name(site, "assets/calculator/brotli-dec.js"),
            base + built_name(site, "assets/calculator/brotli_dec_wasm_bg.wasm"),
            base + built_name(site, "assets/calculator/worker/brotli.js"), list(forms.values())]
    out: dict[str, dict] = {name: {"ms": {}} for name in forms}
    for rate in (1, 4):
        times: dict[str, list[float]] = {name: [] for name in forms}
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "404.html")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
            got = page.evaluate(DECODE, urls)
            context.close()
            for name, url in forms.items():
                times[name].append(got[url]["spent"])
                out[name].update(size=got[url]["size"], packed=got[url]["packed"])
        for name in forms:
            out[name]["ms"][rate] = median(times[name])
    return out
