"""How the site writes money, ratios and dates in Chinese: money and ratios through the engine's own
formatting (`calculator.money`), so pages, the calculator and the printed sheet agree to the character."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from calculator.caps import contract_for_amount
from calculator.money import format_percent, format_wan, format_yuan


def yuan(amount: int | Decimal) -> str:
    """`12000` -> `12,000.00 元`."""
    return format_yuan(Decimal(amount))


def wan(amount: int | Decimal) -> str:
    """`12000` -> `1.2 万元`, as the notice writes caps."""
    return format_wan(Decimal(amount))


def percent(ratio: str | Decimal) -> str:
    """A ratio as a percentage, e.g. `"0.65"` -> `65%`."""
    return format_percent(Decimal(ratio))


def datetime_zh(value: str) -> str:
    """`2000-01-02T10:00:00+08:00` -> `2000年1月2日 10:00`."""
    moment = datetime.fromisoformat(value)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def contract_for_full_cap(cap: int, ratio: str) -> Decimal:
    """The smallest contract, to the fen, whose ratio amount reaches the cap, rounded as the engine rounds."""
    return contract_for_amount(Decimal(cap), Decimal(ratio))


def devices_for_full_cap(cap: int, per_device: int) -> int:
    """Devices the full cap needs: cap ÷ per-device amount, rounded up (附件说明 2)."""
    return -(-cap // per_device)
