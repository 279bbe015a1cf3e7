"""Properties that hold for every plan (hypothesis)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import estimate, suggest

CITIES = ["广州市", "佛山市", "汕头市", "梅州市", "湛江市", "东莞市"]
amounts = st.one_of(st.integers(0, 2_000_000), st.decimals(0, 2_000_000, places=2).map(str))
items = st.fixed_dictionaries({"product": st.integers(1, 27), "contract": amounts},
                              optional={"devices": st.integers(0, 400)})
plans = st.fixed_dictionaries({
    "city": st.sampled_from(CITIES), "cluster_pilot": st.booleans(),
    "claimed_before": st.lists(st.integers(1, 27), max_size=3), "items": st.lists(items, max_size=6),
})
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(plan=plans)
def test_no_item_exceeds_its_cap_or_the_contract_times_the_ratio(policy, plan):
    result = estimate(plan, policy)
    ratio = Decimal(result["ratio"])
    for item, given_item in zip(result["items"], plan["items"], strict=True):
        subsidy = Decimal(item["subsidy"])
        assert subsidy <= policy.products[item["product"]].cap
        assert subsidy <= (Decimal(str(given_item["contract"])) * ratio).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        assert subsidy >= 0


@SETTINGS
@given(plan=plans)
def test_the_total_never_exceeds_300000_and_is_the_sum_of_the_items(policy, plan):
    result = estimate(plan, policy)
    total = Decimal(result["total"])
    assert total <= policy.enterprise_cap
    assert total == sum(Decimal(i["subsidy"]) for i in result["items"])


@SETTINGS
@given(plan=plans, index=st.integers(0, 5), extra=st.integers(1, 500_000))
def test_a_larger_contract_never_lowers_a_subsidy(policy, plan, index, extra):
    if not plan["items"]:
        return
    index %= len(plan["items"])
    before = estimate(plan, policy)["items"][index]["subsidy"]
    bigger = [dict(item) for item in plan["items"]]
    bigger[index]["contract"] = str(Decimal(str(bigger[index]["contract"])) + extra)
    after = estimate({**plan, "items": bigger}, policy)["items"][index]["subsidy"]
    assert Decimal(after) >= Decimal(before)


def _breaks_a_rule(result) -> bool:
    return any(p["severity"] == "error" for p in result["problems"])


@SETTINGS
@given(plan=plans)
def test_suggest_is_never_below_the_plan_and_never_breaks_a_rule(policy, plan):
    best = suggest(plan, policy)
    assert Decimal(best["total"]) >= Decimal(best["plan_total"])
    assert best["plan_total"] == estimate(plan, policy)["total"]
    assert not _breaks_a_rule(best["result"])
    assert all(item["granted"] for item in best["result"]["items"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans)
def test_suggest_matches_an_exhaustive_search_over_every_subset_and_order(policy, plan):
    best = Decimal(0)
    entries = plan["items"]
    for size in range(len(entries) + 1):
        for subset in itertools.combinations(entries, size):
            result = estimate({**plan, "items": list(subset)}, policy)
            if not _breaks_a_rule(result):
                best = max(best, Decimal(result["total"]))
    assert Decimal(suggest(plan, policy)["total"]) == best
