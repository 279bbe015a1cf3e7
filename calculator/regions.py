"""Where the enterprise is: eligibility and the subsidy ratio."""

from __future__ import annotations

from decimal import Decimal

from calculator.policy import Policy


def is_excluded_city(city: str, policy: Policy) -> bool:
    """Enterprises of the cities the notice's scope leaves out are not eligible (二、面向范围; policy.yaml
    `excluded_cities`)."""
    return city in policy.excluded_cities


def region_of(city: str, policy: Policy) -> str:
    """The region a city belongs to, by its short name, as the policy data lists it (四、奖补标准)."""
    return policy.regions[policy.cities[city]].name


def region_full_name(city: str, policy: Policy) -> str:
    """The city's region as a sentence names it, as policy.yaml writes it (`full_name`)."""
    return policy.regions[policy.cities[city]].full_name


def subsidy_ratio(city: str, cluster_pilot: bool, policy: Policy) -> Decimal:
    """The city's region's ratio; for 产业集群试点 the pilot ratio, met with the region's as policy.yaml's
    `cluster_pilot_ratio.rule` says: `replaces` (the pilot ratio wherever the enterprise is) or `at_least`
    (the higher of the two) (四、奖补标准)."""
    ratio = policy.regions[policy.cities[city]].ratio
    if not cluster_pilot:
        return ratio
    if policy.cluster_pilot_rule == "at_least":
        return max(ratio, policy.cluster_pilot_ratio)
    return policy.cluster_pilot_ratio
