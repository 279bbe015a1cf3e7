"""The open-data files: `catalog.json` (which the calculator loads) and `catalog.csv` (for Excel)."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from calculator.wording import pilot_ratio_description
from generator.catalogue.reader import Catalogue, schema_message

# The format of catalog.json and its major version; catalog/schema/catalog.schema.json says what a
# change of version means. Readers (the engine, the worker, the page) refuse a version they do not know.
FORMAT = "gd-cloud-voucher-catalog/1"
FORMAT_VERSION = 1
CATALOG_SCHEMA = Path(__file__).resolve().parents[2] / "catalog" / "schema" / "catalog.schema.json"
NOTICE_PAGE = "notice/"


class ExportError(Exception):
    """The build's own catalog.json does not match its schema: a bug of the generator, never of the data."""

CSV_COLUMNS = [
    ("序号", "number"), ("网址标识", "slug"), ("一级目录", "category"), ("二级目录", "name"),
    ("主要应用场景", "scenario"), ("主要功能模块", "modules"), ("选项功能", "optional_modules"),
    ("奖补上限（元）", "cap"), ("单台设备补贴（元/台）", "per_device"), ("备注", "remark"),
    ("互斥组", "groups"), ("仅限产业集群试点", "pilot_only"), ("检索关键词", "keywords"), ("页面", "page"),
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
    # The pilot ratio's description as the pages say it: what it is for, then where it applies (from `rule`).
    ratio = cat.policy["cluster_pilot_ratio"]
    policy["cluster_pilot_ratio"] = {**ratio, "description": pilot_ratio_description(ratio["description"], ratio["rule"])}
    pilot = {entry["product"] for entry in cat.policy["pilot_only"]}
    products = []
    for p in cat.products:
        groups = [g["id"] for g in cat.groups_of(p["id"])]
        products.append({
            **{k: v for k, v in p.items() if k != "notes"},
            "notes": p.get("notes", []),
            # `group` (the first) is kept for readers of format 1 written before groups could overlap.
            "group": groups[0] if groups else None,
            "groups": groups,
            "pilot_only": p["id"] in pilot,
            "page": product_page(p),
        })
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "catalogue_version": cat.policy["notice"]["catalogue_version"],
        "notice": {**cat.policy["notice"], "page": NOTICE_PAGE},
        "products_reference": cat.products_reference,
        "policy": policy,
        "products": products,
    }


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(CATALOG_SCHEMA.read_text("utf-8")))


def check_export(data: dict[str, Any]) -> None:
    """Raise ExportError unless `data` matches catalog.schema.json (the build checks its own output)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path).lstrip(".")
        raise ExportError(f"catalog.json 不符合 catalog/schema/catalog.schema.json：{where or '（顶层）'}："
                          f"{schema_message(err)}")


def catalogue_json(cat: Catalogue) -> str:
    data = catalogue_data(cat)
    check_export(data)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


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
            if key == "groups":
                value = "、".join(groups[g] for g in value)
            elif key == "pilot_only":
                value = "是" if value else "否"
            elif isinstance(value, list):
                value = join_items(value)
            elif value is None:
                value = ""
            row.append(neutralise_formula(value) if isinstance(value, str) else value)
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
