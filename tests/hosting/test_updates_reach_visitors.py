"""Issue 19's own scenario: a correction reaches every visitor. Build A and build B differ in one product
cap (180,000 → 210,000 元 for the test link); each is deployed in turn under a sub-path of a real nginx,
as a host would, and the calculator is revisited in a persistent Chromium profile. Also: a half-finished
upload, a page's `.gz` copy older than the page, and two editions on one host offline."""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import CHROMIUM_ARGS, chromium_path
from support.build import build_site
from support.catalogue_edits import broken_copy, set_at
from support.nginx import SUBPATH, running_nginx

from generator.hosting import nginx_map

LINK = "calculator/#city=" + quote("汕头市") + "&item=2:" + quote("100万") + ":"
FIGURE_A, FIGURE_B = "180,000.00 元", "210,000.00 元"
THIRTY_DAYS = 30 * 24 * 3600
SETTLE_MS = 120_000


@pytest.fixture(scope="module")
def build_b(tmp_path_factory) -> Path:
    """The site with product 2's cap corrected from 180,000 to 210,000 元, and nothing else changed."""
    tmp = tmp_path_factory.mktemp("build-b")
    catalog = broken_copy(tmp, "products.yaml", set_at(["products", 1, "cap"], 210000))
    dest = tmp / "site"
    done = build_site(dest, catalog_dir=catalog)
    assert done.returncode == 0, done.stderr
    return dest


def deploy(build: Path, into: Path, *, age: float = 0, skip: tuple[str, ...] = (), stamp: float | None = None) -> None:
    """Upload `build` over what `into` holds, as a host copies a new build over the old one (files of
    the old build stay), optionally dated `age` seconds back (or at `stamp`, as a deploy that resets every
    file's time does) and leaving out the site paths in `skip`."""
    when = stamp if stamp is not None else (time.time() - age if age else None)
    for path in sorted(build.rglob("*")):
        name = path.relative_to(build).as_posix()
        if not path.is_file() or name in skip:
            continue
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        shutil.copyfile(path, target)
        if when is not None:
            os.utime(target, (when, when))


def _nginx_dir(tmp_path: Path) -> Path:
    (tmp_path / "nginx").mkdir()
    return tmp_path / "nginx"


def locations(root: Path, csp: str, *, headers: bool = False, gzip_static: bool = False) -> str:
    cache = "add_header Cache-Control $gd_cache_control always;" if headers else ""
    static = "gzip_static on;" if gzip_static else ""
    return f"""
    location {SUBPATH} {{
      alias {root}/;
      {static}
      add_header Content-Security-Policy "{csp}" always;
      {cache}
    }}"""


@pytest.fixture
def profile(browser, tmp_path):
    """A persistent Chromium profile (user data directory) kept across every visit of one test."""
    contexts = []

    def open_profile(service_workers: str = "allow"):
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium_path(), args=CHROMIUM_ARGS, locale="zh-CN",
            service_workers=service_workers)
        contexts.append(context)
        return context

    yield open_profile
    for context in contexts:
        context.close()


def _visit(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    page.errors = errors
    return page


def _settled(page) -> str:
    """Wait until the page shows a figure or a message, and say which: "figure", "updated" or "failed"."""
    page.wait_for_function("""() => {
        const calc = document.getElementById('gd-calculator'), update = document.getElementById('gd-update');
        return (update && !update.hidden) || (calc && calc.dataset.result === 'shown') ||
          (calc && calc.dataset.state === 'failed');
      }""", timeout=SETTLE_MS)
    return page.evaluate("""() => !document.getElementById('gd-update').hidden ? 'updated'
        : document.getElementById('gd-calculator').dataset.state === 'failed' ? 'failed' : 'figure'""")


def _wait_for_worker(page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=SETTLE_MS)


def _build_of(site: Path) -> dict:
    return json.loads((site / "build.json").read_text("utf-8"))


def _same_size(page: Path, size: int) -> None:
    """Pad a deployed page after </html> to `size` bytes: a correction that changes one digit leaves a
    page as long as it was."""
    data = page.read_bytes()
    assert len(data) <= size
    page.write_bytes(data + b" " * (size - len(data)))


@pytest.mark.parametrize(("service_workers", "headers", "sw_in_b", "same_validators"), [
    ("block", False, True, False),
    ("allow", False, True, False),
    ("allow", False, False, False),
    ("allow", True, True, False),
    ("allow", False, True, True),
], ids=["stock nginx, no service worker", "stock nginx, service worker",
        "stock nginx, sw.js removed in B", "nginx with the shipped headers",
        "stock nginx, B's page as long and as dated as A's"])
def test_a_corrected_cap_reaches_a_returning_visitor_on_the_next_visit_or_after_one_reload(
        browser, site, build_b, profile, tmp_path, service_workers, headers, sw_in_b, same_validators):
    root = tmp_path / "www"
    root.mkdir()
    csp = (site / "csp.txt").read_text("utf-8").strip()
    assert csp == (build_b / "csp.txt").read_text("utf-8").strip()
    # A's files last changed 30 days ago: a browser may reuse them for 3 days without asking (RFC 9111).
    stamp = time.time() - THIRTY_DAYS
    deploy(site, root, stamp=stamp)
    page_file = root / "calculator" / "index.html"
    size = max(page_file.stat().st_size, (build_b / "calculator" / "index.html").stat().st_size)
    if same_validators:
        _same_size(page_file, size)
        os.utime(page_file, (stamp, stamp))
    with running_nginx(_nginx_dir(tmp_path), locations(root, csp, headers=headers),
                       http_extra=nginx_map() if headers else "") as base:
        url = base + SUBPATH + LINK
        context = profile(service_workers)
        first = _visit(context, url)
        expect(first.locator("#gd-status")).to_contain_text(FIGURE_A, timeout=SETTLE_MS)
        if service_workers == "allow":
            _wait_for_worker(first)
        first.close()

        # With same_validators, a deploy that resets every file's time: nginx's ETag and Last-Modified of
        # the calculator page stay A's, and a conditional request is answered 304.
        deploy(build_b, root, skip=() if sw_in_b else ("sw.js", "sw.js.gz"), stamp=stamp if same_validators else None)
        if same_validators:
            _same_size(page_file, size)
            os.utime(page_file, (stamp, stamp))
        if not sw_in_b:
            (root / "sw.js").unlink()
        again = _visit(context, url)
        state = _settled(again)
        # Never the old figure: either B's figure at once, or a message that the site was updated.
        assert FIGURE_A not in again.locator("#gd-status").inner_text()
        if state == "figure":
            expect(again.locator("#gd-status")).to_contain_text(FIGURE_B)
        else:
            assert state == "updated", again.locator("#gd-failure").inner_text()
            expect(again.locator("#gd-update")).to_contain_text("本站已更新")
            again.locator("[data-gd-update-reload]").click()
        # After (at most) that one reload: B's figure, labelled with B's build.
        expect(again.locator("#gd-status")).to_contain_text(FIGURE_B, timeout=SETTLE_MS)
        expect(again.locator(".gd-result-source")).to_contain_text(_build_of(build_b)["catalogue"])
        if not sw_in_b:  # the worker of a sw.js that is gone is unregistered by the page
            again.wait_for_function("async () => (await navigator.serviceWorker.getRegistrations()).length === 0",
                                    timeout=SETTLE_MS)
        assert again.errors == []


@contextmanager
def _half_upload(browser, site: Path, build_b: Path, tmp_path: Path, skip: tuple[str, ...], gzip_static: bool = False):
    """A deployed, then B uploaded over it without the files `skip` names; yields the calculator page as a
    visitor without a service worker opens it."""
    root = tmp_path / "www"
    root.mkdir()
    deploy(site, root)
    deploy(build_b, root, skip=skip)
    csp = (site / "csp.txt").read_text("utf-8").strip()
    with running_nginx(_nginx_dir(tmp_path), locations(root, csp, gzip_static=gzip_static)) as base:
        context = browser.new_context(locale="zh-CN", service_workers="block")
        try:
            yield _visit(context, base + SUBPATH + LINK)
        finally:
            context.close()


def test_new_pages_with_the_old_files_name_what_is_missing_and_show_no_figure(browser, site, build_b, tmp_path):
    # Half an upload: B's calculator page arrived, nothing else of B yet (the files it names are missing).
    skip = tuple(p.relative_to(build_b).as_posix() for p in build_b.rglob("*")
                 if p.relative_to(build_b).as_posix() != "calculator/index.html")
    with _half_upload(browser, site, build_b, tmp_path, skip) as page:
        expect(page.locator("#gd-lost")).to_be_visible(timeout=SETTLE_MS)
        expect(page.locator("#gd-lost")).to_contain_text("未能下载")
        assert FIGURE_A not in page.locator("#gd-status").inner_text()
        assert FIGURE_B not in page.locator("#gd-status").inner_text()


def test_an_old_page_with_new_files_says_the_site_is_being_updated_and_shows_no_figure(browser, site, build_b, tmp_path):
    # The other half: everything of B but its pages (and their compressed copies) arrived.
    skip = tuple(p.relative_to(build_b).as_posix() for p in build_b.rglob("*") if p.name.startswith("index.html"))
    with _half_upload(browser, site, build_b, tmp_path, skip) as page:
        assert _settled(page) == "updated"
        assert FIGURE_A not in page.locator("#gd-status").inner_text()
        page.locator("[data-gd-update-reload]").click()
        # Still A's page after the reload: the server itself is out of step, and the page says so.
        expect(page.locator("#gd-update")).to_contain_text("网站更新可能尚未完成", timeout=SETTLE_MS)
        page.wait_for_function("() => document.getElementById('gd-calculator').dataset.state === 'failed'",
                               timeout=SETTLE_MS)
        assert FIGURE_A not in page.locator("#gd-status").inner_text()


def test_a_compressed_page_older_than_its_page_is_named_not_shown_as_current(browser, site, build_b, tmp_path):
    # B's page, A's .gz copy of it.
    with _half_upload(browser, site, build_b, tmp_path, ("calculator/index.html.gz",), gzip_static=True) as page:
        assert _settled(page) == "updated"
        page.locator("[data-gd-update-reload]").click()
        expect(page.locator("#gd-update")).to_contain_text("压缩副本", timeout=SETTLE_MS)
        assert FIGURE_A not in page.locator("#gd-status").inner_text()


def test_two_editions_on_one_host_keep_their_offline_copies(browser, site, build_b, tmp_path):
    editions = {"/2020/": tmp_path / "2020", "/2021/": tmp_path / "2021"}
    for root, build in zip(editions.values(), (site, build_b), strict=True):
        root.mkdir()
        deploy(build, root)
    csp = (site / "csp.txt").read_text("utf-8").strip()
    config = "\n".join(f'location {path} {{ alias {root}/; add_header Content-Security-Policy "{csp}" always; }}'
                       for path, root in editions.items())
    context = browser.new_context(locale="zh-CN")
    with running_nginx(_nginx_dir(tmp_path), config) as base:
        for path, figure in zip(editions, (FIGURE_A, FIGURE_B), strict=True):
            page = _visit(context, base + path + LINK)
            expect(page.locator("#gd-status")).to_contain_text(figure, timeout=SETTLE_MS)
            _wait_for_worker(page)
            page.close()
        context.set_offline(True)
        for path, figure in zip(editions, (FIGURE_A, FIGURE_B), strict=True):
            page = _visit(context, base + path + LINK)
            expect(page.locator("#gd-status")).to_contain_text(figure, timeout=SETTLE_MS)
            page.close()
    context.close()


def test_the_service_worker_knows_the_calculator_page_of_its_own_build(site):
    # It precaches only a page of its build: one it could never recognise would never install.
    marker = json.loads(next(line.split("=", 1)[1].strip().rstrip(";") for line in
                             (site / "sw.js").read_text("utf-8").splitlines() if line.startswith("const BUILD_META")))
    assert marker in (site / "calculator" / "index.html").read_text("utf-8")
    assert _build_of(site)["build"] in marker
