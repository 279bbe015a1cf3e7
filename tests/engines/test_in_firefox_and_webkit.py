"""The site in Firefox ESR and in WebKit (Safari's engine), as well as in Chromium: every YAML case through
the calculator page equal to CPython to the fen, the pages load with no page error, the service worker
takes control, and the 申领测算单 prints (where the driver can print). One session per engine."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from urllib.parse import quote, urlsplit

import pytest
from support.cases import RUN_CASES_JS, cpython_answer, load_cases
from support.engines import EngineUnavailable
from support.waits import WAIT_S

CASES = load_cases()
STATE = "() => { const c = document.getElementById('gd-calculator'); return c && c.dataset.state || ''; }"
SETTLED = "() => { const s = (document.getElementById('gd-calculator') || {dataset: {}}).dataset.state;" \
          " return s && s !== 'loading' ? s : ''; }"
TEXT_OF = "(id) => (document.getElementById(id) || {textContent: ''}).textContent"
LEFT_SITE = "(host) => performance.getEntriesByType('resource').map(e => e.name)" \
            ".filter(u => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).host !== host)"


def open_calculator(engine, url: str) -> None:
    engine.new_page()
    engine.goto(url)
    state = engine.wait_for(SETTLED, timeout=2 * WAIT_S, what="the calculator's engine settles")
    assert state != "failed", engine.evaluate(TEXT_OF, "gd-failure")


@pytest.fixture(scope="module")
def answers(engine, engine_server):
    """Every case through the calculator page of this engine, in one call of one page."""
    started = time.monotonic()
    open_calculator(engine, engine_server + "calculator/")
    booted = time.monotonic() - started
    out = engine.evaluate(RUN_CASES_JS, [{"plan": c["plan"], "call": c.get("call", "")} for c in CASES])
    assert engine.errors() == []
    print(f"\n{engine.name} {engine.version}: started in {engine.started_in:.1f} s, engine ready in {booted:.1f} s,"
          f" {len(CASES)} cases in {time.monotonic() - started - booted:.1f} s")
    return dict(zip([c["id"] for c in CASES], out, strict=True))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_every_yaml_case_gives_the_same_result_as_cpython(answers, policy, case):
    assert answers[case["id"]] == cpython_answer(case, policy)


PAGES = {
    "home": ("", "() => !!document.querySelector('.md-content h1')"),
    "product": ("products/19-warehouse-management/",
                "() => (document.querySelector('.md-content h1') || {}).textContent === '19 仓储管理'"),
    "hant-notice": ("zh-Hant/notice/",
                    "() => document.documentElement.lang === 'zh-Hant' && !!document.querySelector('.md-content h1')"),
    "hant-calculator": ("zh-Hant/calculator/", SETTLED),
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_load_with_no_page_error_and_no_request_off_the_site(engine, engine_server, name):
    path, loaded = PAGES[name]
    engine.new_page()
    engine.goto(engine_server + path)
    engine.wait_for(loaded, timeout=WAIT_S, what=f"{name} page shows")
    if name == "hant-calculator":
        assert engine.evaluate(STATE) != "failed", engine.evaluate(TEXT_OF, "gd-failure")
    assert engine.errors() == []
    assert engine.evaluate(LEFT_SITE, urlsplit(engine_server).netloc) == []


SEARCH = """(query) => { const field = document.querySelector('input.md-search__input');
  field.focus(); field.value = query; field.dispatchEvent(new Event('input', {bubbles: true}));
  field.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'})); return true; }"""
SEARCHED = """(query) => { const r = document.querySelector('.gd-search');
  return r && r.dataset.query === query ? [...document.querySelectorAll('.md-search-result__item')]
    .map(e => e.textContent) : null; }"""


def test_search_from_a_product_page_finds_a_product_by_its_chinese_name(engine, engine_server):
    engine.new_page()
    engine.goto(engine_server + "products/19-warehouse-management/")
    engine.wait_for("() => !!document.querySelector('input.md-search__input')", what="the search box")
    engine.evaluate(SEARCH, "仓储管理")
    found = engine.wait_for(SEARCHED, "仓储管理", timeout=WAIT_S, what="search results for 仓储管理")
    assert any("仓储管理" in text for text in found), found
    assert engine.errors() == []


BOOTS = "() => (window.__gdMessages || []).filter(m => m && m.type === 'ready').map(m => m.boot)"


def test_the_calculator_boots_from_the_snapshot_and_shows_a_result(engine, engine_server):
    open_calculator(engine, engine_server + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    engine.wait_for("(id) => document.getElementById(id).textContent.includes('60,000.00 元')", "gd-status",
                    timeout=WAIT_S, what="the total of 60,000.00 元")
    assert engine.evaluate(BOOTS) == ["snapshot"]
    assert engine.errors() == []


def test_the_service_worker_takes_control_once_the_engine_is_ready(engine, engine_server):
    open_calculator(engine, engine_server + "calculator/")
    assert engine.evaluate("() => window.isSecureContext && 'serviceWorker' in navigator")
    engine.wait_for("() => navigator.serviceWorker.controller !== null", timeout=2 * WAIT_S,
                    what="the service worker controls the page")
    scope = engine.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == engine_server
    assert engine.errors() == []


# Two large contracts, so the amount columns hold their longest figures (the old print CSS split them).
SHEET_URL = ("calculator/#city=" + quote("广州市") + "&history=no&item=19:" + quote("987654321") + ":&item=1:"
             + quote("12345678.90") + ":")
FIGURE = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")
FILL_NAME = """(name) => { const field = document.getElementById('gd-enterprise-name'); field.value = name;
  field.dispatchEvent(new Event('input', {bubbles: true})); return true; }"""


def test_the_printed_sheet_is_one_a4_page_with_every_figure_whole(engine, engine_server, tmp_path):
    open_calculator(engine, engine_server + SHEET_URL)
    engine.wait_for("(id) => document.getElementById(id).textContent.includes('130,000.00')", "gd-status",
                    timeout=WAIT_S, what="the total")
    engine.evaluate(FILL_NAME, "广州某某精密制造有限公司")
    engine.wait_for("() => document.getElementById('gd-sheet').textContent.includes('广州某某精密制造有限公司')",
                    what="the sheet carries the enterprise's name")
    try:
        pdf = engine.pdf()
    except EngineUnavailable as err:
        pytest.skip(str(err))
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils is needed"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    # Firefox embeds CJK font subsets whose text pdftotext cannot map back: the words are checked in the
    # sheet as printed (the DOM), the figures in the PDF, each whole on one line.
    shown = engine.evaluate(TEXT_OF, "gd-sheet")
    flat = re.sub(r"\s+", "", shown)
    for fragment in ("申领测算单", "测算日期", "广州市", "广州某某精密制造有限公司", "奖补比例70%", "130,000.00元"):
        assert fragment in flat, fragment
    figures = FIGURE.findall(shown)
    assert "987,654,321.00" in figures and "12,345,678.90" in figures
    for figure in figures:
        assert figure in text, f"{figure} is split across lines in the printed sheet:\n{text}"
    assert engine.errors() == []
