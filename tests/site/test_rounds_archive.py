"""A new round is a data change (issue 22): a drill round built from data alone is published at the root,
with 2020 kept whole as an archive under archive/2020/, its pages, links and results unchanged."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context, wait_for_engine
from support.build import build_site
from support.cases import RUN_CASES_JS, cpython_answer, load_cases, mismatches, policy_of
from support.drill_round import DRILL, REMOVED, drill_catalogue
from support.waits import WAIT_MS

from calculator import PlanError, Policy, estimate, options
from generator.hosting.serve import make_server

ARCHIVE = "archive/2020/"
REMOVED_PAGE = "products/27-factory-application-integration/"


@pytest.fixture(scope="module")
def drill(tmp_path_factory) -> tuple[Path, Path]:
    """(catalog/ with the drill round current, the site built from it)."""
    tmp = tmp_path_factory.mktemp("drill")
    catalog = drill_catalogue(tmp)
    site = tmp / "site"
    done = build_site(site, catalog)
    assert done.returncode == 0, done.stderr
    return catalog, site


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def _article_text(html: str) -> str:
    """The page's own words: its article, without the round switcher and without the build's id."""
    article = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    article = re.sub(r'<nav class="gd-rounds".*?</nav>', "", article, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", article)
    text = re.sub(r"构建 [0-9a-f]{8,}|[0-9a-f]{12}", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_the_drill_round_is_published_at_the_root_and_2020_under_the_archive(drill):
    _, site = drill
    current = json.loads((site / "catalog.json").read_text("utf-8"))
    archived = json.loads((site / ARCHIVE / "catalog.json").read_text("utf-8"))
    assert current["policy"]["enterprise_cap"]["value"] == 400000
    assert archived["policy"]["enterprise_cap"]["value"] == 300000
    assert REMOVED not in {p["id"] for p in current["products"]}
    assert REMOVED in {p["id"] for p in archived["products"]}


@pytest.mark.parametrize("page", ["", "products/", "products/01-general-design-tools/", REMOVED_PAGE, "calculator/",
                                  "notice/", "guide/", "downloads/"])
def test_the_2020_archive_reads_as_the_2020_site_did(drill, site, page):
    _, drilled = drill
    assert _article_text(_html(drilled, ARCHIVE + page)) == _article_text(_html(site, page))


def test_the_2020_archive_keeps_its_own_engine_data_and_offline_cache(drill, site):
    _, drilled = drill
    assert (drilled / ARCHIVE / "sw.js").is_file() and (drilled / ARCHIVE / "build.json").is_file()
    assert (drilled / ARCHIVE / "catalog.json").read_bytes() == (site / "catalog.json").read_bytes()
    # The site's own service worker leaves the archive's requests to the archive's worker.
    assert '"archive/"' in (drilled / "sw.js").read_text("utf-8")


@pytest.mark.parametrize("folder", ["2020", DRILL])
def test_each_rounds_own_cases_hold_in_cpython_against_its_own_data(drill, folder):
    catalog, _ = drill
    cases = load_cases(catalog / folder)
    assert cases
    for case in cases:
        policy = policy_of(catalog / folder)
        call = options if case.get("call") == "options" else estimate
        if "error" in case:
            with pytest.raises(PlanError) as info:
                call(case["plan"], policy)
            assert info.value.field == case["error"]["field"], case["name"]
            continue
        assert not mismatches(case["expect"], call(case["plan"], policy)), case["name"]


def test_every_page_says_which_round_it_belongs_to(drill):
    _, site = drill
    root = _html(site, "products/01-general-design-tools/")
    assert re.search(r'<strong aria-current="page">2021 年度（现行）</strong>', root)
    archived = _html(site, ARCHIVE + "products/01-general-design-tools/")
    assert "2020 年度目录存档" in archived and "不适用于现行的2021 年度目录" in archived
    assert re.search(r'<strong aria-current="page">2020 年度（存档）</strong>', archived)


def _round_links(html: str) -> list[str]:
    return re.findall(r'<a data-gd-round-link href="([^"]*)"', html)


@pytest.mark.parametrize("page", ["", "products/01-general-design-tools/", "zh-Hant/", "zh-Hant/calculator/",
                                  ARCHIVE, ARCHIVE + "products/01-general-design-tools/", ARCHIVE + "zh-Hant/notice/"])
def test_the_round_switcher_leads_to_the_other_rounds_home_in_the_same_script(drill, page):
    _, site = drill
    links = _round_links(_html(site, page))
    assert links
    for link in links:
        target = (site / page / link).resolve()
        assert (target / "index.html").is_file(), f"{page} → {link}"
        assert (target.name == "zh-Hant") == ("zh-Hant/" in page), f"{page} → {link} 换了字体"


def test_a_removed_products_address_says_so_and_leads_to_its_archived_page(drill):
    _, site = drill
    html = _html(site, REMOVED_PAGE)
    assert "本产品未列入2021 年度目录" in html and "工厂应用集成" in html
    archived = re.search(r'<a href="([^"]*)">查看2020 年度目录存档中的本产品页面', html).group(1)
    assert (site / REMOVED_PAGE / archived / "index.html").resolve().is_file()
    assert (site / REMOVED_PAGE / archived).resolve() == (site / ARCHIVE / REMOVED_PAGE).resolve()


@pytest.fixture(scope="module")
def drill_server(drill):
    _, site = drill
    httpd = make_server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize(("where", "folder"), [("", DRILL), (ARCHIVE, "2020")], ids=["current-2021", "archive-2020"])
def test_each_rounds_calculator_in_chromium_agrees_with_cpython_on_that_rounds_cases(browser, drill, drill_server,
                                                                                   where, folder):
    catalog, site = drill
    cases = load_cases(catalog / folder)
    policy = Policy.from_json((site / where / "catalog.json").read_text("utf-8"))
    context, guard = new_guarded_context(browser, drill_server)
    try:
        page = context.new_page()
        page.goto(drill_server + where + "calculator/")
        wait_for_engine(page)
        answers = page.evaluate(RUN_CASES_JS, cases)
    finally:
        context.close()
    assert guard.external == []
    for case, answer in zip(cases, answers, strict=True):
        assert answer == cpython_answer(case, policy), case["name"]


def test_a_link_made_under_2020_opened_on_the_2021_site_says_so_and_opens_the_same_plan_in_the_archive(
        browser, drill_server):
    plan = "city=" + quote("广州市") + "&item=1:" + quote("10万") + ":"
    context, guard = new_guarded_context(browser, drill_server)
    try:
        page = context.new_page()
        page.goto(drill_server + "calculator/#" + plan)  # a link of the 2020 site names no round
        note = page.locator("#gd-round-link")
        expect(note).to_be_visible(timeout=WAIT_MS)
        expect(note).to_contain_text("此链接是按2020 年度目录测算的方案")
        expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
        # The page's own link now names its round, so the next reader gets no note.
        page.wait_for_function("() => location.hash.includes('round=2021')", timeout=WAIT_MS)
        note.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/archive/2020/calculator/#"), timeout=WAIT_MS)
        expect(page.locator("#gd-status")).to_contain_text("70,000.00 元", timeout=WAIT_MS)
        expect(page.locator("#gd-round-link")).to_be_hidden()
        page.goto(drill_server + "calculator/#" + plan + "&round=2021")
        expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
        expect(page.locator("#gd-round-link")).to_be_hidden()
    finally:
        context.close()
    assert guard.external == []


@pytest.mark.parametrize("page", ["calculator/", "zh-Hant/calculator/", ARCHIVE + "calculator/",
                                  ARCHIVE + "zh-Hant/calculator/"])
def test_the_calculator_knows_every_rounds_calculator_in_its_own_script(drill, page):
    _, site = drill
    rounds = json.loads(re.search(r" data-rounds='([^']*)'", _html(site, page)).group(1))
    assert [r["folder"] for r in rounds] == ["2020", DRILL]
    for r in rounds:
        calculator = (site / page / r["root"] / "calculator").resolve()
        assert (calculator / "index.html").is_file(), f"{page}: {r}"
        assert (calculator.parent.name == "zh-Hant") == ("zh-Hant/" in page), f"{page}: {r}"


def test_the_added_product_has_its_own_address_and_prints_the_rounds_number(drill):
    _, site = drill
    html = _html(site, "products/28-equipment-safety-monitoring/")
    assert "序号 27" in html and "设备安全监测" in html
    assert "设备安全" in _html(site, "products/09-equipment-management/")  # the overlapping group, both ways
