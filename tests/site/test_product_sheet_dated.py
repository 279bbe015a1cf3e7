"""The product sheet's date and 非官方 line (issue 21), without building the site: the date is the build's
(SOURCE_DATE_EPOCH, as the sitemap's, so builds stay byte-identical), and the 非官方 line is one that
generator/release shows or hides for the host's configuration, so configuring a release as official hides it."""

from __future__ import annotations

import re

import pytest

from generator.pages.products import build_date, product_sheet
from generator.pages.renderer import SiteRenderer
from generator.release.address import toggle

UNOFFICIAL = re.compile(r'<p class="gd-sheet-page__unofficial" data-gd-if-unofficial( hidden)?>')


@pytest.fixture(scope="module")
def sheet(catalogue) -> str:
    return product_sheet(SiteRenderer(catalogue), 4).markdown


def test_the_sheet_is_dated_with_the_builds_source_date_epoch(monkeypatch, catalogue):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796774400")  # 2026-12-09 UTC
    assert str(build_date("2020-05-15")) == "2026-12-09"
    assert "制作日期：<time datetime=\"2026-12-09\">2026年12月9日</time>" in product_sheet(SiteRenderer(catalogue), 4).markdown


def test_without_source_date_epoch_the_date_is_the_notices_publication_as_the_build_sets_it(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert str(build_date("2020-05-15")) == "2020-05-15"


def test_the_unofficial_line_is_shown_by_default_and_hidden_once_configured_official(sheet):
    assert "非官方" in sheet
    assert UNOFFICIAL.search(toggle(sheet, address=False, official=False)).group(1) is None
    assert UNOFFICIAL.search(toggle(sheet, address=False, official=True)).group(1) == " hidden"


def test_the_sheet_carries_the_round_status_and_the_exclusion_rule_from_the_catalogue(sheet, catalogue):
    assert "data-gd-round-status" in sheet
    assert catalogue.policy["same_product"]["description"] in sheet
