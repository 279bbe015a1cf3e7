"""Reading a plan's JSON text strictly: a UTF-8 BOM is accepted; duplicate keys, other encodings, numbers
Python cannot hold and nesting too deep for the parser are refused with a Chinese PlanError."""

from __future__ import annotations

import json
from typing import Any

from calculator.errors import PlanError

# Not from the notice: more than a plan of 27 products could ever need, and far below what would
# freeze a browser tab or exhaust memory.
MAX_TEXT = 1_000_000


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = key if len(key) <= 40 else key[:40] + "…"
            raise PlanError(shown, f"字段“{shown}”出现了两次：同一对象中每个字段只能出现一次")
        out[key] = value
    return out


def _constant(name: str) -> None:
    raise PlanError("", f"输入含有 {name}：JSON 中的数字须为有限的十进制数")


def decode(data: bytes) -> str:
    """Bytes of a plan file as text: UTF-8, with or without a BOM (as Windows Notepad writes it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError("", "文件不是 UTF-8 编码（可能是 GBK/GB2312）：请用记事本等工具“另存为”UTF-8 编码后重试") from None


def loads(text: str) -> object:
    """Parse JSON text, refusing what a plan can never be rather than guessing."""
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_TEXT:
        raise PlanError("", f"输入过长（超过 {MAX_TEXT:,} 个字符）：一份测算方案不需要这么多内容")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_constant)
    except PlanError:
        raise
    except json.JSONDecodeError as err:
        raise PlanError("", f"输入不是有效的 JSON（第 {err.lineno} 行第 {err.colno} 列）") from None
    except RecursionError:
        raise PlanError("", "输入的 JSON 嵌套层数过多，不是测算方案") from None
    except ValueError:
        # Integers over Python's 4,300-digit conversion limit.
        raise PlanError("", "输入中的数字位数过多，请检查是否多输入了数字") from None
