"""`python -m calculator [PLAN.json]`: estimate a plan from a file or stdin; JSON out, a Chinese table,
the best plan, 可申领一览 or the 申领测算单 as CSV."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from calculator import jsontext
from calculator.engine import estimate
from calculator.errors import CatalogueError, PlanError
from calculator.options import options
from calculator.policy import Policy, default_policy
from calculator.sheet import csv_text
from calculator.suggest import suggest
from calculator.wording import build_label, disclaimer


def render_text(result: dict[str, Any], closing: str = "") -> str:
    """A readable Chinese table of a result, in the engine's own wording."""
    lines = [f"所在城市：{result['city']}（{result['region']}）  集群试点：{'是' if result['cluster_pilot'] else '否'}"
             f"  奖补比例：{result['ratio_percent'] or '—'}", result["ratio_text"], ""]
    for item in result["items"]:
        reason = item["refusal"]["label"] if item["refusal"] else item["limit_label"] or ""
        lines.append(f"{item['product']}. {item['name']}：合同额 {item['contract_text']}，测算 {item['subsidy_text']}"
                     f"（{reason}）")
        lines.append(f"    {item['explanation']}")
    cap = f"（单家企业上限 {result['enterprise_cap_text']}，上限尚余 {result['room_left_text']}）" if result["eligible"] else ""
    lines += ["", f"合计：{result['total_text']}{cap}"]
    lines += [f"・{problem['message']}（{problem['reference']['clause']}）" for problem in result["problems"]]
    lines += [f"・{text}" for text in result["assumptions"]]
    return "\n".join([*lines, "", closing] if closing else lines)


def render_suggestion(out: dict[str, Any], closing: str = "") -> str:
    """The best plan as a Chinese table, after a line saying what it keeps, drops and gains."""
    def rows(indices: list[int]) -> str:
        return "、".join(str(i + 1) for i in indices)

    head = f"收益最高的方案：保留第 {rows(out['kept']) or '无'} 项"
    if out["dropped"]:
        head += f"，不申领第 {rows(out['dropped'])} 项"
    head += f"；合计 {out['total_text']}，" + (f"比原方案多 {out['gain_text']}。" if out["better"] else "与原方案相同。")
    return head + "\n\n" + render_text(out["result"], closing)


def render_options(out: dict[str, Any], closing: str = "") -> str:
    """可申领一览 as a Chinese table."""
    lines = [f"{out['ratio_text']}；上限尚余 {out['room_left_text']}", ""]
    for p in out["products"]:
        if p["available"]:
            devices = f"，需接入至少 {p['devices_for_max']} 台设备" if p["devices_for_max"] else ""
            lines.append(f"{p['product']:>2}. {p['name']}：最多 {p['max_voucher_text']}，合同额至少 "
                         f"{p['contract_for_max_text']}{devices}")
        else:
            why = p["refusal"]["message"] if p["refusal"] else "已无可申领额度"
            lines.append(f"{p['product']:>2}. {p['name']}：不可申领。{why}")
    lines += [f"・{text}" for text in out["assumptions"]]
    return "\n".join([*lines, "", closing] if closing else lines)


# Not from the notice: bytes a plan file may have (its text limit in UTF-8, at most four bytes a
# character) and bytes a catalog.json may have (the real one is under 200 KB).
MAX_PLAN_BYTES = jsontext.MAX_TEXT * 4 + 3
MAX_CATALOG_BYTES = 4_000_000


def read_bounded(path: Path | None, limit: int) -> bytes | None:
    """At most `limit` bytes of a file (or of stdin when `path` is None), read in one bounded read, so
    that a device or a pipe (/dev/zero, /dev/urandom) is never read whole; None when there is more."""
    if path is None:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _read(args: argparse.Namespace) -> object:
    data = read_bounded(args.plan, MAX_PLAN_BYTES)
    if data is None:
        where = f"方案文件 {args.plan}" if args.plan else "标准输入"
        raise PlanError("", f"{where}过大（超过 {MAX_PLAN_BYTES:,} 字节）：一份测算方案不需要这么多内容")
    return jsontext.loads(jsontext.decode(data))


def _policy(path: Path | None) -> Policy:
    if path is None:
        return default_policy()
    data = read_bounded(path, MAX_CATALOG_BYTES)
    if data is None:
        raise CatalogueError(f"目录数据 {path} 过大（超过 {MAX_CATALOG_BYTES:,} 字节），不是本站的 catalog.json")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogueError(f"目录数据 {path} 不是 UTF-8 编码") from None
    return Policy.from_json(text)


def _closing(policy: Policy) -> str:
    """The last lines of a table: which catalogue it was computed from, and the disclaimer."""
    source = f"数据来源：{build_label('', policy.fingerprint)}（catalog.json 的 SHA-256 前 8 位）\n" if policy.fingerprint else ""
    return source + disclaimer(policy.platform_prevails)


def _output(args: argparse.Namespace, raw: object, policy: Policy) -> str:
    if args.csv:
        return "\ufeff" + csv_text(raw, policy)
    if args.options:
        out = options(raw, policy)
        if args.text:
            return render_options(out, _closing(policy))
        return json.dumps({**out, "catalogue_id": policy.fingerprint}, ensure_ascii=False, indent=2)
    result = suggest(raw, policy) if args.suggest else estimate(raw, policy)
    if args.text:
        closing = _closing(policy)
        return render_suggestion(result, closing) if args.suggest else render_text(result, closing)
    return json.dumps({**result, "catalogue_id": policy.fingerprint}, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculator", description="服务券测算：从文件或标准输入读取方案 JSON")
    parser.add_argument("plan", nargs="?", type=Path, help="方案 JSON 文件（UTF-8）；省略时读取标准输入")
    parser.add_argument("--text", action="store_true", help="输出中文表格而非 JSON")
    parser.add_argument("--suggest", action="store_true", help="输出收益最高的方案")
    parser.add_argument("--options", action="store_true", help="可申领一览：按企业情况列出全部产品能否申领及最高金额")
    parser.add_argument("--csv", action="store_true",
                        help="输出申领测算单 CSV（输入为 {\"plan\": …, \"enterprise\": {\"name\", \"credit_code\"}, \"date\"}）")
    parser.add_argument("--catalog", type=Path, help="catalog.json 的路径（默认为随包生成的版本）")
    args = parser.parse_args(argv)
    try:
        policy = _policy(args.catalog)
        text = _output(args, _read(args), policy)
    except PlanError as err:
        details = "；".join(f"{e['field']}：{e['message']}" if e["field"] else e["message"] for e in err.errors)
        print(f"输入错误：{details}", file=sys.stderr)
        return 2
    except CatalogueError as err:
        print(f"目录数据错误：{err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"无法读取文件：{getattr(err, 'filename', '') or err}", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone: stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
