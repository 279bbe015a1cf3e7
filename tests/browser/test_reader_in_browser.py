"""Every reader, every device, in real Chromium: 简/繁, 【大中小】, high contrast, focus and targets, tables
on a phone and a wide screen, the share control and the supplier's printable sheet with its QR codes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from support.browser import run_axe, search_results
from support.build import configured_copy

from generator.hosting import make_server


@pytest.fixture(scope="module")
def server(site, tmp_path_factory):
    """A copy of the build configured for the address it is served at (the default build names none; a
    release's configure.py writes the address into shares, QR codes and files, issue 20)."""
    import threading

    copy = tmp_path_factory.mktemp("configured") / "site"
    httpd = make_server(copy)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    configured_copy(site, copy, base)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield base
    httpd.shutdown()
    httpd.server_close()
PAGES = {"home": "", "catalogue": "products/", "product": "products/05-equipment-iot/", "notice": "notice/",
         "downloads": "downloads/", "help": "help/", "calculator": "calculator/",
         "sheet": "products/05-equipment-iot/sheet/"}
SCRIPTS = {"hans": "", "hant": "zh-Hant/"}


def _decode_element(locator) -> list[str]:
    image = Image.open(io.BytesIO(locator.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_switch_opens_the_same_page_in_traditional_and_the_choice_is_remembered(page, server):
    page.goto(server + "products/05-equipment-iot/")
    page.get_by_role("link", name="繁體").click()
    expect(page).to_have_url(server + "zh-Hant/products/05-equipment-iot/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("h1")).to_have_text("05 設備物聯")
    # A later visit to a 简体 address opens its 繁体 copy, without leaving the site.
    page.goto(server + "notice/#sec-4")
    expect(page).to_have_url(server + "zh-Hant/notice/#sec-4")
    page.get_by_role("link", name="简体").click()
    expect(page).to_have_url(server + "notice/#sec-4")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    page.goto(server + "products/")
    expect(page).to_have_url(server + "products/")


def test_switching_script_on_the_calculator_keeps_the_plan_typed_so_far(page, server):
    plan = "#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&history=no&item=19:8%E4%B8%87"
    page.goto(server + "calculator/" + plan)
    page.get_by_role("link", name="繁體").click()
    expect(page).to_have_url(server + "zh-Hant/calculator/" + plan)
    expect(page.locator("#gd-city")).to_have_value("佛山市")


def test_the_traditional_pages_link_to_each_other_and_to_the_shared_assets(page, server):
    page.goto(server + "zh-Hant/")
    page.get_by_role("link", name="瀏覽產品目錄").click()
    expect(page).to_have_url(server + "zh-Hant/products/")
    expect(page.locator("h1")).to_have_text("產品目錄")
    assert page.evaluate("getComputedStyle(document.querySelector('.gd-toolbar')).display") == "flex"


@pytest.mark.parametrize("query,expected", [("設備物聯", "設備物聯"), ("倉儲", "倉儲管理"), ("服務券", "服務券")],
                         ids=["device", "warehouse", "voucher"])
def test_traditional_search_finds_traditional_results(page, server, query, expected):
    page.goto(server + "zh-Hant/")
    texts = search_results(page, query)
    assert any(expected in text for text in texts[:3]), texts[:3]


@pytest.mark.parametrize("contrast", ["normal", "high"], ids=str)
@pytest.mark.parametrize("script", SCRIPTS, ids=str)
@pytest.mark.parametrize("name", PAGES, ids=str)
def test_every_page_type_passes_axe_in_both_scripts_and_both_contrast_modes(guarded, server, name, script, contrast):
    context, _ = guarded
    if contrast == "high":
        context.add_init_script("localStorage.setItem('gd-contrast', 'high')")
    page = context.new_page()
    page.goto(server + SCRIPTS[script] + PAGES[name])
    expect(page.locator(".gd-toolbar")).to_be_visible()
    violations = run_axe(page)
    assert violations == [], violations


_SIZES = """() => {
  const size = (selector) => { const e = document.querySelector(selector);
    return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
  const box = (selector) => { const e = document.querySelector(selector);
    return e ? e.getBoundingClientRect().height : null; };
  return {text: size('.md-typeset p'), toolbar: size('.gd-toolbar button'), cell: size('.md-typeset td'),
          field: size('.gd-form select, .gd-form input[type=text]'), checkbox: box('.gd-form input[type=checkbox]'),
          button: size('.md-typeset .md-button'), header: size('.md-header__title'), footer: size('.gd-provenance')};
}"""


@pytest.mark.parametrize("name", PAGES, ids=str)
def test_large_type_scales_text_tables_forms_and_controls_on_every_page_type(page, server, name):
    page.goto(server + PAGES[name])
    medium = page.evaluate(_SIZES)
    page.get_by_role("button", name=re.compile(r"^大\s*号字$")).click()
    expect(page.locator("html")).to_have_attribute("data-font-size", "large")
    large = page.evaluate(_SIZES)
    measured = {key: (medium[key], large[key]) for key in medium if medium[key]}
    assert {"text", "toolbar", "header", "footer"} <= set(measured)
    for key, (before, after) in measured.items():
        assert after >= before * 1.2, (key, before, after)


def test_the_calculator_checkboxes_grow_with_the_type_and_show_their_focus(page, server):
    page.goto(server + "calculator/")
    page.locator("label[for=gd-history-yes]").click()
    box = page.locator(".gd-checklist input[type=checkbox]").first
    small = box.bounding_box()["height"]
    page.get_by_role("button", name=re.compile(r"^大\s*号字$")).click()
    assert box.bounding_box()["height"] >= small * 1.2
    box.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                            " return [document.activeElement.type, s.outlineStyle, s.boxShadow]; })()")
    assert focused[0] == "checkbox" and (focused[1] != "none" or focused[2] != "none"), focused


def test_high_contrast_is_remembered_across_pages_and_scripts(page, server):
    page.goto(server)
    page.get_by_role("button", name="高对比度").click()
    expect(page.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "true")
    for path in ("notice/", "zh-Hant/products/", "calculator/"):
        page.goto(server + path)
        expect(page.locator("html")).to_have_attribute("data-contrast", "high")
        colours = page.evaluate("[getComputedStyle(document.querySelector('.md-content')).backgroundColor,"
                                " getComputedStyle(document.querySelector('.md-typeset p, .md-typeset li')).color]")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], (path, colours)
    page.get_by_role("button", name=re.compile("高對比度|高对比度")).click()
    page.goto(server + "help/")
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")


@pytest.mark.parametrize("size", ["small", "medium", "large"], ids=str)
def test_toolbar_and_form_targets_are_at_least_44px_at_every_type_size(guarded, server, size):
    context, _ = guarded
    context.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page = context.new_page()
    page.goto(server + "calculator/")
    page.locator("label[for=gd-history-yes]").click()
    heights = page.evaluate("""[...document.querySelectorAll(
        '.gd-toolbar button, .gd-toolbar a.gd-script, .gd-share__summary, .gd-calculator select, '
        + '.gd-checklist label, .gd-radio label')]
        .filter(e => e.getClientRects().length).map(e => [e.className || e.tagName, e.getBoundingClientRect().height])""")
    assert heights and all(h >= 44 for _, h in heights), [x for x in heights if x[1] < 44]


def test_keyboard_focus_is_visible_on_the_toolbar(page, server):
    page.goto(server + "notice/")
    page.locator(".gd-font").first.focus()
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2 and "255, 221, 0" in style[2], style


_NARROW = """() => {
  const cells = [...document.querySelectorAll('.md-content table td, .md-content table th')]
    .filter(c => c.getClientRects().length && c.textContent.trim().length >= 2);
  return cells.filter(c => c.getBoundingClientRect().width < 2 * parseFloat(getComputedStyle(c).fontSize))
    .map(c => c.textContent.trim().slice(0, 12));
}"""
_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("size", ["medium", "large"], ids=str)
@pytest.mark.parametrize("script", SCRIPTS, ids=str)
@pytest.mark.parametrize("name", ["home", "notice", "product"], ids=str)
def test_tables_read_on_a_375px_phone_without_page_scroll_or_one_character_columns(browser, server, name, script, size):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    context.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page = context.new_page()
    page.goto(server + SCRIPTS[script] + PAGES[name])
    overflow, narrow = page.evaluate(_OVERFLOW), page.evaluate(_NARROW)
    context.close()
    assert overflow <= 0 and narrow == [], (overflow, narrow)


def test_the_annex_on_a_phone_is_a_labelled_card_per_product(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(server + "notice/")
    row = page.locator("#product-14")
    labels = row.locator("td").evaluate_all("tds => tds.filter(td => td.getClientRects().length)"
                                            ".map(td => getComputedStyle(td, '::before').content)")
    context.close()
    assert labels[:5] == ['"序号："', '"一级目录："', '"二级目录："', '"主要应用场景："', '"主要功能模块："'], labels


def test_on_a_wide_screen_the_content_uses_the_width_and_the_annex_is_one_table(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server + "notice/")
    width = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    header_lines = page.locator("#annex-table thead th").evaluate_all(
        "ths => ths.map(th => Math.round(th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight)))")
    narrow, overflow = page.evaluate(_NARROW), page.evaluate(_OVERFLOW)
    context.close()
    assert width >= 800 and max(header_lines) <= 2 and narrow == [] and overflow <= 0, (width, header_lines, narrow)


def test_the_home_ratio_table_keeps_region_names_on_one_line(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(server)
    heights = page.locator("#ratio ~ table tbody th").evaluate_all(
        "ths => ths.map(th => th.getClientRects().length)")
    context.close()
    assert heights and set(heights) == {1}, heights


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_the_share_control_gives_the_link_a_copy_button_and_a_qr_code_of_this_page(guarded, server, script):
    context, _ = guarded
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + SCRIPTS[script] + "notice/")
    page.locator(".gd-share__summary").click()
    expected = server + SCRIPTS[script] + "notice/"
    expect(page.locator(".gd-share__url")).to_have_value(expected)
    page.locator(".gd-share__copy").click()
    expect(page.locator(".gd-share__status")).to_have_text(re.compile("已(复制|複製)"))
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert _decode_element(page.locator(".gd-share__qr svg")) == [expected]


def test_the_share_panel_opens_and_closes_from_the_keyboard(page, server):
    page.goto(server + "help/")
    page.locator(".gd-share__summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".gd-share__url")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".gd-share__url")).to_be_hidden()


def test_the_supplier_sheet_shows_the_product_and_a_qr_code_that_decodes_to_its_page(page, server):
    page.goto(server + "products/05-equipment-iot/")
    page.get_by_role("link", name="可打印的产品单页").click()
    expect(page).to_have_url(server + "products/05-equipment-iot/sheet/")
    sheet = page.locator(".gd-sheet-page")
    for text in ("设备物联", "生产管控", "10 万元", "1,500.00 元/台", "每台设备1500元", server + "products/05-equipment-iot/"):
        expect(sheet).to_contain_text(text)
    assert _decode_element(page.locator(".gd-sheet-page__qr svg")) == [server + "products/05-equipment-iot/"]


@pytest.mark.parametrize("size", ["medium", "large"], ids=str)
def test_the_supplier_sheet_prints_on_one_a4_page(guarded, server, size):
    context, _ = guarded
    context.add_init_script(f"localStorage.setItem('gd-font-size', '{size}')")
    page = context.new_page()
    page.goto(server + "products/16-energy-high-consumption/sheet/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_downloadable_svg_qr_code_decodes_to_the_product_page(page, server):
    page.goto(server + "products/05-equipment-iot/")
    href = page.get_by_role("link", name=re.compile("SVG")).get_attribute("href")
    page.goto(server + "products/05-equipment-iot/" + href)
    assert _decode_element(page.locator("svg")) == [server + "products/05-equipment-iot/"]


def test_traditional_product_pages_and_sheets_carry_qr_codes_of_the_traditional_page(page, server):
    expected = server + "zh-Hant/products/05-equipment-iot/"
    page.goto(server + "zh-Hant/products/05-equipment-iot/")
    assert _decode_element(page.locator(".gd-qr-figure svg")) == [expected]
    href = page.get_by_role("link", name=re.compile("SVG")).get_attribute("href")
    page.goto(server + "zh-Hant/products/05-equipment-iot/" + href)
    assert _decode_element(page.locator("svg")) == [expected]
    page.goto(server + "zh-Hant/products/05-equipment-iot/sheet/")
    expect(page.locator(".gd-sheet-page__url")).to_have_text(expected)
    assert _decode_element(page.locator(".gd-sheet-page__qr svg")) == [expected]


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_alternate_links_make_the_theme_request_nothing_outside_the_site_and_nothing_missing(guarded, server, script):
    context, guard = guarded
    missing: list[str] = []
    context.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page = context.new_page()
    for name in ("home", "product", "calculator"):
        page.goto(server + SCRIPTS[script] + PAGES[name])
        page.wait_for_load_state("networkidle")
        hreflangs = page.locator("head link[hreflang]").evaluate_all("ls => ls.map(l => [[...l.relList].join(' '), l.hreflang])")
        assert hreflangs == [["alternate", "zh-Hans"], ["alternate", "zh-Hant"]]
    assert missing == [] and guard.external == []


@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_the_printed_catalogue_repeats_its_header_row_with_its_words_on_every_page_of_the_table(page, server, script):
    page.goto(server + SCRIPTS[script] + "products/")
    page.wait_for_selector("form[data-shown]", state="attached")  # the filter has drawn the table
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    page.emulate_media(media="print")
    # Chromium paints no button in a repeated header row: in print, the sort buttons' words are the cells'.
    header = page.locator("table.gd-sortable thead")
    assert header.evaluate("h => getComputedStyle(h).display") == "table-header-group"
    assert header.locator("button").evaluate_all("bs => bs.map(b => getComputedStyle(b).display)") == ["contents"] * 6
    last_column = header.locator("th").last.inner_text().strip()
    summaries = [s[:10] for s in page.locator(".gd-catalogue__summary").all_inner_texts()]
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60).stdout
    pages = [p.decode("utf-8").replace("\n", "") for p in text.split(b"\f")]
    with_rows = [i for i, p in enumerate(pages) if any(s in p for s in summaries)]
    with_header = [i for i, p in enumerate(pages) if last_column in p]
    assert len(with_rows) > 1 and set(with_rows) <= set(with_header), (with_rows, with_header)
