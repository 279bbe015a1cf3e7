"""A plan as typed data, parsed from plain JSON-able input with one clear error per bad field."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculator.errors import PlanError
from calculator.money import parse_amount, parse_count
from calculator.policy import Policy

PLAN_FIELDS = ("city", "cluster_pilot", "claimed_before", "items")
ITEM_FIELDS = ("product", "contract", "devices")


@dataclass(frozen=True)
class Item:
    product: int
    contract: Decimal
    devices: int | None


@dataclass(frozen=True)
class Plan:
    city: str
    cluster_pilot: bool
    claimed_before: tuple[int, ...]
    items: tuple[Item, ...]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for item in self.items:
            entry: dict[str, Any] = {"product": item.product, "contract": f"{item.contract.normalize():f}"}
            if item.devices is not None:
                entry["devices"] = item.devices
            items.append(entry)
        return {"city": self.city, "cluster_pilot": self.cluster_pilot,
                "claimed_before": list(self.claimed_before), "items": items}


def parse_city(value: object, policy: Policy) -> str:
    """A prefecture-level city of Guangdong, with or without 市; anything else lists the valid ones."""
    valid = "、".join(policy.cities)
    if not isinstance(value, str) or not value.strip():
        raise PlanError("city", f"请填写企业所在的地级市：{valid}")
    name = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    name = name.removeprefix("广东省").removeprefix("广东")
    for candidate in (name, f"{name}市"):
        if candidate in policy.cities:
            return candidate
    raise PlanError("city", f"“{value}”不是广东省的地级市。可选：{valid}")


def parse_product(value: object, field: str, policy: Policy) -> int:
    """A product by its 序号 (1 to 27), as a number or digits, or by its slug."""
    pid: object = value
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        pid = int(text) if text.isdigit() else policy.slugs.get(text, value)
    if isinstance(pid, float) and pid.is_integer():
        pid = int(pid)
    if isinstance(pid, bool) or not isinstance(pid, int) or pid not in policy.products:
        raise PlanError(field, f"未知产品“{value}”：请填写目录中的产品序号 1 至 {max(policy.products)}")
    return pid


def _check_fields(data: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            raise PlanError(f"{prefix}{key}", f"未知字段“{key}”：可用字段为 {'、'.join(allowed)}")


def parse_plan(raw: object, policy: Policy) -> Plan:
    """Validate a plan dict. Raises PlanError naming the first bad field."""
    if isinstance(raw, Plan):
        return raw
    if not isinstance(raw, dict):
        raise PlanError("", "输入不是测算方案：应为包含 city、items 等字段的 JSON 对象")
    _check_fields(raw, PLAN_FIELDS, "")
    city = parse_city(raw.get("city"), policy)
    pilot = raw.get("cluster_pilot", False)
    if not isinstance(pilot, bool):
        raise PlanError("cluster_pilot", "应为 true 或 false（是否为产业集群试点企业）")
    claimed = raw.get("claimed_before", [])
    if not isinstance(claimed, list):
        raise PlanError("claimed_before", "应为产品序号列表，例如 [9, 19]")
    claimed_ids = tuple(parse_product(v, f"claimed_before[{i}]", policy) for i, v in enumerate(claimed))
    raw_items = raw.get("items", [])
    if not isinstance(raw_items, list):
        raise PlanError("items", "应为拟申领产品的列表")
    items = []
    for i, entry in enumerate(raw_items):
        where = f"items[{i}]"
        if not isinstance(entry, dict):
            raise PlanError(where, "每个申领项应包含 product（产品序号）和 contract（合同金额）")
        _check_fields(entry, ITEM_FIELDS, where)
        if "product" not in entry:
            raise PlanError(f"{where}.product", "缺少产品序号")
        if "contract" not in entry:
            raise PlanError(f"{where}.contract", "缺少合同金额")
        items.append(Item(parse_product(entry["product"], f"{where}.product", policy),
                          parse_amount(entry["contract"], f"{where}.contract"),
                          parse_count(entry.get("devices"), f"{where}.devices")))
    return Plan(city, pilot, claimed_ids, tuple(items))
