"""The built HTML: pages, anchors, links, escaping, metadata and the open-data files."""

from __future__ import annotations

import json
import re

import pytest
from support.build import configured_copy
from support.html import html_pages, parse_page, resolve

from generator.catalogue.export import catalogue_json

IDS = range(1, 28)


def product_dir(site, catalogue, pid):
    product = catalogue.product(pid)
    return site / "products" / f"{pid:02d}-{product['slug']}"


@pytest.mark.parametrize("pid", IDS, ids=lambda i: f"product-{i}")
def test_every_product_has_a_page_at_its_stable_url(site, catalogue, pid):
    page = product_dir(site, catalogue, pid) / "index.html"
    html = page.read_text("utf-8")
    product = catalogue.product(pid)
    assert f">{pid:02d} {product['name']}</h1>" in html
    assert product["scenario"][:20] in html
    assert "奖补上限" in html and "gd-qr" in html


def test_the_equipment_iot_page_works_out_the_devices_for_the_full_cap(site, catalogue):
    html = (product_dir(site, catalogue, 5) / "index.html").read_text("utf-8")
    assert "至少接入 <strong>67 台</strong>" in html
    assert "10 万元" in html and "100,000.00 元" in html


def test_optional_functions_are_marked_on_the_product_page(site, catalogue):
    html = (product_dir(site, catalogue, 14) / "index.html").read_text("utf-8")
    assert html.count('<span class="gd-badge">选项</span>') == 2


def test_a_product_page_links_to_the_other_members_of_its_group(site, catalogue):
    info = parse_page(product_dir(site, catalogue, 6) / "index.html")
    hrefs = [url for _, _, url in info.links]
    assert "../07-production-collaboration-2/" in hrefs and "../08-production-collaboration-3/" in hrefs


def test_a_product_page_links_to_the_calculator_with_the_product_prefilled(site, catalogue):
    info = parse_page(product_dir(site, catalogue, 19) / "index.html")
    assert "../../calculator/#item=19" in [url for _, _, url in info.links]


def test_every_clause_reference_resolves_to_an_anchor_on_the_notice(site):
    notice_ids = parse_page(site / "notice" / "index.html").ids
    checked = 0
    for page in html_pages(site):
        for tag, attr, url in parse_page(page).links:
            if "notice/#" in url or url.startswith("#") and page.parent.name == "notice":
                target = resolve(site, page, url)
                if target and target[0] == site / "notice" / "index.html":
                    assert target[1] in notice_ids, (page, url)
                    checked += 1
    assert checked > 27 * 4


@pytest.mark.parametrize("anchor", ["sec-1", "sec-1-1", "sec-1-2", "sec-1-order", "sec-2", "sec-3-1", "sec-3-2", "sec-4",
                                    "sec-5-1", "sec-5-2", "sec-6", "annex", "annex-note-1", "annex-note-2",
                                    "annex-note-3", "annex-note-4", "product-1", "product-27"], ids=str)
def test_the_notice_page_has_an_anchor_on_every_clause_and_note(site, anchor):
    assert anchor in parse_page(site / "notice" / "index.html").ids


def test_there_are_no_broken_internal_links(site):
    broken = []
    for page in html_pages(site):
        for tag, attr, url in parse_page(page).links:
            target = resolve(site, page, url)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append((str(page.relative_to(site)), url))
            elif fragment and "=" not in fragment and path.suffix == ".html" and fragment not in parse_page(path).ids:
                # A fragment with "=" is the calculator's state (#item=5), not an anchor.
                broken.append((str(page.relative_to(site)), url))
    assert not broken


def test_every_link_is_relative_so_the_site_works_under_any_path(site):
    for page in html_pages(site):
        for tag, attr, url in parse_page(page).links:
            assert not url.startswith("/"), (page, url)
            if tag in ("script", "img", "link") and url.startswith("http"):
                assert tag == "link" and re.search(r'rel="canonical"', page.read_text("utf-8")), (page, url)


def test_no_page_loads_anything_from_another_host(site):
    for page in html_pages(site):
        for tag, attr, url in parse_page(page).links:
            if tag in ("script", "img", "iframe", "source") or (tag == "link" and attr == "href" and "stylesheet" in url):
                assert not url.startswith(("http:", "https:", "//")), (page, url)
        assert "googleapis" not in page.read_text("utf-8")  # no web fonts from another host


@pytest.mark.parametrize("name", ["SiteName", "ColumnName", "ArticleTitle", "PubDate", "ContentSource"], ids=str)
def test_every_page_has_the_government_website_meta_tags(site, name):
    for page in html_pages(site):
        assert parse_page(page).meta.get(name), (page, name)


def test_meta_tags_name_the_column_and_article(site, catalogue):
    meta = parse_page(product_dir(site, catalogue, 5) / "index.html").meta
    assert meta["ColumnName"] == "产品目录" and meta["ArticleTitle"] == "05 设备物联" and meta["PubDate"] == "2020-05-15"


def test_pages_show_publication_date_and_source(site):
    html = (site / "index.html").read_text("utf-8")
    assert "发布日期：" in html and "来源：广东省工业和信息化厅" in html


def test_the_home_page_shows_ratios_dates_the_cap_and_shenzhen_excluded(site):
    html = (site / "index.html").read_text("utf-8")
    for text in ("70%", "80%", "30 万元", "深圳市（不在本次范围）", "2020年5月25日 10:00", "2020年9月30日 17:00",
                 "2020年10月8日 10:00", "2021年2月8日 17:00"):
        assert text in html, text


def test_the_catalogue_index_has_a_sortable_table_of_all_products(site):
    html = (site / "products" / "index.html").read_text("utf-8")
    table = html.split('class="gd-table gd-sortable"')[1].split("</table>")[0]
    assert table.count("<tr>") == 28
    for category in ("研发设计", "生产管控", "经营管理", "工业设备服务", "中台集成"):
        assert f">{category}</h2>" in html


def test_the_downloads_are_the_exported_files(site, catalogue):
    assert (site / "catalog.json").read_text("utf-8") == catalogue_json(catalogue)
    assert (site / "catalog.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads((site / "catalog.json").read_text("utf-8"))["products"][26]["pilot_only"] is True


def test_the_sitemap_lists_every_product_page_once_an_address_is_configured(site, tmp_path):
    assert not (site / "sitemap.xml").exists()  # a sitemap names absolute addresses: none until one is configured
    copy = configured_copy(site, tmp_path / "site", "https://x.example.gov.cn/syqpt/")
    sitemap = (copy / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<loc>https://x.example.gov.cn/syqpt/products/") == 28


def test_product_pages_link_to_their_neighbours_and_stay_small(site, catalogue):
    first = parse_page(product_dir(site, catalogue, 1) / "index.html")
    middle = (product_dir(site, catalogue, 14) / "index.html").read_text("utf-8")
    assert 'rel="next" href="../02-industry-simulation-cae/"' in (product_dir(site, catalogue, 1) / "index.html").read_text("utf-8")
    assert not any(url == "../00-" for _, _, url in first.links)
    assert 'rel="prev" href="../13-process-industry-traceability/"' in middle
    # The sidebar does not list every product on every page (that would make the build quadratic).
    assert middle.count("products/2") + middle.count("../2") < 10


def test_the_calculator_and_its_sheet_point_to_the_guide_for_the_next_step(site):
    page = site / "calculator" / "index.html"
    links = [url for tag, attr, url in parse_page(page).links if tag == "a" and "guide/" in url]
    assert links and all(resolve(site, page, url)[0].exists() for url in links)
    assert "“办事指南”页面（guide/）" in page.read_text("utf-8")
