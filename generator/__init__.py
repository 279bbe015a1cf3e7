"""Build-time generator of the site, in rooms by concern. Each room's `__init__` names its public surface.

- `catalogue`: read and check `catalog/` (strict YAML, schema, references) and export the open data.
- `pages`: render the pages from Jinja2 templates (products, catalogue, guide, calculator, reader tools).
- `search`: the site's own search index and vocabulary.
- `hant`: the 繁体 copy of the site and the converter table the pages use at run time.
- `runtime`: the calculator's in-browser runtime bundle (Pyodide, wheel, snapshot, trimmed stdlib).
- `hosting`: what a host needs (CSP, precompressed copies, service worker, site address, host identity,
  the preview server).

`mkdocs_hooks` wires the rooms into MkDocs; nothing else knows MkDocs.
"""
