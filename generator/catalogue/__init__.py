"""Reading `catalog/`: the strict YAML reader, schema and reference checks, the provenance record, and the
open-data export (`catalog.json`, `catalog.csv`). Public surface: `load_catalogue`, `Catalogue`,
`CatalogueError` (from `reader`), `catalogue_json`/`catalogue_csv`/`catalogue_data` (from `export`) and
`load_provenance` (from `provenance`)."""
