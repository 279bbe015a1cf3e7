"""Shared fixtures: the validated catalogue and the catalog.json the calculator reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.export import catalogue_json

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "catalog"


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(CATALOG_DIR)


@pytest.fixture(scope="session")
def catalog_data(catalogue) -> dict:
    return json.loads(catalogue_json(catalogue))
