"""A reader without a mouse, at 大 and in both contrast modes: Tab through every page type and back,
and the search box behaves as a dialog (issue 21: the open search overlay hid every later focus stop)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support.keyboard import FOCUS_PROBE, problems, walk

PAGES = {"home": "", "catalogue": "products/", "product": "products/05-equipment-iot/", "notice": "notice/",
         "guide": "guide/", "calculator": "calculator/", "help": "help/"}
WIDTHS = {"desktop": 1366, "phone": 375}


@pytest.fixture
def reader(guarded):
    """A page at 大, opened by the test with `contrast` (normal or high) and width."""
    context, _ = guarded

    def open_page(server: str, path: str, contrast: str, width: int):
        context.add_init_script("localStorage.setItem('gd-font-size', 'large');"
                                f"localStorage.setItem('gd-contrast', '{contrast}')")
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(server + path)
        expect(page.locator("html")).to_have_attribute("data-font-size", "large")
        return page
    return open_page


# Every page type in 高对比度 (where the opaque overlay hid the focus), and the two pages of the report
# in the normal colours too.
WALKS = [(name, "high", width) for name in PAGES for width in WIDTHS] + \
    [(name, "normal", width) for name in ("notice", "calculator") for width in WIDTHS]


@pytest.mark.parametrize("name,contrast,width", WALKS, ids=["-".join(walk) for walk in WALKS])
def test_tab_and_shift_tab_reach_every_stop_visibly_and_never_behind_an_overlay(reader, server, name, contrast, width):
    page = reader(server, PAGES[name], contrast, WIDTHS[width])
    forward = walk(page, "Tab")
    assert problems(forward) == []
    reached = " ".join(s["stop"] for s in forward)
    assert "高对比度" in reached and "检索" in reached, reached
    backward = walk(page, "Shift+Tab")
    assert problems(backward) == []
    # Shift+Tab comes back through every stop Tab went through (an error summary may have appeared).
    assert {s["stop"] for s in forward} <= {s["stop"] for s in backward}


@pytest.mark.parametrize("contrast", ["normal", "high"], ids=str)
@pytest.mark.parametrize("name", ["notice", "calculator"], ids=str)
def test_tab_through_the_header_does_not_open_the_search(reader, server, name, contrast):
    page = reader(server, PAGES[name], contrast, 1366)
    page.locator(".gd-search__input").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.evaluate(FOCUS_PROBE)["problem"] is None


@pytest.mark.parametrize("contrast", ["normal", "high"], ids=str)
@pytest.mark.parametrize("name", ["notice", "calculator"], ids=str)
def test_the_open_search_keeps_focus_inside_or_closes_and_focus_is_never_hidden(reader, server, name, contrast):
    page = reader(server, PAGES[name], contrast, 1366)
    box = page.locator(".gd-search__input")
    box.focus()
    page.keyboard.type("设备")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        here = page.evaluate(FOCUS_PROBE)
        assert here["problem"] is None, here
        inside = page.evaluate("() => document.querySelector('.gd-search').contains(document.activeElement)")
        if not inside:
            expect(page.locator("#__search")).not_to_be_checked()
            break
    else:
        pytest.fail("Tab 无法离开检索框")


@pytest.mark.parametrize("name", ["notice", "calculator"], ids=str)
def test_escape_closes_the_search_from_a_result_and_focus_returns_to_the_box(reader, server, name):
    page = reader(server, PAGES[name], "high", 1366)
    box = page.locator(".gd-search__input")
    box.focus()
    page.keyboard.type("设备")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(box).to_be_focused()
    assert page.evaluate(FOCUS_PROBE)["problem"] is None
    # The page behind is live again: Tab goes on in the page's order.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_PROBE)["problem"] is None


def test_while_the_search_is_open_the_page_behind_is_inert(reader, server):
    page = reader(server, PAGES["notice"], "high", 1366)
    page.locator(".gd-search__input").click()
    page.keyboard.type("设备")
    expect(page.locator("#__search")).to_be_checked()
    assert page.evaluate("() => document.querySelector('.md-main').closest('[inert]') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.querySelector('[inert]:not(.md-search *)') === null")


@pytest.mark.parametrize("name", ["home", "calculator", "catalogue"], ids=str)
def test_the_first_tab_offers_a_visible_skip_link_that_leads_past_header_and_navigation(reader, server, name):
    page = reader(server, PAGES[name], "high", 1366)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("跳到正文")
    assert page.evaluate(FOCUS_PROBE)["problem"] is None
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # Focus is now in the page's own content, after the header, the navigation and the reader's toolbar.
    assert page.evaluate("() => { const a = document.activeElement; return Boolean(a.closest('.md-content'))"
                         " && !a.closest('.gd-toolbar'); }"), page.evaluate(FOCUS_PROBE)
