"""Performance report: `make bench` (or `python -m bench`). Prints a Markdown table, writes bench/report.md.

Every figure is the median of at least RUNS runs, and every ratio is measured side by side in one run.
Never run by the tests: timings belong in a report, not in assertions.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

from generator.hosting.serve import make_server  # noqa: E402

STATIC = Path(__file__).resolve().parent / "static"
CASE_HASH = "city=" + quote("佛山市") + "&claimed=9&item=5:" + quote("20万") + ":40&item=19:80000:&item=6:" + quote("30万") + ":"
SEARCH_TABLE = ROOT / "tests" / "browser" / "search_queries.yaml"
# Before the site's own search, when every page loaded Material's search worker and its index (KiB raw,
# gzip -6): the home page as the README reported it, the catalogue measured by this bench on main's build
# of 2026-11-23.
BYTES_BEFORE = {"首页": (567, 109), "产品目录": (588, 112)}


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


def synthetic_catalogue(dest: Path, factor: int) -> Path:
    """The real catalogue with every product repeated `factor` times under new ids and slugs."""
    shutil.copytree(ROOT / "catalog", dest)
    doc = yaml.safe_load((dest / "products.yaml").read_text("utf-8"))
    base = doc["products"]
    products = []
    for copy in range(factor):
        for product in base:
            products.append({**product, "id": copy * len(base) + product["id"],
                             "slug": product["slug"] if copy == 0 else f"{product['slug']}-{copy}",
                             "name": product["name"] if copy == 0 else f"{product['name']}（{copy}）"})
    doc["products"] = products
    (dest / "products.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return dest


def bench_build(runs: int, factor: int, work: Path) -> dict[str, float]:
    big = synthetic_catalogue(work / "catalog-big", factor)
    real, large = [], []
    for i in range(runs):  # interleaved, so both see the same machine state
        real.append(build(work / f"real-{i}"))
        large.append(build(work / f"big-{i}", big))
        shutil.rmtree(work / f"real-{i}")
        shutil.rmtree(work / f"big-{i}")
    return {"real": median(real), "large": median(large), "ratio": median(large) / median(real)}


def serve(site: Path):
    """The built site, plus the bare Pyodide page of bench/static at /bench/, on one origin."""
    for name in ("bare.html", "bare-worker.js"):
        (site / "bench").mkdir(exist_ok=True)
        shutil.copy(STATIC / name, site / "bench" / name)
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


NGINX = """
worker_processes 1; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types; default_type application/octet-stream;
  log_format sent '$bytes_sent'; access_log {tmp}/sent.log sent;
  client_body_temp_path {tmp}/cb; proxy_temp_path {tmp}/px; fastcgi_temp_path {tmp}/fc; uwsgi_temp_path {tmp}/uw; scgi_temp_path {tmp}/sc;
  server {{
    listen 127.0.0.1:{port};
    location /gzip/ {{ alias {site}/; gzip on; gzip_comp_level 6;
      gzip_types text/css text/javascript application/javascript application/json application/wasm application/zip; }}
    location /plain/ {{ alias {site}/; gzip off; }}
    location /static/ {{ alias {site}/; gzip off; gzip_static on; }}
  }}
}}
"""


def nginx(site: Path, work: Path):
    """Debian's nginx serving the site three times: /gzip/ (gzip -6 on text, wasm and zip), /plain/
    (nothing) and /static/ (the build's own .gz copies, gzip_static, nothing compressed on the fly)."""
    from support.nginx import free_port

    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(NGINX.format(tmp=work, port=port, site=site), "utf-8")
    user = ["-g", "user root;"] if os.geteuid() == 0 else []
    SENT_LOG[:] = [work / "sent.log"]
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(work), *user])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            import socket

            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}"


def throttle(page, mbit: float | None, rtt_ms: float) -> None:
    if mbit is None:
        return
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": rtt_ms,
             "downloadThroughput": mbit * 1e6 / 8, "uploadThroughput": mbit * 1e6 / 8})


SENT_LOG: list[Path] = []


def _sent() -> int:
    """Bytes nginx has sent so far (headers and body, as on the wire), from its access log."""
    log = SENT_LOG[0]
    return sum(int(line) for line in log.read_text().split()) if log.exists() else 0


# Records how the calculator's worker booted (its "ready" message), so that the report can say so.
BOOT_CAPTURE = """window.gdBootSeen = null; const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (e) => { if (e.data && e.data.type === 'ready') window.gdBootSeen = e.data.stdlib; }); } };"""
BOOTS_SEEN: list[str] = []


def visit(context, url: str, measure, mbit: float | None = None) -> tuple[float, int]:
    """Time to first result, and bytes the server sent during the visit (the page and its workers)."""
    page = context.new_page()
    page.add_init_script(BOOT_CAPTURE)
    throttle(page, mbit, 40)
    before = _sent()
    seconds = measure(page, url)
    if "calculator" in url:
        BOOTS_SEEN.append(str(page.evaluate("window.gdBootSeen")))
    page.wait_for_load_state("networkidle")
    sent = _sent() - before
    if "calculator" in url:  # a returning visitor comes back later: let the service worker settle first
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60000)
        page.wait_for_timeout(1000)
    page.close()
    return seconds, sent


def bench_boot(p, base: str, runs: int, work: Path) -> dict:
    """The issue's interleaved run: calculator and bare page, first visit in a new on-disk profile and
    the returning visitor in the same profile, through nginx with gzip; throttled cold runs."""
    calc, bare = base + "/gzip/calculator/#" + CASE_HASH, base + "/gzip/bench/bare.html"
    out: dict[str, list[float]] = {k: [] for k in ("calc_first", "calc_again", "bare_first", "bare_again")}
    for i in range(runs):
        for name, url, measure in (("calc", calc, first_result), ("bare", bare, bare_result)):
            profile = work / f"profile-{name}-{i}"
            context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
            out[f"{name}_first"].append(visit(context, url, measure)[0])
            out[f"{name}_again"].append(visit(context, url, measure)[0])
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    result = {k: median(v) for k, v in out.items()}
    result["ratio_first"] = result["calc_first"] / result["bare_first"]
    result["ratio_again"] = result["calc_again"] / result["bare_again"]
    for mbit in (20, 5):
        for name, url, measure in (("calc", calc, first_result), ("bare", bare, bare_result)):
            profile = work / f"profile-{name}-{mbit}"
            context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
            result[f"{name}_{mbit}mbit"] = visit(context, url, measure, mbit)[0]
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    for where in ("gzip", "plain", "static"):
        profile = work / f"profile-bytes-{where}"
        context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
        url = base + f"/{where}/calculator/#" + CASE_HASH
        result[f"bytes_{where}"] = visit(context, url, first_result)[1]
        result[f"bytes_{where}_again"] = visit(context, url, first_result)[1]
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    result["boots"] = ", ".join(f"{name} ×{BOOTS_SEEN.count(name)}" for name in sorted(set(BOOTS_SEEN)))
    return result


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
            page.evaluate(MARK_DONE)
        page.wait_for_load_state("networkidle")
        context.close()
        out[name] = (sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6, mtime=0)) for b in bodies))
    return out


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


def report(results: dict, runs: int, factor: int) -> str:
    lines = [
        f"# 性能报告 / Performance report ({date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, Chromium headless on 127.0.0.1 "
        f"(python http.server, no compression). Each figure is the median of {runs} runs.",
        "",
        "| Measure | Value |",
        "|---|---|",
    ]
    if "build" in results:
        b = results["build"]
        lines += [
            f"| Full build, real catalogue (27 products) | {b['real']:.2f} s |",
            f"| Full build, synthetic catalogue ({27 * factor} products) | {b['large']:.2f} s |",
            f"| Build ratio, {factor}× catalogue ÷ real | {b['ratio']:.1f} |",
        ]
    if "calculator" in results:
        c, r = results["calculator"], results["recalc"]
        lines += [
            f"| Calculator, navigation to first result, cold | {c['cold']:.2f} s |",
            f"| Calculator, navigation to first result, warm | {c['warm']:.2f} s |",
            f"| Bare Pyodide page (boot in a module worker, print 1+1), cold / warm | {c['bare_cold']:.2f} s / {c['bare_warm']:.2f} s |",
            f"| **Calculator ÷ bare Pyodide, cold / warm** | **{c['ratio_cold']:.2f} / {c['ratio_warm']:.2f}** |",
            f"| Recalculation after an edit, median / p95 (50 edits, incl. 120 ms debounce) | {r['median']:.0f} ms / {r['p95']:.0f} ms |",
            f"| of which the engine in the worker, median / p95 | {r['engine_median']:.1f} ms / {r['engine_p95']:.1f} ms |",
        ]
    if "bytes" in results:
        for name, (raw, gz) in results["bytes"].items():
            before = BYTES_BEFORE.get(name)
            was = f" (was {before[0]} KiB / {before[1]} KiB)" if before else ""
            lines.append(f"| Bytes transferred, {name} (raw / gzip -6) | {raw / 1024:,.0f} KiB / {gz / 1024:,.0f} KiB{was} |")
    if "boot" in results:
        b = results["boot"]
        lines += [
            f"| nginx + gzip: calculator, first visit (new on-disk profile) / returning visitor (same profile) | {b['calc_first']:.2f} s / {b['calc_again']:.2f} s |",
            f"| nginx + gzip: bare Pyodide, first visit / returning visitor | {b['bare_first']:.2f} s / {b['bare_again']:.2f} s |",
            f"| **nginx + gzip: calculator ÷ bare Pyodide, first visit / returning visitor** | **{b['ratio_first']:.2f} / {b['ratio_again']:.2f}** |",
            f"| 20 Mbit/s, 40 ms RTT, cold: calculator / bare | {b['calc_20mbit']:.2f} s / {b['bare_20mbit']:.2f} s |",
            f"| 5 Mbit/s, 40 ms RTT, cold: calculator / bare | {b['calc_5mbit']:.2f} s / {b['bare_5mbit']:.2f} s |",
            f"| Bytes on the wire, calculator page, first visit: nginx gzip / no compression | {b['bytes_gzip'] / 1024:,.0f} KiB / {b['bytes_plain'] / 1024:,.0f} KiB |",
            f"| Bytes on the wire, calculator page, repeat visit: nginx gzip / no compression | {b['bytes_gzip_again'] / 1024:,.0f} KiB / {b['bytes_plain_again'] / 1024:,.0f} KiB |",
            f"| Bytes on the wire, calculator page, first visit: the build's .gz copies (gzip_static, no on-the-fly gzip) | {b['bytes_static'] / 1024:,.0f} KiB |",
            f"| How the calculator booted, over all its visits | {b['boots']} |",
        ]
    if "search" in results:
        s = results["search"]
        raw, gz = s["lazy"]
        lines += [
            f"| Search, input to results painted, median / p95 / slowest over the {s['queries']} queries of the table "
            f"| {s['median']:.1f} ms / {s['p95']:.1f} ms / {s['max']:.1f} ms |",
            f"| of which segmenting, ranking and rendering the results, median / slowest | {s['handler_median']:.1f} ms / {s['handler_max']:.1f} ms |",
            f"| Search, first use (loads engine and index), focus to first results | {s['first']:.0f} ms |",
            f"| Search, loaded on first use only ({', '.join(s['lazy_files'])}; raw / gzip -6) "
            f"| {raw / 1024:,.0f} KiB / {gz / 1024:,.0f} KiB |",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--parts", default="build,boot,calculator,bytes,search", help="comma-separated subset to measure")
    args = parser.parse_args()
    if args.runs < 5:
        print("每项至少测 5 次 / at least 5 runs per figure", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print("请先运行 make build", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        parts = set(args.parts.split(","))
        if "build" in parts:
            print("构建时间 / build time …", file=sys.stderr)
            results["build"] = bench_build(args.runs, args.factor, work)
        site = work / "site"
        shutil.copytree(args.site, site)
        httpd, base = serve(site)
        with sync_playwright() as p:
            if "boot" in parts:
                print("启动（nginx）/ boot through nginx …", file=sys.stderr)
                process, nginx_base = nginx(site, work)
                try:
                    results["boot"] = bench_boot(p, nginx_base, args.runs, work)
                finally:
                    process.terminate()
                    process.wait(timeout=10)
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            if "calculator" in parts:
                print("测算器 / calculator …", file=sys.stderr)
                results["calculator"] = bench_calculator(browser, base, args.runs)
                results["recalc"] = bench_recalc(browser, base, 50)
            if "calculator" in parts or "bytes" in parts:
                results["bytes"] = bench_bytes(browser, base)
            if "search" in parts:
                print("检索 / search …", file=sys.stderr)
                results["search"] = bench_search(browser, base, site, args.runs)
            browser.close()
        httpd.shutdown()
    text = report(results, args.runs, args.factor)
    (ROOT / "bench" / "report.md").write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
