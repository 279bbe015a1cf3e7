"""Amounts of money as Decimal: parsing what users type, rounding to the fen, formatting."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from calculator.errors import PlanError

FEN = Decimal("0.01")
WAN = Decimal(10000)
# Not from the notice: a guard against typos and overflow in user input (one trillion yuan).
MAX_AMOUNT = Decimal(10) ** 12

_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?)(万)?")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up: the one rounding the engine does, at each item's amount."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(amount: Decimal) -> str:
    """Format as a plain yuan string with two decimals, e.g. `70000.00`."""
    return f"{to_fen(amount):.2f}"


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, commas and points (２０，０００．５) into ASCII.
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    for prefix in ("¥", "￥", "RMB", "人民币"):
        text = text.removeprefix(prefix)
    for suffix in ("元整", "元"):
        text = text.removesuffix(suffix)
    return _THOUSANDS_RE.sub("", text)


def parse_amount(value: object, field: str) -> Decimal:
    """Parse a contract amount in yuan: a number, `"200000"`, `"200,000.50"`, `"20万"` or full-width digits."""
    if isinstance(value, bool) or value is None:
        raise PlanError(field, "应填写金额（元），例如 200000 或 20万")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PlanError(field, "金额不是有效数字")
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = _normalise(value)
        if text.startswith("-"):
            raise PlanError(field, f"金额不能为负数：“{value}”")
        match = _NUMBER_RE.fullmatch(text)
        if not match:
            raise PlanError(field, f"无法识别的金额“{value}”，请填写如 200000、200,000.50 或 20万")
        try:
            amount = Decimal(match.group(1)) * (WAN if match.group(2) else 1)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            raise PlanError(field, f"无法识别的金额“{value}”") from None
    else:
        raise PlanError(field, "应填写金额（元），例如 200000 或 20万")
    if amount < 0:
        raise PlanError(field, "金额不能为负数")
    if amount > MAX_AMOUNT:
        raise PlanError(field, "金额过大（超过 1 万亿元），请检查是否多输入了数字")
    return amount


def parse_count(value: object, field: str) -> int | None:
    """Parse a device count: a non-negative whole number, or None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise PlanError(field, "设备数应为不小于 0 的整数")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("台")
        if not text.isdigit():
            raise PlanError(field, f"设备数应为不小于 0 的整数，而不是“{value}”")
        value = int(text)
    if not isinstance(value, int):
        raise PlanError(field, "设备数应为不小于 0 的整数")
    if value < 0:
        raise PlanError(field, "设备数不能为负数")
    if value > MAX_AMOUNT:
        raise PlanError(field, "设备数过大，请检查输入")
    return value
