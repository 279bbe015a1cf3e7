"""Conditions from 备注 that the enterprise must meet but the calculator cannot check for it."""

from __future__ import annotations

from calculator.money import format_yuan
from calculator.policy import Condition, Policy, Product


def conditions_for(pid: int, policy: Policy) -> list[Condition]:
    """The requirements a product's 备注 (or scenario) sets, e.g. an industrial big-data model or two or
    more service providers (policy.yaml `conditions`, 附件 产品目录)."""
    return [c for c in policy.conditions if c.product == pid]


def devices_missing_message(product: Product, needed: int | None, amount: str) -> str:
    """Per-device products need at redemption at least (voucher ÷ per-device amount) devices (附件说明 2)."""
    per_device = format_yuan(product.per_device) if product.per_device is not None else ""
    return (f"{product.id}「{product.name}」按每台设备 {per_device}补贴：兑现时实际接入设备数应不少于 "
            f"{needed} 台（服务券金额 {amount} ÷ 单台设备补贴金额）。请填写计划接入的设备数。")
