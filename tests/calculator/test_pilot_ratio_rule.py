"""The cluster pilot's ratio rule is data (policy.yaml `cluster_pilot_ratio.rule`): `replaces` gives a pilot
the pilot ratio wherever it is, `at_least` the higher of its region's and the pilot's; the engine and every
wording of the ratio follow it. Shown with a drill round whose new region pays 90%."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support.cases import policy_of
from support.catalogue_edits import set_at
from support.drill import add_region, drill_round, failing_cases

from calculator import estimate, regions
from generator.catalogue import catalogue_data, load_catalogue
from generator.catalogue.reader import CatalogueError
from generator.pages.guide import resolve_fact
from generator.pages.renderer import SiteRenderer

CASES = {
    "replaces": """
- name: 试点企业在 90% 地区仍按集群试点比例 80%
  clause: 四、奖补标准
  plan: {city: 韶关市, cluster_pilot: true, items: [{product: 12, contract: 100000}]}
  expect: {ratio: "0.80", total: "80000.00"}
- name: 非试点企业在 90% 地区按地区比例
  clause: 四、奖补标准
  plan: {city: 韶关市, items: [{product: 12, contract: 100000}]}
  expect: {ratio: "0.90", total: "90000.00"}
- name: 试点企业在珠三角按集群试点比例
  clause: 四、奖补标准
  plan: {city: 广州市, cluster_pilot: true, items: [{product: 12, contract: 100000}]}
  expect: {ratio: "0.80", total: "80000.00"}
""",
    "at_least": """
- name: 试点企业在 90% 地区取较高的地区比例
  clause: 四、奖补标准
  plan: {city: 韶关市, cluster_pilot: true, items: [{product: 12, contract: 100000}]}
  expect: {ratio: "0.90", total: "90000.00"}
- name: 试点企业在珠三角取较高的集群试点比例
  clause: 四、奖补标准
  plan: {city: 广州市, cluster_pilot: true, items: [{product: 12, contract: 100000}]}
  expect: {ratio: "0.80", total: "80000.00"}
""",
}


def _drill(tmp_path, rule: str):
    return drill_round(tmp_path, {"policy.yaml": [
        add_region("north", "北部生态发展区", "0.90", ["韶关市", "清远市"]),
        set_at(["cluster_pilot_ratio", "rule"], rule)]}, CASES[rule])


@pytest.mark.parametrize("rule", ["replaces", "at_least"])
def test_the_drill_rounds_cases_hold_under_each_rule(tmp_path, rule):
    assert failing_cases(_drill(tmp_path, rule)) == []


def test_replaces_gives_a_pilot_the_pilot_ratio_even_where_the_region_pays_more(tmp_path):
    policy = policy_of(_drill(tmp_path, "replaces"))
    assert regions.subsidy_ratio("韶关市", True, policy) == Decimal("0.80")
    result = estimate({"city": "韶关市", "cluster_pilot": True, "items": [{"product": 12, "contract": 100000}]}, policy)
    assert "企业为产业集群试点，奖补比例按 80%" in result["ratio_text"]
    assert "不论所在地区均按集群试点比例计算" in result["glossary"]["产业集群试点"]


def test_at_least_says_why_a_pilot_got_its_regions_higher_ratio(tmp_path):
    policy = policy_of(_drill(tmp_path, "at_least"))
    result = estimate({"city": "韶关市", "cluster_pilot": True, "items": [{"product": 12, "contract": 100000}]}, policy)
    assert result["ratio_text"].endswith("奖补比例 90%（高于产业集群试点比例 80%，所在地区比例更高的，按所在地区比例）")
    assert "较高者" in result["glossary"]["产业集群试点"] and "不论所在地区" not in str(result["glossary"])


@pytest.mark.parametrize(("rule", "scope", "sentence"), [
    ("replaces", "不论所在地区", "产业集群试点（含A、B类）的奖补比例，不论所在地区，均为 80%。"),
    ("at_least", "所在地区比例更高的，按所在地区比例",
     "产业集群试点（含A、B类）的奖补比例为 80%；所在地区比例更高的，按所在地区比例。"),
])
def test_the_pages_word_the_pilot_ratio_from_its_rule(tmp_path, rule, scope, sentence):
    cat = load_catalogue(_drill(tmp_path, rule))
    policy = catalogue_data(cat)["policy"]
    assert policy["cluster_pilot_ratio"]["description"] == f"产业集群试点（含A、B类）的奖补比例，{scope}。"
    assert SiteRenderer(cat).ratios["pilot"]["scope"] == scope
    assert resolve_fact({"policy": "cluster_pilot_ratio"}, policy, {})["text"] == sentence


def test_the_2020_round_reads_the_notice_literally(catalogue):
    assert catalogue.policy["cluster_pilot_ratio"]["rule"] == "replaces"


@pytest.mark.parametrize(("edit", "message"), [
    (set_at(["cluster_pilot_ratio", "rule"], "higher"), "应为 replaces、at_least 之一，实际为 'higher'"),
    (set_at(["cluster_pilot_ratio", "description"], "产业集群试点的奖补比例，不论所在地区。"), "由 rule（现为 replaces）规定"),
], ids=["an-unknown-rule", "a-description-stating-the-rule"])
def test_a_pilot_ratio_the_engine_could_not_follow_is_refused(tmp_path, edit, message):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(drill_round(tmp_path, {"policy.yaml": [edit]}))
    assert info.value.file.endswith("policy.yaml") and info.value.key.startswith("cluster_pilot_ratio")
    assert message in info.value.message
