"""Rendering the pages: `renderer.SiteRenderer` turns the catalogue into Markdown pages through the
templates in `templates/`; `guide` renders the 办事指南; `reader_tools` the 简/繁 switch and share panel;
`qr` and `supplier_kit` the QR codes; `formatting` writes money, ratios and dates as the engine does."""
