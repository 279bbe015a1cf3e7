"""QR codes of page URLs, as inline SVG made at build time (segno, no network, deterministic)."""

from __future__ import annotations

import html
import re

import segno


def qr_svg(url: str, title: str) -> str:
    """An accessible inline SVG QR code for `url`."""
    code = segno.make(url, error="m", micro=False)
    # A viewBox and no fixed size: the stylesheet sizes it in rem, so it grows with 【大中小】 and prints sharp.
    svg = code.svg_inline(scale=3, border=2, title=title, svgclass="gd-qr", dark="#000", light="#fff", omitsize=True)
    # The address it encodes, so that the 繁体 copy of the page can draw its own (generator/hant/pages.py).
    return svg.replace("<svg ", f'<svg data-gd-qr="{html.escape(url, quote=True)}" ', 1)


# An inline code made by qr_svg, with the address it encodes and its title.
INLINE_QR = re.compile(r'<svg data-gd-qr="(?P<url>[^"]*)"[^>]*><title>(?P<title>[^<]*)</title>.*?</svg>', re.S)
