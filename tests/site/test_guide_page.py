"""The 办事指南 page: every statement on it is a fact of catalog/ with its source, and each source holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support.dom import Element, parse_tree
from support.html import parse_page

from generator.catalogue import policy_node

CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog" / "2020"
_NUMBER = re.compile(r"\d+")
_EMAIL = re.compile(r"[\w.-]+@[\w.-]+")


@pytest.fixture(scope="module")
def guide_yaml() -> dict:
    return yaml.safe_load((CATALOG_DIR / "guide.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def guide(site) -> Element:
    tree = parse_tree(site / "guide" / "index.html")
    (body,) = tree.find_all(lambda e: "gd-guide" in e.classes)
    return body


def _facts(guide: Element) -> list[Element]:
    return guide.find_all(lambda e: "data-gd-fact" in e.attrs)


def _fact_text(fact: Element) -> str:
    """The statement without its citation, the 未经核实 badge, or the names of linked product pages."""
    def skip(e: Element) -> bool:
        return bool(e.classes & {"gd-cite", "gd-unverified"}) or (e.tag == "a" and "products/" in e.attrs.get("href", ""))
    return re.sub(r"\s+", " ", fact.text(skip)).strip()


def _yaml_facts(guide_yaml: dict) -> list[dict]:
    facts = guide_yaml["after_round"]["facts"] + [f for step in guide_yaml["steps"] for f in step["facts"]]
    facts += guide_yaml["materials"]
    facts += guide_yaml["contacts"]["facts"] + [f for item in guide_yaml["faq"] for f in item["facts"]]
    return facts


def test_every_statement_on_the_guide_page_is_a_cited_fact_or_marked_as_page_text(guide):
    allowed = {"gd-guide__meta", "gd-round-status"}
    for block in guide.find_all(lambda e: e.tag in ("p", "li")):
        inside_fact = any("data-gd-fact" in a.attrs for a in block.ancestors())
        if "data-gd-fact" in block.attrs or inside_fact or block.classes & allowed:
            continue
        # A step is only a container: its heading and its list of facts.
        assert "gd-step" in block.classes and not block.own_text().strip(), block.text()[:80]


def test_the_page_shows_each_fact_of_guide_yaml_once_plus_the_contacts(guide, guide_yaml):
    assert len(_facts(guide)) == len(_yaml_facts(guide_yaml)) + 1


def test_each_restated_fact_is_the_text_of_guide_yaml(guide, guide_yaml):
    texts = {f["text"] for f in _yaml_facts(guide_yaml) if "text" in f}
    shown = {_fact_text(f) for f in _facts(guide)}
    assert texts <= shown, texts - shown


def test_each_fact_drawn_from_policy_yaml_shows_its_description(guide, guide_yaml, catalogue):
    shown = " ".join(_fact_text(f) for f in _facts(guide))
    for fact in _yaml_facts(guide_yaml):
        if "policy" in fact:
            assert policy_node(catalogue.policy, fact["policy"])["description"].rstrip("。") in shown, fact


def test_a_ratio_fact_reads_as_one_sentence(guide):
    shown = " ".join(_fact_text(f) for f in _facts(guide))
    assert "不论所在地区，均为 80%。" in shown and "。奖补比例为" not in shown


def test_every_fact_cites_a_clause_that_exists_or_a_source_named_in_guide_yaml(site, guide, guide_yaml):
    anchors = parse_page(site / "notice" / "index.html").ids
    sources = {s["url"]: s for s in guide_yaml["sources"].values()}
    for fact in _facts(guide):
        source = fact.attrs["data-gd-source"]
        links = [a.attrs.get("href", "") for a in fact.find_all(lambda e: e.tag == "a")
                 if any("gd-cite" in p.classes for p in a.ancestors())]
        assert len(links) == 1, (_fact_text(fact), links)
        if source.startswith("notice#"):
            anchor = source.removeprefix("notice#")
            assert anchor in anchors, anchor
            assert links[0] == f"../notice/#{anchor}"
        else:
            assert source in sources and links[0] == source, source
            unverified = bool(fact.find_all(lambda e: "gd-unverified" in e.classes))
            assert unverified == (not sources[source]["official"]), _fact_text(fact)
            if unverified:
                assert "未经核实" in fact.text()


def test_the_numbers_and_addresses_in_each_notice_fact_are_in_the_clause_it_cites(guide, catalogue):
    for fact in _facts(guide):
        source = fact.attrs["data-gd-source"]
        if not source.startswith("notice#"):
            continue
        clause = re.sub(r"\s+", "", catalogue.clause(source.removeprefix("notice#")))
        text = _fact_text(fact)
        for email in _EMAIL.findall(text):
            assert email in clause, (email, text)
        for number in _NUMBER.findall(_EMAIL.sub("", text)):
            assert number in clause, (number, source, text)


def test_the_guide_gives_the_redemption_materials_and_the_contacts_of_the_notice(guide):
    text = guide.text()
    for expected in ("发票", "支付凭证", "验收报告", "盖", "不得低于服务券金额", "刘理军", "刘坤东", "13265372518",
                     "020-83133375", "gyhlw@gdei.gov.cn"):
        assert expected in text, expected


def test_the_guide_answers_who_may_apply_and_excludes_shenzhen(guide):
    (who,) = guide.find_all(lambda e: e.attrs.get("id") == "faq-who")
    assert "深圳" in guide.text() and who.text()


def test_unverified_third_party_facts_are_marked_on_the_page(guide, guide_yaml):
    marked = [f for f in _facts(guide) if f.find_all(lambda e: "gd-unverified" in e.classes)]
    expected = [f for f in _yaml_facts(guide_yaml) if f.get("unverified")]
    assert len(marked) == len(expected) > 0
