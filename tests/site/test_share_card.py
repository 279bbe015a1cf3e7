"""The card a chat app draws for a shared link (issue 21): og: title, description and image on every page,
the image made at build time and served by the site itself, no outside address."""

from __future__ import annotations

import struct

import pytest
from support.build import DEFAULT_SITE_URL
from support.html import html_pages, parse_page

OG = ("og:title", "og:description", "og:image", "og:url", "og:site_name")


def test_every_page_names_its_title_description_and_the_sites_own_image(site):
    pages = html_pages(site)
    assert len(pages) > 30
    for path in pages:
        meta = parse_page(path).meta
        missing = [key for key in OG if not meta.get(key)]
        assert not missing, (path, missing)
        assert meta["og:image"].startswith(DEFAULT_SITE_URL) and meta["og:url"].startswith(DEFAULT_SITE_URL), path


@pytest.mark.parametrize("page,title", [("calculator/index.html", "服务券测算"), ("notice/index.html", "通知全文")],
                         ids=["calculator", "notice"])
def test_the_card_carries_the_pages_own_title(site, page, title):
    assert parse_page(site / page).meta["og:title"] == title


def test_the_share_image_is_a_png_of_at_least_600px_built_into_the_site(site):
    image = parse_page(site / "index.html").meta["og:image"]
    data = (site / image.removeprefix(DEFAULT_SITE_URL)).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height >= 600


def test_the_traditional_copy_shares_its_own_address(site):
    meta = parse_page(site / "zh-Hant" / "notice" / "index.html").meta
    assert meta["og:url"] == DEFAULT_SITE_URL + "zh-Hant/notice/"
    assert meta["og:title"] == "通知全文"
