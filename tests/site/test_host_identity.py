"""Who the site says hosts it: the default build is an unofficial reading aid, an official host sets its
identity in extra.host; every page that restates the policy says where its text comes from."""

from __future__ import annotations

import pytest
from support.dom import parse_tree
from support.html import html_pages
from support.identity import OFFICIAL_HOST, build_with_host

from generator.hosting.identity import HostError, host_identity


@pytest.fixture(scope="module")
def official_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("official") / "site"
    done = build_with_host(dest, OFFICIAL_HOST)
    assert done.returncode == 0, done.stderr
    return dest


def _footer(site, page="index.html") -> str:
    tree = parse_tree(site / page)
    (host,) = tree.find_all(lambda e: "gd-host" in e.classes)
    return " ".join(host.text().split())


@pytest.mark.parametrize("page", ["index.html", "guide/index.html", "products/05-equipment-iot/index.html", "404.html"],
                         ids=["home", "guide", "product", "not-found"])
def test_the_default_build_says_it_is_unofficial_and_where_the_original_is(site, page):
    footer = _footer(site, page)
    assert "非官方网站" in footer and "阅读辅助" in footer
    assert "附件说明 1" in footer and "以广东省工业和信息化厅发布的原文为准" in footer
    tree = parse_tree(site / page)
    hrefs = [a.attrs["href"] for a in tree.find_all(lambda e: e.tag == "a" and "gd-host" in
                                                     {c for p in e.ancestors() for c in p.classes})]
    assert "http://gdii.gd.gov.cn/" in hrefs and "http://syspt.aiigd.cn/" in hrefs


def test_the_default_build_carries_no_government_marks(site):
    # The embed views (embed/…) have no footer at all: a portal frames them without the site's header and footer.
    for page in [p for p in html_pages(site) if not p.relative_to(site).as_posix().startswith("embed/")] + [site / "404.html"]:
        footer = _footer(site, page.relative_to(site).as_posix())
        for mark in ("主办单位", "网站标识码", "ICP备", "公网安备", "党政机关"):
            assert mark not in footer, (page, mark)


def test_the_official_build_shows_the_hosts_identity_and_no_unofficial_notice(official_site):
    footer = _footer(official_site)
    for text in ("主办单位：示例市工业和信息化局", "网站标识码：4400000000", "粤ICP备00000000号",
                 "粤公网安备 44000000000000号", "联系方式：020-00000000"):
        assert text in footer, text
    assert "非官方网站" not in footer


def test_an_official_build_still_names_its_source_on_every_page(official_site):
    for page in html_pages(official_site):
        assert "gd-provenance" in page.read_text("utf-8"), page


def test_every_page_that_restates_the_policy_gives_its_provenance(site, catalogue):
    notice = catalogue.policy["notice"]
    for page in html_pages(site):
        tree = parse_tree(page)
        (block,) = tree.find_all(lambda e: "gd-provenance" in e.classes)
        text = block.text()
        for expected in (notice["issuer"], notice["number"], notice["published"], notice["sources"][0]["taken"], "附件说明 1"):
            assert expected in text, (page, expected)
        links = [a.attrs["href"] for a in block.find_all(lambda e: e.tag == "a")]
        assert "http://gdii.gd.gov.cn/" in links, page


@pytest.mark.parametrize("page,shown", [("notice/index.html", True), ("index.html", True), ("guide/index.html", True),
                                        ("products/05-equipment-iot/index.html", False), ("help/index.html", False)],
                         ids=["notice", "home", "guide", "product", "help"])
def test_the_cluster_variant_between_the_two_texts_is_stated_where_the_words_occur(site, page, shown):
    tree = parse_tree(site / page)
    variants = tree.find_all(lambda e: e.attrs.get("data-gd-variant") == "cluster")
    assert bool(variants) == shown
    if shown:
        assert "特色产业数字化转型" in variants[0].text() and "特色产业集群数字化转型" in variants[0].text()


def test_a_site_code_without_official_true_stops_the_build(tmp_path):
    done = build_with_host(tmp_path / "site", {"site_code": "4400000000"})
    assert done.returncode != 0
    assert "extra.host.site_code" in done.stderr and "网站标识码只能由政府网站使用" in done.stderr


@pytest.mark.parametrize("host,key,message", [
    ({"site_code": "4400000000"}, "site_code", "只能由政府网站使用"),
    ({"official": True}, "organizer", "必须填写主办单位"),
    ({"official": "yes", "organizer": "某局"}, "official", "应为 true 或 false"),
    ({"official": True, "organizer": "某局", "site_code": "44"}, "site_code", "10 位数字"),
    ({"organiser": "某局"}, "organiser", "未知字段"),
    ({"contact": ["a"]}, "contact", "应为文本"),
], ids=["site-code-unofficial", "official-without-organizer", "official-not-boolean", "short-site-code",
        "misspelt-field", "contact-not-text"])
def test_a_bad_host_identity_is_refused_in_chinese(host, key, message):
    with pytest.raises(HostError) as info:
        host_identity(host)
    assert info.value.key == key and message in str(info.value)


def test_an_empty_host_identity_is_the_unofficial_default():
    assert host_identity(None) == {"official": False, "organizer": "", "site_code": "", "icp": "",
                                   "public_security": "", "public_security_link": "", "contact": "",
                                   "gov_mark_image": "", "gov_mark_link": "", "error_report_link": "", "copyright": ""}


def test_the_help_page_cites_annex_note_1_only_for_what_it_says(site):
    # 附件说明 1 says that the catalogue's wording on the platform prevails; nothing about review results.
    tree = parse_tree(site / "help" / "index.html")
    for block in tree.find_all(lambda e: e.tag == "p" and any(
            a.attrs.get("href", "").endswith("#annex-note-1") for a in e.find_all(lambda x: x.tag == "a"))):
        for sentence in block.text().split("。"):
            if "附件说明 1" in sentence:
                assert "目录" in sentence and "审核" not in sentence, sentence
