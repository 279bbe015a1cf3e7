"""Each rule on its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator import caps, exclusions, regions
from calculator.money import parse_amount, to_fen, yuan

PRD = ["广州市", "深圳市", "珠海市", "佛山市", "惠州市", "东莞市", "中山市", "江门市", "肇庆市"]
EWN = ["汕头市", "汕尾市", "潮州市", "揭阳市", "湛江市", "茂名市", "阳江市", "韶关市", "河源市", "梅州市", "清远市", "云浮市"]


@pytest.mark.parametrize("city", PRD + EWN, ids=str)
def test_every_city_gets_the_ratio_of_its_region(policy, city):
    expected = Decimal("0.70") if city in PRD else Decimal("0.80")
    assert regions.subsidy_ratio(city, False, policy) == expected
    assert regions.region_of(city, policy) == ("珠三角" if city in PRD else "粤东西北")


@pytest.mark.parametrize("city", PRD + EWN, ids=str)
def test_a_cluster_pilot_gets_80_percent_in_every_city(policy, city):
    assert regions.subsidy_ratio(city, True, policy) == Decimal("0.80")


def test_only_shenzhen_is_excluded(policy):
    assert [c for c in PRD + EWN if regions.is_excluded_city(c, policy)] == ["深圳市"]


@pytest.mark.parametrize("contract,devices,amount,limit", [
    (Decimal(100000), None, Decimal("70000.00"), "ratio"),
    (Decimal(200000), None, Decimal("100000.00"), "cap"),
    (Decimal(200000), 10, Decimal("15000.00"), "devices"),
    (Decimal(200000), 67, Decimal("100000.00"), "cap"),
], ids=["ratio-binds", "cap-binds", "devices-bind", "enough-devices"])
def test_an_item_earns_the_smallest_of_its_three_bounds(policy, contract, devices, amount, limit):
    bound = caps.item_bound(policy.products[5], contract, devices, Decimal("0.70"))
    assert (bound.amount, bound.limit) == (amount, limit)


@pytest.mark.parametrize("pid,amount,needed", [(5, 100000, 67), (24, 250000, 167), (25, 100000, 125), (25, 800, 1),
                                               (5, 1501, 2), (9, 50000, None)],
                         ids=["iot-cap", "aftermarket-cap", "leasing-cap", "one-device", "just-over", "not-per-device"])
def test_devices_needed_is_the_voucher_over_the_per_device_amount_rounded_up(policy, pid, amount, needed):
    assert caps.devices_needed(policy.products[pid], Decimal(amount)) == needed


def test_the_enterprise_remainder_never_goes_below_zero(policy):
    assert caps.enterprise_remainder(Decimal(250000), policy) == Decimal(50000)
    assert caps.enterprise_remainder(Decimal(400000), policy) == Decimal(0)


@pytest.mark.parametrize("group", [(6, 7, 8), (14, 15, 16), (20, 21), (5, 9, 10)], ids=str)
def test_any_member_claimed_before_bars_every_member_of_its_group(policy, group):
    for claimed in group:
        for wanted in group:
            refusal = exclusions.claimed_before(wanted, (claimed,), policy)
            assert refusal is not None and refusal.code == "claimed_before"
            assert refusal.reference.anchor in ("annex-note-4",)


def test_a_product_outside_any_group_is_barred_only_by_itself(policy):
    assert exclusions.claimed_before(19, (20, 21, 18), policy) is None
    assert exclusions.claimed_before(19, (19,), policy).code == "claimed_before"


def test_pilot_only_applies_to_factory_application_integration_alone(policy):
    barred = [pid for pid in policy.products if exclusions.pilot_only(pid, False, policy)]
    assert barred == [27]
    assert exclusions.pilot_only(27, True, policy) is None


@pytest.mark.parametrize("value,expected", [("0.005", "0.01"), ("0.004", "0.00"), ("2.675", "2.68"),
                                            ("-0.005", "-0.01")], ids=str)
def test_rounding_is_to_the_fen_half_up(value, expected):
    assert to_fen(Decimal(value)) == Decimal(expected)


@pytest.mark.parametrize("text,expected", [
    (200000, "200000"), ("200000", "200000"), ("200,000.50", "200000.50"), ("20万", "200000"),
    ("２０万", "200000"), ("２００，０００", "200000"), ("¥200000元", "200000"), (" 20.5 万元 ", "205000"),
    (12345.67, "12345.67"), ("0", "0"),
], ids=str)
def test_contract_amounts_are_read_as_users_type_them(text, expected):
    assert parse_amount(text, "contract") == Decimal(expected)


def test_yuan_strings_have_two_decimals():
    assert yuan(Decimal(35000)) == "35000.00"
    assert yuan(Decimal("0.1")) == "0.10"


def test_the_engine_holds_no_number_of_the_notice():
    """No ratio, cap or per-device amount of the notice is written in the engine's code."""
    from pathlib import Path

    import calculator

    source = "\n".join(p.read_text("utf-8") for p in Path(calculator.__file__).parent.glob("*.py"))
    for number in ("0.7", "0.8", "300000", "30万", "1500", "800", "100000", "250000"):
        assert number not in source, number
