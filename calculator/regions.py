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


def subsidy_ratio(city: str, cluster_pilot: bool, policy: Policy) -> Decimal:
    """70% in 珠三角; 80% in 粤东西北 and for 产业集群试点 wherever they are (四、奖补标准)."""
    ratio = policy.regions[policy.cities[city]].ratio
    return max(ratio, policy.cluster_pilot_ratio) if cluster_pilot else ratio
