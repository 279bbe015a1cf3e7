"""The open-data exports: catalog.json and catalog.csv."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from generator.catalogue.export import catalogue_csv, catalogue_json

# What a spreadsheet runs as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_catalog_json_holds_products_and_policy_in_one_file(catalogue):
    data = json.loads(catalogue_json(catalogue))
    assert len(data["products"]) == 27
    assert data["policy"]["enterprise_cap"]["value"] == 300000
    assert data["products"][4]["page"] == "products/05-equipment-iot/"
    assert data["products"][4]["group"] == "equipment" and data["products"][4]["groups"] == ["equipment"]


def test_catalog_json_is_deterministic(catalogue):
    assert catalogue_json(catalogue) == catalogue_json(catalogue)


def test_catalog_csv_is_utf8_with_bom_and_one_row_per_product(catalogue):
    raw = catalogue_csv(catalogue)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["序号", "网址标识", "一级目录", "二级目录"]
    assert len(rows) == 28
    assert rows[5][3] == "设备物联" and rows[5][8] == "1500"


def _csv_rows(cat) -> list[list[str]]:
    return list(csv.reader(io.StringIO(catalogue_csv(cat).decode("utf-8-sig"))))


@pytest.mark.parametrize("pid", [8, 23, 25, 27], ids=lambda i: f"product-{i}")
def test_modules_split_after_a_full_stop_are_joined_back_without_a_semicolon(catalogue, pid):
    row = _csv_rows(catalogue)[pid]
    modules = row[5]
    assert "。；" not in modules
    first, second = catalogue.product(pid)["modules"][:2]
    assert first + second in modules


def test_modules_split_at_a_semicolon_are_joined_with_one(catalogue):
    assert _csv_rows(catalogue)[1][5] == ("配备电气、机械标准件库，支持企业自制库；"
                                          "云上二维、三维等建模绘图，项目组多人远程协同设计；"
                                          "云上 CAD 图文档管理及安全权限设置。")


FORMULAS = ['=HYPERLINK("http://evil.example/","点击")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_a_csv_cell_that_would_start_a_formula_is_written_as_text(catalogue, text):
    products = [dict(p) for p in catalogue.products]
    products[0] = {**products[0], "name": text, "remark": text, "keywords": [text, "CAD"], "modules": [text]}
    rows = _csv_rows(replace(catalogue, products=products))
    cells = [rows[1][3], rows[1][5], rows[1][9], rows[1][12]]
    for cell in cells:
        assert cell.startswith("'") and cell[1:].startswith(text), cell
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_ordinary_cells_are_not_touched(catalogue):
    rows = _csv_rows(catalogue)
    assert rows[5][9] == "每台设备1500元" and rows[1][0] == "1"
    assert not any(cell.startswith("'") for row in rows for cell in row)
