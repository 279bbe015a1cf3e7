"""What a server must send for this site: the one place the server configurations (`servers`), the
preview server (`generator.hosting.serve`) and the 部署自检 page (`self_check`) read their facts from.

The cache policy is `cache_rules()`: until `generator/hosting/cache_policy.py` (issue 19) is on main,
this function plays its role with the same meaning (a Cache-Control per kind of file, as data).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.hosting import SECURITY_HEADERS

# The Content-Type of each extension the site ships. Debian's stock nginx lacks none of these, but
# IIS and old Apache lack .wasm and .json, and some send .js as application/x-javascript.
MIME_TYPES: dict[str, str] = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "wasm": "application/wasm",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "csv": "text/csv",
    "txt": "text/plain",
    "xml": "application/xml",
    "map": "application/json",
    "zip": "application/zip",
    "whl": "application/zip",
    "woff2": "font/woff2",
}
# Types sent with `; charset=utf-8` (every text file of the site is UTF-8).
CHARSET_TYPES = ("text/html", "text/css", "text/javascript", "application/json", "text/csv", "text/plain",
                 "image/svg+xml", "application/xml")
# What the self-check accepts for a script: the HTML standard's JavaScript MIME types.
SCRIPT_TYPES = ("text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript",
                "text/ecmascript")

# Only where the site is served over HTTPS (a browser ignores it over plain HTTP).
HSTS = ("Strict-Transport-Security", "max-age=31536000")
# Sent instead of frame-ancestors' job for browsers too old for it, only when no portal may frame the site.
FRAME_OPTIONS = ("X-Frame-Options", "SAMEORIGIN")

# Files with a precompressed copy beside them (`name.gz`, `name.br`), written by the build.
PRECOMPRESSED = (".gz", ".br")
# The 404 pages: the 繁体 copy's for addresses under zh-Hant/.
NOT_FOUND_PAGES = (("", "404.html"), ("zh-Hant/", "zh-Hant/404.html"))
# Files that configure the server itself, never to be sent to a browser.
PRIVATE_FILES = (".htaccess", "web.config")


class CacheRule(NamedTuple):
    kind: str
    label: str
    pattern: str | None  # a regular expression over the site-relative path; None: everything else
    cache_control: str


# A year for files whose names change with their content; revalidation (a 304 when unchanged) for
# everything else, so a corrected build reaches every visitor on the next visit.
LONG = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_rules() -> list[CacheRule]:
    """The recommended Cache-Control per kind of file, first match wins (issue 19's cache_policy role)."""
    return [
        CacheRule("theme", "主题样式与脚本（文件名含内容指纹）",
                  r"assets/(?:stylesheets|javascripts)/(?:[^/]+/)*[^/]+\.[0-9a-f]{8}\.min\.(?:css|js)", LONG),
        CacheRule("other", "网页、数据、服务工作线程及其他文件", None, REVALIDATE),
    ]


def cache_control(path: str) -> str:
    """Cache-Control for a site-relative path (`products/`, `assets/js/site.js`)."""
    for rule in cache_rules():
        if rule.pattern is None or re.fullmatch(rule.pattern, path):
            return rule.cache_control
    return REVALIDATE


def content_type(path: str) -> str:
    """The Content-Type for a site-relative path; directory URLs are pages."""
    extension = "html" if path == "" or path.endswith("/") else path.rsplit(".", 1)[-1].lower()
    mime = MIME_TYPES.get(extension, "application/octet-stream")
    return f"{mime}; charset=utf-8" if mime in CHARSET_TYPES else mime


def response_headers(csp: str, https: bool, framed: bool) -> list[tuple]:
    """The headers every response of the site carries (CSP and security headers), in order."""
    headers = [("Content-Security-Policy", csp), *SECURITY_HEADERS.items()]
    if not framed:
        headers.append(FRAME_OPTIONS)
    if https:
        headers.append(HSTS)
    return headers
