"""Rounds side by side: the current round at the site's root, each earlier round as an archive under
`archive/<folder>/` (a whole site of its own, built by the same code from that round's folder of catalog/).

`editions` says, for the round a build renders, where every round is from that build's root (the switcher
on every page); `retired_products` finds the products of earlier rounds that the current round no longer
lists, whose addresses (printed on QR codes, shared in links) keep a page that says so and points to the
archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.catalogue import Catalogue, catalogue_data
from generator.pages.renderer import Page, SiteRenderer, front_matter

# generator/hosting/service_worker.py's NESTED_SITES names the same folder (tests/site/test_rounds_archive.py).
ARCHIVE_DIR = "archive/"


@dataclass(frozen=True)
class Edition:
    """One round as a build publishes it: its label, its root relative to this build's root, whether it is
    the programme's current round and whether it is the round this build renders."""

    folder: str
    label: str
    href: str
    current: bool
    this: bool

    def as_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "label": self.label, "href": self.href, "current": self.current,
                "this": self.this}


def archive_path(folder: str) -> str:
    """Where an earlier round is published, from the site's root."""
    return f"{ARCHIVE_DIR}{folder}/"


def round_label(cat: Catalogue) -> str:
    """A round's name as its own notice gives it (the version of its product catalogue)."""
    return f"{cat.policy['notice']['catalogue_version']} 年度"


def editions(catalogues: dict[str, Catalogue], current: str, this: str) -> list[Edition]:
    """Every round, oldest first, with its root as seen from the root of the build of round `this`."""
    def root_of(folder: str) -> str:
        target = "" if folder == current else archive_path(folder)
        here = "" if this == current else archive_path(this)
        return "../" * here.count("/") + target if here else target

    return [Edition(folder, round_label(cat), root_of(folder), folder == current, folder == this)
            for folder, cat in catalogues.items()]


def retired_products(catalogues: dict[str, Catalogue], current: str) -> list[dict[str, Any]]:
    """Products of earlier rounds that the current round does not list (by their permanent id), each with
    the last round that listed it and its page there."""
    listed = {p["id"] for p in catalogues[current].products}
    out: dict[int, dict[str, Any]] = {}
    for folder, cat in catalogues.items():
        if folder == current:
            continue
        for product in catalogue_data(cat)["products"]:
            if product["id"] not in listed:
                out[product["id"]] = {"product": product, "folder": folder, "label": round_label(cat),
                                      "archived": archive_path(folder) + product["page"]}
    return [out[pid] for pid in sorted(out)]


def retired_product_pages(site: SiteRenderer) -> list[Page]:
    """At the address a retired product had, a page that says the current round no longer lists it and
    links to its page in the archive (issue 22)."""
    pages = []
    this = next((e for e in site.editions if e.this), None)
    for entry in site.retired:
        product = entry["product"]
        url = product["page"]
        body = site.render("retired_product.md.j2", url, entry=entry, product=product,
                           this_label=this.label if this else "")
        title = f"{product['name']}（{entry['label']}）"
        pages.append(Page(f"{url}index.md", url, title,
                          front_matter(title, column="产品目录", description=f"{product['name']}：未列入现行目录",
                                       exclude_from_search=True) + body))
    return pages
