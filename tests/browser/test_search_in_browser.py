"""The site's search in real Chromium: the query table, input methods, ?q= links, no-result help, keyboard, axe."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe
from support.waits import WAIT_MS

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text("utf-8"))
SHOW = "(q) => { const r = document.querySelector('.gd-search'); return r.dataset.query === q.trim(); }"


def _pages(site: Path) -> dict[int, str]:
    return {p["id"]: p["page"] for p in json.loads((site / "catalog.json").read_text("utf-8"))["products"]}


def searched(page, query: str) -> list[str]:
    """Enter a query as a paste or an input method would (one input event) and return the result paths."""
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function(SHOW, arg=query)
    # search.js is loaded under its content-addressed name (search.<hash>.js, issue 19).
    base = page.evaluate("new URL('../../', document.querySelector('script[src*=\"assets/search/search.\"]').src).href")
    hrefs = page.locator(".md-search-result__list a").evaluate_all("els => els.map(a => a.href)")
    return [h[len(base):] if h.startswith(base) else h for h in hrefs]


@pytest.fixture(scope="module")
def search_page(browser, server):
    """One home page whose search box all the table's queries go through (each sets the whole query)."""
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()
    assert guard.external == []


def _expected(site: Path, entry: dict, key: str) -> list[str]:
    pages = _pages(site)
    return [pages[x] if isinstance(x, int) else x for x in entry.get(key, [])]


def check_entry(site: Path, entry: dict, found: list[str]) -> None:
    """The table's expectations (see the head of search_queries.yaml) against the result paths."""
    top3 = found[:3]
    anyof, allof = _expected(site, entry, "top3"), _expected(site, entry, "all3")
    assert not anyof or set(anyof) & set(top3), (entry["query"], top3, anyof)
    assert set(allof) <= set(top3), (entry["query"], top3, allof)
    if "not_first" in entry:
        assert top3[0] != _pages(site)[entry["not_first"]], (entry["query"], top3)
    if "first" in entry:
        assert found and found[0] in _expected(site, entry, "first"), (entry["query"], found[:1], entry["first"])
    assert not set(_expected(site, entry, "exclude")) & set(found), (entry["query"], found, entry["exclude"])


@pytest.mark.parametrize("entry", QUERIES, ids=[q.get("id", q["query"]) for q in QUERIES])
def test_each_query_of_the_table_finds_its_pages_in_the_top_three(search_page, site, entry):
    check_entry(site, entry, searched(search_page, entry["query"]))


def test_the_table_has_many_queries_most_of_them_sentences_and_every_id_is_unique():
    ids = [q.get("id", q["query"]) for q in QUERIES]
    assert len(QUERIES) >= 190 and len(set(ids)) == len(ids)
    assert sum(len(q["query"]) >= 5 for q in QUERIES) >= 80


# The 繁体 copy's search: its index was converted to 繁体 as a whole; queries in either script find the
# same pages, and the links stay inside zh-Hant/.
HANT_QUERIES = ["設備聯網", "设备联网", "一家企業最多能領多少錢", "深圳企业能申请吗", "ＥＲＰ", "我們想上MES"]


@pytest.mark.parametrize("query", HANT_QUERIES)
def test_the_traditional_copy_finds_the_same_pages_in_either_script(page, server, site, query):
    entry_of = {q["query"]: q for q in QUERIES}
    page.goto(server)
    hans = searched(page, query)
    page.goto(server + "zh-Hant/")
    hant = searched(page, query)
    assert hant and all(u.startswith("zh-Hant/") for u in hant), hant
    assert [u.removeprefix("zh-Hant/") for u in hant] == hans
    if query in entry_of:
        check_entry(site, entry_of[query], hans)


def test_the_home_page_loads_no_search_index_until_the_box_is_used(guarded, server):
    context, guard = guarded
    page = context.new_page()
    page.goto(server)
    page.wait_for_load_state("networkidle")
    # The index and engine are fetched under content-addressed names (index.<hash>.json, issue 19).
    lazy = re.compile(r"assets/search/(index|engine)(\.[0-9a-f]+)?\.(json|js)|search/search_index\.json|/workers/")
    assert not [u for u in guard.requests if lazy.search(u)]
    index = re.compile(r"assets/search/index(\.[0-9a-f]+)?\.json$")
    with page.expect_response(lambda r: bool(index.search(r.url))):
        page.locator("input.md-search__input").click()
    # Material's own search worker and index are never fetched.
    assert not [u for u in guard.requests if "search_index" in u or "/workers/" in u]


def test_text_from_an_input_method_is_searched_when_composition_ends(page, server):
    page.goto(server)
    page.locator("input.md-search__input").focus()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "省电", "selectionStart": 2, "selectionEnd": 2})
    # While composing, nothing is searched; the committed text is.
    assert page.evaluate("document.querySelector('.gd-search').dataset.query") is None
    cdp.send("Input.insertText", {"text": "想省电费"})
    page.wait_for_function(SHOW, arg="想省电费")
    expect(page.locator(".md-search-result__item").first).to_contain_text("能源管理")


def test_pasted_text_is_searched_without_a_key_press(page, server):
    page.goto(server)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    field = page.locator("input.md-search__input")
    field.focus()
    page.evaluate("navigator.clipboard.writeText('我们想上MES')")
    page.keyboard.press("ControlOrMeta+V")
    page.wait_for_function(SHOW, arg="我们想上MES")
    expect(page.locator(".md-search-result__item").first).to_contain_text("生产协同")


def test_text_inserted_without_any_key_event_is_searched(page, server):
    # Voice and handwriting input insert text with no key events at all.
    page.goto(server)
    page.locator("input.md-search__input").focus()
    page.keyboard.insert_text("仓库太乱了")
    page.wait_for_function(SHOW, arg="仓库太乱了")
    expect(page.locator(".md-search-result__item").first).to_contain_text("仓储管理")


def test_a_q_link_opens_the_search_with_the_query_and_its_results(page, server):
    page.goto(server + "notice/?q=" + quote("想省电费"))
    expect(page.locator("input.md-search__input")).to_have_value("想省电费")
    assert page.locator("#__search").is_checked()
    page.wait_for_function(SHOW, arg="想省电费")
    expect(page.locator(".md-search-result__item").first).to_contain_text("能源管理")
    share = page.locator(".gd-search__share")
    expect(share).to_have_attribute("href", f"{server}notice/?q={quote('想省电费')}")


def test_closing_the_search_removes_q_from_the_address(page, server):
    page.goto(server + "?q=ERP")
    page.wait_for_function(SHOW, arg="ERP")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert "q=" not in page.url


def test_a_query_without_results_offers_near_products_categories_and_needs(page, server):
    page.goto(server + "?q=" + quote("想上区块链"))
    page.wait_for_function(SHOW, arg="想上区块链")
    expect(page.locator(".md-search-result__list li")).to_have_count(0)
    fallback = page.locator(".gd-search__fallback")
    expect(fallback).to_be_visible()
    expect(fallback.get_by_role("link", name="生产管控")).to_be_visible()
    expect(fallback.get_by_role("link", name="降低能耗和电费")).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("没有找到")


def test_near_products_are_offered_when_the_words_are_close(page, server):
    page.goto(server + "?q=" + quote("能源啥啥软件管家"))
    page.wait_for_function(SHOW, arg="能源啥啥软件管家")
    if page.locator(".md-search-result__list li").count() == 0:
        expect(page.locator(".gd-search__fallback").get_by_role("link", name="能源管理", exact=False).first).to_be_visible()
    else:
        expect(page.locator(".md-search-result__item").first).to_contain_text("能源管理")


def test_a_need_link_from_the_search_opens_its_list_on_the_home_page(page, server):
    page.goto(server + "?q=" + quote("火星基地"))
    page.wait_for_function(SHOW, arg="火星基地")
    page.locator(".gd-search__fallback").get_by_role("link", name="管好仓库").click()
    expect(page.locator("#need-warehouse")).to_have_attribute("open", "")
    expect(page.locator("#need-warehouse").get_by_role("link", name="仓储管理")).to_be_visible()


def test_the_results_are_reached_and_followed_with_the_keyboard(page, server):
    page.goto(server)
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.insert_text("WMS")
    page.wait_for_function(SHOW, arg="WMS")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__list a").first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("19 仓储管理")


@pytest.mark.parametrize("query", ["我们想上MES", "想上区块链"], ids=["results", "no-results"])
def test_the_open_search_passes_axe(page, server, query):
    page.goto(server + "?q=" + quote(query))
    page.wait_for_function(SHOW, arg=query)
    assert run_axe(page) == []


@pytest.mark.parametrize("query", ["想省电费", "想上区块链"], ids=["results", "no-results"])
def test_the_search_fits_a_375px_phone(browser, server, query):
    context, _ = new_guarded_context(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True,
                                     has_touch=True)
    page = context.new_page()
    page.goto(server + "?q=" + quote(query))
    page.wait_for_function(SHOW, arg=query)
    expect(page.locator(".md-search__output")).to_be_visible()
    # Material's opening animation (an expanding circle) overflows for a moment; then nothing may.
    page.wait_for_function("document.documentElement.scrollWidth <= document.documentElement.clientWidth",
                           timeout=WAIT_MS)
    box = page.locator(".md-search-result__meta").bounding_box()
    context.close()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1
