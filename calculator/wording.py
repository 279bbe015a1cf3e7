"""The Chinese wording of results: labels of limits and refusals, the per-row explanation and the
glossary. The CLI, the page and the printed sheet all show these strings, so they agree to the character."""

from __future__ import annotations

from decimal import Decimal

from calculator.money import format_percent, format_yuan

LIMIT_LABELS = {
    "ratio": "合同额×奖补比例",
    "cap": "产品奖补上限",
    "devices": "接入设备数×单台补贴",
    "enterprise_cap": "单家企业奖补总额上限",
}

REFUSAL_LABELS = {
    "shenzhen_excluded": "不在面向范围",
    "claimed_before": "此前已领取同类产品",
    "granted_this_round": "本轮已获同类服务券",
    "duplicate_product": "方案内重复",
    "exclusive_group": "与方案内同类产品互斥",
    "cluster_pilot_only": "限产业集群试点",
}

# How the cluster pilot's ratio meets the region's (policy.yaml `cluster_pilot_ratio.rule`, 四、奖补标准):
# `replaces` = the pilot ratio whatever the region, `at_least` = the higher of the two. Every page and
# result words the rule from these, so no wording can disagree with the engine (regions.subsidy_ratio).
PILOT_RULES = ("replaces", "at_least")
PILOT_RULE_SCOPE = {"replaces": "不论所在地区", "at_least": "所在地区比例更高的，按所在地区比例"}
PILOT_RULE_GLOSSARY = {"replaces": "不论所在地区均按集群试点比例计算",
                       "at_least": "按集群试点比例与所在地区比例中较高者计算"}


def glossary(example_group: str, pilot_programme: str, pilot_rule: str) -> dict[str, str]:
    """The terms a result explains; `example_group` names one exclusion group of 附件说明 4,
    `pilot_programme` the cluster pilot's programme and `pilot_rule` how its ratio meets the region's, all
    from the catalogue."""
    return {
        "决定因素": "决定本项金额的那个上限。每项服务券取以下几项中最小的一个：合同额×奖补比例、产品奖补上限、"
                    "（按台补贴的产品）接入设备数×单台补贴；全部各项合计还不能超过单家企业奖补总额上限。",
        "互斥": f"附件说明 4 列出的几组产品（如“{example_group}”组）每组只能申领其中一项：领取过组内任意一项，"
                "就不能再申领同组的其他产品；同一“二级目录”的产品也不得重复申领。不同组的产品可以同时申领。",
        "奖补比例": "服务券金额占合同额的比例，按企业所在地区和是否为产业集群试点确定。",
        "产业集群试点": f"参加{pilot_programme}的企业。试点按“一行一策”确定产品目录，具体要求另文通知；"
                      f"试点企业奖补比例{PILOT_RULE_GLOSSARY[pilot_rule]}，并可申领限集群试点的产品。",
        "兑现": "服务券申领并审核入库后，企业在兑现时间内提交发票、支付凭证和验收报告等材料，申请拨付奖补资金。",
    }


def excluded_refusal(scope: str, city: str) -> str:
    """Why an enterprise of an excluded city cannot apply, in the words of the notice's scope clause
    (二、面向范围, policy.yaml excluded_cities.description): one wording for estimates and 可申领一览."""
    return f"{scope.rstrip('。')}，{city}的企业不能申领。"


def sheet_title(programme: str) -> str:
    """The heading of the 申领测算单 (CSV and printed sheet)."""
    return f"“{programme}”服务券申领测算单"


HISTORY_ASSUMPTION = ("尚未回答此前是否领取过服务券：以上按从未领取测算。如已领取过，同类产品不得再申领，"
                      "本轮已获的服务券还计入单家企业奖补总额上限，测算结果可能减少。")


def pilot_scope(rule: str) -> str:
    """Where the cluster pilot's ratio applies, as the pages say it: `不论所在地区` (四、奖补标准)."""
    return PILOT_RULE_SCOPE[rule]


def pilot_ratio_description(description: str, rule: str) -> str:
    """policy.yaml's description of the pilot ratio (what it is for) with its rule (where it applies)."""
    return f"{description.rstrip('。')}，{pilot_scope(rule)}。"


def pilot_ratio_sentence(description: str, ratio: Decimal, rule: str) -> str:
    """The pilot ratio as one sentence of the 办事指南, from its full description (pilot_ratio_description):
    `…的奖补比例，不论所在地区，均为 N%。` or `…的奖补比例为 N%；所在地区比例更高的，按所在地区比例。`"""
    scope = pilot_scope(rule)
    base = description.rstrip("。").removesuffix(f"，{scope}")
    if rule == "replaces":
        return f"{base}，{scope}，均为 {format_percent(ratio)}。"
    return f"{base}为 {format_percent(ratio)}；{scope}。"


def pilot_assumption(ratio: Decimal) -> str:
    """What a cluster pilot's result assumes: the general catalogue, while a pilot's own plan decides
    its products (五、产品目录（一）“一行一策”; 二、面向范围 具体根据集群试点实施方案确定)."""
    return (f"按产业集群试点测算，奖补比例 {format_percent(ratio)}。试点突出“一行一策”，产品目录和要求按各集群试点"
            "实施方案确定（另文通知）；以上按本通知附件的通用目录估算，以试点方案为准。")


def disclaimer(platform_prevails: str) -> str:
    """The closing line of every result the engine prints or exports (附件说明 1)."""
    return f"{platform_prevails}测算结果仅供参考，以平台审核为准。"


def product_name(number: int, name: str) -> str:
    """How a product is named in messages, by its 序号 in this round: `9「名称」`."""
    return f"{number}「{name}」"


def ratio_text(city: str, region: str, ratio: Decimal, pilot: bool, pilot_ratio: Decimal) -> str:
    """Why this ratio: the city's region (its full name as policy.yaml writes it), or the cluster-pilot rule
    (四、奖补标准). `ratio` is the one the
    engine applied (regions.subsidy_ratio), so a pilot is told the pilot ratio unless the rule `at_least`
    gave it its region's higher one."""
    base = f"{city}属{region}"
    if pilot and pilot_ratio == ratio:
        return f"{base}；企业为产业集群试点，奖补比例按 {format_percent(pilot_ratio)}"
    if pilot:
        return (f"{base}，奖补比例 {format_percent(ratio)}（高于产业集群试点比例 {format_percent(pilot_ratio)}，"
                f"{pilot_scope('at_least')}）")
    return f"{base}，奖补比例 {format_percent(ratio)}"


def explanation(bounds: list[tuple[str, str]], limit: str, amount: Decimal, uncapped: Decimal,
                uncapped_limit: str, devices_missing: bool, granted_before: bool = False) -> str:
    """One plain sentence with the arithmetic of a granted row: each bound side by side, which one
    decided and why. `bounds` are (limit, arithmetic) pairs; `uncapped` is the amount before the
    per-enterprise cap, decided by `uncapped_limit`."""
    text = "；".join(arithmetic for _, arithmetic in bounds)
    text += f"。{'两者' if len(bounds) == 2 else '三者'}取最小，按{LIMIT_LABELS[uncapped_limit]}计 {format_yuan(uncapped)}。"
    if limit == "enterprise_cap":
        others = "本轮已获的服务券及方案中前面各项" if granted_before else "方案中前面各项"
        text += f"但与{others}合计超过单家企业奖补总额上限，本项只能计 {format_yuan(amount)}。"
    if devices_missing:
        text += "未填写接入设备数：兑现时接入的设备数须满足单台补贴要求，见提示。"
    return text


def bound_arithmetic(limit: str, *, contract: Decimal | None = None, ratio: Decimal | None = None,
                     value: Decimal, per_device: Decimal | None = None, devices: int | None = None) -> str:
    """The arithmetic of one bound, e.g. `合同额 10,000.00 元 × 65% = 6,500.00 元`."""
    if limit == "ratio":
        exact = (contract or Decimal(0)) * (ratio or Decimal(0))
        if exact == value:
            return f"合同额 {format_yuan(contract or 0)} × {format_percent(ratio or 0)} = {format_yuan(value)}"
        # The notice sets no rounding; say where the engine rounded instead of printing a false equation.
        return (f"合同额 {format_yuan(contract or 0)} × {format_percent(ratio or 0)} = {exact.normalize():,f} 元，"
                f"四舍五入到分为 {format_yuan(value)}")
    if limit == "devices":
        return f"接入设备 {devices} 台 × {format_yuan(per_device or 0)}/台 = {format_yuan(value)}"
    return f"{LIMIT_LABELS[limit]} {format_yuan(value)}"


def build_label(date: str, catalogue: str, engine: str = "") -> str:
    """Which build a figure came from: `2026-12-07 构建，目录数据 3f9a2c1b，测算引擎 7d01e4aa`. The
    catalogue's hash is the start of `sha256sum catalog.json`; without a date or an engine (the CLI
    reading a catalog.json) those parts are left out."""
    parts = [f"{date} 构建" if date else "", f"目录数据 {catalogue}" if catalogue else "",
             f"测算引擎 {engine}" if engine else ""]
    return "，".join(part for part in parts if part)
