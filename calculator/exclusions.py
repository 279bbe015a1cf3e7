"""Which planned items the notice bars (附件说明 4 and the pilot-only 备注)."""

from __future__ import annotations

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
    return product_name(pid, policy.products[pid].name)


def group_of(pid: int, policy: Policy) -> Group | None:
    """The exclusion group a product belongs to, if any (附件说明 4)."""
    gid = policy.products[pid].group
    return policy.groups[gid] if gid else None


def _already_had(code: str, when: str, pid: int, earlier: tuple[int, ...], policy: Policy) -> Refusal | None:
    if pid in earlier:
        return Refusal(code, f"{when}已领取过 {_name(pid, policy)}的服务券，同一“二级目录”产品不得重复申领。",
                       (pid,), policy.same_product_reference)
    group = group_of(pid, policy)
    if group:
        hit = next((c for c in earlier if c in group.products), None)
        if hit is not None:
            return Refusal(code, f"{when}已领取“{group.name}”类的 {_name(hit, policy)}，不得再申领同类的 {_name(pid, policy)}。",
                           (pid, hit), group.reference)
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
    """Two members of one exclusion group cannot both be granted; applications are processed in time
    order (一、时间安排), so the earlier one in the plan is kept (附件说明 4)."""
    group = group_of(pid, policy)
    if group is None:
        return None
    hit = next((g for g in granted_before if g in group.products), None)
    if hit is None:
        return None
    return Refusal("exclusive_group",
                   f"{_name(pid, policy)}与方案中排在前面的 {_name(hit, policy)}同属“{group.name}”类，"
                   "只能申领其中一项，此项不计。",
                   (pid, hit), group.reference)
