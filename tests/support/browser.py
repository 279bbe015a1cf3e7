"""Launching Debian's Chromium and guarding contexts so that no request leaves the local server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from support.waits import WAIT_MS

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


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return the WCAG 2.1 A/AA violations of the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        WCAG_TAGS)


def search_results(page, query: str) -> list[str]:
    """Type a query into the site's search and return the result texts, best first."""
    field = page.locator("input.md-search__input")
    field.click()
    field.type(query)
    field.press("End")
    # The search runs on every input; wait until the whole query has been searched, not a prefix of it.
    page.wait_for_function("(q) => document.querySelector('.gd-search').dataset.query === q", arg=query,
                           timeout=WAIT_MS)
    return page.locator(".md-search-result__item").evaluate_all("els => els.map(e => e.textContent)")


def wait_for_engine(page, timeout_ms: int = WAIT_MS) -> None:
    """Wait until the calculator's engine is ready; fail, never hang, if it does not come."""
    page.evaluate("""(ms) => Promise.race([window.gdCalculator.ready, new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`测算引擎在 ${ms / 1000} 秒内未就绪：` +
          (document.getElementById('gd-failure-reason') || {}).textContent)), ms))])""", timeout_ms)
