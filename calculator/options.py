"""`options(profile)`: 可申领一览 — for an enterprise as described (city, pilot status, claim history),
every product of the catalogue: whether it can still be claimed and why not, its largest voucher, the
smallest contract and the devices that voucher needs, and the room left under the per-enterprise cap."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calculator import caps, exclusions, regions
from calculator.engine import granted_before, history, refusal_dict, refusal_for
from calculator.money import format_percent, format_yuan, to_fen, yuan
from calculator.plan import parse_plan
from calculator.policy import Policy, Product, default_policy
from calculator.wording import HISTORY_ASSUMPTION, excluded_refusal, ratio_text


def product_option(product: Product, refusal: exclusions.Refusal | None, ratio: Decimal | None,
                   room: Decimal) -> dict[str, Any]:
    """One product for this enterprise: refused with its reason, or its largest voucher (the product cap
    or the room left under the per-enterprise cap, whichever is smaller) and what that voucher needs."""
    best = Decimal(0) if refusal or ratio is None else min(to_fen(product.cap), room)
    contract = caps.contract_for_amount(best, ratio) if best > 0 and ratio is not None else None
    devices = caps.devices_needed(product, best) if best > 0 else None
    return {
        "product": product.id, "number": product.number, "name": product.name, "page": product.page, "category": product.category,
        "available": refusal is None and best > 0,
        "refusal": refusal_dict(refusal) if refusal else None,
        "cap": yuan(product.cap), "cap_text": format_yuan(product.cap),
        "max_voucher": yuan(best), "max_voucher_text": format_yuan(best),
        "contract_for_max": yuan(contract) if contract is not None else None,
        "contract_for_max_text": format_yuan(contract) if contract is not None else None,
        "per_device": yuan(product.per_device) if product.per_device is not None else None,
        "per_device_text": format_yuan(product.per_device) if product.per_device is not None else None,
        "devices_for_max": devices,
    }


def options(profile: object, policy: Policy | None = None) -> dict[str, Any]:
    """可申领一览 for an enterprise. `profile` is a plan without items (items, if given, are ignored)."""
    policy = policy or default_policy()
    if isinstance(profile, dict):
        profile = {k: v for k, v in profile.items() if k != "items"}
    plan = parse_plan(profile, policy)
    region = regions.region_of(plan.city, policy)
    eligible = not regions.is_excluded_city(plan.city, policy)
    ratio = regions.subsidy_ratio(plan.city, plan.cluster_pilot, policy) if eligible else None
    room = max(policy.enterprise_cap - granted_before(plan), Decimal(0)) if eligible else Decimal(0)
    products = []
    for product in sorted(policy.products.values(), key=lambda p: p.id):
        refusal = (None if eligible else exclusions.Refusal(
            "shenzhen_excluded", excluded_refusal(policy.excluded_description, plan.city),
            (product.id,), policy.excluded_reference)) or refusal_for(product, plan, set(), {}, policy)
        products.append(product_option(product, refusal, ratio, room))
    return {
        "city": plan.city, "region": region, "cluster_pilot": plan.cluster_pilot, "eligible": eligible,
        "ratio": f"{ratio:.2f}" if ratio is not None else None,
        "ratio_percent": format_percent(ratio) if ratio is not None else None,
        "ratio_text": (ratio_text(plan.city, regions.region_full_name(plan.city, policy), ratio, plan.cluster_pilot,
                                  policy.cluster_pilot_ratio)
                       if ratio is not None else f"{plan.city}的企业不在本次服务券面向范围内"),
        "history": history(plan, policy),
        "assumptions": [] if plan.history_answered else [HISTORY_ASSUMPTION],
        "enterprise_cap": yuan(policy.enterprise_cap), "enterprise_cap_text": format_yuan(policy.enterprise_cap),
        "room_left": yuan(room), "room_left_text": format_yuan(room),
        "available_count": sum(1 for p in products if p["available"]),
        "products": products,
        "catalogue_version": policy.version,
    }
