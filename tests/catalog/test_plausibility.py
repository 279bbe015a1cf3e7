"""Issue 22: a round that the schema accepts but that looks wrong against the round before it (a cap ten
times the last one, a city dropped, windows out of order, search needs pointing at a changed product, a
product id given to another product) stops the build with the file, the key and its line; an exception
reviewed and recorded as data in the round's plausibility.yaml lets it through."""

from __future__ import annotations

import shutil

import pytest
from support.catalogue_edits import CATALOG, delete_at, set_at
from support.next_round import drill_catalogue, edit_file, line_at

from generator.catalogue import CatalogueError, check_plausibility, plausibility_errors


def _times(field: str, index: int, factor: float):
    def edit(data):
        data["products"][index][field] = int(data["products"][index][field] * factor)
    return edit


def _swap_ids(data):
    data["products"][0]["id"], data["products"][1]["id"] = 2, 1


def _add_region(data):
    data["regions"]["north"] = {**data["regions"]["prd"], "name": "粤北"}


PROBLEMS = [
    pytest.param("products.yaml", _times("cap", 3, 10), "products[3].cap", "cap:", "10.00 倍", id="a-cap-ten-times"),
    pytest.param("products.yaml", _times("cap", 3, 0.25), "products[3].cap", "cap:", "25%", id="a-cap-a-quarter"),
    pytest.param("products.yaml", _times("per_device", 4, 4), "products[4].per_device", "per_device:", "4.00 倍",
                 id="a-per-device-amount-four-times"),
    pytest.param("policy.yaml", set_at(["enterprise_cap", "value"], 3000000), "enterprise_cap.value", "value:",
                 "10.00 倍", id="an-enterprise-cap-ten-times"),
    pytest.param("policy.yaml", delete_at(["cities", "members", "云浮市"]), "cities.members", "members:",
                 "云浮市在本轮不属于任何地区", id="a-city-deleted-from-every-region"),
    pytest.param("policy.yaml", _add_region, "regions.north", "north:", "没有任何城市", id="a-region-without-a-city"),
    pytest.param("policy.yaml", set_at(["windows", "redemption", "start"], "2021-09-01T10:00:00+08:00"),
                 "windows.redemption.start", "start:", "早于服务券申领时间结束", id="redemption-before-application-ends"),
    pytest.param("policy.yaml", set_at(["windows", "application", "start"], "2021-05-01T10:00:00+08:00"),
                 "windows.application.start", "start:", "早于通知印发日期", id="a-window-opening-before-the-notice"),
    pytest.param("policy.yaml", set_at(["notice", "number"], "粤工信办函〔2020〕37号"), "notice.number", "number:",
                 "文号与上一轮（2020）相同", id="the-notice-number-of-the-last-round"),
    pytest.param("policy.yaml", set_at(["windows", "redemption", "start"], "2021-02-01T10:00:00+08:00"),
                 "windows.redemption.start", "start:", "不晚于上一轮（2020）", id="a-window-inside-the-last-rounds"),
    pytest.param("products.yaml", set_at(["products", 4, "name"], "设备联网"), "needs[", "products:",
                 "上一轮（2020）是“设备物联”，本轮是“设备联网”", id="search-needs-pointing-at-a-renamed-product"),
    pytest.param("products.yaml", set_at(["products", 4, "slug"], "device-networking"), "products[4].id", "id:",
                 "序号 5 在 2020 轮是“设备物联”（equipment-iot）", id="an-id-given-to-another-slug"),
    pytest.param("products.yaml", _swap_ids, "products[0].slug", "slug:", "在 2020 轮属于序号 1，本轮属于序号 2",
                 id="a-slug-given-to-another-id"),
]


@pytest.mark.parametrize("name,edit,key,line_text,message", PROBLEMS)
def test_an_implausible_round_names_the_file_the_key_and_the_line(tmp_path, name, edit, key, line_text, message):
    root = drill_catalogue(tmp_path)
    edit_file(root / "2021" / name, edit)
    errors = [e for e in plausibility_errors(root)["2021"] if message in e.message]
    assert errors, [str(e) for e in plausibility_errors(root)["2021"]]
    err = errors[0]
    assert err.file.endswith(f"2021/{name}") or err.file.endswith("2021/search.yaml")
    assert err.key.startswith(key)
    assert err.line and line_text in line_at(root / "2021" / err.file.split("2021/")[1], err.line)
    assert f"（第 {err.line} 行）" in str(err) and err.key in str(err)


def test_an_implausible_current_round_stops_the_build(tmp_path):
    root = drill_catalogue(tmp_path)
    edit_file(root / "2021" / "policy.yaml", delete_at(["cities", "members", "云浮市"]))
    with pytest.raises(CatalogueError) as info:
        check_plausibility(root)
    assert info.value.key == "cities.members" and "云浮市" in info.value.message and info.value.line


def test_the_drill_round_as_built_is_plausible(tmp_path):
    root = drill_catalogue(tmp_path)
    assert plausibility_errors(root) == {"2020": [], "2021": []}
    check_plausibility(root)


def test_a_cap_above_the_enterprise_cap_stops_a_round_without_a_previous_one(tmp_path):
    root = tmp_path / "2020"
    shutil.copytree(CATALOG, root)
    edit_file(root / "products.yaml", set_at(["products", 0, "cap"], 400000))
    with pytest.raises(CatalogueError) as info:
        check_plausibility(root)
    assert info.value.key == "products[0].cap" and "高于单家企业奖补总额上限 300000 元" in info.value.message
    assert "cap:" in line_at(root / "products.yaml", info.value.line)


def _accept(root, *entries):
    lines = ["accept:"] + [f"  - {{check: {c}, file: {f}, key: \"{k}\", reason: 通知原文如此，经审核无误。}}"
                           for c, f, k in entries]
    (root / "2021" / "plausibility.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def test_a_reviewed_exception_recorded_as_data_lets_the_round_through(tmp_path):
    root = drill_catalogue(tmp_path)
    edit_file(root / "2021" / "products.yaml", _times("cap", 3, 0.25))
    _accept(root, ("cap-change", "products.yaml", "products[3].cap"))
    check_plausibility(root)


def test_an_exception_for_another_check_does_not_cover_the_problem(tmp_path):
    root = drill_catalogue(tmp_path)
    edit_file(root / "2021" / "products.yaml", _times("cap", 3, 0.25))
    _accept(root, ("per-device-change", "products.yaml", "products[3].cap"))
    with pytest.raises(CatalogueError) as info:
        check_plausibility(root)
    assert info.value.key == "products[3].cap"


def test_an_exception_that_matches_no_problem_must_be_removed(tmp_path):
    root = drill_catalogue(tmp_path)
    _accept(root, ("cap-change", "products.yaml", "products[3].cap"))
    with pytest.raises(CatalogueError) as info:
        check_plausibility(root)
    assert info.value.file.endswith("2021/plausibility.yaml") and info.value.key == "accept[0]"
    assert "没有对应的问题" in info.value.message and info.value.line == 2


def test_an_exception_without_a_reason_is_refused(tmp_path):
    root = drill_catalogue(tmp_path)
    (root / "2021" / "plausibility.yaml").write_text(
        "accept:\n  - {check: cap-change, file: products.yaml, key: \"products[3].cap\"}\n", "utf-8")
    with pytest.raises(CatalogueError) as info:
        check_plausibility(root)
    assert info.value.key == "accept[0]" and "reason" in info.value.message


def test_a_draft_after_the_current_round_does_not_stop_the_build(tmp_path):
    root = drill_catalogue(tmp_path)
    (root / "rounds.yaml").write_text('current: "2020"\nrounds:\n  - folder: "2020"\n  - folder: "2021"\n', "utf-8")
    edit_file(root / "2021" / "products.yaml", _times("cap", 3, 10))
    check_plausibility(root)
    assert {e.key for e in plausibility_errors(root)["2021"]} == {"products[3].cap"}
