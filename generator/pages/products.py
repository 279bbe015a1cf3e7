"""The product pages and the suppliers' printable product sheets. They name no public address: their QR
codes and written-out addresses are places that generator/release fills in (data-gd-address)."""

from __future__ import annotations

import os
import posixpath
from datetime import UTC, date, datetime

from markupsafe import Markup

from generator.pages import formatting
from generator.pages.renderer import Page, SiteRenderer, front_matter
from generator.pages.supplier_kit import qr_file_names
from generator.release import qr_placeholder

COLUMN = "产品目录"


EMBED = "embed/"


def product_page(site: SiteRenderer, index: int, embed: bool = False) -> Page:
    """A product's page; `embed`: its view for a portal's iframe, without the site's header, navigation and
    footer (under embed/, kept out of search and of the sitemap)."""
    product = site.data["products"][index]
    url = (EMBED if embed else "") + product["page"]
    # Every exclusion group holding the product (groups may overlap), each with its other members.
    groups = [{"group": site.groups[gid],
               "members": [p for p in site.data["products"] if p["id"] in site.groups[gid]["products"]
                           and p["id"] != product["id"]]}
              for gid in product["groups"]]
    pilot = next((e for e in site.data["policy"]["pilot_only"] if e["product"] == product["id"]), None)
    conditions = [c for c in site.data["policy"]["conditions"] if c["product"] == product["id"]]
    products = site.data["products"]
    previous = products[index - 1] if index > 0 else None
    following = products[index + 1] if index + 1 < len(products) else None
    qr_files = [posixpath.basename(name) for name in qr_file_names(url)]
    body = site.render("product.md.j2", url, product=product, product_groups=groups, pilot=pilot,
                       previous=previous, following=following,
                       conditions=conditions,
                       qr=Markup(qr_placeholder(url, f"本页二维码：{product['name']}")),
                       qr_files=qr_files, sheet_url=url + "sheet/", embed=EMBED if embed else "")
    title = f"{product['number']:02d} {product['name']}"
    description = f"{product['category']} · {product['name']}：奖补上限 {formatting.wan(product['cap'])}。"
    extra = {"embed": "1", "exclude_from_search": True} if embed else {"boost": 2}
    return Page(f"{url}index.md", url, title, front_matter(title, column=COLUMN, description=description, **extra) + body)


def build_date(published: str) -> date:
    """The day this build was made: SOURCE_DATE_EPOCH, as the sitemap's lastmod (so two builds of the same
    sources are byte-identical); without it, the notice's publication date, as generator/mkdocs_hooks.py sets it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.fromisoformat(published)


def product_sheet(site: SiteRenderer, index: int) -> Page:
    """The supplier's one-page printable sheet of a product (kept out of search)."""
    product = site.data["products"][index]
    url = product["page"] + "sheet/"
    made = build_date(site.data["notice"]["published"])
    groups = [site.groups[gid] for gid in product["groups"]]
    body = site.render("product_sheet.md.j2", url, product=product, made=made, product_groups=groups,
                       qr=Markup(qr_placeholder(product["page"], f"产品页二维码：{product['name']}")))
    title = f"产品单页：{product['number']:02d} {product['name']}"
    front = front_matter(title, column=COLUMN, description=f"{product['name']}的产品单页，供打印",
                         exclude_from_search=True, hide=("navigation", "toc"))
    return Page(f"{url}index.md", url, title, front + body)


def product_pages(site: SiteRenderer) -> list[Page]:
    return [product_page(site, i) for i in range(len(site.data["products"]))]


def embedded_product_pages(site: SiteRenderer) -> list[Page]:
    return [product_page(site, i, embed=True) for i in range(len(site.data["products"]))]


def product_sheets(site: SiteRenderer) -> list[Page]:
    return [product_sheet(site, i) for i in range(len(site.data["products"]))]

