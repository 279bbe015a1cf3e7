"""How much one item earns, and the per-enterprise cap across items."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from calculator.money import FEN, to_fen
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


def bounds(product: Product, contract: Decimal, devices: int | None, ratio: Decimal) -> list[Bound]:
    """Every bound on one item, in the order they are explained: contract × ratio, the product cap,
    and devices × per-device amount where the product has one and a device count is given."""
    out = [Bound(ratio_bound(contract, ratio), "ratio"), Bound(to_fen(product.cap), "cap")]
    by_devices = device_bound(product, devices)
    if by_devices is not None:
        out.append(Bound(to_fen(by_devices), "devices"))
    return out


def item_bound(product: Product, contract: Decimal, devices: int | None, ratio: Decimal) -> Bound:
    """The smallest of contract × ratio, the product cap (附件 奖补上限) and devices × per-device amount;
    on a tie the earlier bound is named."""
    return min(bounds(product, contract, devices, ratio), key=lambda b: b.amount)


def contract_for_amount(amount: Decimal, ratio: Decimal) -> Decimal:
    """The smallest contract, to the fen, whose ratio amount (rounded half up, as `ratio_bound` does)
    reaches `amount`: what a contract must be for a voucher of `amount` (四、奖补标准)."""
    # to_fen(c × r) ≥ A exactly when c × r ≥ A − half a fen.
    needed = ((amount - FEN / 2) / ratio).quantize(FEN, rounding=ROUND_CEILING)
    return max(needed, Decimal(0))


def enterprise_remainder(granted_so_far: Decimal, policy: Policy) -> Decimal:
    """What the per-enterprise cap still allows (附件说明 3: 单家企业奖补总额上限)."""
    return max(policy.enterprise_cap - granted_so_far, Decimal(0))
