"""A bad catalogue file fails with its file, key and a clear Chinese message, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from support.catalogue_edits import CATALOG, broken_copy, delete_at, set_at

from generator.catalogue.reader import CatalogueError, load_catalogue

CASES = [
    pytest.param("products.yaml", delete_at(["products", 3, "cap"]), "products[3]", "缺少必填字段 “cap”",
                 id="a-missing-field"),
    pytest.param("products.yaml", set_at(["products", 4, "cap"], "十万"), "products[4].cap", "应为整数",
                 id="a-non-numeric-cap"),
    pytest.param("products.yaml", set_at(["products", 6, "id"], 6), "products[6].id", "重复的 id 6",
                 id="a-duplicate-id"),
    pytest.param("products.yaml", set_at(["products", 8, "slug"], "equipment-iot"), "products[8].slug",
                 "重复的 slug 'equipment-iot'", id="a-duplicate-slug"),
    pytest.param("products.yaml", set_at(["products", 0, "slug"], "通用设计"), "products[0].slug", "格式不符",
                 id="a-non-ascii-slug"),
    pytest.param("products.yaml", set_at(["products", 2, "colour"], "red"), "products[2]", "未知字段 “colour”",
                 id="an-unknown-field"),
    pytest.param("policy.yaml", set_at(["cities", "members", "佛山市"], "pearl-river"), "cities.members.佛山市",
                 "城市未归入任何地区", id="a-city-in-no-region"),
    pytest.param("policy.yaml", set_at(["cities", "members", "佛山市"], None), "cities.members.佛山市",
                 "城市未归入任何地区", id="a-city-with-an-empty-region"),
    pytest.param("policy.yaml", set_at(["exclusion_groups", 1, "products"], [14, 15, 99]),
                 "exclusion_groups[1].products[2]", "不存在的产品序号 99", id="a-group-naming-an-unknown-product"),
    pytest.param("policy.yaml", set_at(["enterprise_cap", "value"], "30万"), "enterprise_cap.value", "应为整数",
                 id="a-non-numeric-enterprise-cap"),
    pytest.param("policy.yaml", set_at(["regions", "prd", "ratio", "value"], 0.7), "regions.prd.ratio.value",
                 "带引号的文本", id="a-float-ratio"),
    pytest.param("policy.yaml", set_at(["enterprise_cap", "reference", "anchor"], "nowhere"),
                 "enterprise_cap.reference.anchor", "没有锚点 “#nowhere”", id="a-reference-to-no-anchor"),
    pytest.param("policy.yaml", set_at(["pilot_only", 0, "product"], 31), "pilot_only[0].product",
                 "不存在的产品序号 31", id="a-pilot-only-unknown-product"),
]


@pytest.mark.parametrize("name,mutate,key,message", CASES)
def test_a_bad_file_names_the_file_the_key_and_the_problem(tmp_path, name, mutate, key, message):
    root = broken_copy(tmp_path, name, mutate)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    err = info.value
    assert err.file.endswith(name)
    assert err.key == key
    assert message in err.message
    assert name in str(err) and key in str(err)


def test_invalid_yaml_names_the_line(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG, root)
    (root / "policy.yaml").write_text("regions: [unclosed\n", "utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    assert "第 2 行" in info.value.key or "第 1 行" in info.value.key
    assert "YAML 格式错误" in info.value.message


def test_a_missing_file_is_reported_by_name(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG, root)
    (root / "notice.md").unlink()
    with pytest.raises(CatalogueError, match=r"notice\.md.*文件不存在"):
        load_catalogue(root)


def test_the_check_command_prints_one_line_and_no_traceback(tmp_path):
    root = broken_copy(tmp_path, "products.yaml", set_at(["products", 4, "cap"], "十万"))
    code = (
        "import sys; from pathlib import Path; import generator.__main__ as m;"
        f"m.CATALOG_DIR = Path({str(root)!r}); sys.exit(m.main(['check']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=CATALOG.parents[1])
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "products[4].cap" in done.stderr and "应为整数" in done.stderr


@pytest.mark.parametrize("name,mutate,key,line_text", [
    pytest.param("products.yaml", set_at(["products", 4, "cap"], "十万"), "products[4].cap", "cap: 十万",
                 id="a-wrong-value"),
    pytest.param("products.yaml", delete_at(["products", 3, "cap"]), "products[3]", "- ", id="a-missing-field"),
    pytest.param("policy.yaml", set_at(["cities", "members", "佛山市"], "pearl-river"), "cities.members.佛山市",
                 "佛山市: pearl-river", id="a-city-in-no-region"),
])
def test_the_error_names_the_line_of_its_key(tmp_path, name, mutate, key, line_text):
    root = broken_copy(tmp_path, name, mutate)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    err = info.value
    assert err.key == key
    assert line_text in (root / name).read_text("utf-8").splitlines()[err.line - 1]
    assert f"{key}（第 {err.line} 行）：" in str(err)
