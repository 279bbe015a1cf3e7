"""Issue 22: the report between two rounds lists every change an official must check against the new
notice (old → new), in Chinese, with a block for the reviewer's signature."""

from __future__ import annotations

from pathlib import Path

from support.next_round import drill_catalogue, edit_file

import generator.__main__ as cli
from generator.catalogue import round_diff


def _drill_policy(policy):
    policy["enterprise_cap"]["value"] = 400000
    policy["regions"]["prd"]["ratio"]["value"] = "0.60"
    policy["regions"]["pilot-zone"] = {"name": "示范区", "full_name": "示范区", "description": "示范区",
                                       "ratio": {**policy["regions"]["prd"]["ratio"], "value": "0.90"}}
    policy["cities"]["members"]["云浮市"] = "pilot-zone"
    policy["exclusion_groups"][3]["products"].append(28)
    policy["pilot_only"].append({**policy["pilot_only"][0], "product": 26})


def _drill_products(data):
    products = data["products"]
    products[0]["cap"] = 100000
    products[4]["per_device"] = 2000
    products[1]["name"] = "行业仿真工具"
    products.append({**products[25], "slug": "drill-new-product", "name": "演练新产品"})
    products[-1]["id"] = 28


def _report(tmp_path: Path) -> str:
    root = drill_catalogue(tmp_path)
    edit_file(root / "2021" / "products.yaml", _drill_products)
    # 28 ids must run from 1: the drill adds 28 after 27 (removal is tested on its own below).
    edit_file(root / "2021" / "policy.yaml", _drill_policy)
    return round_diff(root, "2020", "2021")


def test_the_report_lists_each_change_with_its_old_and_new_value(tmp_path):
    report = _report(tmp_path)
    for row in [
        "| 文号 | 粤工信办函〔2020〕37号 | 粤工信办函〔2021〕1号 |",
        "| 服务券申领时间开始 | 2020-05-25 10:00 | 2021-05-25 10:00 |",
        "| 单家企业奖补总额上限 | 300000 元（30 万元） | 400000 元（40 万元） |",
        "| 珠三角奖补比例 | 70% | 60% |",
        "| 示范区奖补比例 | （新设地区） | 90% |",
        "| 云浮市 | 粤东西北 | 示范区 |",
        "| 28 演练新产品 |",
        "| 2 | 名称 | 行业仿真工具 (CAE) | 行业仿真工具 |",
        "| 1 通用设计工具 | 奖补上限 | 80000 元（8 万元） | 100000 元（10 万元） |",
        "| 5 设备物联 | 单台设备补贴 | 1500 元 | 2000 元 |",
        "28 演练新产品 |",
        "| 仅限产业集群试点的产品 | 27 工厂应用集成 | 27 工厂应用集成、26 智造中台 |",
        "审核人：",
    ]:
        assert row in report, row
    assert "广州市" not in report  # a city that did not move is not listed


def test_a_removed_product_is_listed_with_its_last_cap(tmp_path):
    root = drill_catalogue(tmp_path)

    def remove_27(data):
        data["products"] = [p for p in data["products"] if p["id"] != 27]

    def forget_27(policy):
        policy["pilot_only"] = [e for e in policy["pilot_only"] if e["product"] != 27]
        policy["conditions"] = [c for c in policy["conditions"] if c["product"] != 27]

    def unsearch_27(search):
        for need in search["needs"]:
            need["products"] = [pid for pid in need["products"] if pid != 27] or [1]

    edit_file(root / "2021" / "products.yaml", remove_27)
    edit_file(root / "2021" / "policy.yaml", forget_27)
    edit_file(root / "2021" / "search.yaml", unsearch_27)
    report = round_diff(root, "2020", "2021")
    removed = report.split("### 删除产品")[1].split("###")[0]
    assert "| 27 工厂应用集成 |" in removed and "300000 元（30 万元） |" in removed
    assert "| 仅限产业集群试点的产品 | 27 工厂应用集成 | （无） |" in report


def test_the_command_writes_the_report_as_markdown_or_html(tmp_path, monkeypatch, capsys):
    root = drill_catalogue(tmp_path)
    monkeypatch.setattr(cli, "CATALOG_DIR", root)
    assert cli.main(["diff-rounds", "2020", "2021", "--out", str(tmp_path / "report.md")]) == 0
    assert "| 文号 | 粤工信办函〔2020〕37号 | 粤工信办函〔2021〕1号 |" in (tmp_path / "report.md").read_text("utf-8")
    assert cli.main(["diff-rounds", "2020", "2021", "--out", str(tmp_path / "report.html")]) == 0
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "<td>粤工信办函〔2021〕1号</td>" in html and 'lang="zh-CN"' in html
    assert cli.main(["diff-rounds", "2020", "2031"]) == 1
    assert "2031" in capsys.readouterr().err
