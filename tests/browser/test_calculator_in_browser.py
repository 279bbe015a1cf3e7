"""The calculator page in real Chromium: the YAML cases agree with CPython to the fen, and the page
behaves on bad input, careless servers and browsers that cannot run it."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, run_axe, wait_for_engine
from support.cases import cpython_estimate, load_cases
from support.waits import WAIT_MS

from calculator import PlanError, estimate
from calculator.options import options
from generator.hosting.serve import SiteHandler

CASES = load_cases()


def wait_ready(page) -> None:
    page.wait_for_function("(() => { const c = document.getElementById('gd-calculator');"
                           " return c && c.dataset.state && c.dataset.state !== 'loading'; })()", timeout=WAIT_MS)
    assert page.locator("#gd-calculator").get_attribute("data-state") != "failed", page.locator("#gd-failure").inner_text()


@pytest.fixture(scope="module")
def calculator_page(browser, server):
    """One calculator page for many cases: the runtime boots once."""
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server + "calculator/")
    wait_for_engine(page)
    yield page
    context.close()
    assert guard.external == []


def _cpython_options(plan, policy) -> dict:
    try:
        return json.loads(json.dumps(options(plan, policy)))
    except PlanError as err:
        return {"error": err.to_dict()}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_every_yaml_case_gives_the_same_result_in_the_browser_as_in_cpython(calculator_page, policy, case):
    if case.get("call") == "options":
        in_browser = calculator_page.evaluate("(plan) => window.gdCalculator.call('options', plan)", case["plan"])
        assert in_browser.get("options", in_browser) == _cpython_options(case["plan"], policy)
        return
    in_browser = calculator_page.evaluate("(plan) => window.gdCalculator.run(plan)", case["plan"])
    assert in_browser == cpython_estimate(case["plan"], policy)


def test_the_runtime_and_its_memory_snapshot_come_from_the_site(browser, server):
    context, guard = new_guarded_context(browser, server)
    page = context.new_page()
    page.goto(server + "calculator/")
    wait_for_engine(page)
    loaded = [u.removeprefix(server) for u in guard.requests]
    context.close()
    assert guard.external == []

    def fetched(pattern: str) -> bool:  # under the names the build gave them by content (hosting/fingerprint.py)
        return any(re.fullmatch(pattern, u) for u in loaded)

    # The wasm and the snapshot in their brotli forms, and the decoder the worker decodes them with (issue 24).
    assert fetched(r"assets/pyodide/pyodide\.asm\.wasm\.[0-9a-f]{12}\.brotli")
    assert fetched(r"assets/calculator/brotli_dec_wasm_bg\.[0-9a-f]{12}\.wasm")
    # The stdlib and the wheel are the snapshot's fallback (tests/browser/test_boot_paths.py).
    assert fetched(r"assets/pyodide/pyodide-snapshot\.[0-9a-f]{12}\.brotli")
    assert fetched(r"assets/pyodide/pyodide-lock\.[0-9a-f]{12}\.json") and fetched(r"catalog\.[0-9a-f]{12}\.json")


def test_filling_the_form_like_a_user_shows_the_subsidy_and_the_engines_explanation(page, server, policy):
    page.goto(server + "calculator/")
    wait_ready(page)
    page.get_by_label("所在地级市").select_option("佛山市")
    page.get_by_label("第 1 项：产品").select_option("5")
    page.get_by_label("合同金额（元）").fill("20万")
    devices = page.get_by_label("接入设备数（台）")
    expect(devices).to_be_visible()
    devices.fill("40")
    expect(page.locator("#gd-status")).to_have_text(re.compile("测算合计 60,000.00 元"))
    item = estimate({"city": "佛山市", "items": [{"product": 5, "contract": "20万", "devices": 40}]}, policy)["items"][0]
    row = page.locator(".gd-result-table tbody tr").first
    expect(row).to_contain_text(item["limit_label"])
    expect(row).to_contain_text(item["explanation"])
    expect(row).to_contain_text("兑现时至少接入 40 台设备")
    assert "city=" in page.url and "item=5" in page.url


def test_the_device_count_is_shown_only_for_per_device_products(page, server):
    page.goto(server + "calculator/#item=19")
    wait_ready(page)
    expect(page.get_by_label("接入设备数（台）")).to_be_hidden()
    page.get_by_label("第 1 项：产品").select_option("25")
    expect(page.get_by_label("接入设备数（台）")).to_be_visible()
    expect(page.locator("[data-hint]").first).to_contain_text("125 台")


def tab_to(page, element_id: str, presses: int = 12) -> None:
    """Press Tab until the element has the focus, as a keyboard user moves through the form."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"{element_id} not reached with Tab")


def test_the_form_works_from_the_keyboard_alone(page, server):
    page.goto(server + "calculator/")
    wait_ready(page)
    page.locator("#gd-city").focus()
    page.keyboard.press("End")  # the last city in the list: 云浮市, 粤东西北
    tab_to(page, "gd-pilot-yes")  # past the clause links of the question's hint
    page.keyboard.press("Space")
    expect(page.locator("#gd-pilot-yes")).to_be_checked()
    tab_to(page, "gd-history-yes")
    page.keyboard.press("ArrowDown")  # radios move with the arrows: 否，从未领取
    expect(page.locator("#gd-history-no")).to_be_checked()
    page.keyboard.press("Tab")  # first item: product
    page.keyboard.type("1")  # selects the first product whose label starts with 1
    page.keyboard.press("Tab")
    page.keyboard.type("10万")
    expect(page.locator("#gd-status")).to_contain_text("测算合计")
    page.keyboard.press("Tab")  # the remove button
    page.keyboard.press("Tab")  # add a product
    page.keyboard.press("Enter")
    expect(page.locator("#gd-items > li")).to_have_count(2)
    expect(page.get_by_label("第 2 项合同金额（元）")).to_be_visible()  # each row's fields are told apart
    assert page.evaluate("document.activeElement.dataset.name") == "product"
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("５０００")
    expect(page.locator("#gd-status")).to_have_text(re.compile("测算合计 .* 元"))
    caption = page.locator(".gd-result-table caption").inner_text()
    assert "80%" in caption and "云浮市" in caption


def test_results_are_announced_in_a_live_region(page, server):
    page.goto(server + "calculator/")
    status = page.locator("#gd-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("role", "status")


def test_an_invalid_amount_is_shown_next_to_its_field_in_chinese(page, server):
    page.goto(server + "calculator/#city=" + quote("广州市") + "&item=19:abc:")
    wait_ready(page)
    error = page.locator("[data-error=contract]").first
    expect(error).to_be_visible()
    expect(error).to_contain_text("无法识别的金额")
    expect(page.get_by_label("合同金额（元）")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#gd-error-summary")).to_contain_text("第 1 项合同金额（元）：无法识别的金额")
    expect(page.locator("#gd-summary")).not_to_contain_text("测算合计")
    page.get_by_label("合同金额（元）").fill("-5")
    expect(error).to_contain_text("不能为负数")
    page.get_by_label("合同金额（元）").fill("50,000")
    expect(error).to_be_hidden()
    expect(page.locator("#gd-status")).to_contain_text("35,000.00 元")
    assert "Traceback" not in page.content()


def test_the_state_in_the_url_reopens_the_same_result(page, server):
    hash_ = "city=" + quote("汕头市") + "&claimed=21&item=6:30" + quote("万") + ":&item=7:400000:&item=20:5000:"
    page.goto(server + "calculator/#" + hash_)
    wait_ready(page)
    expect(page.locator("#gd-status")).to_contain_text("200,000.00 元")
    expect(page.locator(".gd-problems")).to_contain_text("可多得 50,000.00 元")
    expect(page.locator("#gd-history-yes")).to_be_checked()
    expect(page.locator("#gd-claimed-21")).to_be_checked()
    expect(page.locator("#gd-suggestion")).to_contain_text("250,000.00 元")
    page.locator("#gd-apply-suggestion").click()
    expect(page.locator("#gd-items > li")).to_have_count(1)
    expect(page.locator("#gd-status")).to_contain_text("250,000.00")
    assert "item=7" in page.url and "item=6" not in page.url


def test_a_product_page_opens_the_calculator_with_its_product_prefilled(page, server):
    page.goto(server + "products/24-equipment-aftermarket-service/")
    page.get_by_role("link", name="用测算器估算本产品的服务券").click()
    wait_ready(page)
    expect(page.get_by_label("第 1 项：产品")).to_have_value("24")
    expect(page.get_by_label("接入设备数（台）")).to_be_visible()


def test_shenzhen_is_listed_but_marked_not_eligible(page, server):
    page.goto(server + "calculator/#item=19:50000:")
    wait_ready(page)
    option = page.locator("#gd-city option[value='深圳市']")
    expect(option).to_have_text(re.compile("不在本次服务券范围"))
    expect(page.locator("#gd-city optgroup")).to_have_count(2)
    page.get_by_label("所在地级市").select_option("深圳市")
    expect(page.locator("#gd-status")).to_contain_text("深圳市的企业不能申领")


def test_the_sheet_prints_on_one_a4_page_and_downloads_as_csv_with_a_bom(page, server):
    page.goto(server + "calculator/#city=" + quote("广州市") + "&history=no&item=19:50000:&item=1:100000:")
    wait_ready(page)
    expect(page.locator("#gd-status")).to_contain_text("105,000.00")
    page.get_by_label("企业名称（选填）").fill("广州某某精密制造有限公司")
    with page.expect_download() as download_info:
        page.locator("#gd-download").click()
    raw = download_info.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "105,000.00 元" in text and "广州某某精密制造有限公司" in text and "仓储管理" in text
    assert download_info.value.suggested_filename.endswith(".csv")
    page.emulate_media(media="print")
    expect(page.locator("#gd-sheet")).to_be_visible()
    expect(page.locator("#gd-form")).to_be_hidden()
    expect(page.locator("#gd-sheet svg.gd-qr")).to_be_visible()
    sheet = page.locator("#gd-sheet").inner_text()
    for text in ("申领测算单", "测算日期", "产品目录版本：2020", "广州市", "105,000.00 元", "附件说明 1",
                 "广州某某精密制造有限公司", "奖补比例 70%"):
        assert text in sheet, text
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_calculator_page_passes_axe_with_results_and_errors_shown(page, server):
    page.goto(server + "calculator/#city=" + quote("佛山市") + "&claimed=9&item=5:" + quote("20万") + ":40&item=19:x:")
    wait_ready(page)
    expect(page.locator("[data-error=contract]").last).to_be_visible()
    assert run_axe(page) == []
    page.get_by_label("合同金额（元）").last.fill("80000")
    expect(page.locator(".gd-problems")).to_be_visible()
    assert run_axe(page) == []
    page.emulate_media(media="print")
    assert run_axe(page) == []


def test_the_calculator_works_on_a_375px_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    wait_ready(page)
    expect(page.locator("#gd-status")).to_contain_text("60,000.00")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    total_at = page.locator("#gd-status strong").bounding_box()
    context.close()
    assert overflow <= 0
    assert total_at["y"] + total_at["height"] <= 740, "the total must be seen without scrolling past the form"


@pytest.mark.parametrize("path", ["", "products/05-equipment-iot/", "notice/", "products/"],
                         ids=["home", "product", "notice", "catalogue"])
def test_pages_other_than_the_calculator_load_no_wasm(guarded, server, path):
    context, guard = guarded
    page = context.new_page()
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert not [u for u in guard.requests if u.endswith((".wasm", ".whl", "python_stdlib.zip")) or "pyodide" in u]


def test_the_progress_bar_counts_bytes_done_and_total(browser, server):
    context, _ = new_guarded_context(browser, server)
    page = context.new_page()
    seen = []
    page.expose_function("gdSeen", lambda text: seen.append(text))
    page.add_init_script("""new MutationObserver(() => { const t = document.getElementById('gd-progress-text');
        if (t && t.textContent) window.gdSeen(t.textContent); })
        .observe(document, {subtree: true, childList: true, characterData: true});""")
    # On a quiet machine the local server sends the whole runtime between two progress events: the bar is
    # for a slower link, so give it one (about 30 Mbit/s).
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": 3_750_000,
                                                  "uploadThroughput": 3_750_000})
    page.goto(server + "calculator/")
    wait_for_engine(page)
    context.close()
    # The total is what this boot fetches: the wasm and the snapshot in their brotli forms (issue 24), about 5 MB.
    assert any(re.fullmatch(r"正在下载测算引擎：已下载 \d+\.\d MB / 共 [4-6]\.\d MB", s) for s in seen), seen[:5]


class CarelessHandler(SiteHandler):
    """A server with no types for .wasm and .mjs, like stock nginx, IIS or old Apache."""

    extensions_map = {**SiteHandler.extensions_map, ".wasm": "application/octet-stream", ".mjs": "application/octet-stream"}  # noqa: RUF012


@pytest.fixture(scope="module")
def careless_server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CarelessHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_the_calculator_works_when_wasm_is_sent_as_octet_stream(browser, careless_server):
    context, guard = new_guarded_context(browser, careless_server)
    page = context.new_page()
    types: dict[str, str | None] = {}
    page.on("response", lambda r: types.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-type")))
    page.goto(careless_server + "calculator/#city=" + quote("广州市") + "&item=19:50000:")
    wait_ready(page)
    expect(page.locator("#gd-status")).to_contain_text("35,000.00 元")
    context.close()
    # The wasm the worker compiles first is the brotli decoder's, under its content-addressed name (issue 19);
    # Pyodide's comes as its brotli form (issue 24), which every server sends as octet-stream.
    (wasm,) = [name for name in types if re.fullmatch(r"brotli_dec_wasm_bg\.[0-9a-f]+\.wasm", name)]
    assert types[wasm] == "application/octet-stream"
    assert guard.external == []


def test_without_webassembly_the_page_says_so_and_links_to_the_rules(page, server):
    page.add_init_script("delete window.WebAssembly")
    page.goto(server + "calculator/")
    failure = page.locator("#gd-failure")
    expect(failure).to_be_visible()
    # Told before anything is downloaded that the browser is too old, and what is missing (issue 18).
    expect(failure).to_contain_text("浏览器版本过旧")
    expect(failure).to_contain_text("缺少 WebAssembly")
    expect(failure.get_by_role("link", name="奖补标准")).to_have_attribute("href", "../notice/#sec-4")
    expect(page.locator("#gd-loader")).to_be_hidden()


def test_without_module_workers_the_page_says_so(page, server):
    page.add_init_script("""const Native = window.Worker;
        window.Worker = function (url, options) { if (options && options.type === 'module') throw new TypeError('no');
          return new Native(url, options); };""")
    page.goto(server + "calculator/")
    expect(page.locator("#gd-failure")).to_contain_text("不支持模块化 Web Worker")


def test_a_runtime_that_fails_to_download_is_reported_not_spun_forever(browser, server):
    context, _ = new_guarded_context(browser, server)
    # The wasm and its brotli form (issue 24), which the worker asks for first.
    context.route(re.compile(r".*/pyodide\.asm\.(?:wasm\.)?[0-9a-f]+\.(?:wasm|brotli)$"),
                  lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-failure")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#gd-failure")).to_contain_text(re.compile(r"pyodide\.asm\.[0-9a-f]+\.wasm"))  # the real cause, named
    expect(page.locator("#gd-failure")).to_contain_text("HTTP 404")
    context.close()


def test_a_runtime_whose_download_is_cut_off_says_the_network_failed(browser, server):
    context, _ = new_guarded_context(browser, server)
    # The connection drops for the wasm and for its brotli form: no answer at all, not an HTTP error.
    wasm = re.compile(r".*/pyodide\.asm\.(?:wasm\.)?[0-9a-f]+\.(?:wasm|brotli)$")
    context.route(wasm, lambda route: route.abort("connectionreset"))
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-failure")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#gd-failure")).to_contain_text(re.compile(r"pyodide\.asm\.[0-9a-f]+\.wasm"))
    expect(page.locator("#gd-failure")).to_contain_text("网络连接失败")
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", "failed")
    context.close()


def test_a_runtime_that_stalls_times_out_with_a_plain_message(browser, server):
    context, _ = new_guarded_context(browser, server)
    context.add_init_script("window.GD_CALC_TIMEOUTS = {stall: 1500}")
    # Never answered, nor their brotli forms (issue 24).
    context.route(re.compile(r".*/(python_stdlib.*\.(zip|brotli)|pyodide-snapshot.*\.(gz|brotli))$"), lambda route: None)
    page = context.new_page()
    page.goto(server + "calculator/")
    expect(page.locator("#gd-failure")).to_contain_text("停滞", timeout=WAIT_MS)
    context.close()


def test_a_slow_download_that_keeps_progressing_is_never_aborted(browser, server):
    # The page once gave up after a fixed total time even while bytes kept arriving. `total` is what that
    # limit was called; a page that still honoured it would fail here after one second.
    context, _ = new_guarded_context(browser, server)
    context.add_init_script("window.GD_CALC_TIMEOUTS = {stall: 20000, total: 1000}")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    # About 30 Mbit/s: the runtime takes a few seconds to arrive, in many small steps.
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": 3_750_000,
                                                  "uploadThroughput": 3_750_000})
    page.goto(server + "calculator/#city=%E5%B9%BF%E5%B7%9E%E5%B8%82&history=no&item=19:8%E4%B8%87")
    expect(page.locator("#gd-status")).to_contain_text("50,000.00 元", timeout=WAIT_MS)
    expect(page.locator("#gd-failure")).to_be_hidden()
    context.close()


def test_with_javascript_disabled_a_noscript_message_links_to_the_rules(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "calculator/")
    noscript = page.locator("noscript")
    assert "需要启用 JavaScript" in page.content()
    assert noscript.count() == 1
    context.close()
