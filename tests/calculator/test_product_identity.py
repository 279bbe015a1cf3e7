"""A product's `id` is its permanent identity (kept across rounds, never reused, gaps allowed): pages, links,
plans and QR codes use it. Its `number` is this round's 序号 as the notice prints it (the id when not
written), running 1..N: tables, pages, sheets, exports, search and messages show it. Shown with a drill copy
of the 2020 round with 3「通用研发管理」 removed and a product added with a new id (28) as 序号 27."""

from __future__ import annotations

import csv
import io
import json

import pytest
from support.cases import policy_of
from support.catalogue_edits import CATALOG, set_at
from support.drill import drill_round, failing_cases

from calculator import PlanError, estimate
from generator.catalogue import catalogue_csv, catalogue_json, load_catalogue, load_guide
from generator.catalogue.reader import CatalogueError
from generator.pages import SiteRenderer
from generator.pages.registry import render_pages

NEW = {"id": 28, "number": 27, "slug": "drill-new-product", "category": "运营管理", "name": "演练新产品",
       "scenario": "演练用的新产品。", "modules": ["演练功能"], "optional_modules": [], "cap": 60000, "per_device": None,
       "remark": "", "keywords": [], "summary": "演练用的新产品。"}

CASES = """
- name: 新产品以其 id 28 申领，按序号 27 显示
  clause: 四、奖补标准
  plan: {city: 广州市, items: [{product: 28, contract: 50000}]}
  expect: {total: "35000.00", items: [{product: 28, number: 27, name: 演练新产品}]}
- name: 产品 4 的 id 不变，本轮序号为 3
  clause: 四、奖补标准
  plan: {city: 广州市, items: [{product: 4, contract: 100000}]}
  expect: {total: "70000.00", items: [{product: 4, number: 3}]}
"""


def _renumber(products):
    """Remove 3 (a gap in the ids), number the rest 1..26 in order, add 28 as 序号 27."""
    products["products"] = [p for p in products["products"] if p["id"] != 3]
    for i, product in enumerate(products["products"], start=1):
        if product["id"] != i:
            product["number"] = i
    products["products"].append(dict(NEW))


def _drop_3_from_needs(search):
    for need in search["needs"]:
        need["products"] = [pid for pid in need["products"] if pid != 3]


@pytest.fixture
def drill(tmp_path):
    return drill_round(tmp_path, {"products.yaml": [_renumber], "search.yaml": [_drop_3_from_needs]}, CASES)


def test_the_drill_rounds_cases_hold(drill):
    assert failing_cases(drill) == []


def test_unchanged_products_keep_their_2020_addresses(drill):
    before = {p["id"]: p["page"] for p in json.loads(catalogue_json(load_catalogue(CATALOG)))["products"]}
    after = {p["id"]: p for p in json.loads(catalogue_json(load_catalogue(drill)))["products"]}
    assert 3 not in after and after[28]["page"] == "products/28-drill-new-product/" and after[28]["number"] == 27
    assert {pid: p["page"] for pid, p in after.items() if pid != 28} == {pid: page for pid, page in before.items() if pid != 3}
    assert [p["number"] for p in after.values()] == list(range(1, 28))


def test_every_page_of_the_drill_round_renders_and_shows_the_number(drill):
    cat = load_catalogue(drill)
    pages = {page.url: page for page in render_pages(SiteRenderer(cat, load_guide(drill, cat)))}
    product = pages["products/04-industry-design-tools/"]
    assert product.title == "03 行业设计工具" and "序号 3 · " in product.markdown
    assert "序号 3</p>" in pages["products/04-industry-design-tools/sheet/"].markdown
    assert "products/03-" not in "".join(pages) and "products/28-drill-new-product/" in pages
    assert 'data-label="序号">27</td>' in pages["products/"].markdown
    assert "calculator/#item=4" in product.markdown


def test_the_csv_shows_the_number_and_the_page_keeps_the_id(drill):
    rows = list(csv.reader(io.StringIO(catalogue_csv(load_catalogue(drill)).decode("utf-8-sig"))))
    header = rows[0]
    by_number = {row[header.index("序号")]: row for row in rows[1:]}
    assert by_number["3"][header.index("二级目录")] == "行业设计工具"
    assert by_number["3"][header.index("页面")] == "products/04-industry-design-tools/"


def test_messages_name_a_product_by_its_number(drill):
    result = estimate({"city": "广州市", "items": [{"product": 4, "contract": 1000}, {"product": 4, "contract": 1000}]},
                      policy_of(drill))
    assert result["items"][1]["refusal"]["message"].startswith("3「行业设计工具」在方案中重复出现")


def test_an_unknown_product_in_a_round_with_a_gap_is_not_told_a_range_that_holds_the_gap(drill):
    with pytest.raises(PlanError) as info:
        estimate({"city": "广州市", "items": [{"product": 3, "contract": 1000}]}, policy_of(drill))
    assert info.value.field == "items[0].product" and info.value.message.startswith("未知产品“3”：本轮目录中没有这个产品")
    assert "至" not in info.value.message and "products/04-industry-design-tools/ 为 4" in info.value.message


def test_an_unknown_product_in_a_round_numbered_1_to_n_is_told_the_range():
    with pytest.raises(PlanError) as info:
        estimate({"city": "广州市", "items": [{"product": 99, "contract": 1000}]}, policy_of(CATALOG))
    assert info.value.message == "未知产品“99”：请填写目录中的产品序号 1 至 27"


@pytest.mark.parametrize(("edit", "key", "message"), [
    (set_at(["products", 1, "number"], 1), "products[1].number", "重复的序号 1"),
    (set_at(["products", 26, "number"], 30), "products", "序号（number，未写时同 id）应从 1 连续编号至 27"),
], ids=["a-number-twice", "a-gap-in-the-numbers"])
def test_the_numbers_run_1_to_n_without_gaps_or_repeats(tmp_path, edit, key, message):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(drill_round(tmp_path, {"products.yaml": [edit]}))
    assert info.value.file.endswith("products.yaml") and info.value.key == key and message in info.value.message
