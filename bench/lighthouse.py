"""Lighthouse accessibility of every page type, in 简体 and 繁体, normal and high contrast.

`python -m bench.lighthouse [site_dir]` (after `make build`). Uses the pinned `lighthouse` from
node_modules against Debian's Chromium. High contrast is a choice stored in localStorage, so the
browser is started here with a remote-debugging port, the choice is stored in its profile, and
Lighthouse drives that same browser without resetting storage. A report, never a test.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import chromium_path  # noqa: E402

from generator.hosting.serve import make_server  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"首页": "", "产品目录": "products/", "产品页": "products/05-equipment-iot/", "产品单页": "products/05-equipment-iot/sheet/",
         "办事指南": "guide/", "通知全文": "notice/", "数据下载": "downloads/", "使用帮助": "help/", "测算器": "calculator/",
         "404 页面": "404.html"}
SCRIPTS = {"简体": "", "繁体": "zh-Hant/"}
MODES = {"常规": None, "高对比度": "high"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int) -> None:
    for _ in range(200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)  # a benchmark waiting for its own browser, not a test
    raise SystemExit("Chromium 未能启动")


def _set_contrast(port: int, base: str, mode: str | None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = browser.contexts[0].new_page()
        page.goto(base)
        page.evaluate("(mode) => mode ? localStorage.setItem('gd-contrast', mode) : localStorage.removeItem('gd-contrast')", mode)
        page.close()


def score(port: int, url: str) -> float:
    out = subprocess.run([str(LIGHTHOUSE), url, f"--port={port}", "--only-categories=accessibility", "--output=json",
                          "--quiet", "--disable-storage-reset", "--preset=desktop"],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    failed = [a for a in report["audits"].values() if a.get("score") == 0 and a.get("scoreDisplayMode") == "binary"]
    if failed:
        print(f"  {url}: " + "; ".join(a["id"] for a in failed), file=sys.stderr)
    return round(report["categories"]["accessibility"]["score"] * 100)


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").exists() or not LIGHTHOUSE.exists():
        raise SystemExit("请先运行 make build 和 npm ci（lighthouse 在 devDependencies 中）")
    httpd = make_server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    port = _free_port()
    profile = tempfile.mkdtemp(prefix="gd-lighthouse-")
    chrome = subprocess.Popen([chromium_path() or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                               "--no-first-run", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
                               "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        _wait_for_port(port)
        for mode_name, mode in MODES.items():
            _set_contrast(port, base, mode)
            for script_name, prefix in SCRIPTS.items():
                rows.append((mode_name, script_name, [score(port, base + prefix + path) for path in PAGES.values()]))
    finally:
        chrome.terminate()
        chrome.wait()
        httpd.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    print("| 模式 | 文字 | " + " | ".join(PAGES) + " |")
    print("|---|---|" + "---|" * len(PAGES))
    for mode_name, script_name, scores in rows:
        print(f"| {mode_name} | {script_name} | " + " | ".join(str(s) for s in scores) + " |")


if __name__ == "__main__":
    main()
