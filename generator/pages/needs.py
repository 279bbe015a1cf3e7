"""按需求找产品: the goals of catalog/search.yaml, each resolved to the products that serve it."""

from __future__ import annotations

from typing import Any


def resolve_needs(search: dict[str, Any], products: list[dict[str, Any]],
                  exclusion_groups: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Each need with its products as catalogue entries (name, summary, cap, page), in the order given,
    and `exclusions`: each exclusion group (policy.yaml) of which the need lists two products or more,
    with those products, so that the finder warns that only one of them can be claimed."""
    by_id = {p["id"]: p for p in products}
    resolved = []
    for need in search.get("needs", []):
        listed = [by_id[pid] for pid in need["products"]]
        exclusions = []
        for group in exclusion_groups:
            members = [p for p in listed if p["id"] in group["products"]]
            if len(members) >= 2:
                exclusions.append({"group": group, "products": members})
        resolved.append({**need, "products": listed, "exclusions": exclusions})
    return resolved


def cap_choices(products: list[dict[str, Any]]) -> list[int]:
    """The distinct caps of the catalogue, lowest first: the choices of the catalogue's cap filter."""
    return sorted({p["cap"] for p in products})
