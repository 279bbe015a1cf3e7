"""大鼠标 (issue 21, 工信部 适老化): a large pointer on desktops, the site's own image, remembered across pages."""

from __future__ import annotations

import re

from playwright.sync_api import expect

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


def test_on_a_touch_phone_there_is_no_pointer_to_enlarge(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server)
    expect(page.locator(".gd-contrast").first).to_be_visible()
    expect(page.locator(".gd-pointer").first).to_be_hidden()
    context.close()
