"""The site's renderer: one catalogue, one public address, the Jinja2 templates (autoescaped) and what every
page type uses to write a page (`Page`, `front_matter`, `relative`, `SiteRenderer.page`). The page types
themselves are listed in `registry.py`."""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.catalogue import NOTICE_PAGE, Catalogue, catalogue_data, join_items, product_page
from generator.pages import formatting
from generator.pages.needs import cap_choices, resolve_needs

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Page:
    """A generated page: its source path under docs/, its URL and its Markdown."""

    src_uri: str
    url: str
    title: str
    markdown: str


def relative(from_url: str, to_url: str) -> str:
    """A relative link from one directory-style URL to another, so the site works under any path."""
    target, _, fragment = to_url.partition("#")
    path = posixpath.relpath(target or ".", from_url or ".")
    directory = target == "" or target.endswith("/")
    path = "./" if path == "." else (path + "/" if directory and not path.endswith("/") else path)
    return path + (f"#{fragment}" if fragment else "")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(yuan=formatting.yuan, wan=formatting.wan, percent=formatting.percent,
                       datetime_zh=formatting.datetime_zh, join_items=join_items)
    return env


def front_matter(title: str, *, column: str, description: str, boost: int = 0, exclude_from_search: bool = False,
                 hide: tuple[str, ...] = (), **extra: str) -> str:
    """A page's YAML front matter: its title, the column of the navigation it belongs to, its description,
    any `extra` field for the templates (e.g. `calculator`), its search boost or exclusion, what it hides."""
    # Material prints titles and descriptions as HTML, unescaped, so they are escaped here. JSON is
    # valid YAML and quotes whatever the catalogue holds.
    fields = {"title": title, "column": column, "description": description, **extra}
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    search = ([f"  boost: {boost}"] if boost else []) + (["  exclude: true"] if exclude_from_search else [])
    if search:
        lines.append("search:\n" + "\n".join(search))
    if hide:
        lines.append("hide:\n" + "\n".join(f"  - {item}" for item in hide))
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class SiteRenderer:
    """What every page type renders with: one catalogue and its 办事指南 data. Pages name no public
    address (generator/release writes it once one is configured)."""

    def __init__(self, cat: Catalogue, guide: dict[str, Any] | None = None, editions: list | None = None,
                 retired: list[dict[str, Any]] | None = None) -> None:
        self.cat = cat
        self.guide = guide
        # Every round this build links to (generator/pages/rounds.py) and the earlier rounds' products the
        # current round no longer lists; both empty for a site of one round.
        self.editions = editions or []
        self.retired = retired or []
        self.data = catalogue_data(cat)
        self.env = _environment()
        self.groups = {g["id"]: g for g in self.data["policy"]["exclusion_groups"]}
        self.ratios = {
            "regions": [{"name": r["name"], "ratio": r["ratio"]["value"], "reference": r["ratio"]["reference"],
                         "cities": [c for c, key in self.data["policy"]["cities"]["members"].items() if key == rid]}
                        for rid, r in self.data["policy"]["regions"].items()],
            "pilot": self.data["policy"]["cluster_pilot_ratio"],
        }

    def render(self, template: str, url: str, **context: Any) -> str:
        """A template of `templates/` rendered for the page at `url` (its links relative to it)."""
        def link(target: str) -> str:
            return relative(url, target)

        def clause(reference: dict[str, str]) -> Markup:
            href = link(f"{NOTICE_PAGE}#{reference['anchor']}")
            return Markup('<a class="gd-clause" href="{}">{}</a>').format(href, reference["clause"])

        return self.env.get_template(template).render(
            cat=self.data, policy=self.data["policy"], notice=self.data["notice"], groups=self.groups,
            ratios=self.ratios, link=link, clause=clause, product_page=product_page, page_url=url,
            formatting=formatting, clause_text=self.cat.clause_sentence,
            needs=resolve_needs(self.cat.search, self.data["products"], self.data["policy"]["exclusion_groups"]),
            caps=cap_choices(self.data["products"]),
            **context)

    def page(self, url: str, template: str, name: str, *, description: str, title: str | None = None,
             front: dict[str, str] | None = None, **context: Any) -> Page:
        """A page made from one template, at `url`, in the navigation column `name`; its heading is `title`
        (`name` when not given), `front` adds fields to its front matter, `context` to the template's."""
        heading = title or name
        return Page(f"{url}index.md", url, name,
                    front_matter(heading, column=name, description=description, **(front or {}))
                    + self.render(template, url, **context))
