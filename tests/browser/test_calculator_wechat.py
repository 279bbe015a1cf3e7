"""The calculator page in WeChat's in-app browser (issue 18): it can neither print nor save a file, so the
page says where to open the page instead, attempts neither, never reports a download, and keeps the result
on screen. Chromium with WeChat's user agent stands in for it."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect
from support.browser import new_guarded_context
from support.waits import WAIT_MS

WECHAT_ANDROID = ("Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
                  "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
                  "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin "
                  "NetType/WIFI Language/zh_CN ABI/arm64")
PLAN = "calculator/#city=" + quote("广州市") + "&history=no&item=19:50000:&item=1:100000:"
# Counts the calls of window.print instead of opening a print dialog.
COUNT_PRINTS = "window.gdPrints = 0; window.print = () => { window.gdPrints += 1; };"


def wait_done(page) -> None:
    page.wait_for_function("(() => { const c = document.getElementById('gd-calculator');"
                           " return c && (c.dataset.state === 'done' || c.dataset.state === 'failed'); })()", timeout=WAIT_MS)
    assert page.locator("#gd-calculator").get_attribute("data-state") != "failed", page.locator("#gd-failure").inner_text()


def test_in_wechat_print_and_download_point_to_the_system_browser_and_no_download_is_claimed(browser, server):
    context, guard = new_guarded_context(browser, server, user_agent=WECHAT_ANDROID, viewport={"width": 375, "height": 800})
    context.add_init_script(COUNT_PRINTS)
    page = context.new_page()
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(server + PLAN)
    wait_done(page)
    status = page.locator("#gd-export-status")
    # Said beside the buttons before anything is pressed.
    expect(status).to_contain_text("右上角“…”")
    expect(status).to_contain_text("在浏览器打开")
    page.locator("#gd-download").click()
    page.locator("#gd-print").click()
    # One more call through the engine: anything the clicks had sent to it would have been answered by now.
    page.evaluate("window.gdCalculator.call('options', {city: '广州市'})")
    expect(status).to_contain_text("在浏览器打开")
    assert "已下载" not in status.inner_text()
    assert downloads == []
    assert page.evaluate("window.gdPrints") == 0
    # The figures stay on the screen, where the reader can still read them.
    expect(page.locator("#gd-status")).to_contain_text("测算合计 105,000.00 元")
    expect(page.locator(".gd-result-table")).to_be_visible()
    context.close()
    assert guard.external == []


def test_outside_wechat_the_export_panel_says_nothing_until_asked(browser, server):
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server + PLAN)
    wait_done(page)
    expect(page.locator("#gd-export-status")).to_have_text("")
    context.close()
    assert guard.external == []
