"""The open-data files: `catalog.json` (which the calculator loads) and `catalog.csv` (for Excel)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.catalogue import Catalogue

FORMAT = "gd-cloud-voucher-catalog/1"
NOTICE_PAGE = "notice/"

CSV_COLUMNS = [
    ("序号", "id"), ("网址标识", "slug"), ("一级目录", "category"), ("二级目录", "name"),
    ("主要应用场景", "scenario"), ("主要功能模块", "modules"), ("选项功能", "optional_modules"),
    ("奖补上限（元）", "cap"), ("单台设备补贴（元/台）", "per_device"), ("备注", "remark"),
    ("互斥组", "group"), ("仅限产业集群试点", "pilot_only"), ("检索关键词", "keywords"), ("页面", "page"),
]


# Excel, LibreOffice and Google Sheets run a cell that starts with one of these as a formula (tab and CR
# too: some importers strip them first). Such a cell gets a leading apostrophe, shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SENTENCE_ENDS = ("。", "；", "！", "？")


def neutralise_formula(cell: str) -> str:
    """Make a CSV cell that a spreadsheet would run as a formula read as plain text (OWASP's advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def join_items(items: list[str]) -> str:
    """Join list items back into one cell as the notice writes them: with `；`, except after an item that
    already ends a sentence (modules split after a `。` must not become `。；`)."""
    out = ""
    for i, item in enumerate(items):
        if i and not out.endswith(_SENTENCE_ENDS):
            out += "；"
        out += item
    return out


def product_page(product: dict[str, Any]) -> str:
    """The stable, site-relative URL of a product page, e.g. `products/05-equipment-iot/`."""
    return f"products/{product['id']:02d}-{product['slug']}/"


def catalogue_data(cat: Catalogue) -> dict[str, Any]:
    """One JSON-able document holding products and policy: the calculator's input and the download."""
    policy = {k: v for k, v in cat.policy.items() if k != "notice"}
    pilot = {entry["product"] for entry in cat.policy["pilot_only"]}
    products = []
    for p in cat.products:
        group = cat.group_of(p["id"])
        products.append({
            **{k: v for k, v in p.items() if k != "notes"},
            "notes": p.get("notes", []),
            "group": group["id"] if group else None,
            "pilot_only": p["id"] in pilot,
            "page": product_page(p),
        })
    return {
        "format": FORMAT,
        "catalogue_version": cat.policy["notice"]["catalogue_version"],
        "notice": {**cat.policy["notice"], "page": NOTICE_PAGE},
        "products_reference": cat.products_reference,
        "policy": policy,
        "products": products,
    }


def catalogue_json(cat: Catalogue) -> str:
    return json.dumps(catalogue_data(cat), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def catalogue_csv(cat: Catalogue) -> bytes:
    """One row per product; UTF-8 with BOM so that Excel opens the Chinese text correctly."""
    data = catalogue_data(cat)
    groups = {g["id"]: g["name"] for g in data["policy"]["exclusion_groups"]}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for p in data["products"]:
        row = []
        for _, key in CSV_COLUMNS:
            value = p[key]
            if key == "group":
                value = groups.get(value, "")
            elif key == "pilot_only":
                value = "是" if value else "否"
            elif isinstance(value, list):
                value = join_items(value)
            elif value is None:
                value = ""
            row.append(neutralise_formula(value) if isinstance(value, str) else value)
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
