"""Nothing cut off at 大 (issue 21): the 产品目录 table and the 可申领一览 fit a 1366 px desktop without a
hidden right-hand part, and the refused card of the 可申领一览 reads as text on a 375 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support.browser import wait_for_engine
from support.waits import WAIT_MS

# A plan from 佛山 (not an industrial-cluster pilot): 27 工厂应用集成 is refused with its reason.
PLAN = "calculator/#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&history=no&item=9:5%E4%B8%87"
TABLES = {"catalogue": ("products/", "table.gd-sortable"),
          "options": (PLAN, "#gd-options-body .gd-options-table")}  # the overview on screen, not the build's list

# Every table of the content: how much of it is hidden to the right of its box (its wrapper scrolls).
_HIDDEN = """(selector) => {
  const table = document.querySelector(selector);
  const wrap = table.closest('.gd-table-wrap') || table.parentElement;
  const page = document.documentElement;
  return {table: wrap.scrollWidth - wrap.clientWidth, page: page.scrollWidth - page.clientWidth};
}"""


@pytest.fixture
def large(guarded):
    context, _ = guarded

    def open_page(server: str, path: str, width: int, contrast: str = "normal"):
        context.add_init_script("localStorage.setItem('gd-font-size', 'large');"
                                f"localStorage.setItem('gd-contrast', '{contrast}')")
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(server + path)
        return page
    return open_page


@pytest.mark.parametrize("contrast", ["normal", "high"], ids=str)
@pytest.mark.parametrize("name", TABLES, ids=str)
def test_at_large_on_a_1366px_desktop_the_table_shows_every_column(large, server, name, contrast):
    path, selector = TABLES[name]
    page = large(server, path, 1366, contrast)
    if name == "options":
        wait_for_engine(page)
    expect(page.locator(selector)).to_be_visible(timeout=WAIT_MS)
    hidden = page.evaluate(_HIDDEN, selector)
    assert hidden == {"table": 0, "page": 0}, hidden
    # The last column (加入测算 / 满额所需设备) is on the screen, not scrolled out of its box.
    right = page.evaluate("(s) => { const t = document.querySelector(s); const c = t.querySelector('thead th:last-child');"
                          " return [c.getBoundingClientRect().right, t.closest('.md-content').getBoundingClientRect().right]; }",
                          selector)
    assert right[0] <= right[1] + 1, right


@pytest.mark.parametrize("contrast", ["normal", "high"], ids=str)
def test_at_large_on_a_phone_the_refused_card_reads_as_lines_of_text(large, server, contrast):
    page = large(server, PLAN, 375, contrast)
    wait_for_engine(page)
    reason = page.locator(".gd-row--refused .gd-options__refusal").first
    expect(reason).to_be_visible(timeout=WAIT_MS)
    # Each piece of the reason (the bold verdict, the sentence, the clause link) spans most of the card.
    widths = reason.evaluate("""td => { const em = parseFloat(getComputedStyle(td).fontSize);
      return [...td.querySelectorAll('strong, a')].map(n => Math.max(...[...n.getClientRects()].map(r => r.width)) / em); }""")
    card = reason.evaluate("td => td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize)")
    assert widths and min(widths) >= 4 and max(widths) >= card / 2, (widths, card)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
