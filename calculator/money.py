"""Amounts of money as Decimal: parsing what users type, rounding to the fen, and the one place where
money, 万元 and percentages are formatted, so the CLI, the page and the printed sheet agree."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from calculator.errors import PlanError
from calculator.numerals import chinese_integer
from calculator.variants import plain

FEN = Decimal("0.01")
WAN = Decimal(10000)
# Not from the notice: guards against typos and overflow in user input (one trillion yuan, and text
# no amount needs). Longer text is refused before any regex or Decimal sees it.
MAX_AMOUNT = Decimal(10) ** 12
MAX_TEXT = 40
MAX_DEVICES = 10**9

# ASCII digits only: str.isdigit() and \d admit digits such as ᧚ or 𐩀 that int() and Decimal refuse.
_NUMBER_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(万|w|W|千|k|K|亿)?", re.ASCII)
_MULTIPLIERS = {"万": WAN, "w": WAN, "W": WAN, "千": Decimal(1000), "k": Decimal(1000), "K": Decimal(1000),
                "亿": Decimal(10) ** 8}
_THOUSANDS_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?:[^0-9]|$))")
_COUNT_RE = re.compile(r"[0-9]+", re.ASCII)


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up: the one rounding the engine does, at each item's amount."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(amount: Decimal) -> str:
    """A plain yuan string with two decimals, e.g. `70000.00` (the machine-readable form)."""
    fen = to_fen(amount)
    return f"{fen.copy_abs() if fen == 0 else fen:.2f}"


def format_yuan(amount: Decimal | str) -> str:
    """The human form of an amount, with thousands separators and the unit: `70,000.00 元`."""
    fen = Decimal(yuan(Decimal(amount)))
    return f"{fen:,.2f} 元"


def format_wan(amount: Decimal | str) -> str:
    """An amount in 万元 as the notice writes caps: `12 万元`, `2.5 万元`."""
    return f"{(Decimal(amount) / WAN).normalize():f} 万元"


def format_percent(ratio: Decimal | str) -> str:
    """A ratio as a percentage, e.g. sixty-five hundredths -> `65%`."""
    return f"{(Decimal(ratio) * 100).normalize():f}%"


def _normalise(text: str) -> str:
    # NFKC turns full-width digits, commas and points (２０，０００．５) into ASCII; 萬 becomes 万.
    text = plain(text)
    for prefix in ("¥", "￥", "RMB", "人民币"):
        text = text.removeprefix(prefix)
    for suffix in ("元整", "元", "块钱", "块"):
        text = text.removesuffix(suffix)
    return _THOUSANDS_RE.sub("", text)


def _check_amount(amount: Decimal, field: str, value: object) -> Decimal:
    if amount < 0:
        raise PlanError(field, "金额不能为负数")
    if amount > MAX_AMOUNT:
        raise PlanError(field, "金额过大（超过 1 万亿元），请检查是否多输入了数字")
    if amount != to_fen(amount):
        raise PlanError(field, f"金额最多精确到分（两位小数），而不是“{value}”")
    return amount + 0  # drops the sign of a negative zero


def parse_amount(value: object, field: str) -> Decimal:
    """Parse an amount in yuan: a number, `"200000"`, `"200,000.50"`, `"20万"`, `"8w"` or full-width digits."""
    if isinstance(value, bool) or value is None:
        raise PlanError(field, "应填写金额（元），例如 200000 或 20万")
    if isinstance(value, int):
        # Compare as int: converting a number of thousands of digits to Decimal or str is refused by Python.
        if value > MAX_AMOUNT:
            raise PlanError(field, "金额过大（超过 1 万亿元），请检查是否多输入了数字")
        return _check_amount(Decimal(value), field, value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PlanError(field, "金额不是有效数字")
        if abs(value) > MAX_AMOUNT:
            raise PlanError(field, "金额过大（超过 1 万亿元），请检查是否多输入了数字")
        return _check_amount(Decimal(repr(value)), field, value)
    if not isinstance(value, str):
        raise PlanError(field, "应填写金额（元），例如 200000 或 20万")
    if len(value) > MAX_TEXT:
        raise PlanError(field, "金额过长，请填写如 200000、200,000.50 或 20万")
    text = _normalise(value)
    if text.startswith("-"):
        raise PlanError(field, f"金额不能为负数：“{value}”")
    match = _NUMBER_RE.fullmatch(text)
    if not match and (spoken := chinese_integer(text)) is not None:
        # Understood, but not taken: a figure typed in words is where a slip goes unseen (and an
        # amount on a form is written in figures), so the user confirms it in figures instead.
        figures = f"{spoken}" if spoken < WAN or spoken % WAN else f"{spoken} 或 {spoken // WAN}万"
        raise PlanError(field, f"无法识别的金额“{value}”：金额请用阿拉伯数字填写，例如 {figures}")
    if not match:
        raise PlanError(field, f"无法识别的金额“{value}”，请填写如 200000、200,000.50 或 20万")
    if "." in match.group(1) and len(match.group(1).split(".")[1]) == 3 and not match.group(2):
        # 80.000 is eighty yuan here but eighty thousand where a point groups thousands: never guess.
        raise PlanError(field, f"“{value}”有歧义：金额最多两位小数；如小数点是千位分隔，请改用逗号或“万”，例如 1,000 或 1万")
    try:
        amount = Decimal(match.group(1)) * _MULTIPLIERS.get(match.group(2), Decimal(1))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        raise PlanError(field, f"无法识别的金额“{value}”") from None
    return _check_amount(amount, field, value)


def parse_count(value: object, field: str) -> int | None:
    """Parse a device count: a non-negative whole number, or None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise PlanError(field, "设备数应为不小于 0 的整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise PlanError(field, "设备数应为不小于 0 的整数")
        value = int(value)
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise PlanError(field, "设备数过大，请检查输入")
        text = plain(value).removesuffix("台")
        if not _COUNT_RE.fullmatch(text):
            raise PlanError(field, f"设备数应为不小于 0 的整数，而不是“{value}”")
        value = int(text)
    if not isinstance(value, int):
        raise PlanError(field, "设备数应为不小于 0 的整数")
    if value < 0:
        raise PlanError(field, "设备数不能为负数")
    if value > MAX_DEVICES:
        raise PlanError(field, "设备数过大，请检查输入")
    return value
