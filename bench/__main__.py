"""Performance report: `make bench` (or `python -m bench`). Prints a Markdown table, writes bench/report.md.

Every figure is the median of at least RUNS runs, and every ratio is measured side by side in one run.
Never run by the tests: timings belong in a report, not in assertions. See bench/README.md for the
figures measured so far.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from support.browser import CHROMIUM_ARGS, chromium_path

from bench.boot import bench_boot, nginx
from bench.build_time import bench_build
from bench.common import ROOT, serve
from bench.decode import bench_decode
from bench.pages import bench_bytes, bench_calculator, bench_recalc
from bench.report import report
from bench.search import bench_search


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--parts", default="build,boot,decode,calculator,bytes,search", help="comma-separated subset to measure")
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
            if "decode" in parts:
                print("brotli 解码 / decoding the runtime's brotli forms …", file=sys.stderr)
                results["decode"] = bench_decode(browser, base, site, args.runs)
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
