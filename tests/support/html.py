"""Reading built HTML with the stdlib parser: ids, links and meta tags of a page."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url)
    meta: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrs_d = {k: v or "" for k, v in attrs}
        if "id" in attrs_d:
            self.info.ids.add(attrs_d["id"])
        if tag == "a" and "name" in attrs_d:
            self.info.ids.add(attrs_d["name"])
        for attr in ("href", "src"):
            if attr in attrs_d:
                self.info.links.append((tag, attr, attrs_d[attr]))
        if tag == "meta" and ("name" in attrs_d or "property" in attrs_d):
            self.info.meta[attrs_d.get("name") or attrs_d["property"]] = attrs_d.get("content", "")


def parse_page(path: Path) -> PageInfo:
    parser = _Parser()
    parser.feed(path.read_text("utf-8"))
    return parser.info


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment a relative URL on `page` points to; None for external or special URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    base = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page.relative_to(site).as_posix()
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def html_pages(site: Path) -> list[Path]:
    """Every content page. 404.html is left out: MkDocs writes it with absolute URLs from site_url on
    purpose, since a server may send it at any depth (see docs/deploying.md on SITE_URL). So are the 繁体
    copies under zh-Hant/, made from these pages and checked in tests/site/test_reader_build.py."""
    return sorted(p for p in site.rglob("*.html")
                  if not {"assets", "zh-Hant"} & set(p.relative_to(site).parts) and p.name != "404.html")
