"""The supplier kit of a product page: its QR code as files to download (SVG, and PNG at print
resolution), made at build time with segno. The codes carry the page's public address (`SITE_URL`)."""

from __future__ import annotations

import io
import re

import segno

# 24 px modules at 600 dpi: a version-3 code with its quiet zone is about 1000 px, 4 cm wide at full
# resolution, and stays sharp when a supplier scales it up for a poster.
PNG_SCALE, PNG_DPI, BORDER = 24, 600, 4


# The names qr_file_names gives: a 繁体 product page keeps its own files (their codes name its address).
QR_FILE = re.compile(r"^qr-[a-z0-9-]+\.(?:svg|png)$")


def qr_file_names(product_page: str) -> tuple[str, str]:
    """Site-relative paths of a product page's QR files, e.g. `products/05-equipment-iot/qr-05-equipment-iot.svg`."""
    slug = product_page.rstrip("/").rsplit("/", 1)[-1]
    return f"{product_page}qr-{slug}.svg", f"{product_page}qr-{slug}.png"


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
