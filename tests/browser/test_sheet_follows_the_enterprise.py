"""The printed 申领测算单 carries the enterprise's name as last typed, whatever order the page's drawings
of the sheet finish in. The sheet waits for the QR-code module the first time it is drawn; CI saw a sheet
drawn from the result (before the name was typed) land after the one drawn for the name, and keep
"（未填写）" for good."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect
from support.waits import WAIT_MS

PLAN = "city=" + quote("广州市") + "&history=no&item=19:50000:&item=1:100000:"
NAME = "广州某某精密制造有限公司"


def test_a_name_typed_while_the_sheet_waits_for_its_qr_code_is_on_the_sheet(page, server):
    held = []
    page.route("**/qr-code*.js", lambda route: held.append(route))
    with page.expect_request(lambda request: "qr-code" in request.url, timeout=WAIT_MS):
        page.goto(server + "calculator/#" + PLAN)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    page.get_by_label("企业名称（选填）").fill(NAME)
    page.get_by_label("企业名称（选填）").fill(NAME + "（二）")
    for route in held:
        route.continue_()
    expect(page.locator("#gd-sheet")).to_contain_text(NAME + "（二）", timeout=WAIT_MS)
    expect(page.locator("#gd-sheet svg.gd-qr")).to_have_count(1)


def test_a_name_cleared_again_leaves_the_sheet_unfilled(page, server):
    page.goto(server + "calculator/#" + PLAN)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    field = page.get_by_label("企业名称（选填）")
    field.fill(NAME)
    expect(page.locator("#gd-sheet")).to_contain_text(NAME, timeout=WAIT_MS)
    field.fill("")
    expect(page.locator("#gd-sheet")).not_to_contain_text(NAME, timeout=WAIT_MS)
    expect(page.locator("#gd-sheet")).to_contain_text("（未填写）")
