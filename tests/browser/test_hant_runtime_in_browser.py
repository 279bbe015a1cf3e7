"""On the 繁体 pages, what the calculator's engine and the page scripts write at run time is in 繁体 too:
exactly what OpenCC s2hk (generator.hant.pages.Converter) makes of the 简体 page's text, 文号 kept as
issued. The CSV stays in 简体 (docs/traditional.md)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.waits import WAIT_MS

from generator.hant.pages import Converter
from generator.hant.runtime import simplified_only

CONVERT = Converter()
RESULT = "&".join(["city=" + quote("佛山市"), "claimed=9", "item=5:" + quote("20万") + ":40", "item=1:100000"])
ERROR = "&".join(["city=" + quote("广州市"), "history=no", "item=1:" + quote("12abc"), "item=2:-5"])
RESULT_REGIONS = ["#gd-status", "#gd-summary-body", "#gd-details-body", "#gd-options", "#gd-items"]
ERROR_REGIONS = ["#gd-status", "#gd-error-summary", "#gd-items"]
ENTERPRISE = "广州市云联数据科技有限公司"


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "done", timeout=WAIT_MS)
    return page


def _texts(page, regions: list[str]) -> dict[str, str]:
    return {region: page.locator(region).inner_text() for region in regions}


def _unprotected(text: str) -> str:
    return CONVERT.protected.sub("", text)


@pytest.mark.parametrize(("hash_", "regions", "must_show"), [
    (RESULT, RESULT_REGIONS, ["不予獎補", "決定因素", "名詞解釋", "測算前提"]),
    (ERROR, ERROR_REGIONS, ["需要修改"]),
], ids=["explanation-and-refusal", "field-errors"])
def test_the_engines_words_on_a_traditional_page_are_opencc_s2hk_of_the_simplified_page(guarded, server, hash_,
                                                                                          regions, must_show):
    context, _ = guarded
    hans = _texts(_open(context, server + "calculator/#" + hash_), regions)
    page = _open(context, server + "zh-Hant/calculator/#" + hash_)
    expect(page.locator("html")).to_have_attribute("data-gd-hant", "ready")
    hant = _texts(page, regions)
    for region in regions:
        assert hant[region] == CONVERT.text(hans[region]), region
        assert simplified_only(_unprotected(hant[region])) == set(), region
    shown = "".join(hant.values())
    assert all(words in shown for words in must_show), shown


def test_the_notice_number_in_run_time_text_stays_as_issued(guarded, server):
    context, _ = guarded
    page = _open(context, server + "zh-Hant/calculator/#" + RESULT)
    expect(page.locator("html")).to_have_attribute("data-gd-hant", "ready")
    # A 文号 written by a script after the table is in: converted text around it, the number kept.
    page.locator("#gd-status").evaluate("n => { n.textContent = '依据粤工信办函〔2020〕37号测算，广东省'; }")
    expect(page.locator("#gd-status")).to_have_text("依據粤工信办函〔2020〕37号測算，廣東省")


def test_the_printed_sheet_follows_the_page_and_keeps_the_enterprise_name_as_typed(guarded, server):
    context, _ = guarded
    sheets = {}
    for script, prefix in (("hans", ""), ("hant", "zh-Hant/")):
        page = _open(context, server + prefix + "calculator/#" + RESULT)
        page.locator("#gd-enterprise-name").fill(ENTERPRISE)
        expect(page.locator("#gd-sheet")).to_contain_text(ENTERPRISE)
        page.emulate_media(media="print")
        sheets[script] = page.locator("#gd-sheet").inner_text()
    assert ENTERPRISE in sheets["hant"] and "企業名稱" in sheets["hant"]
    expected = CONVERT.text(sheets["hans"]).replace(CONVERT.text(ENTERPRISE), ENTERPRISE)
    assert sheets["hant"].replace("zh-Hant/", "") == expected
    assert simplified_only(_unprotected(sheets["hant"].replace(ENTERPRISE, ""))) == set()


def test_the_csv_from_a_traditional_page_is_the_simplified_data_file(guarded, server):
    context, _ = guarded
    files = {}
    for script, prefix in (("hans", ""), ("hant", "zh-Hant/")):
        page = _open(context, server + prefix + "calculator/#" + RESULT)
        with page.expect_download() as info:
            page.locator("#gd-download").click()
        files[script] = info.value.path().read_text("utf-8-sig")
        expect(page.locator("#gd-export-status")).to_have_text("測算單已下載。" if script == "hant" else "测算单已下载。")
    # The same rows, in 简体, as the official application is; only the link back differs.
    assert files["hant"].replace("zh-Hant/", "") == files["hans"]
    assert "测算" in files["hant"]


def test_the_round_status_on_a_traditional_page_is_in_traditional(guarded, server):
    context, _ = guarded
    texts = {}
    for prefix in ("", "zh-Hant/"):
        page = context.new_page()
        page.goto(server + prefix)
        status = page.locator("[data-gd-round-status]").first
        expect(status).to_have_attribute("data-gd-round-state", re.compile(r".+"))
        if prefix:
            expect(page.locator("html")).to_have_attribute("data-gd-hant", "ready")
        texts[prefix] = status.inner_text()
    assert texts["zh-Hant/"] == CONVERT.text(texts[""])


def test_simplified_pages_do_not_load_the_table(guarded, server):
    context, guard = guarded
    _open(context, server + "calculator/#" + RESULT)
    assert not [url for url in guard.requests if url.endswith("/hant/table.json")]
