"""The Chinese 404 page through nginx under a sub-path: sent for a missing address at any depth, it is
styled and leads back to the home page, the catalogue and search."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe, search_results
from support.nginx import SUBPATH, running_nginx

DEPTHS = {"top": "missing", "deep": "a/b/c/d/e/", "product": "products/99-no-such-product/", "file": "assets/none.js"}


def _locations(site: Path, csp: str) -> str:
    # The site's 404.html for every missing address under the sub-path, as docs/deploying.md tells hosts to do.
    return f"""
    location {SUBPATH} {{
      alias {site}/;
      error_page 404 {SUBPATH}404.html;
      add_header Content-Security-Policy "{csp}" always;
    }}"""


@pytest.fixture(scope="module")
def nginx_404(subpath_site, tmp_path_factory):
    csp = (subpath_site / "csp.txt").read_text("utf-8").strip()
    with running_nginx(tmp_path_factory.mktemp("nginx404"), _locations(subpath_site, csp), gzip=False) as base:
        yield base


@pytest.mark.parametrize("depth", DEPTHS, ids=str)
def test_a_missing_address_gets_status_404_and_the_chinese_page(nginx_404, depth):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(nginx_404 + SUBPATH + DEPTHS[depth])
    assert info.value.code == 404
    body = info.value.read().decode("utf-8")
    assert "页面未找到" in body and "Not found" not in body


@pytest.mark.parametrize("depth", DEPTHS, ids=str)
def test_the_404_page_is_styled_and_leads_home_at_any_depth(browser, nginx_404, depth):
    context, guard = new_guarded_context(browser, nginx_404)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(nginx_404 + SUBPATH + DEPTHS[depth])
    expect(page.locator("h1")).to_have_text("页面未找到（404）")
    # The theme's stylesheet loaded: the header has the site's colour, not the browser's default.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(nginx_404 + SUBPATH)
    expect(page.locator("h1")).to_contain_text("上云上平台")
    context.close()
    assert guard.external == [] and violations == []


def test_the_404_page_leads_to_the_catalogue_and_the_guide(browser, nginx_404):
    context, _ = new_guarded_context(browser, nginx_404)
    page = context.new_page()
    page.goto(nginx_404 + SUBPATH + DEPTHS["deep"])
    page.get_by_role("link", name="浏览产品目录").click()
    expect(page).to_have_url(nginx_404 + SUBPATH + "products/")
    page.go_back()
    page.get_by_role("link", name="办事指南", exact=True).first.click()
    expect(page).to_have_url(nginx_404 + SUBPATH + "guide/")
    context.close()


def test_the_404_page_opens_search_and_finds_a_product(browser, nginx_404):
    context, _ = new_guarded_context(browser, nginx_404)
    page = context.new_page()
    page.goto(nginx_404 + SUBPATH + DEPTHS["deep"])
    page.get_by_role("button", name="搜索本站").click()
    expect(page.locator("input.md-search__input")).to_be_focused()
    texts = search_results(page, "仓库")
    assert any("仓储管理" in t for t in texts[:3])
    context.close()


def test_the_404_page_passes_axe_wcag_21_aa(browser, nginx_404):
    context, _ = new_guarded_context(browser, nginx_404, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    page.goto(nginx_404 + SUBPATH + DEPTHS["deep"])
    violations = run_axe(page)
    context.close()
    assert violations == [], violations
