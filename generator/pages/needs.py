"""按需求找产品: the goals of catalog/search.yaml, each resolved to the products that serve it."""

from __future__ import annotations

from typing import Any


def resolve_needs(search: dict[str, Any], products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each need with its products as catalogue entries (name, summary, cap, page), in the order given."""
    by_id = {p["id"]: p for p in products}
    return [{**need, "products": [by_id[pid] for pid in need["products"]]} for need in search.get("needs", [])]


def cap_choices(products: list[dict[str, Any]]) -> list[int]:
    """The distinct caps of the catalogue, lowest first: the choices of the catalogue's cap filter."""
    return sorted({p["cap"] for p in products})
