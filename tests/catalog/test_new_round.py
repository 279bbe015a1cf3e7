"""Issue 22: `python -m generator new-round 2021` starts a draft round from the current one, valid from the
first minute; `check` accepts it and lists, as to-dos, what still looks like the old notice."""

from __future__ import annotations

import shutil

import pytest
from support.next_round import CATALOG_TOP

import generator.__main__ as cli
from generator.catalogue import CatalogueError, load_catalogue, new_round, rounds_of


@pytest.fixture
def catalog(tmp_path, monkeypatch):
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG_TOP, root)
    monkeypatch.setattr(cli, "CATALOG_DIR", root)
    return root


def test_a_new_round_is_a_valid_draft_listed_after_the_current_round(catalog, capsys):
    assert cli.main(["new-round", "2021"]) == 0
    out = capsys.readouterr().out
    assert "python -m generator diff-rounds 2020 2021" in out and "current 仍为 2020" in out
    assert rounds_of(catalog) == (["2020", "2021"], "2020")
    assert "# The rounds of the voucher programme" in (catalog / "rounds.yaml").read_text("utf-8")
    assert len(load_catalogue(catalog / "2021").products) == 27
    assert (catalog / "2021" / "cases" / "caps.yaml").read_text("utf-8").startswith("# 草稿用例：抄自 2020 轮")


def test_check_accepts_the_new_draft_and_lists_what_is_still_the_old_notice(catalog, capsys):
    new_round(catalog, "2021")
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    for todo in ("notice.number", "check: notice-unchanged", "check: window-before-previous",
                 "check: source-unchanged", "2021/cases/caps.yaml", "草稿轮次 2021 尚有"):
        assert todo in out, todo
    assert "catalog/ 校验通过：当前轮次 2020" in out


def test_the_draft_made_current_unchanged_fails_the_check(catalog, capsys):
    new_round(catalog, "2021")
    rounds = catalog / "rounds.yaml"
    rounds.write_text(rounds.read_text("utf-8").replace('current: "2020"', 'current: "2021"'), "utf-8")
    assert cli.main(["check"]) == 1
    assert "2021/policy.yaml：notice.number（第 6 行）：通知文号与上一轮（2020）相同" in capsys.readouterr().err


@pytest.mark.parametrize("folder,message", [("2020", "已存在"), ("next", "四位年份")], ids=["an-existing-round", "a-bad-name"])
def test_a_round_that_exists_or_is_badly_named_is_refused(catalog, folder, message):
    with pytest.raises(CatalogueError) as info:
        new_round(catalog, folder)
    assert info.value.file.endswith("rounds.yaml") and message in info.value.message
    assert rounds_of(catalog) == (["2020"], "2020")
