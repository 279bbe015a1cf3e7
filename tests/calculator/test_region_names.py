"""A region is named as policy.yaml writes it (`full_name`): the code adds no suffix, so a region called
北部生态发展区 never prints as “北部生态发展区地区”. Shown with a drill round holding such a region."""

from __future__ import annotations

import pytest
from support.cases import policy_of
from support.catalogue_edits import delete_at
from support.drill import add_region, drill_round, failing_cases

from calculator import options
from generator.catalogue import load_catalogue, load_guide
from generator.catalogue.reader import CatalogueError
from generator.pages import SiteRenderer
from generator.pages.registry import render_pages

CASES = """
- name: 新地区的城市按其名称说明奖补比例
  clause: 四、奖补标准
  plan: {city: 韶关市, items: [{product: 12, contract: 100000}]}
  expect: {region: 北部生态发展区, ratio: "0.90", ratio_text: 韶关市属北部生态发展区，奖补比例 90%}
- name: 珠三角的城市仍写作珠三角地区
  clause: 四、奖补标准
  plan: {city: 广州市, items: [{product: 12, contract: 100000}]}
  expect: {ratio_text: 广州市属珠三角地区，奖补比例 70%}
"""


@pytest.fixture
def drill(tmp_path):
    return drill_round(tmp_path, {"policy.yaml": [add_region("north", "北部生态发展区", "0.90", ["韶关市"])]}, CASES)


def test_the_drill_rounds_cases_hold(drill):
    assert failing_cases(drill) == []


def test_no_result_or_page_adds_a_suffix_to_a_regions_name(drill):
    assert options({"city": "韶关市"}, policy_of(drill))["ratio_text"].startswith("韶关市属北部生态发展区，")
    cat = load_catalogue(drill)
    pages = "".join(page.markdown for page in render_pages(SiteRenderer(cat, load_guide(drill, cat))))
    assert "北部生态发展区地区" not in pages
    assert '<th scope="row">北部生态发展区</th>' in pages and "北部生态发展区 90%；" in pages
    assert '<th scope="row">珠三角地区</th>' in pages


def test_a_region_without_its_full_name_is_refused(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(drill_round(tmp_path, {"policy.yaml": [delete_at(["regions", "prd", "full_name"])]}))
    assert info.value.file.endswith("policy.yaml") and info.value.key == "regions.prd"
    assert "缺少必填字段 “full_name”" in info.value.message
