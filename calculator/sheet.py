"""The 申领测算单 as a spreadsheet (CSV): the same rows and wording as the printed sheet, for Excel."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from calculator.engine import evaluate
from calculator.errors import PlanError
from calculator.plan import parse_plan
from calculator.policy import Policy, default_policy
from calculator.suggest import best_plan
from calculator.wording import build_label, disclaimer, sheet_title

MAX_FIELD = 200
# GB 32100-2015: 18 characters from this alphabet; the last is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Cells a spreadsheet would read as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def credit_code_valid(code: str) -> bool:
    """A 统一社会信用代码: 18 characters of the GB 32100 alphabet with a correct check character."""
    if len(code) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return False
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31] == code[17]


def parse_enterprise(raw: object) -> dict[str, str]:
    """The enterprise's name and credit code as typed on the page (both optional), checked."""
    if raw is None:
        return {"name": "", "credit_code": ""}
    if not isinstance(raw, dict):
        raise PlanError("enterprise", "应为包含 name（企业名称）和 credit_code（统一社会信用代码）的对象")
    errors = []
    name = raw.get("name") or ""
    code = raw.get("credit_code") or ""
    if not isinstance(name, str) or len(name) > MAX_FIELD:
        errors.append(PlanError("enterprise.name", f"企业名称应为不超过 {MAX_FIELD} 个字的文字"))
        name = ""
    if not isinstance(code, str):
        errors.append(PlanError("enterprise.credit_code", "统一社会信用代码应为 18 位字母或数字"))
        code = ""
    code = re.sub(r"\s", "", code).upper()
    if code and not credit_code_valid(code):
        errors.append(PlanError("enterprise.credit_code",
                                "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V），且末位校验码正确，请核对"))
    if errors:
        raise PlanError.collected(errors)
    return {"name": name.strip(), "credit_code": code}


def _text(value: object, limit: int = MAX_FIELD) -> str:
    return value[:limit] if isinstance(value, str) else ""


def safe_cell(value: object) -> str:
    """A cell as text; one that would start a formula gets a leading apostrophe, so Excel shows it as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def source_label(build: object, policy: Policy) -> str:
    """Which data and engine made the sheet: the page's build (`{"date", "catalogue", "engine"}`, as
    the page's `<meta name="gd-build">` gives it) when its catalogue is the one read here, else the
    catalogue's own hash."""
    if isinstance(build, dict) and build.get("catalogue") == policy.fingerprint:
        return build_label(_text(build.get("date"), 10), policy.fingerprint, _text(build.get("engine"), 16))
    return build_label("", policy.fingerprint)


def sheet_rows(payload: dict[str, Any], policy: Policy) -> list[list[str]]:
    """The rows of the sheet: enterprise, claim history, every item with its arithmetic, totals, problems, notes."""
    plan = parse_plan(payload.get("plan"), policy)
    enterprise = parse_enterprise(payload.get("enterprise"))
    result = evaluate(plan, policy)
    suggestion = best_plan(plan, policy, result)
    history = result.history
    earlier = "、".join(f"{h['product']}「{h['name']}」" for h in history["claimed_before"]) or "无"
    this_round = "、".join(f"{h['product']}「{h['name']}」{h['amount_text']}" for h in history["granted_this_round"]) or "无"
    if not history["answered"]:
        earlier = this_round = "未回答（按从未领取测算）"
    rows = [[sheet_title(policy.programme)]]
    if _text(payload.get("round_status")):  # first, as on the printed sheet: a closed round never reads as current
        rows.append(["申领与兑现时间", _text(payload.get("round_status"))])
    rows += [["企业名称", enterprise["name"] or "（未填写）"], ["统一社会信用代码", enterprise["credit_code"] or "（未填写）"],
             ["测算日期", _text(payload.get("date"), 40)], ["产品目录版本", f"{policy.version}年（{policy.notice_number}）"]]
    if policy.fingerprint:
        rows.append(["数据来源", source_label(payload.get("build"), policy)])
    rows += [["所在城市", f"{result.city}（{result.region}）"], ["奖补比例", result.ratio_percent or "不适用"],
             ["说明", result.ratio_text], ["产业集群试点", "是" if result.cluster_pilot else "否"],
             ["以往批次已领取的产品", earlier], ["本轮已获的服务券", this_round], [],
             ["序号", "产品", "合同金额", "测算金额", "决定因素", "计算过程与说明", "兑现时至少接入设备数", "依据"]]
    for item in result.items:
        reason = item.refusal["label"] if item.refusal else (item.limit_label or "")
        clause = item.refusal["reference"]["clause"] if item.refusal else ""
        rows.append([str(item.product), item.name, item.contract_text, item.subsidy_text, reason, item.explanation,
                     "" if item.devices_required is None else f"{item.devices_required} 台", clause])
    rows += [[], ["合计", result.total_text], ["单家企业奖补总额上限", result.enterprise_cap_text],
             ["本轮已获", history["granted_total_text"]], ["上限尚余", result.room_left_text]]
    if suggestion["better"]:
        rows.append(["更优方案", f"只申领第 {'、'.join(str(i + 1) for i in suggestion['kept'])} 项，"
                                 f"合计 {suggestion['total_text']}，多 {suggestion['gain_text']}"])
    rows += [[], ["提示", "依据条款"]]
    notes = [[msg, ""] for msg in result.assumptions] + [[p.message, p.reference["clause"]] for p in result.problems]
    rows += notes or [["无", ""]]
    rows += [[], ["说明", disclaimer(policy.platform_prevails),
                  policy.platform_prevails_reference.clause if policy.platform_prevails_reference else ""]]
    if _text(payload.get("link"), 4000):
        rows.append(["重新打开此方案", _text(payload.get("link"), 4000)])
    return rows


def csv_text(payload: object, policy: Policy | None = None) -> str:
    """The sheet as CSV text (no BOM; whoever writes the file adds one for Excel)."""
    policy = policy or default_policy()
    if not isinstance(payload, dict):
        raise PlanError("", "输入应为包含 plan（测算方案）的 JSON 对象")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in sheet_rows(payload, policy):
        writer.writerow([safe_cell(cell) for cell in row])
    return buf.getvalue()
