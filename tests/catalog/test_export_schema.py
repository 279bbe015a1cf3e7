"""catalog.json carries its format version and has its own JSON Schema, which the build checks it against."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from support.catalogue_edits import delete_at, set_at

from generator.catalogue.export import ExportError, check_export

SCHEMA = Path(__file__).resolve().parents[2] / "catalog" / "schema" / "catalog.schema.json"


def test_catalog_json_names_its_format_and_format_version(catalog_data):
    assert catalog_data["format"] == "gd-cloud-voucher-catalog/1"
    assert catalog_data["format_version"] == 1


def test_catalog_json_matches_its_own_schema(catalog_data):
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(catalog_data)


def test_the_schema_documents_what_the_version_means():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["properties"]["format_version"] == {"const": 1}
    assert "format_version" in schema["description"] and "refuse" in schema["description"]


@pytest.mark.parametrize("mutate,where", [
    (delete_at(["format_version"]), "（顶层）"),
    (set_at(["format_version"], 2), "format_version"),
    (set_at(["products", 4, "cap"], "十万"), "products[4].cap"),
    (set_at(["policy", "regions", "prd", "ratio", "value"], 0.7), "policy.regions.prd.ratio.value"),
    (delete_at(["policy", "enterprise_cap"]), "policy"),
    (set_at(["products", 0, "per_device"], 0), "products[0].per_device"),
], ids=["no-version", "another-version", "a-text-cap", "a-float-ratio", "no-enterprise-cap", "a-zero-per-device"])
def test_the_build_refuses_to_write_an_export_that_breaks_the_schema(catalog_data, mutate, where):
    data = copy.deepcopy(catalog_data)
    mutate(data)
    with pytest.raises(ExportError) as info:
        check_export(data)
    assert "catalog.schema.json" in str(info.value) and f"：{where}：" in str(info.value)


def test_the_schema_is_published_beside_catalog_json(site):
    assert (site / "catalog.schema.json").read_text("utf-8") == SCHEMA.read_text("utf-8")
    assert 'href="../catalog.schema.json"' in (site / "downloads" / "index.html").read_text("utf-8")
