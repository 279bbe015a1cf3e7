"""Printed papers are dated and sourced (issue 21): in the PDF's text (Chromium's page.pdf, read by
pdftotext), the 申领测算单 opens with the round's status, and a product sheet carries the day the site was
built, the round's status, the 非官方 line of an unofficial build and the exclusion rule with the notice's
condition "并获得相关财政补贴的"."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from urllib.parse import quote

from playwright.sync_api import expect
from support.waits import WAIT_MS

from generator.pages.products import build_date

CLOSED = datetime.fromisoformat("2026-12-07T10:00:00+08:00")  # a reader after the 2020 round
PLAN = "city=" + quote("佛山市") + "&history=no&item=5:" + quote("200000") + ":"


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
