"""The build-time search index and vocabulary: same cut as jieba, every synonym lands, bad data stops the build."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.catalogue.reader import CatalogueError, load_catalogue
from generator.hosting import built_name
from generator.search import build_index, normalise, page_sections
from generator.search.terms import user_dictionary

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "site_src" / "docs" / "assets" / "search" / "engine.js"
FILTER = ROOT / "site_src" / "docs" / "assets" / "search" / "catalogue-filter.js"
QUERIES = [q["query"] for q in yaml.safe_load((ROOT / "tests" / "browser" / "search_queries.yaml").read_text("utf-8"))]


def built_index(site: Path, name: str = "index.json") -> Path:
    """The search index under the name the build gave it by its content (generator/hosting/fingerprint.py)."""
    return site / built_name(site, "assets/search/" + name)


def node(script: str, *args: str) -> object:
    assert shutil.which("node"), "node is needed (make setup installs the npm packages with it)"
    run = subprocess.run(["node", "-e", script, *args], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads(built_index(site).read_text("utf-8"))


@pytest.fixture(scope="module")
def jieba_as_built(catalogue):
    """jieba with the user dictionary exactly as the build loads it."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.load_userdict(user_dictionary(catalogue, frequency=lambda word: jieba.dt.FREQ.get(word) or 0))
    return jieba


def _browser_cut(site: Path, texts: list[str]) -> list[list[str]]:
    script = ("const E = require(process.argv[1]); const e = E.create(require(process.argv[2]));"
              "console.log(JSON.stringify(JSON.parse(process.argv[3]).map(t => e.cutForSearch(t.normalize('NFKC')))))")
    return node(script, str(ENGINE), str(built_index(site)), json.dumps(texts))


def test_the_browser_finds_in_every_query_of_the_table_the_indexed_words_jieba_finds(site, index, jieba_as_built):
    # The browser's dictionary holds the site's words, the users' vocabulary and jieba's common words, not
    # all 350,000: a rarer word found nowhere on the site (款式, 咨询电话) may be cut differently (款 / 式),
    # but every word of the query that can match a page is found as jieba finds it.
    cuts = _browser_cut(site, QUERIES)
    for query, browser in zip(QUERIES, cuts, strict=True):
        found = {t.lower() for t in jieba_as_built.cut_for_search(normalise(query), HMM=False)} & set(index["terms"])
        assert found <= {t.lower() for t in browser}, (query, browser)


def test_the_browser_cuts_the_catalogue_text_exactly_as_jieba_did_for_the_index(site, catalog_data, jieba_as_built):
    texts = [t for p in catalog_data["products"] for t in (p["name"], p["summary"], p["scenario"])]
    expected = [[t for t in jieba_as_built.cut_for_search(normalise(x), HMM=False) if t.strip()] for x in texts]
    assert _browser_cut(site, texts) == expected


def test_every_product_is_a_document_with_its_summary_and_cap(index, catalog_data):
    docs = {d["u"]: d for d in index["docs"] if d["k"] == "product"}
    assert len(docs) == len(catalog_data["products"])
    for p in catalog_data["products"]:
        assert docs[p["page"]]["x"] == p["summary"]
        assert "奖补上限" in docs[p["page"]]["s"]


def test_the_notice_and_guidance_are_indexed_by_section_and_product_lists_are_not(index):
    urls = {d["u"] for d in index["docs"]}
    assert {"notice/#sec-2", "notice/#sec-1-2", "#who", "help/#search", "calculator/"} <= urls
    assert not [u for u in urls if u.startswith("products/#") or u in ("#needs", "#categories")]


def test_every_users_word_maps_onto_words_found_in_the_index(index, catalogue):
    for entry in catalogue.search["synonyms"]:
        for word in entry["words"]:
            phrases = index["syn"][normalise(word).lower()]
            assert phrases and all(t in index["terms"] for phrase in phrases for t in phrase), word


def test_the_index_holds_the_stop_and_guidance_words(index, catalogue):
    assert {"想", "我们", "上", "系统", "怎么", "太乱"} <= set(index["stop"])
    assert {"申领", "兑现", "材料"} <= set(index["guide"])


def test_a_synonym_meaning_nothing_on_the_site_stops_the_build(catalogue, catalog_data, jieba_as_built):
    search = json.loads(json.dumps(catalogue.search))
    search["synonyms"][2]["means"] = ["火星基地"]
    with pytest.raises(CatalogueError) as info:
        build_index(catalog_data, search, [], lambda t: jieba_as_built.cut_for_search(t, HMM=False),
                    lambda w: jieba_as_built.dt.FREQ.get(w) or 0, jieba_as_built.dt.total, {})
    assert info.value.key == "synonyms[2].means[0]" and "找不到" in info.value.message


def _broken_search(tmp_path: Path, mutate) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog" / "2020", root)
    data = yaml.safe_load((root / "search.yaml").read_text("utf-8"))
    mutate(data)
    (root / "search.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return root


@pytest.mark.parametrize("mutate,key,message", [
    (lambda d: d["needs"][0]["products"].append(99), "needs[0].products[3]", "不存在的产品序号 99"),
    (lambda d: d["synonyms"][0].pop("reason"), "synonyms[0]", "缺少必填字段 “reason”"),
    (lambda d: d["stop_words"][0]["words"].append("两个 词"), "stop_words[0].words", "格式不符"),
    (lambda d: d["needs"][1].update(id=d["needs"][0]["id"]), "needs[1].id", "重复的 id"),
], ids=["unknown-product", "no-reason", "word-with-a-space", "duplicate-need"])
def test_a_bad_search_vocabulary_names_the_file_the_key_and_the_problem(tmp_path, mutate, key, message):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_broken_search(tmp_path, mutate))
    assert info.value.file.endswith("search.yaml")
    assert info.value.key.startswith(key) and message in info.value.message


def test_a_summary_longer_than_one_line_is_refused(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog" / "2020", root)
    data = yaml.safe_load((root / "products.yaml").read_text("utf-8"))
    data["products"][0]["summary"] = "很长" * 30
    (root / "products.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    assert info.value.key == "products[0].summary" and "不得超过 40 个字" in info.value.message


def test_sections_split_at_headings_and_skip_excluded_parts_and_permalinks():
    html = ('<p>引言</p><h2 id="a">甲<a class="headerlink" href="#a">¶</a></h2><p>甲的正文</p>'
            '<h2 id="b" data-search-exclude>乙</h2><p>乙的正文</p>'
            '<h2 id="c">丙</h2><div data-search-exclude><p>隐藏</p></div><p>丙的正文</p>')
    docs = {d.url: d for d in page_sections("x/", "页", html)}
    assert set(docs) == {"x/", "x/#a", "x/#c"}
    assert docs["x/#a"].title == "甲" and docs["x/#a"].fields["text"] == "甲的正文"
    assert docs["x/#c"].fields["text"] == "丙的正文"


def test_what_only_a_browser_without_scripts_shows_is_not_searched(site):
    text = built_index(site).read_text("utf-8")
    assert "需要启用 JavaScript" not in text and "如果本页一直没有反应" not in text
    docs = page_sections("x/", "页", "<p>正文</p><noscript><p>需要启用脚本</p></noscript>")
    assert [d.fields["text"] for d in docs] == ["正文"]


def test_the_catalogue_filter_matches_by_category_cap_devices_and_pilot():
    script = ("const F = require(process.argv[1]); const p = {category: '经营管理', cap: '50000', device: '0', pilot: '0'};"
              "console.log(JSON.stringify([F.matches(p, {}), F.matches(p, {category: '经营管理', min: '50000', max: '50000'}),"
              "F.matches(p, {min: '50001'}), F.matches(p, {max: '30000'}), F.matches(p, {device: '1'}),"
              "F.matches(p, {pilot: 'only'}), F.matches(p, {pilot: 'none'}), F.matches(p, {category: '研发设计'})]))")
    assert node(script, str(FILTER)) == [True, True, False, False, False, False, True, False]


def test_a_clause_paragraph_is_a_document_of_its_own_and_notes_stay_with_their_section():
    html = ('<h3 id="annex-notes">说明</h3><p id="annex-note-1">1. 以平台为准；</p>'
            '<p id="annex-note-3">3. 本服务券发放周期内，单家企业奖补总额上限为 30 万元；</p>'
            '<p class="gd-note" id="note-x">版本差异的说明</p><p>落款</p>')
    docs = {d.url: d for d in page_sections("notice/", "通知全文", html)}
    assert set(docs) == {"notice/#annex-notes", "notice/#annex-note-1", "notice/#annex-note-3"}
    cap = docs["notice/#annex-note-3"]
    assert cap.title == "3. 本服务券发放周期内，单家企业奖补总额上限为 30 万元"
    assert cap.sub == "通知全文 · 说明" and cap.fields["page"] == "通知全文 说明" and cap.clause
    # The note (it has a class) and the text after the clauses belong to the heading's section again.
    assert docs["notice/#annex-notes"].fields["text"] == "版本差异的说明 落款"


def test_a_section_holding_a_table_is_not_a_clause():
    html = '<h2 id="annex">附件</h2><table><tr><td>1</td></tr></table><h2 id="sec-4">四、奖补标准</h2><p>比例</p>'
    docs = {d.url: d for d in page_sections("notice/", "通知全文", html)}
    assert not docs["notice/#annex"].clause and docs["notice/#sec-4"].clause


def _postings(index: dict, term: str) -> set[str]:
    flat = index["terms"].get(term, [])
    return {index["docs"][i]["u"] for i in flat[::2]}


def test_a_synonym_meaning_is_matched_as_the_phrase_the_catalogue_writes(index, catalog_data):
    pages = {p["id"]: p["page"] for p in catalog_data["products"]}
    found = _postings(index, "生产协同")
    assert {pages[6], pages[7], pages[8]} <= found
    # 供应链协同 says 生产 and 协同, but not 生产协同: MES must not find it.
    assert pages[18] not in found and pages[4] not in found


def test_the_clauses_hold_the_words_of_the_policy_parameters_that_cite_them(index):
    # The notice's ratio clause names only the regions; policy.yaml's cities cite it.
    assert "notice/#sec-4" in _postings(index, "湛江") and "notice/#sec-4" in _postings(index, "佛山")
    assert "notice/#sec-2" in _postings(index, "深圳")


def test_the_traditional_copy_keeps_the_folding_table_in_simplified(site, index):
    hant = json.loads(built_index(site, "index.zh-Hant.json").read_text("utf-8"))
    assert hant["fold"] == index["fold"]
    table = dict(zip(index["fold"][0], index["fold"][1], strict=True))
    assert {"雲": "云", "設": "设", "備": "备", "聯": "联", "倉": "仓", "貼": "贴"}.items() <= table.items()
    # 简体 characters never fold: the 简体 index is left as it is.
    assert not set(table) & set("设备联网仓库补贴能源管理生产协同")


def _table_results(site: Path, index_name: str) -> list[list[str]]:
    script = ("const E = require(process.argv[1]); const e = E.create(require(process.argv[2]));"
              "const qs = JSON.parse(process.argv[3]);"
              "console.log(JSON.stringify(qs.map(q => e.search(q).results.map(r => r.doc.u))))")
    return node(script, str(ENGINE), str(built_index(site, index_name)), json.dumps(QUERIES))


def test_the_traditional_copys_index_answers_every_query_of_the_table_as_the_simplified_one_does(site):
    # The whole table, without a browser: the 繁体 copy's engine (its index converted by OpenCC, folded
    # back by the engine) returns the very same pages, in the same order.
    assert _table_results(site, "index.zh-Hant.json") == _table_results(site, "index.json")


@pytest.mark.parametrize("query,same_as", [
    ("ＥＲＰ", "ERP"), ("Erp", "ERP"), ("設備聯網", "设备联网"), ("倉庫管理系統", "仓库管理系统"), ("能源　管理", "能源管理"),
    ("E R P", "ERP"), ("c.r.m", "CRM"),
], ids=["full-width", "case", "traditional", "traditional-sentence", "ideographic-space", "spelt-letters", "dotted-letters"])
def test_a_query_is_normalised_before_it_is_cut(site, query, same_as):
    script = ("const E = require(process.argv[1]); const e = E.create(require(process.argv[2]));"
              "const r = q => e.search(q).results.map(x => x.doc.u);"
              "console.log(JSON.stringify([r(process.argv[3]), r(process.argv[4])]))")
    got, want = node(script, str(ENGINE), str(built_index(site)), query, same_as)
    assert got and got == want


def test_a_replaced_word_is_searched_only_by_what_it_means(site):
    # 视频会议 is not in the catalogue: it leads to the catalogue, not to product 24's "图片、视频".
    script = ("const E = require(process.argv[1]); const e = E.create(require(process.argv[2]));"
              "console.log(JSON.stringify(e.analyse('视频会议').groups.map(g => g.alternatives.map(a => a.terms.join('')))))")
    assert node(script, str(ENGINE), str(built_index(site))) == [["产品目录"]]
