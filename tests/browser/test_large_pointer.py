"""大鼠标 (issue 21, 工信部 适老化): a large pointer on desktops, the site's own image, remembered across pages;
offered wherever a mouse is, whatever the width, and never on touch-only phones and tablets, which draw no
pointer (decided by the CSS media feature any-pointer, not by the width)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context

CURSOR = "(s) => getComputedStyle(document.querySelector(s)).cursor"


def test_the_large_pointer_is_switched_on_remembered_and_drawn_by_the_site(page, server):
    page.goto(server + "notice/")
    assert "pointer-large" not in page.evaluate(CURSOR, ".md-typeset p")
    button = page.get_by_role("button", name="大鼠标")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("data-pointer", "large")
    # The images carry content-addressed names (pointer-large.<hash>.svg, issue 19).
    pointer = re.search(r'url\("([^"]*assets/images/pointer-large\.[0-9a-f]+\.svg)"\)', page.evaluate(CURSOR, ".md-typeset p"))
    assert pointer
    assert re.search(r"assets/images/pointer-large-link\.[0-9a-f]+\.svg", page.evaluate(CURSOR, ".md-typeset a[href]"))
    response = page.request.get(pointer.group(1))
    assert response.ok and "<svg" in response.text()
    page.goto(server + "zh-Hant/products/")
    expect(page.locator("html")).to_have_attribute("data-pointer", "large")
    page.get_by_role("button", name="大鼠標").click()
    page.goto(server)
    expect(page.locator("html")).not_to_have_attribute("data-pointer", "large")


@pytest.fixture
def device(browser, server):
    """A fresh context of the given size, with a mouse or touch-only (Chromium then matches
    (any-pointer: coarse) and no fine pointer, as a phone does); optionally with 大鼠标 chosen before."""
    contexts = []

    def open_device(width: int, touch: bool, stored_large: bool = False):
        context, guard = new_guarded_context(browser, server, viewport={"width": width, "height": 740},
                                             has_touch=touch, is_mobile=touch)
        if stored_large:
            context.add_init_script("localStorage.setItem('gd-pointer', 'large')")
        contexts.append((context, guard))
        return context.new_page()

    yield open_device
    for context, guard in contexts:
        context.close()
        assert guard.external == [], f"请求离开了本站：{guard.external}"


@pytest.mark.parametrize("width", [375, 1366], ids=["phone-width", "desktop-width"])
def test_with_a_mouse_the_switch_is_offered_at_any_width_and_reached_by_the_keyboard(device, server, width):
    page = device(width, touch=False)
    page.goto(server + "notice/")
    switch = page.locator(".gd-toolbar .gd-pointer")
    expect(switch).to_be_visible()
    page.locator(".gd-toolbar .gd-contrast").focus()
    page.keyboard.press("Tab")
    expect(switch).to_be_focused()
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("data-pointer", "large")
    assert "pointer-large" in page.evaluate(CURSOR, ".md-typeset p")


@pytest.mark.parametrize("width", [375, 1024], ids=["phone", "tablet"])
def test_on_a_touch_only_device_there_is_no_pointer_to_enlarge(device, server, width):
    page = device(width, touch=True)
    page.goto(server)
    expect(page.locator(".gd-toolbar .gd-contrast")).to_be_visible()
    expect(page.locator(".gd-toolbar .gd-pointer")).to_be_hidden()
    # Hidden, so the keyboard passes from 高对比度 to the next control.
    page.locator(".gd-toolbar .gd-contrast").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.matches('.gd-pointer')")


def test_a_large_pointer_chosen_with_a_mouse_draws_nothing_on_a_touch_phone(device, server):
    page = device(375, touch=True, stored_large=True)
    page.goto(server + "notice/")
    # The choice is kept (a mouse plugged in later brings it back), but no cursor image is drawn without one.
    expect(page.locator("html")).to_have_attribute("data-pointer", "large")
    expect(page.locator(".gd-toolbar .gd-pointer")).to_be_hidden()
    assert "pointer-large" not in page.evaluate(CURSOR, ".md-typeset p")
    assert "pointer-large" not in page.evaluate(CURSOR, ".md-typeset a[href]")
