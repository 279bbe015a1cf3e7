"""QR codes of page URLs, as inline SVG made at build time (segno, no network, deterministic)."""

from __future__ import annotations

import segno


def qr_svg(url: str, title: str) -> str:
    """An accessible inline SVG QR code for `url`."""
    code = segno.make(url, error="m", micro=False)
    # A viewBox and no fixed size: the stylesheet sizes it in rem, so it grows with 【大中小】 and prints sharp.
    return code.svg_inline(scale=3, border=2, title=title, svgclass="gd-qr", dark="#000", light="#fff", omitsize=True)
