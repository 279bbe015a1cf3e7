"""The supplier kit of a product page: the names of its QR files (drawn by generator/release once the
site's address is configured)."""

from __future__ import annotations

import re

# The names qr_file_names gives: a 繁体 product page keeps its own files (their codes name its address).
QR_FILE = re.compile(r"^qr-[a-z0-9-]+\.(?:svg|png)$")


def qr_file_names(product_page: str) -> tuple[str, str]:
    """Site-relative paths of a product page's QR files, e.g. `products/05-equipment-iot/qr-05-equipment-iot.svg`."""
    slug = product_page.rstrip("/").rsplit("/", 1)[-1]
    return f"{product_page}qr-{slug}.svg", f"{product_page}qr-{slug}.png"
