"""The product page's 互斥规则 states the notice's condition in full (附件说明 4, issue 21): the rule binds an
enterprise that received a voucher *and the related subsidy* (“并获得相关财政补贴的”)."""

from __future__ import annotations

import re

import pytest

IDS = range(1, 28)


@pytest.mark.parametrize("pid", IDS, ids=lambda i: f"product-{i}")
def test_the_exclusion_rule_names_the_subsidy_condition_and_the_clause(site, catalogue, pid):
    product = catalogue.product(pid)
    html = (site / "products" / f"{pid:02d}-{product['slug']}" / "index.html").read_text("utf-8")
    section = re.search(r'<h2 id="exclusions">.*?</ul>', html, re.S).group(0)
    assert "曾领取服务券并获得相关财政补贴的" in section and "不同类别服务券可申领" in section
    assert "附件说明 4" in section


def test_the_rule_is_read_from_the_catalogue_not_written_in_the_template():
    from pathlib import Path
    template = (Path(__file__).resolve().parents[2] / "generator/pages/templates/product.md.j2").read_text("utf-8")
    assert "财政补贴" not in template and "policy.same_product.description" in template
