"""QR codes of page URLs, as inline SVG made at build time (segno, no network, deterministic)."""

from __future__ import annotations

import segno


def qr_svg(url: str, title: str) -> str:
    """An accessible inline SVG QR code for `url`."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=3, border=2, title=title, svgclass="gd-qr", dark="#000", light="#fff")
