"""The 奖补标准 section of product pages states only ratios that can apply, with the engine's figures."""

from __future__ import annotations

import re

import pytest

from calculator.options import options

CITY_OF_REGION = {"珠三角": "广州市", "粤东西北": "汕头市"}


def subsidy_section(site, catalogue, pid: int) -> str:
    product = catalogue.product(pid)
    html = (site / "products" / f"{pid:02d}-{product['slug']}" / "index.html").read_text("utf-8")
    return re.search(r'<h2 id="subsidy">.*?</dl>', html, re.S).group(0)


def engine_contract_for_max(policy, pid: int, **profile) -> str:
    listing = options(profile, policy)
    return next(p for p in listing["products"] if p["product"] == pid)["contract_for_max_text"]


def test_the_pilot_only_product_shows_only_the_pilot_ratio_and_its_contract(site, catalogue, policy):
    section = subsidy_section(site, catalogue, 27)
    assert "70%" not in section and "珠三角" not in section and "428,571.43" not in section
    assert "仅限产业集群试点" in section and "80%" in section
    assert engine_contract_for_max(policy, 27, city="广州市", cluster_pilot=True) in section


@pytest.mark.parametrize("pid", [1, 12, 19, 26], ids=lambda i: f"product-{i}")
@pytest.mark.parametrize("region", ["珠三角", "粤东西北"])
def test_the_contract_for_the_cap_agrees_with_the_engine_to_the_fen(site, catalogue, policy, pid, region):
    section = subsidy_section(site, catalogue, pid)
    expected = engine_contract_for_max(policy, pid, city=CITY_OF_REGION[region])
    assert f"{region} " in section and expected in section
