"""`python -m calculator [PLAN.json]`: estimate a plan from a file or stdin; JSON out, or a Chinese table."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from calculator.engine import estimate
from calculator.errors import PlanError
from calculator.policy import Policy, default_policy
from calculator.suggest import suggest

LIMITS = {"ratio": "合同额×比例", "cap": "产品奖补上限", "devices": "接入设备数", "enterprise_cap": "企业总额上限"}


def render_text(result: dict[str, Any]) -> str:
    """A readable Chinese table of a result."""
    ratio = f"{Decimal(result['ratio']) * 100:.0f}%" if result["ratio"] else "—"
    lines = [f"所在城市：{result['city']}（{result['region']}）  集群试点：{'是' if result['cluster_pilot'] else '否'}"
             f"  奖补比例：{ratio}", ""]
    lines.append(f"{'序号':<4}{'产品':<16}{'合同额（元）':>14}{'测算金额（元）':>14}  决定因素")
    for item in result["items"]:
        reason = LIMITS.get(item["limit"], "不予奖补") if item["granted"] or item["limit"] else "不予奖补"
        lines.append(f"{item['product']:<6}{item['name']:<16}{item['contract']:>16}{item['subsidy']:>16}  {reason}")
    lines += ["", f"合计：{result['total']} 元（单家企业上限 {result['enterprise_cap']} 元）"]
    for problem in result["problems"]:
        lines.append(f"・{problem['message']}（{problem['reference']['clause']}）")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculator", description="服务券测算：从文件或标准输入读取方案 JSON")
    parser.add_argument("plan", nargs="?", type=Path, help="方案 JSON 文件；省略时读取标准输入")
    parser.add_argument("--text", action="store_true", help="输出中文表格而非 JSON")
    parser.add_argument("--suggest", action="store_true", help="输出收益最高的方案")
    parser.add_argument("--catalog", type=Path, help="catalog.json 的路径（默认为随包生成的版本）")
    args = parser.parse_args(argv)
    try:
        policy = (Policy.from_json(args.catalog.read_text(encoding="utf-8")) if args.catalog
                  else default_policy())
        text = args.plan.read_text(encoding="utf-8") if args.plan else sys.stdin.read()
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as err:
            raise PlanError("", f"输入不是有效的 JSON（第 {err.lineno} 行第 {err.colno} 列）") from None
        result = suggest(raw, policy) if args.suggest else estimate(raw, policy)
    except PlanError as err:
        print(f"输入错误：{err}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as err:
        print(f"无法读取文件：{getattr(err, 'filename', '') or err}", file=sys.stderr)
        return 2
    if args.text:
        print(render_text(result["result"] if args.suggest else result))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
