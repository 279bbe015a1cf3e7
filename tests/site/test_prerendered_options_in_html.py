"""The calculator page carries the 可申领一览 the build computed with the engine (issue 24): in its HTML, read
without JavaScript, a table for every city of the catalogue, as a cluster pilot and not, whose figures and
reasons are CPython's `options()` to the fen; headed, captioned and with scoped header cells."""

from __future__ import annotations

import re

import pytest
from support.dom import Element, parse_tree

from calculator.options import options

PAGES = ["calculator/index.html", "embed/calculator/index.html"]


def _groups(site, page: str) -> list[Element]:
    tree = parse_tree(site / page)
    [block] = tree.find_all(lambda e: e.attrs.get("id") == "gd-prerendered")
    return block.find_all(lambda e: "data-members" in e.attrs)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expected_row(option: dict) -> list[str]:
    """A row as the engine's answer gives it, in the page's words (the same as strings.js writes)."""
    name = f"{option['product']}. {option['name']}"
    if not option["available"]:
        refusal = option["refusal"]
        return [name, f"不予奖补：{refusal['label']}。{refusal['message']} （依据：{refusal['reference']['clause']}）"]
    devices = (f"至少 {option['devices_for_max']} 台（每台 {option['per_device_text']}）"
               if option["devices_for_max"] else "—")
    return [name, option["max_voucher_text"], option["contract_for_max_text"], devices]


def _rows(group: Element) -> list[list[str]]:
    [body] = group.find_all(lambda e: e.tag == "tbody")
    return [[_flat(cell.text()) for cell in row.children if isinstance(cell, Element)]
            for row in body.children if isinstance(row, Element)]


@pytest.mark.parametrize("page", PAGES, ids=["calculator", "embedded-calculator"])
@pytest.mark.parametrize("pilot", [False, True], ids=["not-a-pilot", "pilot"])
def test_every_city_has_its_table_in_the_html_with_the_engines_figures(site, policy, catalog_data, page, pilot):
    groups = _groups(site, page)
    for city in catalog_data["policy"]["cities"]["members"]:
        holding = [g for g in groups if f"{city}:{int(pilot)}" in g.attrs["data-members"].split()]
        assert len(holding) == 1, f"{city}（试点：{pilot}）应有且只有一张预先计算的表，实际 {len(holding)} 张"
        [group] = holding
        assert city in group.find_all(lambda e: e.tag == "h4")[0].text()  # the heading names it
        answer = options({"city": city, "cluster_pilot": pilot, "claimed_before": [], "granted_this_round": []}, policy)
        assert _rows(group) == [_expected_row(o) for o in answer["products"]], city


def test_the_tables_are_headed_captioned_and_scoped(site):
    groups = _groups(site, "calculator/index.html")
    assert groups
    for group in groups:
        heading = group.find_all(lambda e: e.tag == "h4")[0]
        assert group.attrs["aria-labelledby"] == heading.attrs["id"]
        [caption] = group.find_all(lambda e: e.tag == "caption")
        assert "预先计算" in caption.text() and _flat(heading.text()) in _flat(caption.text())
        cells = group.find_all(lambda e: e.tag == "th")
        assert cells and all(c.attrs.get("scope") in {"col", "row"} for c in cells)


def test_the_list_says_whose_figures_they_are_and_of_which_round(site, catalog_data):
    tree = parse_tree(site / "calculator/index.html")
    [block] = tree.find_all(lambda e: e.attrs.get("id") == "gd-prerendered")
    intro = _flat(block.text())
    notice = catalog_data["notice"]
    assert notice["number"] in intro and notice["catalogue_title"] in intro
    assert "测算引擎" in intro and "目录数据" in intro  # the build's identity, as under every result
    # What bars what beyond the tables: each exclusion group of the catalogue, with its clause.
    for group in catalog_data["policy"]["exclusion_groups"]:
        assert group["description"] in intro


def test_an_excluded_city_gives_the_notices_reason_with_its_clause(site, catalog_data):
    excluded = catalog_data["policy"]["excluded_cities"]
    groups = _groups(site, "calculator/index.html")
    for city in excluded["value"]:
        [group] = [g for g in groups if f"{city}:0" in g.attrs["data-members"].split()]
        links = group.find_all(lambda e: e.tag == "a" and "gd-clause" in e.classes)
        assert links and {a.attrs["href"] for a in links} == {f"../notice/#{excluded['reference']['anchor']}"}
