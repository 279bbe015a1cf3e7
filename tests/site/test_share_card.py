"""The card a chat app draws for a shared link (issue 21): og: title, description and image on every page,
the image drawn for the site's own address and served by the site itself, no outside address. og:url and
og:image must be absolute, so a build without an address carries placeholders that configuring fills in."""

from __future__ import annotations

import shutil
import struct

import pytest
from support.build import configured_copy
from support.html import html_pages, parse_page


ADDRESS = "https://www.example.gov.cn/zt/syqpt/"
OG = ("og:title", "og:description", "og:image", "og:url", "og:site_name")


@pytest.fixture(scope="module")
def configured(site, tmp_path_factory):
    return configured_copy(site, tmp_path_factory.mktemp("configured-og") / "site", ADDRESS)


def test_every_page_of_a_configured_site_names_its_title_description_and_the_sites_own_image(configured):
    pages = [path for path in html_pages(configured) if path.name != "404.html"]
    assert len(pages) > 30
    for path in pages:
        meta = parse_page(path).meta
        missing = [key for key in OG if not meta.get(key)]
        assert not missing, (path, missing)
        assert meta["og:image"] == ADDRESS + "assets/images/share.png", path
        assert meta["og:url"].startswith(ADDRESS), path


def test_a_build_without_an_address_names_no_og_address_and_ships_no_share_image(site):
    meta = parse_page(site / "notice" / "index.html").meta
    assert meta["og:title"] == "通知全文" and meta["og:description"]
    assert "og:url" not in meta and "og:image" not in meta
    assert not (site / "assets" / "images" / "share.png").exists()


@pytest.mark.parametrize("page,title", [("calculator/index.html", "服务券测算"), ("notice/index.html", "通知全文")],
                         ids=["calculator", "notice"])
def test_the_card_carries_the_pages_own_title(configured, page, title):
    assert parse_page(configured / page).meta["og:title"] == title


def test_the_share_image_is_a_png_of_at_least_600px_served_by_the_site(configured):
    data = (configured / "assets" / "images" / "share.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height >= 600


def test_the_traditional_copy_shares_its_own_address(configured):
    meta = parse_page(configured / "zh-Hant" / "notice" / "index.html").meta
    assert meta["og:url"] == ADDRESS + "zh-Hant/notice/"
    assert meta["og:title"] == "通知全文"


def test_configuring_again_without_an_address_takes_the_og_addresses_and_the_image_away(configured, tmp_path):
    copy = configured_copy(configured, tmp_path / "site", "")
    meta = parse_page(copy / "index.html").meta
    assert "og:url" not in meta and "og:image" not in meta
    assert not (copy / "assets" / "images" / "share.png").exists()
