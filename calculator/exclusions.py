"""Which planned items the notice bars (附件说明 4 and the pilot-only 备注)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from calculator.policy import Group, Policy, Reference
from calculator.wording import product_name


@dataclass(frozen=True)
class Refusal:
    """Why an item is refused: a problem code, a Chinese message, the products involved and the clause."""

    code: str
    message: str
    products: tuple[int, ...]
    reference: Reference


def _name(pid: int, policy: Policy) -> str:
    return product_name(policy.products[pid].number, policy.products[pid].name)


def shared_groups(pid: int, other: int, policy: Policy) -> tuple[Group, ...]:
    """The exclusion groups holding both products (附件说明 4); groups may overlap, so a product is barred
    by a member of any group it is in."""
    return tuple(policy.groups[g] for g in policy.products[pid].groups if g in policy.products[other].groups)


def group_names(groups: tuple[Group, ...]) -> str:
    """How a refusal names the group(s) two products share: `“甲”` or `“甲”“乙”`."""
    return "".join(f"“{g.name}”" for g in groups)


def first_sharing(pid: int, others: Iterable[int], policy: Policy) -> tuple[int, tuple[Group, ...]] | None:
    """The first of `others` that shares an exclusion group with the product, and the groups shared."""
    for other in others:
        if other != pid and (groups := shared_groups(pid, other, policy)):
            return other, groups
    return None


def _already_had(code: str, when: str, pid: int, earlier: tuple[int, ...], policy: Policy) -> Refusal | None:
    if pid in earlier:
        return Refusal(code, f"{when}已领取过 {_name(pid, policy)}的服务券，同一“二级目录”产品不得重复申领。",
                       (pid,), policy.same_product_reference)
    found = first_sharing(pid, earlier, policy)
    if found:
        hit, groups = found
        return Refusal(code, f"{when}已领取{group_names(groups)}类的 {_name(hit, policy)}，"
                             f"不得再申领同类的 {_name(pid, policy)}。",
                       (pid, hit), groups[0].reference)
    return None


def claimed_before(pid: int, earlier: tuple[int, ...], policy: Policy) -> Refusal | None:
    """A product claimed in an earlier round, or any member of a group of which one member was
    claimed, may not be claimed again (附件说明 4: 同一“二级目录”产品不得重复申领；已领取…不得再申领)."""
    return _already_had("claimed_before", "此前", pid, earlier, policy)


def granted_this_round(pid: int, granted: tuple[int, ...], policy: Policy) -> Refusal | None:
    """A voucher already granted in this round bars the same product and its group, as an earlier
    round's does (附件说明 4); its amount also counts towards the per-enterprise cap (附件说明 3)."""
    return _already_had("granted_this_round", "本轮", pid, granted, policy)


def pilot_only(pid: int, cluster_pilot: bool, policy: Policy) -> Refusal | None:
    """A product whose 备注 reserves it for 产业集群试点示范 is refused to other enterprises."""
    if pid in policy.pilot_only and not cluster_pilot:
        return Refusal("cluster_pilot_only",
                       f"{_name(pid, policy)}适用于产业集群试点示范，非集群试点企业不能申领。",
                       (pid,), policy.pilot_only[pid])
    return None


def duplicate(pid: int, planned_before: set[int] | list[int], policy: Policy) -> Refusal | None:
    """A product listed twice in one plan: only the first can be claimed (附件说明 4, 同一二级目录)."""
    if pid in planned_before:
        return Refusal("duplicate_product", f"{_name(pid, policy)}在方案中重复出现，同一产品只能申领一次，此项不计。",
                       (pid,), policy.same_product_reference)
    return None


def same_group(pid: int, granted_before: dict[int, object] | list[int], policy: Policy) -> Refusal | None:
    """Two members of one exclusion group (of any group the product is in) cannot both be granted;
    applications are processed in time order (一、时间安排), so the earlier one in the plan is kept (附件说明 4)."""
    found = first_sharing(pid, granted_before, policy)
    if found is None:
        return None
    hit, groups = found
    return Refusal("exclusive_group",
                   f"{_name(pid, policy)}与方案中排在前面的 {_name(hit, policy)}同属{group_names(groups)}类，"
                   "只能申领其中一项，此项不计。",
                   (pid, hit), groups[0].reference)
