"""The catalogue site in real Chromium: search, navigation, sorting, print, phone, axe, no external requests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from support.browser import run_axe, search_results

PAGES = {"home": "", "catalogue": "products/", "product": "products/05-equipment-iot/",
         "pilot-product": "products/27-factory-application-integration/", "notice": "notice/",
         "downloads": "downloads/", "help": "help/", "calculator": "calculator/"}


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_each_page_type_passes_axe_wcag_21_aa(page, server, name):
    page.goto(server + PAGES[name])
    violations = run_axe(page)
    assert violations == [], violations


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_each_page_fits_a_375px_phone_without_horizontal_scrolling(browser, server, name):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.goto(server + PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


@pytest.mark.parametrize("query,expected", [
    ("仓库", "仓储管理"), ("能耗", "能源管理"), ("条码", "仓储管理"), ("停机", "设备物联"), ("ERP", "资源计划"),
    ("WMS", "仓储管理"), ("MES", "生产协同"), ("CRM", "客户关系管理"), ("服务券", "服务券"), ("深圳", "深圳"),
], ids=[f"query-{i}" for i in range(10)])
def test_chinese_search_finds_the_right_product(page, server, query, expected):
    page.goto(server)
    texts = search_results(page, query)
    assert any(expected in text for text in texts[:3]), texts[:3]


def test_the_navigation_reaches_a_product_and_its_neighbours(page, server):
    page.goto(server + "products/")
    page.get_by_role("link", name="5. 设备物联").first.click()
    expect(page.locator("h1")).to_have_text("05 设备物联")
    page.get_by_role("navigation", name="相邻产品").get_by_role("link", name="下一个产品").click()
    expect(page.locator("h1")).to_have_text("06 生产协同 I")
    page.locator("a[rel=prev]").click()
    expect(page.locator("h1")).to_have_text("05 设备物联")
    page.get_by_role("navigation", name="相邻产品").get_by_role("link", name="产品目录").click()
    expect(page.locator("h1")).to_have_text("产品目录")


def _first_column(page) -> list[str]:
    # The product's name (the cell also holds its one-line summary).
    return page.locator("table.gd-sortable tbody tr td:nth-child(2)").evaluate_all("tds => tds.map(td => td.dataset.value)")


def test_the_catalogue_table_sorts_by_cap_with_the_keyboard(page, server):
    page.goto(server + "products/")
    cap = page.locator("table.gd-sortable th").nth(3)
    cap.locator("button").focus()
    page.keyboard.press("Enter")
    expect(cap).to_have_attribute("aria-sort", "ascending")
    caps = page.locator("table.gd-sortable tbody tr td:nth-child(4)").all_inner_texts()
    values = [float(re.sub(r"[^\d.]", "", c)) for c in caps]
    assert values == sorted(values)
    page.keyboard.press("Space")
    expect(cap).to_have_attribute("aria-sort", "descending")
    assert _first_column(page)[0] in ("智造中台", "工厂应用集成")


def test_the_catalogue_table_sorts_by_name_in_chinese_pinyin_order(page, server):
    page.goto(server + "products/")
    name = page.locator("table.gd-sortable th").nth(1)
    name.locator("button").click()
    expect(name).to_have_attribute("aria-sort", "ascending")
    names = _first_column(page)
    collated = page.evaluate("(names) => [...names].sort(new Intl.Collator('zh-CN', {numeric: true}).compare)", names)
    assert names == collated and names[0] != "通用设计工具"
    expect(page.locator("#gd-sort-status")).to_contain_text("升序")


def test_the_font_size_choice_persists_across_pages(page, server):
    page.goto(server)
    page.get_by_role("button", name=re.compile(r"^大\s*号字$")).click()
    expect(page.locator("html")).to_have_attribute("data-font-size", "large")
    page.goto(server + "notice/")
    expect(page.locator("html")).to_have_attribute("data-font-size", "large")
    expect(page.get_by_role("button", name=re.compile(r"^大\s*号字$"))).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("path", ["products/05-equipment-iot/", "notice/"], ids=["product", "notice"])
def test_printing_gives_a4_without_navigation_or_search(page, server, path):
    page.goto(server + path)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".gd-toolbar"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def test_the_whole_site_can_be_walked_with_the_keyboard(page, server):
    page.goto(server)
    wanted = {"products/", "calculator/", "notice/", "downloads/"}
    reached = []
    for _ in range(150):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.textContent.trim()"))
        if wanted <= set(reached):
            break
    assert wanted <= set(reached)
    # Following a link from the keyboard works. Focus is on the last of the wanted links: pressing Enter
    # anywhere else could start printing or a download, which no page load would follow.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reached[-1])


def test_no_page_makes_a_request_outside_the_site(guarded, server):
    context, guard = guarded
    page = context.new_page()
    for path in PAGES.values():
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert guard.requests and guard.external == []


def test_screen_reader_only_text_takes_no_visible_space(page, server):
    page.goto(server)
    box = page.locator(".gd-font .gd-visually-hidden").first.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    expect(page.get_by_role("button", name=re.compile(r"^大\s*号字$"))).to_be_visible()
