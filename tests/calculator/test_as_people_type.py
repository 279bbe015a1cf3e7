"""Plans typed the way enterprises write them: 繁体, districts, spaces; and answers that must not
mislead: impossible histories, rounding, duplicates, pilots and the closing disclaimer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculator import PlanError, estimate, suggest


def _plan(city="广州市", items=None, **extra):
    return {"city": city, "claimed_before": [], "items": items or [{"product": 21, "contract": "10万"}], **extra}


@pytest.mark.parametrize(("typed", "city"), [
    ("廣州", "广州市"), ("東莞市", "东莞市"), ("肇慶", "肇庆市"), ("江門市", "江门市"), ("揭陽", "揭阳市"),
    ("韶關", "韶关市"), ("雲浮", "云浮市"), ("清遠", "清远市"), ("汕頭", "汕头市"),
    ("佛山市顺德区", "佛山市"), ("广州市天河区", "广州市"), ("广东省东莞市", "东莞市"), ("中山市小榄镇", "中山市"),
    ("廣州市黃埔區", "广州市"), ("广州开发区", "广州市"), ("湛江 市", "湛江市"),
], ids=lambda v: v)
def test_a_city_is_understood_in_traditional_script_or_with_its_district(policy, typed, city):
    assert estimate(_plan(typed), policy)["city"] == city


def test_a_shenzhen_district_is_refused_as_shenzhen_not_as_an_unknown_place(policy):
    result = estimate(_plan("深圳市南山区"), policy)
    assert (result["city"], result["eligible"], result["total"]) == ("深圳市", False, "0.00")


@pytest.mark.parametrize("typed", ["北京", "广州市天河", "香港", "深汕特别合作区"], ids=str)
def test_a_place_that_is_no_guangdong_city_is_refused_with_the_list(policy, typed):
    with pytest.raises(PlanError) as err:
        estimate(_plan(typed), policy)
    assert err.value.field == "city" and "可选：广州市" in err.value.message


@pytest.mark.parametrize(("contract", "subsidy"), [("20萬", "50000.00"), ("２萬", "14000.00"), ("5 萬", "35000.00")],
                         ids=["traditional-wan", "full-width", "with-a-space"])
def test_an_amount_in_traditional_script_is_read_as_the_traditional_page_suggests(policy, contract, subsidy):
    items = [{"product": 21, "contract": contract}]
    assert estimate(_plan(items=items), policy)["items"][0]["subsidy"] == subsidy


@pytest.mark.parametrize("devices", ["300 台", "300臺", "３００"], ids=["space", "traditional", "full-width"])
def test_a_device_count_with_a_space_or_traditional_unit_is_read(policy, devices):
    items = [{"product": 5, "contract": "20万", "devices": devices}]
    assert estimate(_plan(items=items), policy)["items"][0]["devices"] == 300


@pytest.mark.parametrize(("grants", "field", "words"), [
    ([{"product": 20, "amount": 30000}, {"product": 20, "amount": 30000}], "granted_this_round[1].product", "出现两次"),
    ([{"product": 6, "amount": 100000}, {"product": 7, "amount": 100000}], "granted_this_round[1].product", "生产协同"),
    ([{"product": 6, "amount": 200000}, {"product": 1, "amount": 80000}, {"product": 11, "amount": 50000}],
     "granted_this_round", "330,000.00 元"),
], ids=["same-product-twice", "two-of-one-group", "over-the-enterprise-cap"])
def test_a_claim_history_the_notice_could_not_have_granted_is_refused(policy, grants, field, words):
    with pytest.raises(PlanError) as err:
        estimate(_plan(granted_this_round=grants), policy)
    found = {e["field"]: e["message"] for e in err.value.errors}
    assert field in found and words in found[field]


def test_a_possible_claim_history_is_still_accepted(policy):
    grants = [{"product": 6, "amount": 100000}, {"product": 2, "amount": 170000}]
    result = estimate(_plan(granted_this_round=grants), policy)
    assert (result["history"]["granted_total"], result["total"]) == ("270000.00", "30000.00")


def test_a_product_listed_twice_says_what_the_second_row_would_earn_instead(policy):
    items = [{"product": 21, "contract": 10000}, {"product": 21, "contract": 100000}]
    row = estimate(_plan(items=items), policy)["items"][1]
    assert row["refusal"]["code"] == "duplicate_product"
    assert "可多得 43,000.00 元" in row["explanation"]


def test_a_rounded_ratio_bound_says_it_was_rounded_instead_of_printing_a_false_equation(policy):
    row = estimate(_plan(items=[{"product": 2, "contract": "257142.85"}]), policy)["items"][0]
    assert "= 179,999.995 元，四舍五入到分为 180,000.00 元" in row["explanation"]
    assert "257,142.85 元 × 70% = 180,000.00 元" not in row["explanation"]


def test_an_exact_ratio_bound_keeps_its_plain_equation(policy):
    row = estimate(_plan(items=[{"product": 19, "contract": "8万"}]), policy)["items"][0]
    assert row["explanation"].startswith("合同额 80,000.00 元 × 70% = 56,000.00 元；")


def test_a_cluster_pilot_result_says_the_pilot_plan_decides_its_catalogue(policy):
    result = estimate(_plan("佛山", cluster_pilot=True, items=[{"product": 27, "contract": 200000}]), policy)
    assert any("一行一策" in text and "以试点方案为准" in text for text in result["assumptions"])


def test_a_result_that_is_not_a_pilot_makes_no_pilot_assumption(policy):
    assert estimate(_plan(), policy)["assumptions"] == []


def test_the_glossary_describes_the_exclusion_groups_of_the_annex_note(policy):
    glossary = estimate(_plan(), policy)["glossary"]
    assert "生产协同" in glossary["互斥"] and "不同组的产品可以同时申领" in glossary["互斥"]
    assert "特色产业集群数字化转型试点" in glossary["产业集群试点"]


def test_shenzhen_is_refused_in_the_words_of_the_notice(policy):
    message = estimate(_plan("深圳"), policy)["problems"][0]["message"]
    assert message == "本次服务券面向广东省各地市工业企业（深圳市除外），深圳市的企业不能申领。"


def _cli(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True, text=True)


@pytest.mark.parametrize("args", [("--text",), ("--text", "--suggest"), ("--text", "--options")],
                         ids=["estimate", "suggestion", "options"])
def test_every_cli_table_ends_with_the_disclaimer_of_annex_note_1(args):
    done = _cli(json.dumps(_plan()), *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("测算结果仅供参考，以平台审核为准。")


def test_the_cli_suggestion_says_which_rows_it_keeps_and_drops_and_what_it_gains(policy):
    plan = _plan("汕头", items=[{"product": 6, "contract": "30万"}, {"product": 7, "contract": "40万"}])
    assert suggest(plan, policy)["kept"] == [1]
    first = _cli(json.dumps(plan), "--text", "--suggest").stdout.splitlines()[0]
    assert first == "收益最高的方案：保留第 2 项，不申领第 1 项；合计 250,000.00 元，比原方案多 50,000.00 元。"


@pytest.mark.parametrize(("typed", "pid"), [
    ("资源计划II", 21), ("资源计划 Ⅱ", 21), ("行业仿真工具（CAE）", 2), ("cae", 2), ("PDM", 3), ("仓储管理", 19),
    ("数据管理BI", 22), ("能源管理（高耗能工艺设备）", 16),
], ids=lambda v: str(v))
def test_a_product_may_be_named_as_the_catalogue_names_it(policy, typed, pid):
    assert estimate(_plan(items=[{"product": typed, "contract": "10万"}]), policy)["items"][0]["product"] == pid


def test_a_name_shared_by_several_products_is_refused_with_their_numbers_not_guessed(policy):
    with pytest.raises(PlanError) as err:
        estimate(_plan(items=[{"product": "能源管理", "contract": "10万"}]), policy)
    assert err.value.field == "items[0].product" and "14「" in err.value.message and "16「" in err.value.message


@pytest.mark.parametrize("typed", ["9、19", "9,19", "9， 19", "设备管理、仓储管理"], ids=str)
def test_earlier_claims_may_be_typed_as_one_line_of_text(policy, typed):
    result = estimate({"city": "广州", "claimed_before": typed, "items": [{"product": 19, "contract": "10万"}]}, policy)
    assert [c["product"] for c in result["history"]["claimed_before"]] == [9, 19]
    assert result["items"][0]["refusal"]["code"] == "claimed_before"


@pytest.mark.parametrize(("typed", "yuan"),
                         [("8千", "8000.00"), ("1.5千", "1500.00"), ("5k", "5000.00"), ("1亿", "100000000.00")], ids=lambda v: v)
def test_an_amount_in_thousands_or_hundred_millions_is_read(policy, typed, yuan):
    items = [{"product": 26, "contract": typed}]
    assert estimate(_plan(items=items), policy)["items"][0]["contract"] == yuan


@pytest.mark.parametrize(("typed", "figures"), [
    ("十万块", "100000 或 10万"), ("二十五万元", "250000 或 25万"), ("壹拾万元整", "100000 或 10万"),
    ("一百零八万", "1080000 或 108万"), ("三千零五十", "3050"), ("一万零五百", "10500"),
], ids=lambda v: v)
def test_an_amount_in_chinese_numerals_is_refused_with_the_figures_to_type_instead(policy, typed, figures):
    with pytest.raises(PlanError) as err:
        estimate(_plan(items=[{"product": 26, "contract": typed}]), policy)
    assert err.value.field == "items[0].contract" and err.value.message.endswith(f"例如 {figures}")


@pytest.mark.parametrize("typed", ["三千五", "一百五", "十万五", "一二万", "万"], ids=str)
def test_a_colloquial_or_broken_chinese_amount_is_refused_without_a_guess(policy, typed):
    with pytest.raises(PlanError) as err:
        estimate(_plan(items=[{"product": 26, "contract": typed}]), policy)
    assert err.value.field == "items[0].contract" and "无法识别的金额" in err.value.message


def test_an_enterprise_outside_the_scope_is_told_no_assumption_about_its_history(policy):
    assert estimate({"city": "深圳", "items": [{"product": 5, "contract": "10万"}]}, policy)["assumptions"] == []
