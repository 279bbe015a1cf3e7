"""The 可申领一览 the build computed (issue 24) in real Chromium: the chosen city's table is on screen, marked
预先计算 and with how much of the engine is still to come, while the engine's runtime is held back; the
engine's answer replaces it and agrees with it to the fen; without JavaScript, or when the engine fails,
the whole list is shown."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe, wait_for_engine

from calculator.options import options

# The runtime's wasm, whatever its encoding: every boot path needs it before the engine can answer.
# The runtime's wasm, plain or in the brotli form the worker decodes itself (generator/runtime/brotli_forms.py).
WASM = re.compile(r".*/pyodide\.asm\.(?:[0-9a-f]+\.wasm|wasm\.[0-9a-f]+\.brotli).*")
# Several regions and ratios, pilots, and the city outside the scope.
CASES = [("广州市", False), ("汕头市", False), ("汕头市", True), ("佛山市", True), ("深圳市", False), ("深圳市", True)]

# The rows of the overview on screen and of the build's table for `members` ("汕头市:1"), cell by cell:
# for a product that can be claimed its name, voucher, contract and devices (the live table's button left
# out), for one that cannot its name and the reason with its clause.
ROWS = """(members) => {
  const cells = (row) => [...row.children].map((c) => c.textContent.replace(/\\s+/g, ' ').trim());
  const shown = [...document.querySelectorAll('#gd-options-body tbody tr')]
    .map((r) => cells(r).slice(0, r.classList.contains('gd-row--refused') ? 2 : 4));
  const group = [...document.querySelectorAll('#gd-prerendered [data-members]')]
    .find((g) => g.dataset.members.split(' ').includes(members));
  return { shown, built: group ? [...group.querySelectorAll('tbody tr')].map(cells) : null };
}"""


def _hash(city: str, pilot: bool) -> str:
    return f"city={quote(city)}&pilot={int(pilot)}"


@pytest.fixture(scope="module")
def booted(browser, server):
    """One calculator page whose engine is ready: the overview is redrawn for each case."""
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server + "calculator/")
    wait_for_engine(page)
    yield page
    context.close()
    assert guard.external == []


@pytest.mark.parametrize(("city", "pilot"), CASES, ids=[f"{c}-{'pilot' if p else 'not-pilot'}" for c, p in CASES])
def test_the_builds_table_agrees_with_the_engines_answer_to_the_fen(booted, city, pilot):
    body = booted.locator("#gd-options-body")
    booted.evaluate("location.hash = ''")
    expect(body).not_to_have_attribute("data-source", re.compile("."))  # no city: the overview is emptied
    booted.evaluate("(hash) => { location.hash = hash; }", _hash(city, pilot))
    expect(body).to_have_attribute("data-source", "engine")
    rows = booted.evaluate(ROWS, f"{city}:{int(pilot)}")
    assert rows["built"] is not None, f"页面中没有{city}的预先计算表"
    assert rows["shown"] == rows["built"]
    assert len(rows["shown"]) == len(options({"city": city, "cluster_pilot": pilot})["products"])


def test_the_chosen_citys_figures_are_on_screen_before_the_engine_is_ready(browser, server, policy):
    # On a phone at 大 type: the table is a card per product, nothing scrolls sideways.
    context, guard = new_guarded_context(browser, server, viewport={"width": 375, "height": 800})
    context.add_init_script("window.GD_CALC_TIMEOUTS = {stall: 600000};"  # the held download is not a stall
                            "localStorage.setItem('gd-font-size', 'large')")
    held = []
    context.route(WASM, lambda route: held.append(route))  # the runtime's wasm waits until the table has been checked
    page = context.new_page()
    page.goto(server + "calculator/#" + _hash("汕头市", True))  # a shared plan's city, at once
    body = page.locator("#gd-options-body")
    expect(body).to_have_attribute("data-source", "prerendered")
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "loading")
    answer = options({"city": "汕头市", "cluster_pilot": True}, policy)
    product = next(p for p in answer["products"] if p["devices_for_max"])
    row = body.locator("tr", has_text=f"{product['product']}. {product['name']}")
    expect(row).to_contain_text(product["max_voucher_text"])
    expect(row).to_contain_text(product["contract_for_max_text"])
    expect(body.locator("caption")).to_contain_text("预先计算")
    expect(page.locator("#gd-options-status")).to_contain_text("预先计算")
    # How much of the engine is still to come, beside the table; the full list is not shown twice.
    expect(body.locator(".gd-prerendered__loading")).to_contain_text(re.compile(r"已下载 [\d.]+ MB / 共 [\d.]+ MB"))
    expect(page.locator("#gd-prerendered")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # Another city is chosen: its table at once, still before the engine.
    page.get_by_label("所在地级市").select_option("深圳市")
    expect(body.locator("caption")).to_contain_text("深圳市")
    expect(body).to_contain_text(options({"city": "深圳市"}, policy)["products"][0]["refusal"]["message"])
    assert run_axe(page) == []
    # Earlier claims are not in the build's tables: the overview waits for the engine and says so.
    page.evaluate("(hash) => { location.hash = hash; }", _hash("汕头市", False) + "&claimed=9")
    expect(page.locator("#gd-options-status")).to_contain_text("测算引擎加载完成后立即显示")
    expect(body).not_to_have_attribute("data-source", re.compile("."))
    assert held, "测算引擎的 wasm 没有被请求"
    for route in held:
        route.continue_()
    wait_for_engine(page)
    expect(body).to_have_attribute("data-source", "engine")
    expect(body.locator("tr", has_text="9. 设备管理")).to_contain_text("此前已领取")
    context.close()
    assert guard.external == []


def test_without_javascript_every_table_is_shown(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-prerendered")).to_be_visible()
    expect(page.locator("#gd-prerendered table").first).to_be_visible()
    expect(page.locator("#gd-options-status")).to_be_hidden()  # it speaks of choosing a city
    context.close()


def test_when_the_engine_fails_the_whole_list_is_shown_again(browser, server):
    context, _ = new_guarded_context(browser, server)
    context.route(WASM, lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-failure")).to_be_visible()
    expect(page.locator("#gd-prerendered")).to_be_visible()
    context.close()
