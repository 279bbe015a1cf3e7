"""`estimate(plan)`: the voucher a plan would earn, item by item in plan order, with its problems."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from calculator import caps, exclusions, regions
from calculator.conditions import conditions_for, devices_missing_message
from calculator.money import yuan
from calculator.plan import Plan, parse_plan
from calculator.policy import Policy, Reference, default_policy


@dataclass
class Problem:
    code: str
    message: str
    products: list[int]
    reference: dict[str, str]
    severity: str = "error"
    items: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, code: str, message: str, products: tuple[int, ...] | list[int], reference: Reference,
           severity: str = "error", items: list[int] | None = None) -> Problem:
        return cls(code, message, list(products), reference.to_dict(), severity, items or [])


@dataclass
class ItemResult:
    index: int
    product: int
    name: str
    page: str
    contract: str
    devices: int | None
    granted: bool
    subsidy: str
    limit: str | None
    refused: str | None
    ratio_amount: str
    cap: str
    per_device: str | None
    devices_for_cap: int | None
    devices_required: int | None


@dataclass
class Result:
    eligible: bool
    city: str
    region: str
    cluster_pilot: bool
    ratio: str | None
    items: list[ItemResult]
    total: str
    enterprise_cap: str
    problems: list[Problem]
    catalogue_version: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _wan(amount: Decimal) -> str:
    return f"{(amount / 10000).normalize():f} 万元"


def _item_result(index: int, item, policy: Policy, ratio: Decimal, amount: Decimal,
                 limit: str | None, refused: str | None) -> ItemResult:
    """One item of the result; a refused item earns nothing and has no bound (`limit` None)."""
    product = policy.products[item.product]
    return ItemResult(index, product.id, product.name, product.page, yuan(item.contract), item.devices,
                      refused is None and amount > 0, yuan(amount), limit, refused,
                      yuan(caps.ratio_bound(item.contract, ratio)), yuan(product.cap),
                      yuan(product.per_device) if product.per_device is not None else None,
                      caps.devices_needed(product, product.cap),
                      None if refused else caps.devices_needed(product, amount))


def _better_choice_note(amount: Decimal, kept: Decimal) -> str:
    """Where the refused later item would pay more than the kept earlier one, say so."""
    if amount > kept:
        return f"若改为申领此项而不申领前者，可多得 {yuan(amount - kept)} 元（{yuan(amount)} 元对 {yuan(kept)} 元）。"
    return ""


def evaluate(plan: Plan, policy: Policy) -> Result:
    """Apply every rule to a parsed plan, in plan order, and collect the problems."""
    region = regions.region_of(plan.city, policy)
    problems: list[Problem] = []
    if regions.is_excluded_city(plan.city, policy):
        zero = Decimal(0)
        items = [_item_result(i, it, policy, zero, zero, None, "shenzhen_excluded") for i, it in enumerate(plan.items)]
        problems.append(Problem.of("shenzhen_excluded", f"{plan.city}的企业不在本次服务券面向范围内（深圳市除外）。",
                                   [it.product for it in plan.items], policy.excluded_reference,
                                   items=list(range(len(plan.items)))))
        return Result(False, plan.city, region, plan.cluster_pilot, None, items, yuan(zero),
                      yuan(policy.enterprise_cap), problems, policy.version)

    ratio = regions.subsidy_ratio(plan.city, plan.cluster_pilot, policy)
    results: list[ItemResult] = []
    planned: list[int] = []
    granted: dict[int, Decimal] = {}
    total = Decimal(0)
    capped: list[int] = []
    for index, item in enumerate(plan.items):
        product = policy.products[item.product]
        bound = caps.item_bound(product, item.contract, item.devices, ratio)
        refusal = (exclusions.claimed_before(product.id, plan.claimed_before, policy)
                   or exclusions.pilot_only(product.id, plan.cluster_pilot, policy)
                   or exclusions.duplicate(product.id, planned, policy)
                   or exclusions.same_group(product.id, list(granted), policy))
        planned.append(product.id)
        if refusal:
            message = refusal.message
            if refusal.code == "exclusive_group":
                message += _better_choice_note(bound.amount, granted[refusal.products[1]])
            problems.append(Problem.of(refusal.code, message, refusal.products, refusal.reference, items=[index]))
            results.append(_item_result(index, item, policy, ratio, Decimal(0), None, refusal.code))
            continue
        amount, limit = bound.amount, bound.limit
        remainder = caps.enterprise_remainder(total, policy)
        if amount > remainder:
            amount, limit = remainder, "enterprise_cap"
            capped.append(index)
        total += amount
        if amount > 0:
            granted[product.id] = amount
        results.append(_item_result(index, item, policy, ratio, amount, limit, None))
        if amount > 0:
            problems.extend(_item_notes(index, product, item.devices, amount, policy))

    if capped:
        first = results[capped[0]]
        problems.append(Problem.of(
            "enterprise_cap",
            f"方案合计超过单家企业奖补总额上限 {_wan(policy.enterprise_cap)}：{first.product}「{first.name}」"
            f"削减为 {first.subsidy} 元" + ("，其后各项为 0 元。" if len(capped) > 1 else "。"),
            [results[i].product for i in capped], policy.enterprise_cap_reference, "warning", capped))
    return Result(True, plan.city, region, plan.cluster_pilot, f"{ratio:.2f}", results, yuan(total),
                  yuan(policy.enterprise_cap), problems, policy.version)


def _item_notes(index: int, product, devices: int | None, amount: Decimal, policy: Policy) -> list[Problem]:
    """Warnings for a granted item: conditions to meet, and a device count to give for per-device products."""
    notes = [Problem.of(c.code, c.description, [product.id], c.reference, "condition", [index])
             for c in conditions_for(product.id, policy)]
    if product.per_device is not None and devices is None:
        needed = caps.devices_needed(product, amount)
        notes.append(Problem.of("devices_missing", devices_missing_message(product, needed, yuan(amount)),
                                [product.id], policy.per_device_reference, "warning", [index]))
    return notes


def estimate(plan: object, policy: Policy | None = None) -> dict[str, Any]:
    """Estimate a plan (JSON-able dict) and return the result as a JSON-able dict. Raises PlanError."""
    policy = policy or default_policy()
    return evaluate(parse_plan(plan, policy), policy).to_dict()
