"""Printed papers are dated and sourced (issue 21): in the PDF's text (Chromium's page.pdf, read by
pdftotext), the 申领测算单 opens with the round's status, and a product sheet carries the day the site was
built, the round's status, the 非官方 line of an unofficial build and the exclusion rule with the notice's
condition "并获得相关财政补贴的". Both papers are read by older readers on paper (适老化): no printed word under
10 pt, and none under 12 pt when the reader chose 大 (the size of each run of text in the PDF, support/pdf_sizes),
each still on one A4 page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.pdf_sizes import text_sizes
from support.waits import WAIT_MS

from generator.pages.products import build_date

CLOSED = datetime.fromisoformat("2026-12-07T10:00:00+08:00")  # a reader after the 2020 round
PLAN = "city=" + quote("佛山市") + "&history=no&item=5:" + quote("200000") + ":"
# Two products with the longest figures, each with its 计算过程: the sheet one page holds at 大.
TWO = "city=" + quote("广州市") + "&history=no&item=19:" + quote("987654321") + ":&item=1:" + quote("12345678.90") + ":"
# The reader's 【大中小】 choice and the least size in points any printed word may have then.
LEAST = {"medium": 10, "large": 12}


def printed_text(page, tmp_path) -> str:
    """The page printed at A4, as pdftotext reads it, without the line breaks and spaces of the layout."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: make test installs it"
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    return "".join(text.split())


def test_the_printed_calculation_sheet_opens_with_the_round_status(page, server, tmp_path):
    page.clock.set_fixed_time(CLOSED)
    page.goto(server + "calculator/#" + PLAN)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    page.emulate_media(media="print")
    expect(page.locator("#gd-sheet")).to_contain_text("企业名称", timeout=WAIT_MS)
    expect(page.locator('#gd-sheet [data-sheet="round"]')).to_contain_text("本轮已结束")
    printed = printed_text(page, tmp_path)
    assert "本轮已结束" in printed and "企业名称" in printed, printed
    assert printed.index("本轮已结束") < printed.index("企业名称"), f"本轮已结束 is not at the top of the sheet:\n{printed}"


def test_the_printed_product_sheet_is_dated_with_status_unofficial_line_and_exclusion_rule(page, server, tmp_path,
                                                                                           catalogue):
    page.clock.set_fixed_time(CLOSED)
    page.goto(server + "products/05-equipment-iot/sheet/")
    expect(page.locator(".gd-sheet-page [data-gd-round-status]")).to_have_attribute("data-gd-round-state", "closed")
    page.emulate_media(media="print")
    printed = printed_text(page, tmp_path)
    made = build_date(catalogue.policy["notice"]["published"])  # the build's SOURCE_DATE_EPOCH, as the sitemap's
    assert f"制作日期：{made.year}年{made.month}月{made.day}日" in printed, printed
    assert "本轮已结束" in printed, printed
    assert "非官方" in printed, printed
    assert "工业企业曾领取服务券并获得相关财政补贴的，不得再申领同类服务券" in printed, printed
    assert "“设备物联、设备管理、设备智能”互斥组" in printed, printed



def words_under(page, tmp_path, least: float) -> list[tuple[float, str]]:
    """The words printed smaller than `least` points (the PDF must be one A4 page)."""
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    sizes = text_sizes(pdf)
    assert sizes, "no text in the printed sheet"
    return sorted({(round(pt, 1), word) for pt, word in sizes if pt < least - 0.05})


@pytest.mark.parametrize("size", LEAST, ids=["中", "大"])
def test_no_word_of_the_printed_calculation_sheet_is_smaller_than_its_type_size_allows(page, server, tmp_path, size):
    page.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page.goto(server + "calculator/#" + TWO)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    page.emulate_media(media="print")
    expect(page.locator("#gd-sheet")).to_contain_text("987,654,321.00", timeout=WAIT_MS)
    small = words_under(page, tmp_path, LEAST[size])
    assert not small, f"printed at {size}, under {LEAST[size]} pt: {small[:10]}"


@pytest.mark.parametrize("size", LEAST, ids=["中", "大"])
def test_no_word_of_the_printed_product_sheet_is_smaller_than_its_type_size_allows(page, server, tmp_path, size):
    page.clock.set_fixed_time(CLOSED)
    page.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page.goto(server + "products/05-equipment-iot/sheet/")
    expect(page.locator(".gd-sheet-page [data-gd-round-status]")).to_have_attribute("data-gd-round-state", "closed")
    page.emulate_media(media="print")
    small = words_under(page, tmp_path, LEAST[size])
    assert not small, f"printed at {size}, under {LEAST[size]} pt: {small[:10]}"
