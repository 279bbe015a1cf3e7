"""`suggest(plan)`: the subset of the wanted items that earns the most under every rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calculator import caps, regions
from calculator.engine import Result, evaluate, refusal_for
from calculator.exclusions import shared_groups
from calculator.money import format_yuan, yuan
from calculator.plan import Plan, parse_plan
from calculator.policy import Policy, default_policy


def best_items(plan: Plan, policy: Policy) -> list[int]:
    """Indices of the items of the best plan, in plan order.

    Exact, not greedy: each item's amount depends only on the item and the ratio, the rules allow at
    most one item per product and no two products sharing an exclusion group, and the total is
    min(enterprise cap, sum). So the sum, hence the total, is largest when each product keeps its largest
    item, items barred on their own (claimed before, pilot only) are dropped, and the products kept are
    the heaviest set of which no two share a group (groups may overlap: heaviest_compatible).
    """
    if regions.is_excluded_city(plan.city, policy):
        return []
    ratio = regions.subsidy_ratio(plan.city, plan.cluster_pilot, policy)
    best: dict[object, tuple[Decimal, int]] = {}
    for index, item in enumerate(plan.items):
        pid = item.product
        # Barred on its own (earlier claims, this round's grants, pilot only): the same rules the
        # estimate applies, with nothing planned before it.
        if refusal_for(policy.products[pid], plan, set(), {}, policy):
            continue
        amount = caps.item_bound(policy.products[pid], item.contract, item.devices, ratio).amount
        if amount <= 0:
            continue
        if pid not in best or amount > best[pid][0]:
            best[pid] = (amount, index)
    kept = heaviest_compatible({pid: amount for pid, (amount, _) in best.items()},
                               sorted(best, key=lambda pid: best[pid][1]), policy)
    return sorted(best[pid][1] for pid in kept)


def heaviest_compatible(weights: dict[int, Decimal], order: list[int], policy: Policy) -> set[int]:
    """The products of largest total weight no two of which share an exclusion group (附件说明 4): an exact
    search, heaviest first and pruned by what is left, which a plan's few products keep small. Of equal
    totals the one keeping products earlier in `order` (the plan's) wins, as the engine keeps earlier items."""
    pids = sorted(order, key=lambda pid: (-weights[pid], order.index(pid)))
    best: tuple[Decimal, set[int]] = (Decimal(-1), set())

    def walk(i: int, chosen: set[int], total: Decimal, left: Decimal) -> None:
        nonlocal best
        if total + left <= best[0]:
            return
        if i == len(pids):
            best = (total, set(chosen))
            return
        pid = pids[i]
        if not any(shared_groups(pid, other, policy) for other in chosen):
            walk(i + 1, chosen | {pid}, total + weights[pid], left - weights[pid])
        walk(i + 1, chosen, total, left - weights[pid])

    walk(0, set(), Decimal(0), sum(weights.values(), Decimal(0)))
    return best[1]


def _subset(parsed: Plan, indices: list[int]) -> Plan:
    return parsed.with_items(tuple(parsed.items[i] for i in indices))


def best_plan(parsed: Plan, policy: Policy, given: Result) -> dict[str, Any]:
    """The best plan next to the plan as given (already evaluated): kept and dropped items, both totals, the gain."""
    kept = best_items(parsed, policy)
    best = evaluate(_subset(parsed, kept), policy)
    if not all(item.granted for item in best.items):
        # Items the enterprise cap leaves at nothing would only use up a claim: drop them too.
        kept = [i for i, item in zip(kept, best.items, strict=True) if item.granted]
        best = evaluate(_subset(parsed, kept), policy)
    gain = Decimal(best.total) - Decimal(given.total)
    return {
        "plan": _subset(parsed, kept).to_dict(),
        "kept": kept,
        "dropped": [i for i in range(len(parsed.items)) if i not in kept],
        "total": best.total,
        "total_text": best.total_text,
        "plan_total": given.total,
        "gain": yuan(gain),
        "gain_text": format_yuan(gain),
        "better": gain > 0,
        "result": best.to_dict(),
    }


def suggest(plan: object, policy: Policy | None = None) -> dict[str, Any]:
    """The subset of the plan's items (and the choice within each group) that earns the most."""
    policy = policy or default_policy()
    parsed = parse_plan(plan, policy)
    return best_plan(parsed, policy, evaluate(parsed, policy))
