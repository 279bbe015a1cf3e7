"""The round status in Chromium, with the browser's clock set before, during and after the windows."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context

# Moments in Beijing time against the 2020 windows of catalog/policy.yaml.
MOMENTS = {
    "before": ("2020-05-20T12:00:00+08:00", "尚未开始", "2020年5月25日 10:00"),
    "application": ("2020-07-01T12:00:00+08:00", "申领进行中", "申领截止时间为 2020年9月30日 17:00"),
    "between": ("2020-10-05T12:00:00+08:00", "申领已截止", "兑现将于 2020年10月8日 10:00 开始"),
    "redemption": ("2020-12-01T12:00:00+08:00", "兑现进行中", "截止时间为 2021年2月8日 17:00"),
    "closed": ("2021-03-01T12:00:00+08:00", "本轮已结束", "兑现已于 2021年2月8日 17:00 截止"),
}
PAGES = {"home": "", "guide": "guide/"}


def _status_pages(site) -> list[str]:
    """Every built page holding a round status element (the calculator's, once it has one, too)."""
    paths = [p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
             if "data-gd-round-status" in p.read_text("utf-8")]
    return sorted("" if path == "./" else path for path in paths)


@pytest.mark.parametrize("state", MOMENTS, ids=str)
@pytest.mark.parametrize("name", PAGES, ids=str)
def test_the_round_status_follows_the_clock_of_the_reader(page, server, name, state):
    moment, label, detail = MOMENTS[state]
    page.clock.set_fixed_time(datetime.fromisoformat(moment))
    page.goto(server + PAGES[name])
    status = page.locator("[data-gd-round-status]").first
    expect(status).to_have_attribute("data-gd-round-state", state)
    expect(status).to_contain_text(label)
    expect(status).to_contain_text(detail)


def test_every_page_with_a_round_status_element_gets_its_text(browser, server, site):
    pages = _status_pages(site)
    assert {"", "guide/"} <= set(pages)
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(MOMENTS["closed"][0]))
    for path in pages:
        page.goto(server + path)
        for element in page.locator("[data-gd-round-status]").all():
            expect(element).to_have_attribute("data-gd-round-state", "closed")
            # 繁体 pages convert what the script writes (assets/js/hant/runtime.js).
            expect(element).to_contain_text("本輪已結束" if path.startswith("zh-Hant/") else "本轮已结束")
    context.close()
    assert guard.external == []


def test_a_reader_in_another_time_zone_sees_the_status_of_beijing_time(browser, server):
    # 2020-09-30T10:30Z is 18:30 in Beijing, after the deadline, but still morning in London.
    context, _ = new_guarded_context(browser, server, timezone_id="Europe/London")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat("2020-09-30T10:30:00+00:00"))
    page.goto(server)
    expect(page.locator("[data-gd-round-status]")).to_have_attribute("data-gd-round-state", "between")
    expect(page.locator("[data-gd-round-status]")).to_contain_text("2020年9月30日 17:00")
    context.close()


def test_the_status_changes_when_a_deadline_passes_while_the_page_is_open(browser, server):
    context, _ = new_guarded_context(browser, server)
    page = context.new_page()
    page.clock.install(time=datetime.fromisoformat("2020-09-30T16:59:00+08:00"))
    page.goto(server)
    status = page.locator("[data-gd-round-status]")
    expect(status).to_have_attribute("data-gd-round-state", "application")
    page.clock.run_for("02:00")
    expect(status).to_have_attribute("data-gd-round-state", "between")
    context.close()


def test_without_javascript_the_dates_are_shown_and_no_status_is_claimed(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server)
    status = page.locator("[data-gd-round-status]")
    expect(status).to_contain_text("2020年5月25日 10:00")
    expect(status).to_contain_text("2021年2月8日 17:00")
    assert "已结束" not in status.inner_text() and "进行中" not in status.inner_text()
    context.close()


def test_a_component_can_follow_the_status_through_its_event(page, server):
    page.clock.set_fixed_time(datetime.fromisoformat(MOMENTS["redemption"][0]))
    page.add_init_script("document.addEventListener('gd-round-status', e => { window.__status = e.detail.state; });")
    page.goto(server + "guide/")
    page.wait_for_function("window.__status === 'redemption'")


def test_an_element_without_data_of_its_own_takes_the_pages_windows(page, server):
    # The calculator's printed sheet holds such an element (contract of issue 12 with the calculator page).
    def add_bare_element(route):
        body = route.fetch().text().replace("</article>", "<p id='bare' data-gd-round-status></p></article>", 1)
        route.fulfill(status=200, body=body, content_type="text/html; charset=utf-8")

    page.route(server + "guide/", add_bare_element)
    page.clock.set_fixed_time(datetime.fromisoformat(MOMENTS["application"][0]))
    page.goto(server + "guide/")
    expect(page.locator("#bare")).to_have_attribute("data-gd-round-state", "application")
    expect(page.locator("#bare")).to_contain_text("申领进行中")
