"""Where the enterprise is: eligibility and the subsidy ratio."""

from __future__ import annotations

from decimal import Decimal

from calculator.policy import Policy


def is_excluded_city(city: str, policy: Policy) -> bool:
    """Shenzhen's enterprises are not eligible (二、面向范围: 面向广东省各地市工业企业（深圳市除外）)."""
    return city in policy.excluded_cities


def region_of(city: str, policy: Policy) -> str:
    """The region (珠三角 or 粤东西北) a city belongs to, as the policy data lists it (四、奖补标准)."""
    return policy.regions[policy.cities[city]].name


def region_full_name(city: str, policy: Policy) -> str:
    """The city's region as a sentence names it, as policy.yaml writes it (`full_name`: 珠三角地区)."""
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
