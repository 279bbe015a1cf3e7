"""The places of a built page that name the site's public address, found by their markup and written
again for a configuration: canonical and alternate links, the SiteDomain meta tag, the share panel, QR
codes, addresses written as text, the 404 pages' absolute paths and the sitemap.

Each place says which page it names (`data-gd-address="products/05-equipment-iot/"`, relative to the
site), so it can be written again for any address, as often as the site is configured. With no address
configured, links are relative, the share panel and QR codes are left for the page's script to fill in
from the address the page is read at (assets/js/address.js), and there is no sitemap.

Shipped in the release (Python 3.8+, standard library and segno only).
"""

from __future__ import annotations

import html
import re

from generator.hosting import printable_url
from generator.release.qr import qr_placeholder, qr_svg

HANT = "zh-Hant/"
NOT_FOUND = "404.html"
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
_SITE_DOMAIN = re.compile(r'<meta name="SiteDomain" content="[^"]*">')
_ALTERNATE = re.compile(r'<link rel=" alternate" hreflang="(zh-Hans|zh-Hant)" href="[^"]*">')
_SHARE_INPUT = re.compile(r'<input class="gd-share__url"([^>]*?) value="[^"]*" data-gd-address="([^"]*)">')
_QR = re.compile(r'<svg data-gd-qr="[^"]*" data-gd-address="([^"]*)"[^>]*><title>([^<]*)</title>.*?</svg>', re.S)
_TEXT = re.compile(r'<(code|dd|span)([^>]*) data-gd-address="([^"]*)">[^<]*</\1>')
_QR_FILE = re.compile(r'<a (?:href="[^"]*" )?data-gd-qr-file="([^"]*)"')
_TOGGLE = re.compile(r"<(\w+)([^>]*?) data-gd-if-(address|no-address|official|unofficial)( hidden)?>")
# og:url and og:image (the card a chat app draws for a shared link) must be absolute: without an address
# they stay placeholders, which chat apps ignore.
_OPEN_GRAPH = re.compile(r'<meta (?:property="og:(url|image)" content="[^"]*"|data-gd-og="(url|image)") '
                         r'data-gd-address="([^"]*)">')
_PATH_STRING = re.compile(r'"(/[^"\s<>]*)"')


def page_path(relative_file: str) -> str:
    """The site path of a built HTML file: `products/x/index.html` → `products/x/`, `404.html` stays."""
    if relative_file == "index.html":
        return ""
    if relative_file.endswith("/index.html"):
        return relative_file[: -len("index.html")]
    return relative_file


def is_hant(path: str) -> bool:
    return path.startswith(HANT)


def is_not_found(path: str) -> bool:
    return path in (NOT_FOUND, HANT + NOT_FOUND)


def hans_path(path: str) -> str:
    return path[len(HANT):] if is_hant(path) else path


def in_script(target: str, page: str) -> str:
    """A page's target as named on `page`: the 繁体 copy's own pages on a 繁体 page."""
    return HANT + target if is_hant(page) and not is_hant(target) else target


def depth(path: str) -> int:
    return path.count("/")


def relative(page: str, target: str, base_path: str = "/") -> str:
    """A link from `page` to `target` (both site paths); the 404 pages, sent at any depth, use absolute paths."""
    if is_not_found(page):
        return base_path + target
    return "../" * depth(page) + target or "./"


def absolute(address: str, target: str) -> str:
    return address + target


def _attr(value: str) -> str:
    return html.escape(printable_url(value), quote=True)


def _site_domain(address: str) -> str:
    return f'<meta name="SiteDomain" content="{_attr(address)}">'


def rebase_not_found(text: str, old: str, new: str) -> str:
    """The absolute paths of a 404 page (links, scripts, its search and scope settings) under a new base path."""
    if old == new:
        return text

    def move(match: re.Match) -> str:
        value = match.group(1)
        if value.startswith("//") or not value.startswith(old):
            return match.group(0)
        return '"' + printable_url(new) + value[len(old):] + '"'

    return _PATH_STRING.sub(move, text)


def write_addresses(text: str, path: str, address: str, base_path: str = "/") -> str:
    """Every address-dependent place of the page at site path `path`, for `address` ('' if none)."""
    hans = hans_path(path)

    def link(target: str) -> str:
        return absolute(address, target) if address else relative(path, target, base_path)

    if not is_not_found(path):
        text = _CANONICAL.sub(lambda m: f'<link rel="canonical" href="{_attr(link(path) if address else "./")}">', text)
    text = _SITE_DOMAIN.sub(lambda m: _site_domain(address), text)
    alternates = {"zh-Hans": hans, "zh-Hant": HANT + hans}
    text = _ALTERNATE.sub(
        lambda m: f'<link rel=" alternate" hreflang="{m.group(1)}" href="{_attr(link(alternates[m.group(1)]))}">', text)

    def share(match: re.Match) -> str:
        target = in_script(match.group(2), path)
        value = _attr(absolute(address, target)) if address else ""
        return f'<input class="gd-share__url"{match.group(1)} value="{value}" data-gd-address="{_attr(target)}">'

    def qr(match: re.Match) -> str:
        target, title = in_script(html.unescape(match.group(1)), path), match.group(2)
        if not address:
            return qr_placeholder(target, html.unescape(title))
        return qr_svg(absolute(address, target), html.unescape(title), target)

    def text_address(match: re.Match) -> str:
        target = in_script(html.unescape(match.group(3)), path)
        shown = html.escape(absolute(address, target) if address else target, quote=False)
        return f'<{match.group(1)}{match.group(2)} data-gd-address="{_attr(target)}">{shown}</{match.group(1)}>'

    def qr_file(match: re.Match) -> str:
        href = f'href="{match.group(1)}" ' if address else ""
        return f'<a {href}data-gd-qr-file="{match.group(1)}"'

    def open_graph(match: re.Match) -> str:
        kind, target = match.group(1) or match.group(2), html.unescape(match.group(3))
        if not address:
            return f'<meta data-gd-og="{kind}" data-gd-address="{_attr(target)}">'
        named = in_script(target, path) if kind == "url" else target
        return f'<meta property="og:{kind}" content="{_attr(absolute(address, named))}" data-gd-address="{_attr(target)}">'

    text = _OPEN_GRAPH.sub(open_graph, text)
    text = _SHARE_INPUT.sub(share, text)
    text = _QR_FILE.sub(qr_file, text)
    text = _QR.sub(qr, text)
    return _TEXT.sub(text_address, text)


def toggle(text: str, address: bool, official: bool) -> str:
    """Show what is marked for the configuration (`data-gd-if-address`, `-no-address`, `-official`,
    `-unofficial`) and hide the rest."""
    shown = {"address": address, "no-address": not address, "official": official, "unofficial": not official}

    def one(match: re.Match) -> str:
        hidden = "" if shown[match.group(3)] else " hidden"
        return f"<{match.group(1)}{match.group(2)} data-gd-if-{match.group(3)}{hidden}>"

    return _TOGGLE.sub(one, text)


def sitemap(address: str, pages: list[str], lastmod: str | None) -> str:
    """sitemap.xml of the 简体 pages (each names its 繁体 copy itself, by hreflang)."""
    entries = []
    for page in pages:
        date = f"\n         <lastmod>{lastmod}</lastmod>" if lastmod else ""
        entries.append(f"    <url>\n         <loc>{html.escape(printable_url(address + page))}</loc>{date}\n    </url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def sitemap_pages(paths: list[str]) -> list[str]:
    """The pages a sitemap lists: 简体 pages, not the print sheets, the self-check, the embed views or the 404 pages."""
    return sorted(p for p in paths if not is_hant(p) and not is_not_found(p) and not p.endswith("/sheet/")
                  and not p.startswith(("self-check/", "embed/")))
