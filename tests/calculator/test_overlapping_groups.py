"""Exclusion groups may overlap (附件说明 4 as data): a product in several groups is barred by a claim or an
earlier plan item in any of them, refusals name the group(s) shared, and the pages list every group.
Shown with a drill round whose new groups put 9「设备管理」(already in the equipment group) beside 11 and 12."""

from __future__ import annotations

import json

import pytest
from support.cases import policy_of
from support.catalogue_edits import set_at
from support.drill import drill_round, failing_cases

from calculator import estimate, suggest
from calculator.exclusions import shared_groups
from generator.catalogue import catalogue_json, load_catalogue
from generator.catalogue.reader import CatalogueError
from generator.pages import SiteRenderer
from generator.pages.needs import resolve_needs
from generator.pages.products import product_page, product_sheet

REF = {"clause": "附件说明 4", "anchor": "annex-note-4"}
LEAN = {"id": "lean", "name": "精益", "products": [9, 11], "description": "演练：设备管理与精益管理只能申领其一。",
        "reference": REF}
QUALITY = {"id": "quality", "name": "质量", "products": [9, 11, 12], "description": "演练：三者只能申领其一。",
           "reference": REF}

CASES = """
- name: 方案中排在前面的精益管理排除同属“精益”组的设备管理
  clause: 附件说明 4
  plan: {city: 汕头市, items: [{product: 11, contract: 10000}, {product: 9, contract: 10000}]}
  expect: {refusals: {0: null, 1: exclusive_group}, total: "8000.00"}
- name: 设备物联与精益管理不同组，可以同时申领
  clause: 附件说明 4
  plan: {city: 汕头市, items: [{product: 5, contract: 10000}, {product: 11, contract: 10000}]}
  expect: {refusals: {0: null, 1: null}, total: "16000.00"}
- name: 设备管理仍与设备物联互斥
  clause: 附件说明 4
  plan: {city: 汕头市, items: [{product: 9, contract: 10000}, {product: 5, contract: 10000}]}
  expect: {refusals: {0: null, 1: exclusive_group}}
- name: 此前领取过精益管理的，不得申领设备管理，设备物联不受影响
  clause: 附件说明 4
  plan: {city: 汕头市, claimed_before: [11], items: [{product: 9, contract: 10000}, {product: 5, contract: 10000}]}
  expect: {refusals: {0: claimed_before, 1: null}}
- name: 本轮同时获发精益管理与设备管理的历史不可能
  clause: 附件说明 4
  plan: {city: 汕头市, granted_this_round: [{product: 11, amount: 5000}, {product: 9, amount: 5000}], items: []}
  error: {field: "granted_this_round[1].product", message: 同属“精益”“质量”类}
"""


def _drill(tmp_path, groups=(LEAN, QUALITY), cases: str = CASES):
    def add(policy):
        policy["exclusion_groups"] += [dict(g) for g in groups]
    return drill_round(tmp_path, {"policy.yaml": [add]}, cases)


def test_the_drill_rounds_cases_hold(tmp_path):
    assert failing_cases(_drill(tmp_path)) == []


def test_a_refusal_names_every_group_the_two_products_share(tmp_path):
    policy = policy_of(_drill(tmp_path))
    assert [g.id for g in shared_groups(9, 11, policy)] == ["lean", "quality"]
    assert [g.id for g in shared_groups(9, 5, policy)] == ["equipment"]
    result = estimate({"city": "汕头市", "items": [{"product": 11, "contract": 10000}, {"product": 9, "contract": 10000}]},
                      policy)
    assert "与方案中排在前面的 11「精益管理」同属“精益”“质量”类" in result["items"][1]["refusal"]["message"]
    result = estimate({"city": "汕头市", "claimed_before": [12], "items": [{"product": 9, "contract": 10000}]}, policy)
    assert "此前已领取“质量”类的 12「质量管理」" in result["items"][0]["refusal"]["message"]


def test_the_best_plan_keeps_the_heaviest_products_no_two_of_which_share_a_group(tmp_path):
    policy = policy_of(_drill(tmp_path, groups=(LEAN,)))
    # 9 alone earns the most of the three, but 5 and 11 together earn more and share no group.
    plan = {"city": "汕头市", "items": [{"product": 9, "contract": 60000}, {"product": 5, "contract": 50000, "devices": 30},
                                      {"product": 11, "contract": 50000}]}
    best = suggest(plan, policy)
    assert best["kept"] == [1, 2] and best["total"] == "80000.00"


def test_the_catalogue_exports_every_group_of_a_product(tmp_path):
    data = json.loads(catalogue_json(load_catalogue(_drill(tmp_path))))
    by_id = {p["id"]: p for p in data["products"]}
    assert by_id[9]["groups"] == ["equipment", "lean", "quality"] and by_id[9]["group"] == "equipment"
    assert by_id[11]["groups"] == ["lean", "quality"] and by_id[1]["groups"] == []


def test_the_product_page_and_sheet_list_every_group(tmp_path):
    cat = load_catalogue(_drill(tmp_path))
    site = SiteRenderer(cat)
    index = [p["id"] for p in site.data["products"]].index(9)
    page = product_page(site, index).markdown
    rules = [line for line in page.splitlines() if line.startswith("<li>本产品属于")]
    assert [r.split("”")[0] for r in rules] == ["<li>本产品属于“设备物联、设备管理、设备智能", "<li>本产品属于“精益",
                                                "<li>本产品属于“质量"]
    assert "11. 精益管理" in rules[1] and "12. 质量管理" in rules[2] and "12. 质量管理" not in rules[1]
    assert "本产品属于“设备物联、设备管理、设备智能”、“精益”、“质量”互斥组" in product_sheet(site, index).markdown
    table = site.page("products/", "catalogue.md.j2", "产品目录", description="").markdown
    assert 'data-label="互斥组">设备物联、设备管理、设备智能、精益、质量</td>' in table


def test_the_finder_warns_once_for_each_group_a_need_lists_two_of(tmp_path):
    cat = load_catalogue(_drill(tmp_path))
    search = {"needs": [{"id": "drill", "products": [5, 9, 11]}]}
    warnings = resolve_needs(search, SiteRenderer(cat).data["products"], cat.policy["exclusion_groups"])[0]["exclusions"]
    assert [(w["group"]["id"], [p["id"] for p in w["products"]]) for w in warnings] == [
        ("equipment", [5, 9]), ("lean", [9, 11]), ("quality", [9, 11])]


@pytest.mark.parametrize(("group", "key", "message"), [
    ({**LEAN, "products": [5, 9, 10]}, "exclusion_groups[4].products",
     "与 exclusion_groups[3] “设备物联、设备管理、设备智能” 的产品完全相同"),
    ({**LEAN, "id": "equipment"}, "exclusion_groups[4].id", "重复的互斥组 id 'equipment'"),
], ids=["the-same-members-twice", "a-group-id-twice"])
def test_a_group_written_twice_is_refused(tmp_path, group, key, message):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(drill_round(tmp_path, {"policy.yaml": [lambda p: p["exclusion_groups"].append(group)]}))
    assert info.value.file.endswith("policy.yaml") and info.value.key == key and message in info.value.message


def test_a_group_may_still_not_name_an_unknown_product(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(drill_round(tmp_path, {"policy.yaml": [set_at(["exclusion_groups", 0, "products"], [6, 99])]}))
    assert info.value.key == "exclusion_groups[0].products[1]" and "不存在的产品序号 99" in info.value.message
