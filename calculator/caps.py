"""How much one item earns, and the per-enterprise cap across items."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculator.money import to_fen
from calculator.policy import Policy, Product


@dataclass(frozen=True)
class Bound:
    """An item's amount and the bound that decided it: `ratio`, `cap` or `devices`."""

    amount: Decimal
    limit: str


def ratio_bound(contract: Decimal, ratio: Decimal) -> Decimal:
    """The contract times the ratio, rounded to the fen half up (四、奖补标准)."""
    return to_fen(contract * ratio)


def device_bound(product: Product, devices: int | None) -> Decimal | None:
    """Devices × the per-device amount, for products whose 备注 gives one (附件说明 2); else no bound."""
    if product.per_device is None or devices is None:
        return None
    return devices * product.per_device


def devices_needed(product: Product, amount: Decimal) -> int | None:
    """Devices an amount needs: at least amount ÷ per-device amount, rounded up (附件说明 2)."""
    if product.per_device is None:
        return None
    whole, rest = divmod(amount, product.per_device)
    return int(whole) + (1 if rest else 0)


def item_bound(product: Product, contract: Decimal, devices: int | None, ratio: Decimal) -> Bound:
    """The smallest of contract × ratio, the product cap (附件 奖补上限) and devices × per-device amount."""
    best = Bound(ratio_bound(contract, ratio), "ratio")
    for amount, limit in ((product.cap, "cap"), (device_bound(product, devices), "devices")):
        if amount is not None and amount < best.amount:
            best = Bound(to_fen(amount), limit)
    return best


def enterprise_remainder(granted_so_far: Decimal, policy: Policy) -> Decimal:
    """What the per-enterprise cap still allows (附件说明 3: 单家企业奖补总额上限)."""
    return max(policy.enterprise_cap - granted_so_far, Decimal(0))
