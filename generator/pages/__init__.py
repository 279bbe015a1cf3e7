"""Rendering the pages: `SiteRenderer` holds the catalogue and the Jinja2 templates of `templates/`;
`registry.PAGE_TYPES` lists the page types (home, catalogue, product pages and sheets, notice, downloads,
calculator, 办事指南), so a new page type is one entry there; `render_pages` writes them and `navigation`
gives MkDocs their order. `reader_tools` makes the 简/繁 switch and share panel, `supplier_kit` names
the QR files (generator/release draws the codes), and `formatting` writes money, ratios and dates as the engine does.

Other rooms import only what is named here (the 繁体 copy draws the toolbar again).
"""

from generator.pages.formatting import wan
from generator.pages.reader_tools import (
    HANS,
    HANT,
    HANT_DIR,
    SHARE_END,
    SHARE_START,
    SWITCH_END,
    SWITCH_START,
    alternate_links,
    not_found_memory,
    not_found_switch,
    script_memory,
    script_switch,
    share_panel,
)
from generator.pages.registry import PAGE_TYPES, PageType, navigation, render_pages
from generator.pages.renderer import Page, SiteRenderer
from generator.pages.rounds import ARCHIVE_DIR, Edition, archive_path, editions, retired_products
from generator.pages.supplier_kit import QR_FILE

__all__ = [
    "ARCHIVE_DIR",
    "HANS",
    "HANT",
    "HANT_DIR",
    "PAGE_TYPES",
    "QR_FILE",
    "SHARE_END",
    "SHARE_START",
    "SWITCH_END",
    "SWITCH_START",
    "Edition",
    "Page",
    "PageType",
    "SiteRenderer",
    "alternate_links",
    "archive_path",
    "editions",
    "navigation",
    "not_found_memory",
    "not_found_switch",
    "render_pages",
    "retired_products",
    "script_memory",
    "script_switch",
    "share_panel",
    "wan",
]
