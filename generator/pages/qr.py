"""QR codes of page URLs, as inline SVG made at build time (segno, no network, deterministic).

Shipped in the release (generator/release/configure.py draws the codes again for the configured address).
"""

from __future__ import annotations

import html
import re

import segno


def qr_svg(url: str, title: str, path: str = "") -> str:
    """An accessible inline SVG QR code for `url`; `path` is the page it names, relative to the site."""
    code = segno.make(url, error="m", micro=False)
    # A viewBox and no fixed size: the stylesheet sizes it in rem, so it grows with 【大中小】 and prints sharp.
    svg = code.svg_inline(scale=3, border=2, title=title, svgclass="gd-qr", dark="#000", light="#fff", omitsize=True)
    # The address it encodes and the page it names, so that it can be drawn again for another address
    # (generator/release/address.py) or for the 繁体 copy of the page (generator/hant/pages.py).
    return svg.replace("<svg ", f'<svg data-gd-qr="{html.escape(url, quote=True)}" '
                                f'data-gd-address="{html.escape(path, quote=True)}" ', 1)


def qr_placeholder(path: str, title: str) -> str:
    """A code not drawn yet: the site has no configured address, so assets/js/address.js draws it from the
    address the page is read at, and configuring an address draws it with qr_svg."""
    return (f'<svg data-gd-qr="" data-gd-address="{html.escape(path, quote=True)}" viewBox="0 0 1 1" class="gd-qr">'
            f"<title>{html.escape(title, quote=False)}</title></svg>")


# An inline code made by qr_svg, with the address it encodes and its title.
INLINE_QR = re.compile(r'<svg data-gd-qr="(?P<url>[^"]*)"[^>]*><title>(?P<title>[^<]*)</title>.*?</svg>', re.S)
