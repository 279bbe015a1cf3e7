"""The release in Chromium, read at addresses other than 127.0.0.1 (requests to made-up public hosts are
answered by the local nginx through Playwright's routing): an unconfigured site warns where an official
sees it and shares the address it is read at; a portal on another origin can frame the calculator once
site-config.ini names it, and is refused otherwise (issue 20)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from support.nginx import free_port, running_nginx
from support.release_package import PORTAL, configure, configured_official, published, unpack
from support.waits import WAIT_MS

PUBLIC = "https://syqpt.example.gov.cn/"


def _serve(folder, tmp_path_factory, port):
    root = tmp_path_factory.mktemp("webroot")
    target = published(folder, root)
    prefix = "/" + target.relative_to(root).as_posix() + "/"
    server = f"    root {root};\n    include {folder / 'server' / 'nginx.conf'};"
    return running_nginx(tmp_path_factory.mktemp("nginx"), server, gzip=False, port=port), prefix


@pytest.fixture(scope="module")
def unconfigured(release, tmp_path_factory):
    """The release as downloaded (address empty), served at the root of a server, as configure.py left it."""
    folder = unpack(release, tmp_path_factory.mktemp("unconfigured"))
    assert configure(folder).returncode == 0
    server, _ = _serve(folder, tmp_path_factory, free_port())
    with server as base:
        yield base + "/zt/syqpt/"


@pytest.fixture(scope="module")
def framable(release, tmp_path_factory):
    port = free_port()
    folder = configured_official(release, tmp_path_factory.mktemp("framable"), port)
    server, _ = _serve(folder, tmp_path_factory, port)
    with server as base:
        yield base + "/zt/syqpt/"


def _context(browser, public: str, local: str, portal_html: str | None = None):
    """A context where `public` is answered by `local` (and PORTAL's page, if given, by `portal_html`)."""
    context = browser.new_context(locale="zh-CN", service_workers="block")

    def site(route):
        route.fulfill(response=route.fetch(url=route.request.url.replace(public, local, 1)))

    context.route(public + "**", site)
    if portal_html is not None:
        context.route(PORTAL + "/**", lambda route: route.fulfill(body=portal_html, content_type="text/html; charset=utf-8"))
    return context


def _close(context) -> None:
    """Closes a routed context; a request still in flight (a lazily loaded QR module) is dropped, not failed."""
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def test_an_unconfigured_site_read_from_a_public_host_warns_and_shares_the_address_it_is_read_at(browser, unconfigured):
    context = _context(browser, PUBLIC, unconfigured)
    page = context.new_page()
    page.goto(PUBLIC + "products/05-equipment-iot/")
    expect(page.locator("[data-gd-unconfigured]")).to_be_visible()
    expect(page.locator("[data-gd-unconfigured]")).to_contain_text("网站地址尚未配置")
    assert page.locator("#gd-share-url").input_value() == PUBLIC + "products/05-equipment-iot/"
    assert page.locator(".gd-permalink code").inner_text() == PUBLIC + "products/05-equipment-iot/"
    assert "127.0.0.1" not in page.content()
    _close(context)


def test_an_unconfigured_site_read_on_this_computer_shows_no_warning(browser, unconfigured):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(unconfigured + "products/05-equipment-iot/")
    expect(page.locator("#gd-share-url")).to_have_value(unconfigured + "products/05-equipment-iot/")
    assert page.locator("[data-gd-unconfigured]").is_hidden()
    context.close()


def _portal(site: str) -> str:
    """A portal's 专题 page framing the calculator's embed view (no header, navigation or footer)."""
    return (f'<!doctype html><html lang="zh-CN"><title>门户专题</title><iframe id="calc" src="{site}embed/calculator/" '
            'title="服务券测算" style="width:1000px;height:1400px"></iframe></html>')


def test_a_portal_named_in_frame_origins_can_frame_the_calculator_and_it_answers(browser, framable):
    context = _context(browser, PUBLIC, framable, _portal(PUBLIC))
    page = context.new_page()
    page.goto(PORTAL + "/zt/")
    frame = page.frame_locator("#calc")
    expect(frame.locator("#gd-calculator")).to_have_attribute("data-state", re.compile("^(?!loading).+"), timeout=WAIT_MS)
    expect(frame.locator("header.md-header, footer.md-footer, nav.md-nav")).to_have_count(0)
    frame.get_by_label("所在地级市").select_option("佛山市")
    frame.get_by_label("第 1 项：产品").select_option("5")
    frame.get_by_label("合同金额（元）").fill("20万")
    frame.get_by_label("接入设备数（台）").fill("40")
    expect(frame.locator("#gd-status")).to_have_text(re.compile("测算合计 60,000.00 元"), timeout=WAIT_MS)
    _close(context)


def test_a_portal_named_in_frame_origins_can_frame_a_product_page_without_the_sites_header(browser, framable):
    portal = (f'<!doctype html><html lang="zh-CN"><title>门户专题</title><iframe id="product" '
              f'src="{PUBLIC}embed/products/05-equipment-iot/" title="设备物联" '
              'style="width:900px;height:1200px"></iframe></html>')
    context = _context(browser, PUBLIC, framable, portal)
    page = context.new_page()
    page.goto(PORTAL + "/zt/")
    frame = page.frame_locator("#product")
    expect(frame.locator("h1")).to_contain_text("设备物联")
    expect(frame.locator("header.md-header, footer.md-footer, nav.md-nav")).to_have_count(0)
    # The full page (with its permanent link, QR code and sheet) opens outside the portal's frame.
    full = frame.get_by_role("link", name=re.compile("完整页面"))
    expect(full).to_have_attribute("target", "_blank")
    assert full.get_attribute("href").endswith("products/05-equipment-iot/")
    # Relative on the page; resolved, it stays inside the embed views.
    calculator = frame.get_by_role("link", name="用测算器估算本产品的服务券")
    assert calculator.evaluate("a => a.href") == PUBLIC + "embed/calculator/#item=5"
    _close(context)


def test_a_portal_not_named_is_refused(browser, unconfigured):
    context = _context(browser, PUBLIC, unconfigured, _portal(PUBLIC))
    page = context.new_page()
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text, timeout=WAIT_MS):
        page.goto(PORTAL + "/zt/")
    expect(page.frame_locator("#calc").locator("#gd-calculator")).to_have_count(0)
    _close(context)
