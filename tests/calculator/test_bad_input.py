"""Bad input gives one PlanError naming the field, in Chinese; the CLI exits 2 without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculator import PlanError, estimate, suggest

GOOD_ITEM = {"product": 19, "contract": 1000}


def plan(**overrides):
    return {"city": "广州市", "items": [GOOD_ITEM], **overrides}


BAD = [
    (plan(items=[{"product": 19, "contract": -5}]), "items[0].contract", "不能为负数"),
    (plan(items=[{"product": 19, "contract": "-5"}]), "items[0].contract", "不能为负数"),
    (plan(items=[{"product": 19, "contract": "abc"}]), "items[0].contract", "无法识别的金额"),
    (plan(items=[{"product": 19, "contract": float("nan")}]), "items[0].contract", "不是有效数字"),
    (plan(items=[{"product": 19, "contract": float("inf")}]), "items[0].contract", "不是有效数字"),
    (plan(items=[{"product": 19, "contract": "NaN"}]), "items[0].contract", "无法识别的金额"),
    (plan(items=[{"product": 19, "contract": "Infinity"}]), "items[0].contract", "无法识别的金额"),
    (plan(items=[{"product": 19, "contract": 10**12 + 1}]), "items[0].contract", "金额过大"),
    (plan(items=[{"product": 19, "contract": "1e5"}]), "items[0].contract", "无法识别的金额"),
    (plan(items=[{"product": 19, "contract": True}]), "items[0].contract", "应填写金额"),
    (plan(items=[{"product": 19, "contract": None}]), "items[0].contract", "应填写金额"),
    (plan(items=[{"product": 19}]), "items[0].contract", "缺少合同金额"),
    (plan(items=[{"product": 5, "contract": 1, "devices": 2.5}]), "items[0].devices", "整数"),
    (plan(items=[{"product": 5, "contract": 1, "devices": -1}]), "items[0].devices", "不能为负数"),
    (plan(items=[{"product": 5, "contract": 1, "devices": "十台"}]), "items[0].devices", "整数"),
    (plan(items=[{"product": 99, "contract": 1}]), "items[0].product", "未知产品"),
    (plan(items=[{"product": 0, "contract": 1}]), "items[0].product", "未知产品"),
    (plan(items=[{"product": "erp", "contract": 1}]), "items[0].product", "未知产品"),
    (plan(items=[{"contract": 1}]), "items[0].product", "缺少产品序号"),
    (plan(items=[{"product": 19, "contract": 1, "price": 2}]), "items[0].price", "未知字段"),
    (plan(colour="red"), "colour", "未知字段"),
    (plan(items=[19]), "items[0]", "每个申领项"),
    (plan(items="19"), "items", "列表"),
    (plan(city="长沙市"), "city", "不是广东省的地级市"),
    (plan(city=""), "city", "请填写企业所在的地级市"),
    (plan(city=None), "city", "请填写企业所在的地级市"),
    (plan(cluster_pilot="yes"), "cluster_pilot", "true 或 false"),
    (plan(claimed_before=[30]), "claimed_before[0]", "未知产品"),
    (plan(claimed_before=9), "claimed_before", "列表"),
    ([1, 2, 3], "", "不是测算方案"),
    ("plan", "", "不是测算方案"),
]


@pytest.mark.parametrize("bad,field,message", BAD, ids=[f"{f or 'plan'}-{m}" for _, f, m in BAD])
def test_bad_input_raises_plan_error_naming_the_field(policy, bad, field, message):
    with pytest.raises(PlanError) as info:
        estimate(bad, policy)
    assert info.value.field == field
    assert message in info.value.message
    with pytest.raises(PlanError):
        suggest(bad, policy)


def test_an_unknown_city_error_lists_every_valid_city(policy):
    with pytest.raises(PlanError) as info:
        estimate(plan(city="纽约"), policy)
    assert all(city in info.value.message for city in policy.cities)


def test_plan_error_is_a_value_error_with_a_dict_form():
    err = PlanError("items[0].contract", "金额不能为负数")
    assert isinstance(err, ValueError)
    assert err.to_dict() == {"field": "items[0].contract", "message": "金额不能为负数",
                             "errors": [{"field": "items[0].contract", "message": "金额不能为负数"}]}


def _cli(stdin: str, *args: str, catalog_json) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculator", "--catalog", str(catalog_json), *args],
                          input=stdin, capture_output=True, text=True)


@pytest.fixture(scope="module")
def catalog_json(tmp_path_factory, catalogue):
    from generator.catalogue.export import catalogue_json

    path = tmp_path_factory.mktemp("cat") / "catalog.json"
    path.write_text(catalogue_json(catalogue), "utf-8")
    return path


@pytest.mark.parametrize("stdin,field", [
    ('{"city": "广州市", "items": [{"product": 19, "contract": -5}]}', "items[0].contract"),
    ("{not json", "JSON"),
    ("[]", "不是测算方案"),
    ('{"city": "广州市", "items": [{"product": 5, "contract": 1, "devices": 1.5}]}', "items[0].devices"),
], ids=["negative", "not-json", "not-a-plan", "fractional-devices"])
def test_the_cli_exits_2_with_one_chinese_line_naming_the_field(catalog_json, stdin, field):
    done = _cli(stdin, catalog_json=catalog_json)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and field in done.stderr and done.stderr.startswith("输入错误")


def test_the_cli_prints_the_result_json(catalog_json, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"city": "佛山市", "items": [{"product": 5, "contract": "20万", "devices": 40}]}), "utf-8")
    done = subprocess.run([sys.executable, "-m", "calculator", "--catalog", str(catalog_json), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == "60000.00"


def test_the_cli_prints_a_chinese_table_with_text(catalog_json):
    done = _cli('{"city": "汕头", "items": [{"product": 6, "contract": "30万"}]}', "--text", catalog_json=catalog_json)
    assert done.returncode == 0
    assert "合计：200,000.00 元" in done.stdout and "产品奖补上限" in done.stdout


def test_the_cli_suggests_the_best_plan(catalog_json):
    stdin = '{"city": "汕头", "items": [{"product": 6, "contract": "30万"}, {"product": 7, "contract": "40万"}]}'
    done = _cli(stdin, "--suggest", catalog_json=catalog_json)
    out = json.loads(done.stdout)
    assert (out["total"], out["plan_total"], out["kept"]) == ("250000.00", "200000.00", [1])


def test_the_cli_reports_a_missing_file_without_a_traceback(catalog_json, tmp_path):
    done = subprocess.run([sys.executable, "-m", "calculator", "--catalog", str(catalog_json),
                           str(tmp_path / "nope.json")], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "无法读取文件" in done.stderr
