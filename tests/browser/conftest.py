"""Real Chromium against the built site served over HTTP; every non-local request fails the test."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from generator.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    """Debian's chromium, or None to use Playwright's own download (the fallback of `make test`)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        path = chromium_path()
        try:
            browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Exception as err:  # a missing browser is a failure, never a skip
            pytest.fail(f"无法启动 Chromium（{err}）。请运行 make test 安装 chromium。", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(site):
    httpd = make_server(site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class Guard:
    """Records and aborts every request that would leave the local server."""

    def __init__(self, allowed_host: str) -> None:
        self.allowed_host = allowed_host
        self.external: list[str] = []
        self.requests: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == self.allowed_host:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


def new_guarded_context(browser, base_url: str, **options):
    context = browser.new_context(locale="zh-CN", **options)
    guard = Guard(urlsplit(base_url).netloc)
    context.route("**/*", guard.route)
    return context, guard


@pytest.fixture
def guarded(browser, server):
    """A fresh context whose requests may only go to the local server (checked at teardown)."""
    context, guard = new_guarded_context(browser, server)
    yield context, guard
    context.close()
    assert guard.external == [], f"请求离开了本站：{guard.external}"


@pytest.fixture
def page(guarded):
    context, _ = guarded
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    assert errors == [], f"页面脚本出错：{errors}"


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return the WCAG 2.1 A/AA violations of the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        WCAG_TAGS)
