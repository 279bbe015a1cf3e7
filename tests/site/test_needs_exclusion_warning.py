"""按需求找产品 warns where a need lists products that exclude each other (issue 21): the warning comes from
policy.yaml's exclusion groups, so it follows the catalogue, never a list written in a template."""

from __future__ import annotations

import re

from generator.pages.needs import resolve_needs


def _need_html(site, need_id: str) -> str:
    html = (site / "index.html").read_text("utf-8")
    return re.search(rf'<details class="gd-needs__item" id="need-{need_id}">.*?</details>', html, re.S).group(0)


def test_a_need_with_equipment_products_warns_that_only_one_of_them_can_be_claimed(site, catalogue):
    needs = [n for n in catalogue.search["needs"] if {5, 9, 10} <= set(n["products"])]
    assert needs, "按需求找产品中应有同时列出设备物联、设备管理、设备智能的一项"
    block = _need_html(site, needs[0]["id"])
    warning = re.search(r'<p class="gd-needs__exclusion">.*?</p>', block, re.S).group(0)
    assert "“设备物联”、“设备管理”、“设备智能”只能申领其中一项" in warning
    assert 'href="notice/#annex-note-4"' in warning


def test_the_warning_follows_the_catalogues_exclusion_groups():
    products = [{"id": i, "name": f"产品{i}"} for i in (1, 2, 3)]
    search = {"needs": [{"id": "a", "products": [1, 2, 3]}]}
    group = {"name": "组", "products": [2, 3], "description": "……", "reference": {}}
    assert resolve_needs(search, products, [])[0]["exclusions"] == []
    [warning] = resolve_needs(search, products, [group])[0]["exclusions"]
    assert [p["id"] for p in warning["products"]] == [2, 3] and warning["group"] is group


def test_a_need_with_one_product_of_a_group_has_no_warning():
    products = [{"id": i, "name": f"产品{i}"} for i in (1, 2)]
    search = {"needs": [{"id": "a", "products": [1, 2]}]}
    group = {"name": "组", "products": [2, 3], "description": "……", "reference": {}}
    assert resolve_needs(search, products, [group])[0]["exclusions"] == []
