"""`estimate(plan)`: the voucher a plan would earn, item by item in plan order, each row explained."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from calculator import caps, exclusions, regions, wording
from calculator.conditions import conditions_for, devices_missing_message
from calculator.exclusions import Refusal
from calculator.money import format_percent, format_wan, format_yuan, yuan
from calculator.plan import Item, Plan, parse_plan
from calculator.policy import Policy, Product, Reference, default_policy


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
    contract_text: str
    subsidy_text: str
    ratio_amount_text: str
    cap_text: str
    per_device_text: str | None
    limit_label: str | None
    explanation: str
    refusal: dict[str, Any] | None
    # The product's 序号 in this round, as shown; `product` is its permanent id, which plans and links use.
    number: int | None = None


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
    ratio_percent: str | None
    ratio_text: str
    total_text: str
    enterprise_cap_text: str
    history: dict[str, Any]
    room_left: str
    room_left_text: str
    assumptions: list[str]
    glossary: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def refusal_dict(refusal: Refusal) -> dict[str, Any]:
    """A refusal as the result shows it in its row: code, label, message, the products and the clause."""
    return {"code": refusal.code, "label": wording.REFUSAL_LABELS[refusal.code], "message": refusal.message,
            "products": list(refusal.products), "reference": refusal.reference.to_dict()}


def _item_result(index: int, item: Item, plan: Plan, policy: Policy, ratio: Decimal, amount: Decimal,
                 limit: str | None, refusal: Refusal | None, uncapped: caps.Bound | None = None) -> ItemResult:
    """One row of the result; a refused row earns nothing, has no bound (`limit` None) and says why."""
    product = policy.products[item.product]
    bounds = caps.bounds(product, item.contract, item.devices, ratio)
    if refusal:
        text = refusal.message
    else:
        uncapped = uncapped or caps.item_bound(product, item.contract, item.devices, ratio)
        arithmetic = [(b.limit, wording.bound_arithmetic(b.limit, contract=item.contract, ratio=ratio, value=b.amount,
                                                         per_device=product.per_device, devices=item.devices))
                      for b in bounds]
        text = wording.explanation(arithmetic, limit or uncapped.limit, amount, uncapped.amount, uncapped.limit,
                                   product.per_device is not None and item.devices is None and amount > 0,
                                   bool(plan.granted_this_round))
    return ItemResult(
        index, product.id, product.name, product.page, yuan(item.contract), item.devices,
        refusal is None and amount > 0, yuan(amount), limit, refusal.code if refusal else None,
        yuan(bounds[0].amount), yuan(product.cap),
        yuan(product.per_device) if product.per_device is not None else None,
        caps.devices_needed(product, product.cap), None if refusal else caps.devices_needed(product, amount),
        format_yuan(item.contract), format_yuan(amount), format_yuan(bounds[0].amount), format_yuan(product.cap),
        format_yuan(product.per_device) if product.per_device is not None else None,
        None if refusal else wording.LIMIT_LABELS[limit] if limit else None, text,
        refusal_dict(refusal) if refusal else None, product.number)


def refusal_for(product: Product, plan: Plan, planned: set[int], granted: dict[int, Decimal],
                policy: Policy) -> Refusal | None:
    """The first rule that bars this product for this enterprise, given the items before it."""
    return (exclusions.claimed_before(product.id, plan.claimed_before, policy)
            or exclusions.granted_this_round(product.id, tuple(g.product for g in plan.granted_this_round), policy)
            or exclusions.pilot_only(product.id, plan.cluster_pilot, policy)
            or exclusions.duplicate(product.id, planned, policy)
            or exclusions.same_group(product.id, granted, policy))


def granted_before(plan: Plan) -> Decimal:
    """What this round's vouchers already granted add up to: they count towards the per-enterprise cap (附件说明 3)."""
    return sum((g.amount for g in plan.granted_this_round), Decimal(0))


def history(plan: Plan, policy: Policy) -> dict[str, Any]:
    """The claim history as the result restates it, by product name."""
    prior = granted_before(plan)
    return {
        "answered": plan.history_answered,
        "claimed_before": [{"product": pid, "number": policy.products[pid].number, "name": policy.products[pid].name}
                           for pid in plan.claimed_before],
        "granted_this_round": [{"product": g.product, "number": policy.products[g.product].number,
                                "name": policy.products[g.product].name, "amount": yuan(g.amount),
                                "amount_text": format_yuan(g.amount)} for g in plan.granted_this_round],
        "granted_total": yuan(prior), "granted_total_text": format_yuan(prior),
    }


def _shenzhen(plan: Plan, policy: Policy, region: str) -> Result:
    refusal = Refusal("shenzhen_excluded", wording.excluded_refusal(policy.excluded_description, plan.city),
                      tuple(it.product for it in plan.items), policy.excluded_reference)
    zero = Decimal(0)
    items = [_item_result(i, it, plan, policy, zero, zero, None, refusal) for i, it in enumerate(plan.items)]
    problems = [Problem.of("shenzhen_excluded", refusal.message, refusal.products, refusal.reference,
                           items=list(range(len(plan.items))))]
    return _result(False, plan, policy, region, None, items, zero, problems)


def _result(eligible: bool, plan: Plan, policy: Policy, region: str, ratio: Decimal | None, items: list[ItemResult],
            total: Decimal, problems: list[Problem]) -> Result:
    room = max(policy.enterprise_cap - granted_before(plan) - total, Decimal(0)) if eligible else Decimal(0)
    text = (wording.ratio_text(plan.city, regions.region_full_name(plan.city, policy), ratio, plan.cluster_pilot,
                               policy.cluster_pilot_ratio)
            if ratio is not None else f"{plan.city}的企业不在本次服务券面向范围内")
    return Result(eligible, plan.city, region, plan.cluster_pilot, f"{ratio:.2f}" if ratio is not None else None,
                  items, yuan(total), yuan(policy.enterprise_cap), problems, policy.version,
                  format_percent(ratio) if ratio is not None else None, text, format_yuan(total),
                  format_yuan(policy.enterprise_cap), history(plan, policy), yuan(room), format_yuan(room),
                  _assumptions(eligible, plan, ratio), _glossary(policy))


def _glossary(policy: Policy) -> dict[str, str]:
    """The glossary, its examples taken from the catalogue (the first exclusion group, the pilot's programme)."""
    example = next(iter(policy.groups.values())).name if policy.groups else ""
    return wording.glossary(example, policy.pilot_programme, policy.cluster_pilot_rule)


def _assumptions(eligible: bool, plan: Plan, ratio: Decimal | None) -> list[str]:
    """What the result takes for granted: an unanswered claim history (which cannot matter outside the
    scope), and a pilot's general catalogue."""
    out = [] if plan.history_answered or not eligible else [wording.HISTORY_ASSUMPTION]
    if eligible and plan.cluster_pilot and ratio is not None:
        out.append(wording.pilot_assumption(ratio))
    return out


def evaluate(plan: Plan, policy: Policy, notes: bool = True) -> Result:
    """Apply every rule to a parsed plan, in plan order, and collect the problems."""
    region = regions.region_of(plan.city, policy)
    if regions.is_excluded_city(plan.city, policy):
        return _shenzhen(plan, policy, region)

    ratio = regions.subsidy_ratio(plan.city, plan.cluster_pilot, policy)
    prior = granted_before(plan)
    results: list[ItemResult] = []
    problems: list[Problem] = []
    planned: set[int] = set()
    granted: dict[int, Decimal] = {}
    kept_index: dict[int, int] = {}
    total = Decimal(0)
    capped: list[int] = []
    swaps: list[tuple[int, int, str]] = []
    for index, item in enumerate(plan.items):
        product = policy.products[item.product]
        refusal = refusal_for(product, plan, planned, granted, policy)
        planned.add(product.id)
        if refusal:
            kept = kept_index.get(refusal.products[-1])
            if refusal.code in ("exclusive_group", "duplicate_product") and kept is not None:
                swaps.append((index, kept, refusal.code))
            problems.append(Problem.of(refusal.code, refusal.message, refusal.products, refusal.reference, items=[index]))
            results.append(_item_result(index, item, plan, policy, ratio, Decimal(0), None, refusal))
            continue
        bound = caps.item_bound(product, item.contract, item.devices, ratio)
        amount, limit = bound.amount, bound.limit
        remainder = caps.enterprise_remainder(prior + total, policy)
        if amount > remainder:
            amount, limit = remainder, "enterprise_cap"
            capped.append(index)
        total += amount
        if amount > 0:
            granted[product.id] = amount
            kept_index[product.id] = index
        results.append(_item_result(index, item, plan, policy, ratio, amount, limit, None, bound))
        if amount > 0:
            problems.extend(_item_notes(index, product, item.devices, amount, policy))

    if capped:
        problems.append(_enterprise_cap_problem(results, capped, prior, policy))
    if notes:
        for index, kept, code in swaps:
            note = _better_choice_note(plan, index, kept, total, policy)
            if note:
                problem = next(p for p in problems if p.items == [index] and p.code == code)
                problem.message += note
                results[index].explanation += note
                results[index].refusal["message"] += note  # type: ignore[index]
    return _result(True, plan, policy, region, ratio, results, total, problems)


def _enterprise_cap_problem(results: list[ItemResult], capped: list[int], prior: Decimal, policy: Policy) -> Problem:
    first = results[capped[0]]
    already = f"（含本轮已获 {format_yuan(prior)}）" if prior else ""
    return Problem.of(
        "enterprise_cap",
        f"方案合计{already}超过单家企业奖补总额上限 {format_wan(policy.enterprise_cap)}：{first.number}「{first.name}」"
        f"削减为 {first.subsidy_text}" + ("，其后各项为 0 元。" if len(capped) > 1 else "。"),
        [results[i].product for i in capped], policy.enterprise_cap_reference, "warning", capped)


def _better_choice_note(plan: Plan, index: int, kept: int, total: Decimal, policy: Policy) -> str:
    """Where claiming the refused item `index` instead of the kept one of its group would raise the
    plan's total, say by how much. Both totals apply every cap, so the gain is never overstated."""
    swapped = evaluate(plan.with_items(tuple(it for i, it in enumerate(plan.items) if i != kept)), policy, notes=False)
    gain = Decimal(swapped.total) - total
    if gain > 0:
        return (f"若改为申领此项而不申领前者，方案合计可多得 {format_yuan(gain)}"
                f"（{swapped.total_text}对 {format_yuan(total)}）。")
    return ""


def _item_notes(index: int, product: Product, devices: int | None, amount: Decimal, policy: Policy) -> list[Problem]:
    """Warnings for a granted item: conditions to meet, and a device count to give for per-device products."""
    notes = [Problem.of(c.code, c.description, [product.id], c.reference, "condition", [index])
             for c in conditions_for(product.id, policy)]
    if product.per_device is not None and devices is None:
        needed = caps.devices_needed(product, amount)
        notes.append(Problem.of("devices_missing", devices_missing_message(product, needed, format_yuan(amount)),
                                [product.id], policy.per_device_reference, "warning", [index]))
    return notes


def estimate(plan: object, policy: Policy | None = None) -> dict[str, Any]:
    """Estimate a plan (JSON-able dict) and return the result as a JSON-able dict. Raises PlanError."""
    policy = policy or default_policy()
    return evaluate(parse_plan(plan, policy), policy).to_dict()
