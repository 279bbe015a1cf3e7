"""The policy as the engine sees it, read from `catalog.json`. No number of the notice lives in code."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

try:  # built into Pyodide and CPython 3.12+: `hashlib` would first look for `_hashlib`, which Pyodide
    # lacks, and in the browser that lookup downloads the full stdlib (worker/stdlib.js)
    from _sha2 import sha256
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import sha256

from calculator.errors import CatalogueError
from calculator.wording import PILOT_RULES

CATALOG_ENV = "GD_VOUCHER_CATALOG"
# The catalog.json format this engine reads (catalog/schema/catalog.schema.json); a file of another
# format or version is refused, never half-read.
CATALOG_FORMAT = "gd-cloud-voucher-catalog/1"
CATALOG_FORMAT_VERSION = 1
PACKAGED_CATALOG = Path(__file__).resolve().parent / "catalog.json"


@dataclass(frozen=True)
class Reference:
    """A clause of the notice and its anchor on the notice page."""

    clause: str
    anchor: str
    page: str

    def to_dict(self) -> dict[str, str]:
        return {"clause": self.clause, "anchor": self.anchor, "href": f"{self.page}#{self.anchor}"}


@dataclass(frozen=True)
class Product:
    id: int
    slug: str
    name: str
    cap: Decimal
    per_device: Decimal | None
    # Every exclusion group holding the product (附件说明 4); groups may overlap.
    groups: tuple[str, ...]
    page: str
    category: str = ""
    # The 序号 this round's notice prints (shown in messages); `id` is the permanent identity.
    number: int = 0


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    products: tuple[int, ...]
    reference: Reference


@dataclass(frozen=True)
class Region:
    key: str
    name: str
    ratio: Decimal
    reference: Reference
    # As a sentence names it (policy.yaml `full_name`): printed as written, never with a suffix added.
    full_name: str = ""


@dataclass(frozen=True)
class Condition:
    product: int
    code: str
    description: str
    reference: Reference


@dataclass(frozen=True)
class Policy:
    """Everything the rules need, typed; built once per catalogue and shared by every estimate."""

    version: str
    products: dict[int, Product]
    regions: dict[str, Region]
    cities: dict[str, str]
    excluded_cities: frozenset[str]
    excluded_reference: Reference
    cluster_pilot_ratio: Decimal
    cluster_pilot_reference: Reference
    enterprise_cap: Decimal
    enterprise_cap_reference: Reference
    per_device_reference: Reference
    same_product_reference: Reference
    groups: dict[str, Group]
    pilot_only: dict[int, Reference]
    conditions: tuple[Condition, ...]
    slugs: dict[str, int] = field(default_factory=dict)
    # How the pilot ratio meets the region's (policy.yaml `cluster_pilot_ratio.rule`): replaces, at_least.
    cluster_pilot_rule: str = "replaces"
    notice_number: str = ""
    platform_prevails: str = ""
    platform_prevails_reference: Reference | None = None
    # The programme and province as the notice names them (policy.programme), the scope sentence that
    # names the excluded cities (excluded_cities.description) and the cluster pilot's programme: the
    # engine's wording puts them in its templates (wording.py), so no name of the notice lives in code.
    programme: str = ""
    province: str = ""
    excluded_description: str = ""
    pilot_programme: str = ""
    # The start of the catalogue's sha256 (that of `sha256sum catalog.json`), when read from its text:
    # which data a figure came from, shown by the CLI and in the CSV.
    fingerprint: str = ""

    @classmethod
    def from_data(cls, data: object) -> Policy:
        """The policy from parsed catalog.json; anything missing or malformed raises CatalogueError."""
        if (not isinstance(data, dict) or data.get("format") != CATALOG_FORMAT
                or data.get("format_version") != CATALOG_FORMAT_VERSION):
            found = f"{data.get('format')} 版本 {data.get('format_version')}" if isinstance(data, dict) else None
            raise CatalogueError(f"目录数据格式不符：应为 {CATALOG_FORMAT} 版本 {CATALOG_FORMAT_VERSION}，实际为 {found}。"
                                 "请使用与测算引擎同一次构建生成的 catalog.json")
        try:
            return cls._from_data(data)
        except KeyError as err:
            raise CatalogueError(f"目录数据不完整：缺少 {err}。请重新下载或重新构建 catalog.json") from None
        except (TypeError, ValueError, AttributeError, ArithmeticError) as err:
            raise CatalogueError(f"目录数据已损坏（{type(err).__name__}）。请重新下载或重新构建 catalog.json") from None

    @classmethod
    def _from_data(cls, data: dict[str, Any]) -> Policy:
        page = data["notice"]["page"]
        pol = data["policy"]

        def ref(node: dict[str, Any]) -> Reference:
            return Reference(node["reference"]["clause"], node["reference"]["anchor"], page)

        groups = {g["id"]: Group(g["id"], g["name"], tuple(g["products"]), ref(g)) for g in pol["exclusion_groups"]}
        # The groups' member lists are the rule; a product's groups are read from them.
        products = {
            p["id"]: Product(p["id"], p["slug"], p["name"], Decimal(p["cap"]),
                             Decimal(p["per_device"]) if p["per_device"] is not None else None,
                             tuple(g.id for g in groups.values() if p["id"] in g.products), p["page"], p["category"],
                             p["number"])
            for p in data["products"]
        }
        regions = {key: Region(key, r["name"], Decimal(r["ratio"]["value"]), ref(r["ratio"]), r["full_name"])
                   for key, r in pol["regions"].items()}
        return cls(
            version=data["catalogue_version"],
            products=products,
            regions=regions,
            cities=dict(pol["cities"]["members"]),
            excluded_cities=frozenset(pol["excluded_cities"]["value"]),
            excluded_reference=ref(pol["excluded_cities"]),
            cluster_pilot_ratio=Decimal(pol["cluster_pilot_ratio"]["value"]),
            cluster_pilot_reference=ref(pol["cluster_pilot_ratio"]),
            enterprise_cap=Decimal(pol["enterprise_cap"]["value"]),
            enterprise_cap_reference=ref(pol["enterprise_cap"]),
            per_device_reference=ref(pol["per_device"]),
            same_product_reference=ref(pol["same_product"]),
            groups=groups,
            pilot_only={e["product"]: ref(e) for e in pol["pilot_only"]},
            conditions=tuple(Condition(c["product"], c["code"], c["description"], ref(c))
                             for c in pol["conditions"] if c["kind"] == "requirement"),
            slugs={p.slug: p.id for p in products.values()},
            cluster_pilot_rule=_pilot_rule(pol["cluster_pilot_ratio"]["rule"]),
            notice_number=data["notice"]["number"],
            platform_prevails=pol["platform_prevails"]["description"],
            platform_prevails_reference=ref(pol["platform_prevails"]),
            programme=pol.get("programme", {}).get("name", ""),
            province=pol.get("programme", {}).get("province", ""),
            excluded_description=pol["excluded_cities"]["description"],
            pilot_programme=pol.get("cluster_pilot", {}).get("programme", ""),
        )

    @classmethod
    def from_json(cls, text: str) -> Policy:
        try:
            data = json.loads(text.removeprefix("\ufeff"))
        except json.JSONDecodeError as err:
            raise CatalogueError(f"目录数据不是有效的 JSON（第 {err.lineno} 行第 {err.colno} 列），文件可能不完整。"
                                 "请重新下载或重新构建 catalog.json") from None
        except (ValueError, RecursionError):
            raise CatalogueError("目录数据不是有效的 JSON。请重新下载或重新构建 catalog.json") from None
        return replace(cls.from_data(data), fingerprint=sha256(text.encode("utf-8")).hexdigest()[:8])


def _pilot_rule(rule: str) -> str:
    if rule not in PILOT_RULES:
        raise ValueError(rule)
    return rule


_default: Policy | None = None


def default_policy() -> Policy:
    """The catalogue named by $GD_VOUCHER_CATALOG, else the `catalog.json` written beside this package."""
    global _default
    if _default is None:
        path = Path(os.environ.get(CATALOG_ENV) or PACKAGED_CATALOG)
        if not path.is_file():
            raise CatalogueError(
                f"未找到目录数据 {path}：请先运行 make setup，或用 --catalog / 环境变量 {CATALOG_ENV} 指定 catalog.json")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CatalogueError(f"无法读取目录数据 {path}（{err}）") from None
        _default = Policy.from_json(text)
    return _default
