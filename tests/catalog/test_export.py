"""The open-data exports: catalog.json and catalog.csv."""

from __future__ import annotations

import csv
import io
import json

from generator.export import catalogue_csv, catalogue_json


def test_catalog_json_holds_products_and_policy_in_one_file(catalogue):
    data = json.loads(catalogue_json(catalogue))
    assert len(data["products"]) == 27
    assert data["policy"]["enterprise_cap"]["value"] == 300000
    assert data["products"][4]["page"] == "products/05-equipment-iot/"
    assert data["products"][4]["group"] == "equipment"


def test_catalog_json_is_deterministic(catalogue):
    assert catalogue_json(catalogue) == catalogue_json(catalogue)


def test_catalog_csv_is_utf8_with_bom_and_one_row_per_product(catalogue):
    raw = catalogue_csv(catalogue)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["序号", "网址标识", "一级目录", "二级目录"]
    assert len(rows) == 28
    assert rows[5][3] == "设备物联" and rows[5][8] == "1500"
