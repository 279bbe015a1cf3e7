"""A browser too old for the engine is told so, in Chinese, before anything of the runtime is downloaded,
and never that a file is damaged; the other pages keep working. Chromium plays an old browser by losing
one feature the runtime needs (BigInt64Array) before the page's scripts run."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect
from support.waits import WAIT_MS

# (Playwright's page.evaluate needs BigInt64Array itself: these tests read the page through locators only.)
FORGET_BIGINT64 = "delete window.BigInt64Array;"


def test_a_browser_without_bigint64array_is_told_it_is_too_old_and_downloads_no_runtime(guarded, server):
    context, guard = guarded
    context.add_init_script(FORGET_BIGINT64)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(server + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    failure = page.locator("#gd-failure")
    expect(failure).to_be_visible(timeout=WAIT_MS)
    expect(failure).to_contain_text("您的浏览器版本过旧，无法运行测算引擎（缺少 BigInt64Array）")
    expect(failure).to_contain_text("请升级浏览器，或换用新版的 Chrome、Edge、Firefox、Safari")
    expect(failure).not_to_contain_text("损坏")
    expect(page.locator("#gd-loader")).to_be_hidden()
    assert [url for url in guard.requests if "/assets/pyodide/" in url or "/assets/calculator/worker." in url] == []
    assert errors == []


def test_the_catalogue_pages_still_work_in_that_browser(guarded, server):
    context, _ = guarded
    context.add_init_script(FORGET_BIGINT64)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(server + "products/19-warehouse-management/")
    expect(page.locator("h1")).to_have_text("19 仓储管理", timeout=WAIT_MS)
    assert errors == []
