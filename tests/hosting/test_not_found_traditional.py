"""The 繁体 404 page (zh-Hant/404.html) through nginx under a sub-path: sent for missing 繁体 addresses,
reached from the 简体 404 page by its 简/繁 switch or by the reader's remembered choice, and leading
back into the 繁体 pages at any depth."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe
from support.nginx import SUBPATH, running_nginx

HANT = SUBPATH + "zh-Hant/"
MISSING = {"hans": SUBPATH + "a/b/c/", "hant": HANT + "a/b/c/", "hant-product": HANT + "products/99-none/"}


def _locations(site: Path, csp: str) -> str:
    # docs/deploying.md, 七: each script's 404 page for its own missing addresses.
    return f"""
    location {SUBPATH} {{
      alias {site}/;
      error_page 404 {SUBPATH}404.html;
      add_header Content-Security-Policy "{csp}" always;
    }}
    location {HANT} {{
      alias {site}/zh-Hant/;
      error_page 404 {HANT}404.html;
      add_header Content-Security-Policy "{csp}" always;
    }}"""


@pytest.fixture(scope="module")
def nginx_404(subpath_site, tmp_path_factory):
    csp = (subpath_site / "csp.txt").read_text("utf-8").strip()
    with running_nginx(tmp_path_factory.mktemp("nginx404hant"), _locations(subpath_site, csp), gzip=False) as base:
        yield base


def _watched(browser, base: str):
    context, guard = new_guarded_context(browser, base)
    failed: list[str] = []
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    return context, guard, failed


@pytest.mark.parametrize("where", ["hant", "hant-product"], ids=str)
def test_a_missing_traditional_address_gets_status_404_and_the_traditional_page(nginx_404, where):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(nginx_404 + MISSING[where])
    assert info.value.code == 404
    body = info.value.read().decode("utf-8")
    assert '<html lang="zh-Hant"' in body and "頁面未找到（404）" in body


def test_the_switch_on_the_404_page_opens_its_traditional_copy_which_leads_home_in_traditional(browser, nginx_404):
    context, guard, failed = _watched(browser, nginx_404)
    page = context.new_page()
    page.goto(nginx_404 + MISSING["hans"])
    expect(page.locator("h1")).to_have_text("页面未找到（404）")
    page.get_by_role("link", name="繁體").click()
    expect(page).to_have_url(nginx_404 + HANT + "404.html")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("h1")).to_have_text("頁面未找到（404）")
    # Styled: the shared stylesheets loaded from the one copy outside zh-Hant/.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    page.get_by_role("link", name="瀏覽產品目錄").click()
    expect(page).to_have_url(nginx_404 + HANT + "products/")
    expect(page.locator("h1")).to_have_text("產品目錄")
    context.close()
    assert guard.external == [] and failed == []


def test_a_reader_who_chose_traditional_gets_the_traditional_404_page_and_can_switch_back(browser, nginx_404):
    context, guard, failed = _watched(browser, nginx_404)
    page = context.new_page()
    page.goto(nginx_404 + SUBPATH)
    page.evaluate("localStorage.setItem('gd-script', 'hant')")  # as the switch on any page records it
    page.goto(nginx_404 + MISSING["hans"])
    expect(page.locator("h1")).to_have_text("頁面未找到（404）")
    page.get_by_role("link", name="返回首頁").click()
    expect(page).to_have_url(nginx_404 + HANT)
    page.goto(nginx_404 + MISSING["hant"])
    page.get_by_role("link", name="简体").click()
    expect(page).to_have_url(nginx_404 + SUBPATH + "404.html")
    expect(page.locator("h1")).to_have_text("页面未找到（404）")
    context.close()
    assert guard.external == [] and failed == []


def test_the_traditional_404_page_passes_axe_wcag_21_aa(browser, nginx_404):
    context, _ = new_guarded_context(browser, nginx_404, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    page.goto(nginx_404 + MISSING["hant"])
    expect(page.locator("h1")).to_have_text("頁面未找到（404）")
    violations = run_axe(page)
    context.close()
    assert violations == [], violations
