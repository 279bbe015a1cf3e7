"""QR codes of page addresses (segno, no network, deterministic): inline SVG for pages, and the supplier
kit's files (SVG, and PNG at print resolution). The build writes placeholders (`qr_placeholder`);
`configure` draws the codes for the configured address.

Shipped in the release (Python 3.8+, standard library and the vendored segno).
"""

from __future__ import annotations

import html
import io
import re

import segno

# 24 px modules at 600 dpi: a version-3 code with its quiet zone is about 1000 px, 4 cm wide at full
# resolution, and stays sharp when a supplier scales it up for a poster.
PNG_SCALE, PNG_DPI, BORDER = 24, 600, 4


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


def qr_svg_file(url: str, title: str) -> bytes:
    """A standalone SVG file of the QR code of `url` (scalable, black on white, with a quiet zone)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=10, border=BORDER, dark="#000",
                                                   light="#fff", title=title, encoding="utf-8")
    return out.getvalue()


def qr_png_file(url: str) -> bytes:
    """A PNG of the QR code of `url` for print, tagged with its resolution."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=PNG_SCALE, border=BORDER, dpi=PNG_DPI,
                                                   dark="#000", light="#fff")
    return out.getvalue()


# The image a chat app shows with a shared link (og:image): the QR code of the site's home page, drawn
# for the configured address, served by the site itself, at least 600 px wide for WeChat's share card.
SHARE_IMAGE = "assets/images/share.png"


def share_image(url: str) -> bytes:
    """A square PNG of the QR code of `url`, at least 600 px wide."""
    code = segno.make(url, error="m", micro=False)
    scale = -(-600 // code.symbol_size(scale=1, border=BORDER)[0])
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=BORDER, dark="#000", light="#fff")
    return out.getvalue()
