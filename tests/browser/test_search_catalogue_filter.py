"""The catalogue table's filter in real Chromium: keyboard, the address, no JavaScript, 375 px, axe."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe
from support.waits import WAIT_MS

ROWS = "#gd-catalogue-table tbody tr"


def _products(site: Path) -> list[dict]:
    return json.loads((site / "catalog.json").read_text("utf-8"))["products"]


def shown_ids(page) -> list[int]:
    return page.locator(ROWS).evaluate_all(
        "rows => rows.filter(r => !r.hidden).map(r => Number(r.cells[0].dataset.value))")


def expect_shown(page, ids: list[int]) -> None:
    """Wait until exactly these rows are shown, in this order: the filter redraws after the event."""
    page.wait_for_function(
        """([selector, want]) => JSON.stringify([...document.querySelectorAll(selector)].filter(r => !r.hidden)
             .map(r => Number(r.cells[0].dataset.value))) === JSON.stringify(want)""", arg=[ROWS, ids], timeout=WAIT_MS)


def test_without_javascript_the_catalogue_is_a_plain_table_of_every_product(browser, server, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "products/")
    expect(page.locator("#gd-filter")).to_be_hidden()
    expect(page.locator(ROWS)).to_have_count(len(_products(site)))
    assert all(page.locator(ROWS).nth(i).is_visible() for i in range(len(_products(site))))
    # Each row carries its one-line summary.
    expect(page.locator(ROWS).first).to_contain_text(_products(site)[0]["summary"])
    context.close()


def test_the_filters_are_reached_and_set_with_the_keyboard_alone(page, server, site):
    page.goto(server + "products/")
    page.locator("#gd-filter-category").focus()
    categories = list(dict.fromkeys(p["category"] for p in _products(site)))
    page.keyboard.press("ArrowDown")  # the first category after 全部
    expect(page.locator("#gd-filter-category")).to_have_value(categories[0])
    expect_shown(page, [p["id"] for p in _products(site) if p["category"] == categories[0]])
    page.keyboard.press("Tab")
    expect(page.locator("#gd-filter-min")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#gd-filter-device")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#gd-filter-empty")).to_be_visible()
    expect(page.locator("#gd-filter-status")).to_contain_text("显示 0 个产品")
    page.locator("#gd-filter-empty button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#gd-filter-category")).to_be_focused()
    expect_shown(page, [p["id"] for p in _products(site)])


@pytest.mark.parametrize("params,predicate", [
    ("device=1", lambda p: p["per_device"] is not None),
    ("pilot=only", lambda p: p["pilot_only"]),
    ("pilot=none", lambda p: not p["pilot_only"]),
    ("min=150000&max=200000", lambda p: 150000 <= p["cap"] <= 200000),
    (f"category={quote('经营管理')}&max=30000", lambda p: p["category"] == "经营管理" and p["cap"] <= 30000),
], ids=["per-device", "pilot-only", "no-pilot", "cap-range", "category-and-cap"])
def test_each_filter_keeps_exactly_the_products_that_match(page, server, site, params, predicate):
    page.goto(server + "products/?" + params)
    expect(page.locator("#gd-filter")).to_be_visible()
    expected = [p["id"] for p in _products(site) if predicate(p)]
    assert expected
    expect_shown(page, expected)


def test_the_choice_is_kept_in_the_address_and_survives_a_reload(page, server):
    page.goto(server + "products/")
    page.locator("#gd-filter-pilot").select_option("only")
    assert "pilot=only" in page.url
    page.reload()
    expect(page.locator("#gd-filter-pilot")).to_have_value("only")
    expect(page.locator("#gd-filter-status")).to_contain_text("显示 1 个产品")


def test_sorting_keeps_the_filter(page, server, site):
    page.goto(server + "products/?device=1")
    page.locator("#gd-catalogue-table th").nth(3).locator("button").click()
    ids = shown_ids(page)
    caps = {p["id"]: p["cap"] for p in _products(site)}
    assert len(ids) == 3 and [caps[i] for i in ids] == sorted(caps[i] for i in ids)


@pytest.mark.parametrize("params", ["", f"category={quote('生产管控')}&min=150000", "pilot=only&device=1"],
                         ids=["all", "filtered", "empty"])
def test_the_catalogue_at_375px_shows_every_cell_of_every_card(browser, server, params):
    context, _ = new_guarded_context(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True,
                                     has_touch=True)
    page = context.new_page()
    page.goto(server + "products/?" + params)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    cut = page.locator(f"{ROWS}:not([hidden]) td, #gd-filter select, #gd-filter-empty").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).filter(e => { const r = e.getBoundingClientRect();"
        " return r.left < 0 || r.right > document.documentElement.clientWidth; }).map(e => e.textContent.trim())")
    context.close()
    assert overflow <= 0 and cut == []


IN_VIEW = """el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"""


def test_on_a_375px_phone_a_link_at_the_top_leads_past_the_product_lists_to_the_filter(browser, server):
    context, _ = new_guarded_context(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True,
                                     has_touch=True)
    page = context.new_page()
    page.goto(server + "products/")
    jump = page.locator("#gd-filter-jump a")
    expect(jump).to_be_visible()
    # The link is on the first screen; the filter is not (the 27 products are listed by category first).
    assert jump.evaluate(IN_VIEW)
    assert not page.locator("#gd-filter").evaluate(IN_VIEW)
    box = jump.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 44
    jump.click()
    page.wait_for_function(f"({IN_VIEW})(document.getElementById('gd-filter-category'))", timeout=WAIT_MS)
    # And the filter it leads to works.
    page.locator("#gd-filter-category").select_option("经营管理")
    expect(page.locator("#gd-filter-status")).to_contain_text("显示 6 个产品")
    context.close()


def test_without_javascript_there_is_no_link_to_a_filter_that_is_not_there(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "products/")
    expect(page.locator("#gd-filter-jump")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("params", ["", f"category={quote('研发设计')}&min=200000", "pilot=only&device=1"],
                         ids=["all", "filtered", "empty"])
def test_the_filtered_catalogue_passes_axe(page, server, params):
    page.goto(server + "products/?" + params)
    expect(page.locator("#gd-filter")).to_be_visible()
    assert run_axe(page) == []


def test_the_home_page_with_a_need_open_passes_axe(page, server):
    page.goto(server + "#need-energy")
    expect(page.locator("#need-energy")).to_have_attribute("open", "")
    assert run_axe(page) == []
