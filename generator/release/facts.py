"""What a server must send for this site: the one place the server configurations (`servers`), the
preview server (`generator.hosting.serve`) and the 部署自检 page (`self_check`) read their facts from.

The cache policy is `generator/hosting/cache_policy.py`'s (issue 19); `cache_rules()` gives it in the form
the server configurations write: a regular expression over the whole site-relative path.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.hosting import SECURITY_HEADERS
from generator.hosting import cache_rules as policy_rules

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
    # The runtime's brotli forms (generator/runtime/brotli_forms.py), decoded by the worker itself: sent as
    # plain bytes, never labelled with an encoding. IIS refuses an extension it has no type for.
    "brotli": "application/octet-stream",
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


def cache_rules() -> list[CacheRule]:
    """The recommended Cache-Control per kind of file, first match wins, the last one matching everything
    (pattern None). A rule on the last path segment (`^…$`) becomes one on the whole path; a rule no server
    form can say more simply (pages) is left to the last one when it asks the same."""
    rules = policy_rules()
    rest = rules[-1]
    converted = []
    for rule in rules[:-1]:
        pattern = str(rule["pattern"])
        if pattern.startswith("^") and pattern.endswith("$"):
            converted.append(CacheRule(str(rule["kind"]), str(rule["why"]), "(?:.*/)?" + pattern[1:-1],
                                       str(rule["cache_control"])))
        elif rule["cache_control"] != rest["cache_control"]:
            raise ValueError(f"cache rule {rule['kind']} has no whole-path form")
    return [*converted, CacheRule(str(rest["kind"]), str(rest["why"]), None, str(rest["cache_control"]))]


def cache_control(path: str) -> str:
    """Cache-Control for a site-relative path (`products/`, `assets/js/site.js`)."""
    for rule in cache_rules():
        if rule.pattern is None or re.fullmatch(rule.pattern, path):
            return rule.cache_control
    return cache_rules()[-1].cache_control


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
