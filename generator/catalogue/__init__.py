"""Reading `catalog/`: the strict YAML reader, the schema and reference checks, the notice and its clauses,
the 办事指南 data, the provenance record, and the open-data export (`catalog.json`, `catalog.csv`).

Other rooms import only what is named here. `Catalogue` is the checked catalogue (its `clause(anchor)` and
`clause_sentence(anchor)` read the notice); `cited` walks every mapping that cites a clause, and
`notice_page_markdown`/`insert_table` make the notice page's text. Between rounds: `check_plausibility`
stops the build at an implausible value, `round_diff` writes the report an official signs, and
`new_round` starts a round from the current one.
"""

from generator.catalogue.export import (
    CATALOG_SCHEMA,
    NOTICE_PAGE,
    ExportError,
    catalogue_csv,
    catalogue_data,
    catalogue_json,
    join_items,
    product_page,
)
from generator.catalogue.guide import load_guide, policy_node
from generator.catalogue.new_round import new_round
from generator.catalogue.notice import anchor_line, cited, insert_table, notice_page_markdown
from generator.catalogue.plausibility import check_plausibility, plausibility_errors
from generator.catalogue.provenance import load_provenance
from generator.catalogue.reader import SEARCH_FILE, Catalogue, CatalogueError, load_catalogue, round_folder, rounds_of
from generator.catalogue.round_diff import diff_html, round_diff

__all__ = [
    "CATALOG_SCHEMA",
    "NOTICE_PAGE",
    "SEARCH_FILE",
    "Catalogue",
    "CatalogueError",
    "ExportError",
    "anchor_line",
    "catalogue_csv",
    "catalogue_data",
    "catalogue_json",
    "check_plausibility",
    "cited",
    "diff_html",
    "insert_table",
    "join_items",
    "load_catalogue",
    "load_guide",
    "load_provenance",
    "new_round",
    "notice_page_markdown",
    "plausibility_errors",
    "policy_node",
    "product_page",
    "round_diff",
    "round_folder",
    "rounds_of",
]
