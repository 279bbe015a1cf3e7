"""本轮已结束，现在可以做什么 (issue 21): the home page and the 办事指南 carry the block of catalog/guide.yaml's
after_round facts, each cited; the 办事指南 says it is a record of how the round worked; the data is checked
like the rest of the guide (a fact from an unofficial source must be marked unverified)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from generator.catalogue import CatalogueError
from generator.catalogue.guide import load_guide
from generator.pages.guide import guide_page
from generator.pages.registry import home
from generator.pages.renderer import SiteRenderer

CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog" / "2020"
BLOCK = re.compile(r'<section class="gd-after-round".*?</section>', re.S)


@pytest.fixture(scope="module")
def guide(catalogue) -> dict:
    return load_guide(CATALOG_DIR, catalogue)


@pytest.fixture(scope="module")
def pages(catalogue, guide) -> dict[str, str]:
    site = SiteRenderer(catalogue, guide)
    return {"home": home(site)[0].markdown, "guide": guide_page(site)[0].markdown}


@pytest.mark.parametrize("name", ["home", "guide"])
def test_the_page_tells_what_an_enterprise_can_still_do_each_fact_cited(pages, guide, name):
    block = BLOCK.search(pages[name])
    assert block, f"no 本轮已结束 block on the {name} page"
    assert "本轮已结束，现在可以做什么" in block.group(0)
    for fact in guide["after_round"]["facts"]:
        assert fact["text"] in block.group(0)
        assert f'href="{"../" if name == "guide" else ""}notice/#{fact["reference"]["anchor"]}"' in block.group(0)
    assert "gdii.gd.gov.cn" in block.group(0) and "syspt.aiigd.cn" in block.group(0)


def test_the_block_stands_next_to_the_round_status(pages):
    for text in pages.values():
        assert text.index("data-gd-round-status") < text.index("gd-after-round") < text.index("<h2", text.index("</section>"))


def test_the_guide_reads_as_a_record_of_the_round_and_the_home_page_does_not_say_so(pages):
    assert "本页是 2020 年本轮的办理记录" in BLOCK.search(pages["guide"]).group(0)
    assert "办理记录" not in BLOCK.search(pages["home"]).group(0)


def test_an_unofficial_fact_in_the_block_must_be_marked_unverified(catalogue, tmp_path, monkeypatch, guide):
    import generator.catalogue.guide as module
    broken = copy.deepcopy(guide)
    broken["after_round"]["facts"].append({"text": "某供应商称可申领新一轮服务券。", "source": "caxa"})
    monkeypatch.setattr(module, "read_yaml", lambda root, name: broken)
    with pytest.raises(CatalogueError, match="unverified"):
        load_guide(CATALOG_DIR, catalogue)
