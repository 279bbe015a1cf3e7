"""The notice page: one copy of the annex table, the annex's long columns, and every note on the source
text shown where it applies; the city split's note on the home page too."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from support.html import parse_page, resolve

ANNEX_TEXT_ROWS = 27


class _TextOf(HTMLParser):
    """The text inside the element with a given id (and its children)."""

    def __init__(self, target: str) -> None:
        super().__init__(convert_charrefs=True)
        self.target, self.depth, self.text = target, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link")
        elif dict(attrs).get("id") == self.target:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def text_of(html: str, element_id: str) -> str:
    parser = _TextOf(element_id)
    parser.feed(html)
    return "".join(parser.text)


@pytest.fixture(scope="module")
def notice(site) -> str:
    return (site / "notice" / "index.html").read_text("utf-8")


def test_the_notice_page_ships_the_annex_table_once_and_no_editor_comment(notice):
    assert notice.count('id="annex-table"') == 1
    assert notice.count('id="product-27"') == 1
    assert "<!--" not in notice.split('<article', 1)[1].split("</article>")[0]
    assert "catalogue-table" not in notice


@pytest.mark.parametrize("pid", [1, 8, 27], ids=lambda i: f"product-{i}")
def test_the_annex_rows_carry_their_scenario_and_modules_under_anchors(notice, catalogue, pid):
    product = catalogue.product(pid)
    assert product["scenario"] in text_of(notice, f"product-{pid}-scenario")
    modules = text_of(notice, f"product-{pid}-modules")
    assert product["modules"][-1] in modules and "。；" not in modules


def test_the_annex_text_cells_are_kept_out_of_search(notice):
    # 主要应用场景 and 主要功能模块 are columns of the annex table (issue 13); the product pages are what
    # search finds for them.
    assert len(re.findall(r'<td class="gd-annex__(?:scenario|mods)" id="product-\d+-(?:scenario|modules)" '
                          r'data-label="[^"]+" data-search-exclude>', notice)) == 2 * ANNEX_TEXT_ROWS


def test_the_condition_of_product_27_links_to_the_text_it_cites(site, catalogue):
    page = site / "products" / "27-factory-application-integration" / "index.html"
    html = page.read_text("utf-8")
    item = next(li for li in re.findall(r"<li>.*?</li>", html, re.S) if "2 家以上服务商" in li)
    href = re.search(r'href="([^"]+)"', item).group(1)
    path, fragment = resolve(site, page, href)
    assert "主要应用场景" in item
    assert "具备2家以上服务商之间基于云平台的应用改造投入" in text_of(path.read_text("utf-8"), fragment)


@pytest.mark.parametrize("anchor,after", [
    ("preamble", "具体安排如下"), ("sec-1-order", "集群试点享受服务券优先申领和结算"),
    ("sec-2", "具体根据集群试点实施方案确定"), ("sec-5-1", "根据每个集群试点具体方案确定产品目录"),
], ids=str)
def test_each_variant_between_the_sources_is_shown_right_after_its_paragraph(notice, anchor, after):
    note = text_of(notice, f"note-{anchor}")
    assert note.startswith("版本差异") and "网页版" in note and "集群" in note
    between = notice.split(after, 1)[1].split(f'id="note-{anchor}"', 1)[0]
    assert "<p" not in between.replace('<p class="gd-note"', "") and "<h" not in between


def test_the_city_split_note_is_shown_under_clause_4_and_on_the_home_page(site, notice):
    note = text_of(notice, "note-sec-4")
    assert note.startswith("整理说明") and "未列出所辖城市" in note
    home = (site / "index.html").read_text("utf-8")
    assert "未列出所辖城市" in home and "gd-note" in home


@pytest.mark.parametrize("pid,words", [(2, "半角括号"), (17, "产业或服务"), (27, "统一登陆入口")], ids=str)
def test_product_notes_are_shown_on_the_product_page_and_in_the_annex(site, catalogue, notice, pid, words):
    product = catalogue.product(pid)
    page = (site / "products" / f"{pid:02d}-{product['slug']}" / "index.html").read_text("utf-8")
    assert words in page.split('id="notes"', 1)[1]
    row = notice.split(f'id="product-{pid}-modules"', 1)[1].split("</tr>", 1)[0]
    assert words in row and "整理说明" in row


def test_every_note_anchor_exists_on_the_notice_page(site, catalogue):
    ids = parse_page(site / "notice" / "index.html").ids
    for note in catalogue.policy["notice"]["notes"]:
        assert note["anchor"] in ids and f"note-{note['anchor']}" in ids
