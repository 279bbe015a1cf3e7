"""Whether the claim history a plan states could have happened under the notice. A history that
could not (two vouchers for one product, two of one group, more than the per-enterprise cap) is a
typing mistake, and estimating on it would give a confident figure built on it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from calculator.exclusions import first_sharing, group_names
from calculator.money import format_yuan
from calculator.policy import Policy
from calculator.wording import product_name


class _Grant(Protocol):
    product: int
    amount: Decimal


def impossible_grants(grants: Sequence[_Grant | None], policy: Policy) -> list[tuple[str, str]]:
    """(field, message) for each voucher of this round that the notice would not have granted beside
    the ones before it: the same product again or another of its group (附件说明 4), or an amount that
    takes the round's total over the per-enterprise cap (附件说明 3)."""
    found: list[tuple[str, str]] = []
    seen: dict[int, int] = {}
    total = Decimal(0)
    for index, grant in enumerate(grants):
        if grant is None:
            continue
        where = f"granted_this_round[{index}]"
        name = product_name(policy.products[grant.product].number, policy.products[grant.product].name)
        shared = None if grant.product in seen else first_sharing(grant.product, seen, policy)
        earlier = grant.product if grant.product in seen else (shared[0] if shared else None)
        if earlier == grant.product:
            found.append((f"{where}.product", f"本轮已获服务券中 {name}出现两次：同一产品只能获发一次（附件说明 4），"
                                              "请合并为一项并填写其金额"))
        elif earlier is not None:
            other = product_name(policy.products[earlier].number, policy.products[earlier].name)
            found.append((f"{where}.product", f"{name}与 {other}同属{group_names(shared[1])}类，按附件说明 4 不能都获发，"
                                              "请核对本轮已获的服务券"))
        seen.setdefault(grant.product, index)
        total += grant.amount
    if total > policy.enterprise_cap:
        found.append(("granted_this_round", f"本轮已获服务券合计 {format_yuan(total)}，超过单家企业奖补总额上限 "
                                            f"{format_yuan(policy.enterprise_cap)}（附件说明 3），请核对所填金额"))
    return found
