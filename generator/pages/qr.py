"""QR codes of page URLs, as inline SVG made at build time (segno, no network, deterministic)."""

from __future__ import annotations

import html
import io
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


# The image a chat app shows with a shared link (og:image): the QR code of the site's home page, made at
# build time, served by the site itself, large enough (at least 600 px) for WeChat's share card.
SHARE_IMAGE = "assets/images/share.png"


def share_image(site_url: str) -> bytes:
    """A square PNG of the QR code of the site's address, at least 600 px wide."""
    code = segno.make(site_url, error="m", micro=False)
    border = 4
    scale = -(-600 // (code.symbol_size(scale=1, border=border)[0]))
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=border, dark="#000", light="#fff")
    return out.getvalue()
