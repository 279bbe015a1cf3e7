"""The printed 申领测算单 never splits a figure across lines: each amount in the PDF's text (pdftotext) is
whole, as the sheet shows it. WebKit printed "200,000.0 / 0 元" and Firefox "987,654,321. / 00 元" while the
print CSS let figures break anywhere (tests/engines checks Firefox); Chromium did not split them even then,
so here this guards Chromium against a regression only."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.waits import WAIT_MS

FIGURE = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")
# Two large contracts, so the amount columns hold their longest figures.
LARGE = "city=" + quote("广州市") + "&history=no&item=19:" + quote("987654321") + ":&item=1:" + quote("12345678.90") + ":"


@pytest.mark.parametrize("size", ["medium", "large"], ids=["中", "大"])
def test_every_figure_of_the_printed_sheet_is_whole_on_one_line(page, server, tmp_path, size):
    """At 大 too, where the sheet's type is larger (12 pt and up) in columns of the same page."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: make test installs it"
    page.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page.goto(server + "calculator/#" + LARGE)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    page.emulate_media(media="print")
    expect(page.locator("#gd-sheet")).to_contain_text("987,654,321.00", timeout=WAIT_MS)
    shown = FIGURE.findall(page.locator("#gd-sheet").inner_text())
    assert "987,654,321.00" in shown and "12,345,678.90" in shown
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    for figure in shown:
        assert figure in printed, f"{figure} is split across lines in the printed sheet:\n{printed}"
