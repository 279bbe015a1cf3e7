"""分享 on the calculator carries the plan (issue 21): the link and its QR code open the same plan."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from support.browser import wait_for_engine
from support.waits import WAIT_MS

PLAN = "#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&history=no&item=19:8%E4%B8%87"


def _decode(locator) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(locator.screenshot())))]


def test_the_share_link_and_its_qr_code_carry_the_calculators_plan(guarded, server):
    context, _ = guarded
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "calculator/" + PLAN)
    wait_for_engine(page)
    page.locator(".gd-share__summary").click()
    # The calculator writes the plan back in its own spelling (19%3A8…); the link is the address bar's.
    hash_now = page.evaluate("location.hash")
    assert "%E4%BD%9B%E5%B1%B1" in hash_now and "item=19" in hash_now, hash_now
    expected = server + "calculator/" + hash_now
    expect(page.locator(".gd-share__url")).to_have_value(expected)
    page.locator(".gd-share__copy").click()
    expect(page.locator(".gd-share__status")).to_have_text("已复制本页链接")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert _decode(page.locator(".gd-share__qr svg")) == [expected]


def test_a_plan_changed_after_the_panel_opened_is_shared_as_it_is_now(guarded, server):
    context, _ = guarded
    page = context.new_page()
    page.goto(server + "calculator/" + PLAN)
    wait_for_engine(page)
    page.locator(".gd-share__summary").click()
    page.evaluate("location.hash = '#city=%E6%B7%B1%E5%9C%B3%E5%B8%82&history=no'")
    # The calculator may write the plan back in its own order; the link follows the address bar.
    expect(page.locator(".gd-share__url")).to_have_value(re.compile(re.escape(server + "calculator/#")
                                                                    + ".*%E6%B7%B1%E5%9C%B3"))
    # Once the calculator has written the plan back (with its round), the panel shares exactly that.
    page.wait_for_function("() => document.querySelector('.gd-share__url').value === location.href"
                           " && location.hash.includes('round=')", timeout=WAIT_MS)


def test_a_page_without_a_fragment_shares_its_plain_address(guarded, server):
    context, _ = guarded
    page = context.new_page()
    page.goto(server + "help/")
    page.locator(".gd-share__summary").click()
    expect(page.locator(".gd-share__url")).to_have_value(server + "help/")
    # A build without a configured address carries an empty placeholder; the panel draws the code itself.
    expect(page.locator('.gd-share__qr svg[data-gd-qr=""]')).to_have_count(0)
    assert _decode(page.locator(".gd-share__qr svg")) == [server + "help/"]
