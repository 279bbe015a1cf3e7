"""The recommended `Cache-Control` for each kind of file the site ships: the one place that says it.

The site is correct on a host that sends no `Cache-Control` at all (every page checks `build.json` at
load, docs/updates.md), but these headers make a correction reach every visitor at once, and let
returning visitors reuse what cannot have changed:

- files named by their content (`app.3f9a2c1b7d01.js`, Material's `bundle.a5f9d56c.min.js`, the
  runtime's snapshot…) never change under their name: cached for a year, `immutable`;
- `build.json`, which pages fetch to learn whether a newer build exists: never stored;
- pages, `sw.js` and every other file keeping its name from build to build (`catalog.json`,
  `catalog.csv`, `sitemap.xml`…): always revalidated (`no-cache`: stored, but asked about each time).

`cache_rules()` returns this as plain data, for whoever renders it into a server's configuration
(nginx, Apache, IIS: the release package, generator/release/); `nginx_map()` renders the nginx form,
which `make serve`'s server, the nginx tests and docs/updates.md use. Rules are tried in order and the
first that matches wins; `pattern` is a regular expression on the last segment of the URL path (for
Apache's `<FilesMatch>`), `path_pattern` one on the whole URL path (nginx's `$uri`, IIS URL Rewrite),
both PCRE; `names` and `suffixes` say the same for servers that match plainer forms.
"""

from __future__ import annotations

import re

# A file name carrying its content hash: ours are name.<12 hex>.ext; Material's name.<8 hex>.min.js.
HASHED_NAME = r"\.[0-9a-f]{8,}\.(?:min\.)?[A-Za-z0-9]+$"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
NEVER_STORE = "no-store"


def cache_rules() -> list[dict[str, object]]:
    """The recommended Cache-Control per kind of file, first match wins (see the module's docstring)."""
    return [
        {"kind": "build-manifest", "names": ["build.json"], "suffixes": [], "pattern": r"^build\.json$",
         "path_pattern": r"(^|/)build\.json$",
         "cache_control": NEVER_STORE,
         "why": "每个页面打开时读取它，以判断网站是否已更新：不得缓存"},
        {"kind": "service-worker", "names": ["sw.js"], "suffixes": [], "pattern": r"^sw\.js$",
         "path_pattern": r"(^|/)sw\.js$",
         "cache_control": REVALIDATE,
         "why": "离线缓存脚本：每次都须向服务器确认是否为最新"},
        {"kind": "content-addressed", "names": [], "suffixes": [], "pattern": r"^[^/]*" + HASHED_NAME,
         "path_pattern": r"(^|/)[^/]*" + HASHED_NAME,
         "cache_control": IMMUTABLE,
         "why": "文件名含内容哈希，内容变了名字就变：可长期缓存"},
        {"kind": "page", "names": [], "suffixes": [".html", "/"], "pattern": r"(^$|\.html$)",
         "path_pattern": r"(/|\.html)$",
         "cache_control": REVALIDATE,
         "why": "页面：每次都须向服务器确认是否为最新"},
        {"kind": "other", "names": [], "suffixes": [], "pattern": r".*",
         "path_pattern": r".*",
         "cache_control": REVALIDATE,
         "why": "其余文件（catalog.json、catalog.csv 等）名称不随内容变化：每次都须确认"},
    ]


def cache_control(path: str) -> str:
    """The Cache-Control the rules give a site path such as `assets/calculator/app.3f9a2c1b7d01.js`."""
    name = path.rsplit("/", 1)[-1]
    for rule in cache_rules():
        if re.search(str(rule["pattern"]), name):
            return str(rule["cache_control"])
    raise AssertionError("the last rule matches every name")


def nginx_map(variable: str = "$gd_cache_control") -> str:
    """The rules as an nginx `map` (http level) setting `variable` from `$uri`; a location then sends it
    with `add_header Cache-Control <variable> always;` (docs/updates.md). nginx tries a map's regular
    expressions in order, as the rules are meant."""
    rules = cache_rules()
    lines = [f"map $uri {variable} {{", f'  default "{rules[-1]["cache_control"]}";']
    lines += [f'  "~{rule["path_pattern"]}" "{rule["cache_control"]}";' for rule in rules[:-1]]
    return "\n".join([*lines, "}"]) + "\n"
