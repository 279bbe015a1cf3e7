"""The host's identity, the provenance block and the 办事指南 in Chromium, in the default and the official
builds: what a reader sees, on a phone and a desktop, and accessible."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect
from support.browser import run_axe
from support.identity import OFFICIAL_HOST, build_with_host

from generator.hosting.serve import make_server

PAGES = {"home": "", "guide": "guide/", "product": "products/05-equipment-iot/", "notice": "notice/"}


@pytest.fixture(scope="module")
def official_server(tmp_path_factory):
    dest = tmp_path_factory.mktemp("official") / "site"
    done = build_with_host(dest, OFFICIAL_HOST)
    assert done.returncode == 0, done.stderr
    httpd = make_server(dest)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_the_default_build_tells_every_reader_it_is_unofficial(page, server, name):
    page.goto(server + PAGES[name])
    footer = page.locator(".gd-host")
    expect(footer).to_be_visible()
    expect(footer).to_contain_text("非官方网站")
    expect(footer).not_to_contain_text("网站标识码")
    expect(page.locator(".gd-provenance")).to_contain_text("粤工信办函〔2020〕37号")


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_the_official_build_shows_the_hosts_identity(browser, official_server, name):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(official_server + PAGES[name])
    footer = page.locator(".gd-host")
    expect(footer).to_contain_text("主办单位：" + OFFICIAL_HOST["organizer"])
    expect(footer).to_contain_text("网站标识码：" + OFFICIAL_HOST["site_code"])
    expect(footer.get_by_role("link", name=OFFICIAL_HOST["icp"])).to_have_attribute("href", "https://beian.miit.gov.cn/")
    expect(footer).not_to_contain_text("非官方网站")
    context.close()


@pytest.mark.parametrize("name", ["guide", "home"], ids=str)
def test_the_guide_and_the_home_page_pass_axe_wcag_21_aa(page, server, name):
    page.goto(server + PAGES[name])
    assert run_axe(page) == []


def test_the_official_footer_passes_axe_wcag_21_aa(browser, official_server):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(official_server)
    violations = run_axe(page)
    context.close()
    assert violations == []


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_the_pages_with_provenance_fit_a_375px_phone(browser, server, name):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_a_cited_clause_on_the_guide_opens_the_notice_at_that_clause(page, server):
    page.goto(server + "guide/")
    page.locator("#faq-who + ul .gd-clause").first.click()
    expect(page).to_have_url(server + "notice/#sec-2")
