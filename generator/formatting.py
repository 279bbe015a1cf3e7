"""How the site writes money, ratios and dates in Chinese."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_CEILING, Decimal


def yuan(amount: int | Decimal) -> str:
    """`80000` -> `80,000 元`; fen shown only when there are any."""
    amount = Decimal(amount)
    text = f"{amount:,.2f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"
    return f"{text} 元"


def wan(amount: int | Decimal) -> str:
    """`80000` -> `8 万元`, as the notice writes caps."""
    return f"{(Decimal(amount) / 10000).normalize():f} 万元"


def percent(ratio: str | Decimal) -> str:
    """`"0.70"` -> `70%`."""
    return f"{(Decimal(ratio) * 100).normalize():f}%"


def datetime_zh(value: str) -> str:
    """`2020-05-25T10:00:00+08:00` -> `2020年5月25日 10:00`."""
    moment = datetime.fromisoformat(value)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def contract_for_full_cap(cap: int, ratio: str) -> Decimal:
    """The smallest contract, to the fen, whose ratio share reaches the cap."""
    return (Decimal(cap) / Decimal(ratio)).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def devices_for_full_cap(cap: int, per_device: int) -> int:
    """Devices the full cap needs: cap ÷ per-device amount, rounded up (附件说明 2)."""
    return -(-cap // per_device)
