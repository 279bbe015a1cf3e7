"""Journeys through the calculator page as enterprises take them, in real Chromium: the questions
asked, refusals explained in their rows, every bad field flagged at once, old links, the printed
申领测算单 and the page on a server that breaks its scripts."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe
from support.waits import WAIT_MS

from calculator import estimate
from generator.hosting.serve import SiteHandler

FOSHAN = "佛山市"


def wait_done(page) -> None:
    """The engine is loaded and the page has drawn its answer to the form as it stands."""
    page.wait_for_function("(() => { const c = document.getElementById('gd-calculator');"
                           " return c && (c.dataset.state === 'done' || c.dataset.state === 'failed'); })()", timeout=WAIT_MS)
    assert page.locator("#gd-calculator").get_attribute("data-state") != "failed", page.locator("#gd-failure").inner_text()


def open_calculator(page, server, hash_: str = "") -> None:
    page.goto(server + "calculator/" + (f"#{hash_}" if hash_ else ""))
    wait_done(page)


def test_the_foshan_enterprise_is_asked_about_earlier_claims_and_told_why_its_row_is_refused(page, server, policy, tmp_path):
    open_calculator(page, server)
    page.get_by_label("所在地级市").select_option(FOSHAN)
    page.get_by_role("group", name="2. 是否为产业集群试点企业？").get_by_label("否").check()
    page.get_by_label("第 1 项：产品").select_option("5")
    page.get_by_label("合同金额（元）").fill("20万")
    page.get_by_label("接入设备数（台）").fill("40")
    page.get_by_role("button", name="添加产品").click()
    page.get_by_label("第 2 项：产品").select_option("19")
    page.get_by_label("第 2 项合同金额（元）").fill("8万")
    # Before the history question is answered, the total stands beside the engine's assumption.
    unanswered = estimate({"city": FOSHAN, "items": [{"product": 5, "contract": "20万", "devices": 40},
                                                     {"product": 19, "contract": "8万"}]}, policy)
    expect(page.locator("#gd-status")).to_contain_text(unanswered["total_text"])
    expect(page.locator("#gd-summary .gd-assumptions")).to_contain_text(unanswered["assumptions"][0])
    # The question is there to be answered, not hidden in a collapsed box.
    question = page.get_by_role("group", name="3. 贵企业此前是否领取过“上云上平台”服务券？")
    expect(question).to_be_visible()
    question.get_by_label("是，领取过").check()
    page.get_by_role("checkbox", name="设备管理").check()
    answered = estimate({"city": FOSHAN, "claimed_before": [9], "granted_this_round": [],
                         "items": [{"product": 5, "contract": "20万", "devices": 40}, {"product": 19, "contract": "8万"}]},
                        policy)
    assert answered["total_text"] == "50,000.00 元"
    expect(page.locator("#gd-status")).to_contain_text("测算合计 50,000.00 元")
    expect(page.locator("#gd-summary .gd-assumptions")).to_have_count(0)
    refused = page.locator(".gd-result-table tbody tr").first
    refusal = answered["items"][0]["refusal"]
    expect(refused).to_contain_text(refusal["label"])
    expect(refused).to_contain_text(refusal["message"])  # names 9, the product that caused it
    expect(refused.get_by_role("link", name=refusal["reference"]["clause"])).to_have_attribute(
        "href", "../" + refusal["reference"]["href"])
    expect(page.locator(".gd-result-table tbody tr").nth(1)).to_contain_text(answered["items"][1]["explanation"])
    # 可申领一览 for this enterprise: 5, 9 and 10 refused with the reason.
    overview = page.locator("#gd-options-body")
    expect(overview.locator("tr", has_text="10. 设备智能")).to_contain_text("此前已领取")
    expect(overview.locator("tr", has_text="19. 仓储管理")).to_contain_text("71,428.57 元")
    # The printed sheet.
    page.get_by_label("企业名称（选填）").fill("佛山市某某机械制造有限公司")
    page.get_by_label("统一社会信用代码（选填）").fill("91440101MA59XXXX0X")
    page.get_by_role("button", name="打印申领测算单").click()
    expect(page.locator("#gd-credit-code-error")).to_be_visible()  # a code whose check digit is wrong
    page.get_by_label("统一社会信用代码（选填）").fill("")
    page.emulate_media(media="print")
    expect(page.locator("#gd-sheet svg.gd-qr")).to_be_visible()
    pdf_path = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf_path), format="A4", prefer_css_page_size=True)
    text = _pdf_text(pdf_path) or page.locator("#gd-sheet").inner_text()
    flat = re.sub(r"\s+", "", text)
    for expected in ("申领测算单", "佛山市某某机械制造有限公司", "佛山市（珠三角）", "奖补比例70%", "9.设备管理",
                     "50,000.00元", "300,000.00元", "附件说明4", "附件说明1", "测算日期", "产品目录版本：2020",
                     "兑现时所需设备", "calculator/#city=", "本轮已经结束"):
        assert expected in flat, expected


def _pdf_text(path) -> str:
    """The PDF's text through pdftotext (poppler-utils), or "" where it is not installed."""
    if not shutil.which("pdftotext"):
        return ""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60).stdout


def test_every_bad_row_is_flagged_at_once_and_the_summary_links_to_each(page, server):
    two_bad_rows = "city=" + quote("广州市") + "&item=6:" + quote("十万块") + "&item=19:abc&item=21:" + quote("10万")
    open_calculator(page, server, two_bad_rows)
    summary = page.locator("#gd-error-summary")
    expect(summary).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text("第 1 项合同金额（元）：无法识别的金额“十万块”")
    expect(links.nth(1)).to_contain_text("第 2 项合同金额（元）：无法识别的金额“abc”")
    first, second, third = (page.get_by_label(f"第 {n} 项合同金额（元）") for n in (1, 2, 3))
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(second).to_have_attribute("aria-invalid", "true")
    expect(third).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#gd-items > li").nth(1).locator("[data-error=contract]")).to_contain_text("abc")
    # No stale or partial total, and nothing to print.
    expect(page.locator("#gd-summary")).not_to_contain_text("测算合计")
    expect(page.locator("#gd-details")).to_be_hidden()
    links.nth(1).click()
    expect(second).to_be_focused()
    second.fill("5万")
    expect(links).to_have_count(1)
    first.fill("10万")
    expect(summary).to_be_hidden()
    expect(page.locator("#gd-status")).to_contain_text("测算合计")


def test_a_link_with_thousands_of_rows_is_refused_by_the_engines_limit_without_freezing_the_page(page, server):
    hostile = "city=" + quote("广州市") + "&" + "&".join(["item=1:100"] * 3000)
    open_calculator(page, server, hostile)
    expect(page.locator("#gd-items > li")).to_have_count(101)
    expect(page.locator("#gd-error-summary")).to_contain_text("最多 100 项")
    expect(page.locator("#gd-summary")).not_to_contain_text("测算合计")


def test_before_the_history_question_is_answered_the_total_is_conditional_and_no_sheet_is_made(page, server):
    open_calculator(page, server, "city=" + quote(FOSHAN) + "&pilot=0&item=5:" + quote("20万") + ":40&item=19:8w")
    expect(page.locator("#gd-status")).to_contain_text("尚未确认此前是否领取过服务券。若从未领取，测算合计 110,000.00 元")
    expect(page.locator("#gd-status")).to_contain_text("如领取过，金额可能减少")
    for button in ("打印申领测算单", "下载测算单（CSV，可用 Excel 打开）"):
        page.get_by_role("button", name=button).click()
        expect(page.locator("#gd-export-status")).to_have_text("请先回答第 3 题（此前是否领取过服务券），再打印或下载测算单。")
        expect(page.locator("#gd-history-yes")).to_be_focused()


def test_a_mistyped_credit_code_is_flagged_when_the_field_is_left(page, server):
    open_calculator(page, server, "city=" + quote("广州市") + "&pilot=0&history=no&item=19:8w")
    code = page.get_by_label("统一社会信用代码（选填）")
    code.fill("91350100M000100Y44")
    code.press("Tab")
    expect(page.locator("#gd-credit-code-error")).to_contain_text("末位校验码")
    expect(code).to_have_attribute("aria-invalid", "true")
    code.fill("91350100M000100Y43")
    code.press("Tab")
    expect(page.locator("#gd-credit-code-error")).to_be_hidden()


def test_a_city_alone_shows_no_total_and_nothing_to_print(page, server):
    open_calculator(page, server, "city=" + quote("广州市"))
    expect(page.get_by_label("第 1 项：产品")).to_have_value("")  # no product chosen for the user
    expect(page.locator("#gd-status")).to_contain_text("还需填写")
    expect(page.locator("#gd-summary")).not_to_contain_text("0.00 元")
    expect(page.locator("#gd-print")).to_be_hidden()


@pytest.mark.parametrize(("hash_", "product", "contract", "devices", "status"), [
    ("item=5", "5", "", "", "请填写合同金额"),
    ("city=" + quote(FOSHAN) + "&pilot=1&claimed=9&item=5:" + quote("20万") + ":40", "5", "20万", "40", "测算合计 0.00 元"),
    ("city=" + quote("广州市") + "&item=01:100000", "1", "100000", "", "测算合计 70,000.00 元"),
], ids=["supplier-link", "shared-link", "leading-zero"])
def test_links_already_published_reopen_with_the_same_meaning(page, server, hash_, product, contract, devices, status):
    open_calculator(page, server, hash_)
    expect(page.get_by_label("第 1 项：产品")).to_have_value(product)
    expect(page.get_by_label("合同金额（元）")).to_have_value(contract)
    if devices:
        expect(page.get_by_label("接入设备数（台）")).to_have_value(devices)
    expect(page.locator("#gd-summary")).to_contain_text(status)
    if "pilot=1" in hash_:
        expect(page.locator("#gd-pilot-yes")).to_be_checked()
        expect(page.locator("#gd-claimed-9")).to_be_checked()
        expect(page.locator(".gd-result-table")).to_contain_text("此前已领取")


def test_vouchers_granted_earlier_in_this_round_count_towards_the_cap(page, server, policy):
    open_calculator(page, server, "city=" + quote("广州市") + "&granted=26:" + quote("28万") + "&item=1:100000")
    expect(page.locator("#gd-history-yes")).to_be_checked()
    expect(page.get_by_label("已获服务券的产品（本轮第 1 项）")).to_have_value("26")
    plan = {"city": "广州市", "claimed_before": [], "granted_this_round": [{"product": 26, "amount": "28万"}],
            "items": [{"product": 1, "contract": "100000"}]}
    result = estimate(plan, policy)
    expect(page.locator("#gd-status")).to_contain_text(result["total_text"])
    expect(page.locator("#gd-summary")).to_contain_text(f"上限尚余 {result['room_left_text']}")
    expect(page.locator("#gd-summary")).to_contain_text(f"本轮已获 {result['history']['granted_total_text']}")


def test_a_product_from_the_overview_is_added_to_the_plan(page, server):
    open_calculator(page, server, "city=" + quote("汕头市") + "&history=no")
    page.get_by_role("button", name="加入测算：12. 质量管理").click()
    expect(page.get_by_label("第 1 项：产品")).to_have_value("12")
    expect(page.get_by_label("合同金额（元）")).to_be_focused()


def test_the_status_says_what_is_loading_before_the_first_result(browser, server):
    context, _ = new_guarded_context(browser, server)
    page = context.new_page()
    seen: list[str] = []
    page.expose_function("gdSeen", lambda text: seen.append(text))
    page.add_init_script("""new MutationObserver(() => { const s = document.getElementById('gd-status');
        if (s) window.gdSeen(s.textContent); }).observe(document, {subtree: true, childList: true, characterData: true});""")
    page.goto(server + "calculator/#city=" + quote("广州市") + "&history=no&item=19:50000")
    wait_done(page)
    context.close()
    loading = [s for s in seen if "测算合计" not in s]
    assert any("正在下载测算引擎" in s for s in loading), seen[:5]
    assert all(s.strip() for s in seen)
    assert seen[-1].startswith("测算合计 35,000.00 元")


def test_axe_is_clean_on_the_empty_and_loading_states(browser, server):
    context, _ = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "loading")
    assert run_axe(page) == []
    wait_done(page)
    assert run_axe(page) == []
    context.close()


def test_axe_is_clean_with_the_history_details_and_the_overview_shown(page, server):
    history = "&claimed=9&granted=19:" + quote("5万")
    open_calculator(page, server, "city=" + quote(FOSHAN) + history + "&item=5:" + quote("20万") + ":40")
    expect(page.locator("#gd-options-body tr")).to_have_count(28)
    assert run_axe(page) == []


class ScriptsAsTextHandler(SiteHandler):
    """A careless server that sends JavaScript as text/plain: browsers refuse to run module scripts."""

    extensions_map = {**SiteHandler.extensions_map, ".js": "text/plain"}  # noqa: RUF012


@pytest.fixture(scope="module")
def scripts_as_text_server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ScriptsAsTextHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_when_no_script_runs_the_page_itself_says_what_to_do_and_which_types_to_set(browser, scripts_as_text_server):
    context, _ = new_guarded_context(browser, scripts_as_text_server)
    page = context.new_page()
    page.goto(scripts_as_text_server + "calculator/")
    stuck = page.locator("#gd-stuck")
    expect(stuck).to_be_hidden()  # not at once: a slow page is not yet a broken one
    page.add_style_tag(content=".gd-calculator { --gd-stuck-delay: 0s; }")  # the CSS delay, shortened
    expect(stuck).to_be_visible()
    expect(stuck).to_contain_text("text/javascript")
    expect(stuck).to_contain_text("application/wasm")
    expect(stuck.get_by_role("link", name="奖补标准")).to_be_visible()
    context.close()


def test_when_the_scripts_run_the_no_script_notice_never_shows(page, server):
    open_calculator(page, server)
    page.add_style_tag(content=".gd-calculator { --gd-stuck-delay: 0s; }")
    expect(page.locator("#gd-stuck")).to_be_hidden()


def test_every_state_fits_a_phone_and_a_desktop_without_sideways_scrolling(browser, server):
    """The empty, error and result states at 375 and 1366 px."""
    states = {"empty": "", "errors": "city=" + quote("广州市") + "&item=6:" + quote("十万块") + "&item=19:abc",
              "results": "city=" + quote(FOSHAN) + "&claimed=9&item=5:" + quote("20万") + ":40&item=19:80000"}
    for width in (375, 1366):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
        page = context.new_page()
        for hash_ in states.values():
            open_calculator(page, server, hash_)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (width, hash_)
        context.close()
