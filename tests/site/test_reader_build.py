"""The built 繁体 copy, the share panel, the annex table and the supplier kit, read from the built files."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from support.build import configured_copy

from generator.hant.pages import Converter, rewrite_absolute_link, rewrite_link
from generator.hosting import built_name

# The default build names no address (issue 20); these tests read a copy configured for one, as a release's
# configure.py (or a build with SITE_URL) leaves it.
SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def site(site, tmp_path_factory):
    return configured_copy(site, tmp_path_factory.mktemp("configured") / "site", SITE_URL)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("zh-Hant/", "assets/")))


def test_every_page_has_a_traditional_copy_marked_zh_hant(site):
    pages = _pages(site)
    assert len(pages) > 30
    for rel in pages:
        copy = site / "zh-Hant" / rel
        assert copy.exists(), rel
        assert '<html lang="zh-Hant"' in copy.read_text("utf-8"), rel


@pytest.mark.parametrize("rel,url", [("index.html", ""), ("notice/index.html", "notice/"),
                                     ("products/05-equipment-iot/index.html", "products/05-equipment-iot/")],
                         ids=["home", "notice", "product"])
def test_both_copies_name_each_other_as_alternates(site, rel, url):
    depth = "../" * url.count("/")
    hans = (site / rel).read_text("utf-8")
    hant = (site / "zh-Hant" / rel).read_text("utf-8")
    assert f'href="{depth}zh-Hant/{url}" hreflang="zh-Hant" lang="zh-Hant" data-gd-script="hant" rel="alternate"' in hans
    assert f'href="{depth}../{url}" hreflang="zh-Hans" lang="zh-Hans" data-gd-script="hans" rel="alternate"' in hant
    assert f'<link rel="canonical" href="{SITE_URL}zh-Hant/{url}">' in hant


def test_the_notice_number_stays_as_issued_while_the_text_around_it_is_converted(site):
    html = (site / "zh-Hant" / "notice" / "index.html").read_text("utf-8")
    assert "粤工信办函〔2020〕37号" in html and "粵工信辦函〔2020〕37號" not in html
    # The other 文号 the notice cites are identifiers too.
    assert "粤工信工业互联网函〔2019〕1553号" in html
    assert "關於開展2020年工業企業" in html


def test_the_profile_converts_characters_without_renaming_mainland_terms(site):
    html = (site / "zh-Hant" / "notice" / "index.html").read_text("utf-8")
    # s2hk: the issuing department keeps its own words (s2twp would make it 資訊化廳), 设备 stays 設備.
    assert "廣東省工業和信息化廳" in html and "資訊化" not in html
    product = (site / "zh-Hant" / "products" / "05-equipment-iot" / "index.html").read_text("utf-8")
    assert "設備物聯" in product and "裝置" not in product


@pytest.mark.parametrize("text,expected", [
    ("依据粤工信办函〔2020〕37号执行", "依據粤工信办函〔2020〕37号執行"),
    ("本站收录粤工信办函〔2020〕37号", "本站收錄粤工信办函〔2020〕37号"),
    ("头发与发票", "頭髮與發票"),
    ("软件和网络", "軟件和網絡"),
], ids=["document-number", "words-before-a-number", "word-level", "no-vocabulary-swap"])
def test_the_converter_is_word_level_and_protects_document_numbers(text, expected):
    assert Converter().text(text) == expected


@pytest.mark.parametrize("ref,here,expected", [
    ("../../assets/css/site.css", "products/05-equipment-iot/", "../../../assets/css/site.css"),
    ("qr-05-equipment-iot.svg", "products/05-equipment-iot/", "qr-05-equipment-iot.svg"),  # its own, naming zh-Hant/
    ("catalog.json", "", "../catalog.json"),
    ("sheet/", "products/05-equipment-iot/", "sheet/"),
    ("../calculator/#item=5", "products/05-equipment-iot/", "../calculator/#item=5"),
    ("#sec-4", "notice/", "#sec-4"),
    ("http://example.org/", "", "http://example.org/"),
], ids=["asset", "kit-file", "data-file", "page", "page-with-state", "fragment", "absolute"])
def test_links_of_a_traditional_page_stay_in_its_script_and_share_the_assets(ref, here, expected):
    assert rewrite_link(ref, here) == expected


def test_inline_scripts_of_both_copies_are_the_same_so_the_csp_holds(site):
    def scripts(path: Path) -> set[str]:
        return {m for m in re.findall(r"<script(?![^>]*(?:src=|application/json))[^>]*>(.*?)</script>",
                                      path.read_text("utf-8"), re.S) if m.strip()}
    assert scripts(site / "zh-Hant" / "index.html") == scripts(site / "index.html")


def test_the_traditional_search_index_is_converted(site):
    index = json.loads((site / "zh-Hant" / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["title"] + doc["text"] for doc in index["docs"]).replace("\u200b", "")
    assert "設備物聯" in text and "设备物联" not in text


def test_the_share_panel_carries_the_address_of_its_own_copy(site):
    hans = (site / "products" / "index.html").read_text("utf-8")
    hant = (site / "zh-Hant" / "products" / "index.html").read_text("utf-8")
    assert f'value="{SITE_URL}products/"' in hans
    assert f'value="{SITE_URL}zh-Hant/products/"' in hant


def test_the_annex_table_has_every_column_of_the_notice(site, catalog_data):
    html = (site / "notice" / "index.html").read_text("utf-8")
    table = html[html.index('id="annex-table"'):html.index("</table>", html.index('id="annex-table"'))]
    heads = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert heads == ["序号", "一级目录", "二级目录", "主要应用场景", "主要功能模块", "奖补上限", "备注"]
    assert table.count("<tr id=") == len(catalog_data["products"])
    first = catalog_data["products"][0]
    assert first["scenario"] in table and first["modules"][0] in table


def test_product_sheets_are_kept_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert not [doc for doc in index["docs"] if "/sheet/" in doc["location"]]


def _decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_each_product_offers_its_qr_code_as_a_print_resolution_png_that_decodes_to_its_page(site, catalog_data):
    for product in catalog_data["products"]:
        slug = product["page"].rstrip("/").rsplit("/", 1)[-1]
        image = Image.open(io.BytesIO((site / product["page"] / f"qr-{slug}.png").read_bytes()))
        assert image.width >= 900 and round(image.info["dpi"][0]) == 600
        assert _decode(image) == [SITE_URL + product["page"]]
        svg = (site / product["page"] / f"qr-{slug}.svg").read_text("utf-8")
        assert svg.startswith("<?xml") and "<svg" in svg


def test_qr_codes_follow_site_url(tmp_path):
    from support.build import build_site

    dest = tmp_path / "site"
    done = build_site(dest, env={"SITE_URL": "https://example.gov.cn/gdii/"})
    assert done.returncode == 0, done.stderr
    image = Image.open(dest / "products" / "05-equipment-iot" / "qr-05-equipment-iot.png")
    assert _decode(image) == ["https://example.gov.cn/gdii/products/05-equipment-iot/"]
    hant = (dest / "zh-Hant" / "products" / "05-equipment-iot" / "index.html").read_text("utf-8")
    assert 'value="https://example.gov.cn/gdii/zh-Hant/products/05-equipment-iot/"' in hant
    image = Image.open(dest / "zh-Hant" / "products" / "05-equipment-iot" / "qr-05-equipment-iot.png")
    assert _decode(image) == ["https://example.gov.cn/gdii/zh-Hant/products/05-equipment-iot/"]
    assert '<link rel=" alternate" hreflang="zh-Hant" href="https://example.gov.cn/gdii/zh-Hant/products/05-equipment-iot/">' in hant
    not_found = (dest / "zh-Hant" / "404.html").read_text("utf-8")
    assert 'href="/gdii/zh-Hant/products/"' in not_found and 'data-other="/gdii/404.html"' in not_found


def test_each_traditional_product_page_has_its_own_qr_files_naming_its_address(site, catalog_data):
    for product in catalog_data["products"]:
        slug = product["page"].rstrip("/").rsplit("/", 1)[-1]
        folder = site / "zh-Hant" / product["page"]
        image = Image.open(io.BytesIO((folder / f"qr-{slug}.png").read_bytes()))
        assert _decode(image) == [SITE_URL + "zh-Hant/" + product["page"]]
        html = (folder / "index.html").read_text("utf-8")
        assert f'href="qr-{slug}.svg" data-gd-qr-file="qr-{slug}.svg"' in html
        assert f">{SITE_URL}zh-Hant/{product['page']}<" in (folder / "sheet" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("rel,url", [("index.html", ""), ("calculator/index.html", "calculator/"),
                                     ("products/05-equipment-iot/sheet/index.html", "products/05-equipment-iot/sheet/")],
                         ids=["home", "calculator", "sheet"])
def test_both_copies_carry_alternate_links_to_both_scripts_in_the_head(site, rel, url):
    for copy in (site / rel, site / "zh-Hant" / rel):
        head = copy.read_text("utf-8").split("</head>")[0]
        assert f'<link rel=" alternate" hreflang="zh-Hans" href="{SITE_URL}{url}">' in head
        assert f'<link rel=" alternate" hreflang="zh-Hant" href="{SITE_URL}zh-Hant/{url}">' in head


def test_values_sent_to_the_engine_or_compared_by_filters_stay_as_the_catalogue_writes_them(site):
    hant = (site / "zh-Hant" / "calculator" / "index.html").read_text("utf-8")
    assert '<option value="广州市"' in hant and ">廣州市</option>" in hant
    catalogue = (site / "zh-Hant" / "products" / "index.html").read_text("utf-8")
    assert 'data-value="研发设计"' in catalogue and ">研發設計<" in catalogue


def test_traditional_pages_load_the_run_time_converter_and_its_table_is_built(site):
    hant = (site / "zh-Hant" / "calculator" / "index.html").read_text("utf-8")
    assert f'<script src="../../{built_name(site, "assets/js/hant/runtime.js")}" type="module">' in hant
    table = json.loads((site / built_name(site, "assets/js/hant/table.json")).read_text("utf-8"))
    assert table["profile"] == "s2hk" and table["characters"]["测"] == "測" and "〔" in table["protect"]


@pytest.mark.parametrize("ref,expected", [
    ("/gdii/products/", "/gdii/zh-Hant/products/"),
    ("/gdii/.", "/gdii/zh-Hant/"),
    ("/gdii/notice/#annex-note-1", "/gdii/zh-Hant/notice/#annex-note-1"),
    ("/gdii/assets/css/site.css", "/gdii/assets/css/site.css"),
    ("/gdii/404.html", "/gdii/404.html"),
    ("http://gdii.gd.gov.cn/", "http://gdii.gd.gov.cn/"),
], ids=["page", "home", "fragment", "asset", "not-found", "outside"])
def test_links_of_the_traditional_404_page_go_to_traditional_pages_and_shared_assets(ref, expected):
    assert rewrite_absolute_link(ref, "/gdii/") == expected
