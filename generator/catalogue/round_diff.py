"""The changes from one round to the next, as a Chinese report an official reads and signs off.

`python -m generator diff-rounds <earlier> <later> --out report.md` (two round folders) writes it: the
notice's identity, the windows, the ratios, the cities that moved, the caps, the products added, removed or
renamed, the exclusion groups and pilot-only products, each with its old and new value, the exceptions the
plausibility check accepted, and a block for the reviewer's signature. The report holds no fact of its own:
every value is read from the two rounds' folders.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from generator.catalogue.plausibility import Round, accepted, read_round

NONE = "（无）"


def money(value: int | None) -> str:
    """123000 → 123000 元（12.3 万元）: the exact figure first, the way the notice writes it after."""
    if value is None:
        return NONE
    wan = Decimal(value) / 10000
    return f"{value} 元（{wan.normalize():f} 万元）" if value >= 10000 else f"{value} 元"


def percent(ratio: str | None) -> str:
    return NONE if ratio is None else f"{(Decimal(ratio) * 100).normalize():f}%"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]], empty: str = "无变化。") -> list[str]:
    if not rows:
        return [empty, ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _changes(pairs: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    return [(what, old, new) for what, old, new in pairs if old != new]


def notice_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    fields = (("title", "标题"), ("number", "文号"), ("issuer", "发文单位"), ("signed", "印发日期"),
              ("published", "发布日期"), ("catalogue_title", "产品目录名称"), ("catalogue_version", "目录版本"))
    a, b = old.policy["notice"], new.policy["notice"]
    return _changes([(what, a[key], b[key]) for key, what in fields])


def _when(moment: str | None) -> str:
    """2031-06-01T10:00:00+08:00 → 2031-06-01 10:00 (every window is in Beijing time, +08:00)."""
    return NONE if moment is None else moment[:16].replace("T", " ")


def window_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    rows = []
    for name, window in new.policy["windows"].items():
        before = old.policy["windows"].get(name, {})
        rows += [(f"{window['name']}开始", _when(before.get("start")), _when(window["start"])),
                 (f"{window['name']}结束", _when(before.get("end")), _when(window["end"]))]
    return _changes(rows)


def region_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    a, b = old.policy["regions"], new.policy["regions"]
    rows = []
    for key in [*a, *(k for k in b if k not in a)]:
        name = (b.get(key) or a[key])["name"]
        rows.append((f"{name}奖补比例", percent(a[key]["ratio"]["value"]) if key in a else "（新设地区）",
                     percent(b[key]["ratio"]["value"]) if key in b else "（撤销地区）"))
        if key in a and key in b:
            rows.append((f"{name}名称", a[key]["name"], b[key]["name"]))
    pilot = (old.policy["cluster_pilot_ratio"]["value"], new.policy["cluster_pilot_ratio"]["value"])
    rows.append(("产业集群试点奖补比例", percent(pilot[0]), percent(pilot[1])))
    return _changes(rows)


def _region_name(rnd: Round, key: str | None) -> str:
    return rnd.policy["regions"][key]["name"] if key in rnd.policy["regions"] else NONE


def city_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    a, b = old.policy["cities"]["members"], new.policy["cities"]["members"]
    rows = [(city, _region_name(old, a.get(city)), _region_name(new, b.get(city)))
            for city in [*a, *(c for c in b if c not in a)]]
    excluded = ("、".join(old.policy["excluded_cities"]["value"]) or NONE,
                "、".join(new.policy["excluded_cities"]["value"]) or NONE)
    return _changes([*rows, ("不予申领的城市", *excluded)])


def cap_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    rows = [("单家企业奖补总额上限", money(old.policy["enterprise_cap"]["value"]),
             money(new.policy["enterprise_cap"]["value"]))]
    for key, quota in new.policy["supplier_quotas"].items():
        before = old.policy["supplier_quotas"].get(key)
        rows.append((f"{quota['name']}初始限额", money(before["value"]) if before else NONE, money(quota["value"])))
    return _changes(rows)


def _label(product: dict[str, Any]) -> str:
    return f"{product['id']} {product['name']}"


def product_sections(old: Round, new: Round) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    a = {p["id"]: p for p in old.products}
    b = {p["id"]: p for p in new.products}
    added = [(_label(p), p["category"], money(p["cap"]), money(p["per_device"])) for p in new.products
             if p["id"] not in a]
    removed = [(_label(p), p["category"], money(p["cap"])) for p in old.products if p["id"] not in b]
    renamed, amounts = [], []
    for pid, product in b.items():
        if pid not in a:
            continue
        before = a[pid]
        for field, what in (("name", "名称"), ("category", "一级目录"), ("slug", "网址标识")):
            if before[field] != product[field]:
                renamed.append((pid, what, before[field], product[field]))
        for field, what in (("cap", "奖补上限"), ("per_device", "单台设备补贴")):
            if before[field] != product[field]:
                amounts.append((_label(product), what, money(before[field]), money(product[field])))
    return {
        "新增产品": (("序号 产品", "一级目录", "奖补上限", "单台设备补贴"), added),
        "删除产品": (("序号 产品", "一级目录", "上一轮奖补上限"), removed),
        "更名或改动标识的产品": (("序号", "项目", "原", "新"), renamed),
        "金额变动": (("序号 产品", "项目", "原", "新"), amounts),
    }


def _names(rnd: Round, ids: list[int]) -> str:
    names = {p["id"]: p["name"] for p in rnd.products}
    return "、".join(f"{pid} {names.get(pid, '（已删除）')}" for pid in ids) or NONE


def rule_rows(old: Round, new: Round) -> list[tuple[str, Any, Any]]:
    a = {g["id"]: g for g in old.policy["exclusion_groups"]}
    b = {g["id"]: g for g in new.policy["exclusion_groups"]}
    rows = [(f"互斥组“{(b.get(key) or a[key])['name']}”",
             _names(old, a[key]["products"]) if key in a else "（新设）",
             _names(new, b[key]["products"]) if key in b else "（撤销）") for key in [*a, *(k for k in b if k not in a)]]
    rows.append(("仅限产业集群试点的产品", _names(old, [e["product"] for e in old.policy["pilot_only"]]),
                 _names(new, [e["product"] for e in new.policy["pilot_only"]])))
    conditions = ({(c["product"], c["description"]) for c in old.policy["conditions"]},
                  {(c["product"], c["description"]) for c in new.policy["conditions"]})
    rows += [(f"申领条件（序号 {pid}）", text, "（删除）") for pid, text in sorted(conditions[0] - conditions[1])]
    rows += [(f"申领条件（序号 {pid}）", "（新增）", text) for pid, text in sorted(conditions[1] - conditions[0])]
    return _changes(rows)


def diff_markdown(old: Round, new: Round) -> str:
    """The report, in Markdown."""
    a, b = old.folder, new.folder
    head = ("项目", f"{a} 轮", f"{b} 轮")
    lines = [f"# 服务券目录变更报告：{a} 轮 → {b} 轮", "",
             f"本报告由 `python -m generator diff-rounds {a} {b}` 根据 catalog/{a}/ 与 catalog/{b}/ 的数据生成，"
             "逐项列出新一轮与上一轮的差异（原值 → 新值），供审核人对照新通知原文逐项核对后签字。", ""]
    sections: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = [
        ("一、通知", head, notice_rows(old, new)),
        ("二、时间安排", head, window_rows(old, new)),
        ("三、地区与奖补比例", head, region_rows(old, new)),
        ("四、城市所属地区", ("城市", f"{a} 轮", f"{b} 轮"), city_rows(old, new)),
        ("五、奖补总额上限与供应商额度", head, cap_rows(old, new)),
    ]
    for title, cols, rows in sections:
        lines += [f"## {title}", "", *_table(cols, rows)]
    lines += ["## 六、产品目录", ""]
    for title, (cols, rows) in product_sections(old, new).items():
        lines += [f"### {title}", "", *_table(cols, rows, "无。")]
    lines += ["## 七、互斥组、集群试点与申领条件", "", *_table(head, rule_rows(old, new))]
    exceptions = [(e["check"], f"{e['file']} {e['key']}", e["reason"]) for e in accepted(new.path)]
    lines += ["## 八、经审核接受的合理性例外", "", *_table(("检查项", "位置", "理由"), exceptions, "无。")]
    lines += ["## 审核意见", "", "经对照新通知原文逐项核对，以上变更：□ 无误  □ 有误（见附注）", "",
              "附注：", "", "审核人：____________　　日期：____年____月____日", "",
              "复核人：____________　　日期：____年____月____日", ""]
    return "\n".join(lines)


def diff_html(markdown_text: str, title: str) -> str:
    """The same report as a standalone HTML page, for printing."""
    import markdown

    body = markdown.markdown(markdown_text, extensions=["tables"])
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}"
            "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #888;padding:.2em .6em}"
            f"</style></head><body>\n{body}\n</body></html>\n")


def round_diff(root: Path | str, old: str, new: str) -> str:
    """The Markdown report from round folder `old` to round folder `new` of catalog/ `root`; both must be
    valid rounds (CatalogueError otherwise)."""
    root = Path(root)
    return diff_markdown(read_round(root / old), read_round(root / new))
