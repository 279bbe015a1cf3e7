"""A plan as typed data, parsed from plain JSON-able input; every bad field is reported at once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from calculator.errors import PlanError
from calculator.history import impossible_grants
from calculator.money import MAX_TEXT, format_yuan, parse_amount, parse_count
from calculator.policy import Policy
from calculator.variants import plain

PLAN_FIELDS = ("city", "cluster_pilot", "claimed_before", "granted_this_round", "items")
ITEM_FIELDS = ("product", "contract", "devices")
GRANT_FIELDS = ("product", "amount")
# Not from the notice: the catalogue has 27 products, so a plan never needs more rows than this; the
# limit keeps a pasted or hostile plan from freezing the page or the CLI.
MAX_ROWS = 100

T = TypeVar("T")


@dataclass(frozen=True)
class Item:
    product: int
    contract: Decimal
    devices: int | None


@dataclass(frozen=True)
class Grant:
    """A voucher already granted to the enterprise in this round (本服务券发放周期内)."""

    product: int
    amount: Decimal


@dataclass(frozen=True)
class Plan:
    city: str
    cluster_pilot: bool
    claimed_before: tuple[int, ...]
    items: tuple[Item, ...]
    granted_this_round: tuple[Grant, ...] = ()
    history_answered: bool = True

    def to_dict(self) -> dict[str, Any]:
        items = []
        for item in self.items:
            entry: dict[str, Any] = {"product": item.product, "contract": f"{item.contract.normalize():f}"}
            if item.devices is not None:
                entry["devices"] = item.devices
            items.append(entry)
        out: dict[str, Any] = {"city": self.city, "cluster_pilot": self.cluster_pilot}
        if self.history_answered:
            out["claimed_before"] = list(self.claimed_before)
            out["granted_this_round"] = [{"product": g.product, "amount": f"{g.amount.normalize():f}"}
                                         for g in self.granted_this_round]
        out["items"] = items
        return out

    def with_items(self, items: tuple[Item, ...]) -> Plan:
        return Plan(self.city, self.cluster_pilot, self.claimed_before, items, self.granted_this_round,
                    self.history_answered)


class _Errors:
    """Collects PlanErrors so that every bad field is reported, not only the first."""

    def __init__(self) -> None:
        self.found: list[PlanError] = []

    def check(self, parse: Callable[[], T], default: T) -> T:
        try:
            return parse()
        except PlanError as err:
            self.found.append(err)
            return default

    def add(self, field: str, message: str) -> None:
        self.found.append(PlanError(field, message))


# What may follow a city's name in an address: the county-level division the enterprise is in.
_DISTRICT_ENDINGS = ("区", "县", "市", "镇", "街道", "开发区", "新区")


def parse_city(value: object, policy: Policy) -> str:
    """A prefecture-level city of the catalogue, with or without 市 or the province's name (policy.province),
    in 简体 or 繁体, or followed by its district (a city's 区 or 县 is that city: the ratio follows the city);
    anything else lists the valid ones."""
    valid = "、".join(policy.cities)
    if not isinstance(value, str) or not value.strip():
        raise PlanError("city", f"请填写企业所在的地级市：{valid}")
    if len(value) > MAX_TEXT:
        raise PlanError("city", f"城市名称过长。可选：{valid}")
    province = policy.province
    name = plain(value)
    if province:  # the province's name in full (…省), then without 省
        name = name.removeprefix(province).removeprefix(province.removesuffix("省"))
    for candidate in (name, f"{name}市"):
        if candidate in policy.cities:
            return candidate
    for city in policy.cities:
        for prefix in (city, city.removesuffix("市")):
            rest = name.removeprefix(prefix)
            if rest != name and len(rest) >= 2 and rest.endswith(_DISTRICT_ENDINGS):
                return city
    raise PlanError("city", f"“{value}”不是{province}的地级市。可选：{valid}")


def _name_key(name: str) -> str:
    return plain(name).casefold()


def _by_name(text: str, field: str, policy: Policy) -> int | None:
    """A product by its name as people type it: the full name, with or without a space before a roman
    numeral, the name without its bracketed abbreviation, or the abbreviation alone (CAE). A name shared
    by several products (variants of one kind) is refused with their 序号, never guessed."""
    key = _name_key(text)
    found: set[int] = set()
    for pid, product in policy.products.items():
        full = _name_key(product.name)
        short, _, inner = full.partition("(")
        if key in (full, short, inner.rstrip(")")):
            found.add(pid)
    if len(found) > 1:
        listed = "、".join(f"{pid}「{policy.products[pid].name}」" for pid in sorted(found))
        raise PlanError(field, f"“{text}”对应多个产品：{listed}，请填写其中一个的序号")
    return found.pop() if found else None


def unknown_product_hint(policy: Policy) -> str:
    """What the message for an unknown product asks for (附件 产品目录), true of any round: the range of 序号 while
    every product's id is its 序号 and they run 1..N; once a removed product has left a gap in the ids, or ids
    and 序号 differ, where to find the products instead, as a range would name ids no product has."""
    products = sorted(policy.products.values(), key=lambda p: p.id)
    if [p.id for p in products] == list(range(1, len(products) + 1)) and all(p.number == p.id for p in products):
        return f"请填写目录中的产品序号 1 至 {len(products)}"
    example = next((p for p in products if p.number != p.id), products[0])
    return (f"本轮目录中没有这个产品。请从本轮产品目录中选择，填写产品名称或产品编号"
            f"（产品页地址中的数字，如 {example.page} 为 {example.id}；编号不一定等于序号）")


def parse_product(value: object, field: str, policy: Policy) -> int:
    """A product by its permanent id (the 序号 while no product has been removed), as a number or digits (leading
    zeros allowed), by its slug, or by its name."""
    pid: object = value
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        text = unicodedata.normalize("NFKC", value).strip()
        pid = int(text) if text.isascii() and text.isdigit() else policy.slugs.get(text) or _by_name(text, field, policy) or value
    if isinstance(pid, float) and pid.is_integer() and abs(pid) < 2**53:
        pid = int(pid)
    if isinstance(pid, bool) or not isinstance(pid, int) or pid not in policy.products:
        shown = value if isinstance(value, str | int | float) and len(str(value)) <= MAX_TEXT else "…"
        raise PlanError(field, f"未知产品“{shown}”：{unknown_product_hint(policy)}")
    return pid


def _check_fields(data: dict, allowed: tuple[str, ...], where: str, errors: _Errors) -> None:
    for key in data:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            shown = key if isinstance(key, str) and len(key) <= MAX_TEXT else "…"
            errors.add(f"{prefix}{shown}", f"未知字段“{shown}”：可用字段为 {'、'.join(allowed)}")


def _rows(raw: dict, key: str, hint: str, errors: _Errors) -> list:
    """The list under `key` (absent or null is empty), refused when it is not a list or is too long."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(key, hint)
        return []
    if len(value) > MAX_ROWS:
        errors.add(key, f"最多 {MAX_ROWS} 项，实际为 {len(value)} 项；目录中的产品远少于此，请检查输入")
        return []
    return value


def _parse_claimed(raw: dict, policy: Policy, errors: _Errors) -> tuple[int, ...]:
    if isinstance(raw.get("claimed_before"), str) and len(raw["claimed_before"]) <= MAX_TEXT * 4:
        # “9、19” or “9,19” as typed in a form: the same list, written as text.
        raw = {**raw, "claimed_before": [p for p in re.split(r"[,，、;；\s]+", raw["claimed_before"]) if p]}
    entries = _rows(raw, "claimed_before", "应为产品序号列表，例如 [9, 19]", errors)
    ids = [errors.check(lambda v=v, i=i: parse_product(v, f"claimed_before[{i}]", policy), None)
           for i, v in enumerate(entries)]
    return tuple(dict.fromkeys(pid for pid in ids if pid is not None))


def _parse_grant(entry: object, where: str, policy: Policy, errors: _Errors) -> Grant | None:
    if not isinstance(entry, dict):
        errors.add(where, "每一项应包含 product（产品序号）和 amount（已获服务券金额）")
        return None
    _check_fields(entry, GRANT_FIELDS, where, errors)
    if "product" not in entry or "amount" not in entry:
        errors.add(where, "每一项应包含 product（产品序号）和 amount（已获服务券金额）")
        return None
    pid = errors.check(lambda: parse_product(entry["product"], f"{where}.product", policy), None)
    amount = errors.check(lambda: parse_amount(entry["amount"], f"{where}.amount"), None)
    if pid is None or amount is None:
        return None
    cap = policy.products[pid].cap
    if amount > cap:
        errors.add(f"{where}.amount",
                   f"已获服务券金额不能超过该产品奖补上限 {format_yuan(cap)}：请填写服务券金额，而不是合同金额")
        return None
    return Grant(pid, amount)


def _parse_item(entry: object, where: str, policy: Policy, errors: _Errors) -> Item | None:
    if not isinstance(entry, dict):
        errors.add(where, "每个申领项应包含 product（产品序号）和 contract（合同金额）")
        return None
    _check_fields(entry, ITEM_FIELDS, where, errors)
    pid = contract = None
    if "product" not in entry:
        errors.add(f"{where}.product", "缺少产品序号")
    else:
        pid = errors.check(lambda: parse_product(entry["product"], f"{where}.product", policy), None)
    if "contract" not in entry:
        errors.add(f"{where}.contract", "缺少合同金额")
    else:
        contract = errors.check(lambda: parse_amount(entry["contract"], f"{where}.contract"), None)
    devices = errors.check(lambda: parse_count(entry.get("devices"), f"{where}.devices"), None)
    if pid is None or contract is None:
        return None
    return Item(pid, contract, devices)


def parse_plan(raw: object, policy: Policy) -> Plan:
    """Validate a plan dict. Raises one PlanError that lists every bad field."""
    if isinstance(raw, Plan):
        return raw
    if not isinstance(raw, dict):
        raise PlanError("", "输入不是测算方案：应为包含 city、items 等字段的 JSON 对象")
    errors = _Errors()
    _check_fields(raw, PLAN_FIELDS, "", errors)
    city = errors.check(lambda: parse_city(raw.get("city"), policy), "")
    pilot = raw.get("cluster_pilot", False)
    if not isinstance(pilot, bool):
        errors.add("cluster_pilot", "应为 true 或 false（是否为产业集群试点企业）")
        pilot = False
    answered = raw.get("claimed_before") is not None or raw.get("granted_this_round") is not None
    claimed = _parse_claimed(raw, policy, errors)
    grants = [_parse_grant(e, f"granted_this_round[{i}]", policy, errors)
              for i, e in enumerate(_rows(raw, "granted_this_round", "应为已获服务券的列表，例如 "
                                          '[{"product": 19, "amount": 50000}]', errors))]
    for field, message in impossible_grants(grants, policy):
        errors.add(field, message)
    items = [_parse_item(e, f"items[{i}]", policy, errors)
             for i, e in enumerate(_rows(raw, "items", "应为拟申领产品的列表", errors))]
    if errors.found:
        raise PlanError.collected(errors.found)
    return Plan(city, pilot, claimed, tuple(i for i in items if i), tuple(g for g in grants if g), answered)
