"""The built site through nginx, under a sub-path, with the build's own CSP (csp.txt) sent as a header."""

from __future__ import annotations

import urllib.request
from urllib.parse import quote

from playwright.sync_api import expect
from support.browser import new_guarded_context, search_results
from support.nginx import CARELESS, SUBPATH
from support.waits import WAIT_MS

from generator.hosting import built_name

# Records the worker's messages, to see which way the engine booted.
CAPTURE = """window.gdMessages = []; const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (e) => window.gdMessages.push(e.data)); } };"""


def _boot(page) -> list[str]:
    return [m["boot"] for m in page.evaluate("window.gdMessages") if m.get("type") == "ready"]


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_nginx_sends_the_csp_and_a_wasm_type_from_stock_mime_types(nginx, site):
    with urllib.request.urlopen(nginx + SUBPATH) as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    with urllib.request.urlopen(nginx + SUBPATH + built_name(site, "assets/pyodide/pyodide.asm.wasm")) as response:
        assert response.headers["Content-Type"] == "application/wasm"


def test_home_product_page_and_search_work_under_the_sub_path(browser, nginx):
    context, guard = new_guarded_context(browser, nginx)
    page = context.new_page()
    csp = _violations(page)
    page.goto(nginx + SUBPATH)
    expect(page.locator("h1")).to_contain_text("上云上平台")
    page.get_by_role("link", name="浏览产品目录").click()
    page.get_by_role("link", name="19. 仓储管理").first.click()
    expect(page.locator("h1")).to_have_text("19 仓储管理")
    assert page.url == nginx + SUBPATH + "products/19-warehouse-management/"
    texts = search_results(page, "仓库")
    context.close()
    assert any("仓储管理" in t for t in texts[:3])
    assert guard.external == [] and csp == []


def test_the_calculator_computes_a_case_through_nginx_under_the_csp(browser, nginx):
    context, guard = new_guarded_context(browser, nginx)
    page = context.new_page()
    csp = _violations(page)
    page.add_init_script(CAPTURE)
    page.goto(nginx + SUBPATH + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    boot = _boot(page)
    context.close()
    assert guard.external == [] and csp == []
    assert boot == ["snapshot"]


def test_the_calculator_works_on_a_server_without_wasm_or_mjs_types(browser, nginx, site):
    with urllib.request.urlopen(nginx + CARELESS + built_name(site, "assets/pyodide/pyodide.asm.wasm")) as response:
        assert response.headers["Content-Type"] == "application/octet-stream"
    context, guard = new_guarded_context(browser, nginx)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(nginx + CARELESS + "calculator/#city=" + quote("汕头市") + "&item=6:" + quote("30万") + ":")
    expect(page.locator("#gd-status")).to_contain_text("200,000.00 元", timeout=WAIT_MS)
    boot = _boot(page)
    context.close()
    assert guard.external == []
    assert boot == ["snapshot"]

