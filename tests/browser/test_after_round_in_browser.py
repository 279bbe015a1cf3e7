"""本轮已结束，现在可以做什么 (issue 21) follows the reader's clock: shown on the home page and the 办事指南
once the round is over, hidden while it is still open."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

PAGES = {"home": "", "guide": "guide/"}


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_after_the_round_the_page_shows_what_can_still_be_done(page, server, name):
    page.clock.set_fixed_time(datetime.fromisoformat("2026-12-07T10:00:00+08:00"))
    page.goto(server + PAGES[name])
    expect(page.locator("html")).to_have_attribute("data-gd-round-state", "closed")
    block = page.locator(".gd-after-round")
    expect(block).to_be_visible()
    expect(block).to_contain_text("本轮已结束，现在可以做什么")
    expect(block).to_contain_text("gdii.gd.gov.cn")


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_while_the_round_is_open_the_block_is_hidden(page, server, name):
    page.clock.set_fixed_time(datetime.fromisoformat("2020-07-01T12:00:00+08:00"))
    page.goto(server + PAGES[name])
    expect(page.locator("html")).to_have_attribute("data-gd-round-state", "application")
    expect(page.locator(".gd-after-round")).to_be_hidden()
