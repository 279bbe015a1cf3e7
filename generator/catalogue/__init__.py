"""Reading `catalog/`: the strict YAML reader, the schema and reference checks, the notice and its clauses,
the 办事指南 data, the provenance record, and the open-data export (`catalog.json`, `catalog.csv`).

Other rooms import only what is named here. `Catalogue` is the checked catalogue (its `clause(anchor)` and
`clause_sentence(anchor)` read the notice); `cited` walks every mapping that cites a clause, and
`notice_page_markdown`/`insert_table` make the notice page's text.
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
from generator.catalogue.notice import anchor_line, cited, insert_table, notice_page_markdown
from generator.catalogue.provenance import load_provenance
from generator.catalogue.reader import SEARCH_FILE, Catalogue, CatalogueError, load_catalogue, round_folder, rounds_of

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
    "cited",
    "insert_table",
    "join_items",
    "load_catalogue",
    "load_guide",
    "load_provenance",
    "notice_page_markdown",
    "policy_node",
    "product_page",
    "round_folder",
    "rounds_of",
]
