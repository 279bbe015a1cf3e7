"""The 繁体 copy of the site, made at build time from the built 简体 pages with OpenCC.

Every page `P` of the site gets a copy at `zh-Hant/P`, its search index included. The profile is
**s2hk**: word-level 简→繁 conversion (OpenCC's phrase tables choose 發/髮, 後/后, 乾/幹/干 by the word)
with Hong Kong character forms, and *no* change of vocabulary. s2twp would also swap mainland words for
Taiwanese ones (信息化厅→資訊化廳, 设备→裝置, 软件→軟體, 数据→資料), which would rename the issuing
department and the notice's own terms; our 繁体 readers are mostly in Hong Kong and Macao, next door.

Identifiers are kept exactly as issued: every 文号 (粤工信办函〔2020〕37号 and those the notice cites) and the
official names given in `PROTECTED_NAMES`, so that a reader can copy them into any official system. Only
text is converted: inline scripts stay byte-identical (their CSP hashes hold) and links to assets and
data files are pointed back at the one shared copy; links between pages stay inside `zh-Hant/`.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2.utils import htmlsafe_json_dumps

from generator.pages import (
    HANT,
    HANT_DIR,
    QR_FILE,
    SHARE_END,
    SHARE_START,
    SWITCH_END,
    SWITCH_START,
    not_found_memory,
    not_found_switch,
    script_memory,
    script_switch,
    share_panel,
)

PROFILE = "s2hk"
# A 文号: the issuing organ's abbreviation (粤… for Guangdong, 国… for the State Council, 工信… and so on),
# 〔year〕, number, 号. The abbreviation must start with one of these, or the words before it
# (本站收录粤工信办函…) would be kept in 简体 too.
DOCUMENT_NUMBER = r"(?:粤|国|工信|财|发改|商|科)[\u4e00-\u9fff]{0,12}〔\d{4}〕\d+号"
_SKIPPED_BLOCK = re.compile(r"(<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>)", re.S | re.I)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# Values a script sends on or compares, not words to read: the calculator's city is sent to the engine as
# the catalogue names it (广州市, never 廣州市), and the catalogue's filters and sorting read data-value.
_DATA_ATTR = re.compile(r'(\s(?:value|data-value)="[^"]*")')
_URL_ATTR = re.compile(r'(\s(?:href|src|data-catalog)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_HEAD_SCRIPT = re.compile(r'data-script="hans" data-other="[^"]*"')


@cache
def _opencc(profile: str = PROFILE):
    import opencc

    return opencc.OpenCC(profile)


class Converter:
    """简→繁 text conversion that leaves the protected identifiers as they are."""

    def __init__(self, protected_names: Iterable[str] = ()) -> None:
        names = sorted({n for n in protected_names if n}, key=len, reverse=True)
        self.protected = re.compile("|".join([DOCUMENT_NUMBER, *map(re.escape, names)]))
        self.opencc = _opencc()

    def text(self, text: str) -> str:
        out, last = [], 0
        for match in self.protected.finditer(text):
            out.append(self.opencc.convert(text[last:match.start()]))
            out.append(match.group(0))
            last = match.end()
        out.append(self.opencc.convert(text[last:]))
        return "".join(out)

    def html(self, html: str) -> str:
        """Convert the text and attributes of a page; scripts, styles and data values are left alone."""
        parts = _SKIPPED_BLOCK.split(html)
        return "".join(part if i % 2 else self._markup(part) for i, part in enumerate(parts))

    def _markup(self, html: str) -> str:
        parts = _DATA_ATTR.split(html)
        return "".join(part if i % 2 else self.text(part) for i, part in enumerate(parts))


def _is_page_link(path: str, target: str) -> bool:
    if target.split("/")[0] in ("assets", "search"):
        return False
    return path == "" or path.endswith("/") or path in (".", "..") or path.endswith(".html")


def rewrite_link(ref: str, here: str) -> str:
    """A relative link of the 简体 page at `here`, as written in its 繁体 copy one directory deeper."""
    if not ref or ref.startswith(("#", "/", "?")) or _SCHEME.match(ref):
        return ref
    path = re.split(r"[?#]", ref, maxsplit=1)[0]
    target = posixpath.normpath(posixpath.join(here or ".", path))
    if _is_page_link(path, target) or QR_FILE.match(path):
        return ref  # a product's QR files: the 繁体 copy has its own, whose codes name the 繁体 page
    # Assets and data files exist once, outside zh-Hant/: link to that copy.
    return posixpath.relpath(target, HANT_DIR + (here or ".")) + ref[len(path):]


# A link to another round's site (site_src/overrides/partials/rounds.html): from a 繁体 page, to that
# round's 繁体 copy.
_ROUND_LINK = re.compile(r'(<a data-gd-round-link href=")([^"]*)(")')


def round_link(ref: str, here: str) -> str:
    """A link of the 简体 page at `here` to another round's root, as written in its 繁体 copy: to the 繁体
    copy of that round."""
    target = posixpath.normpath(posixpath.join(here or ".", ref))
    return posixpath.relpath(posixpath.join(target, HANT_DIR), HANT_DIR + (here or ".")) + "/"


def _rewrite_config(match: re.Match, here: str, convert: Converter) -> str:
    config = json.loads(match.group(2))
    if config.get("search"):
        config["search"] = rewrite_link(config["search"], here)
    config["translations"] = {key: convert.text(value) for key, value in (config.get("translations") or {}).items()}
    return match.group(1) + str(htmlsafe_json_dumps(config)) + match.group(3)


def _replace_block(html: str, start: str, end: str, new: str) -> str:
    before, found, rest = html.partition(start)
    if not found:
        return html
    _, _, after = rest.partition(end)
    return before + new + after


SITE_SEARCH_INDEX = "assets/search/index.json"


def traditional_page(html: str, url: str, title: str, convert: Converter) -> str:
    """The 繁体 copy of the built 简体 page whose site-relative URL is `url`."""
    html = _replace_block(html, SHARE_START, SHARE_END, str(share_panel(url, HANT, title)))
    html = _replace_block(html, SWITCH_START, SWITCH_END, "<!--gd-switch-here-->")
    html = convert.html(html)
    html = _CONFIG.sub(lambda m: _rewrite_config(m, url, convert), html)
    html = _ROUND_LINK.sub(lambda m: m.group(1) + round_link(m.group(2), url) + m.group(3), html)
    html = _URL_ATTR.sub(lambda m: m.group(1) + rewrite_link(m.group(2), url) + m.group(3), html)
    html = html.replace("<!--gd-switch-here-->", str(script_switch(url, HANT)))
    html = _HEAD_SCRIPT.sub(str(script_memory(url, HANT)), html)
    html = re.sub(r'<html lang="[^"]*"', '<html lang="zh-Hant"', html, count=1)
    return html


NOT_FOUND = "404.html"


def rewrite_absolute_link(ref: str, base_path: str) -> str:
    """An absolute-path link of the 简体 404 page (`/<base>/products/`) as written in its 繁体 copy."""
    if not ref.startswith(base_path) or ref.startswith("//"):
        return ref
    rest = ref[len(base_path):]
    path = re.split(r"[?#]", rest, maxsplit=1)[0]
    target = posixpath.normpath(path or ".")
    if target == NOT_FOUND or not _is_page_link(path, target):
        return ref
    return base_path + HANT_DIR + ("" if target == "." else rest)


def traditional_not_found(html: str, site_url: str, convert: Converter) -> str:
    """The 繁体 copy of 404.html, for zh-Hant/404.html. A server sends a 404 page at any depth, so its links
    are absolute paths (MkDocs writes them from SITE_URL): pages go to their 繁体 copies, assets stay."""
    base_path = urlsplit(site_url).path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    hans, hant = base_path + NOT_FOUND, base_path + HANT_DIR + NOT_FOUND
    html = _replace_block(html, SWITCH_START, SWITCH_END, "<!--gd-switch-here-->")
    html = convert.html(html)
    html = _CONFIG.sub(lambda m: _rewrite_config(m, "", convert), html)
    html = _URL_ATTR.sub(lambda m: m.group(1) + rewrite_absolute_link(m.group(2), base_path) + m.group(3), html)
    html = html.replace("<!--gd-switch-here-->", str(not_found_switch(hans, hant, HANT)))
    html = _HEAD_SCRIPT.sub(str(not_found_memory(hans, HANT)), html)
    return re.sub(r'<html lang="[^"]*"', '<html lang="zh-Hant"', html, count=1)


def _page_url(relative_path: str) -> str | None:
    """The directory-style URL of a built page, or None for files that are not pages (404.html)."""
    if relative_path == "index.html":
        return ""
    if relative_path.endswith("/index.html"):
        return relative_path[: -len("index.html")]
    return None


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1).split(" - ")[0].strip() if match else ""


def build_traditional(site: Path, site_url: str, protected_names: Iterable[str] = (),
                      on_file: Callable[[Path], None] | None = None) -> list[Path]:
    """Write `site/zh-Hant/`: a 繁体 copy of every page and of the search index. Returns the files written."""
    convert = Converter(protected_names)
    out_root = site / HANT_DIR
    written = []
    pages = sorted(p for p in site.rglob("index.html") if HANT_DIR.rstrip("/") not in p.relative_to(site).parts)
    for page in pages:
        rel = page.relative_to(site).as_posix()
        url = _page_url(rel)
        if url is None or rel.startswith("assets/"):
            continue
        html = page.read_text("utf-8")
        target = out_root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(traditional_page(html, url, _title(html), convert), "utf-8")
        written.append(target)
    not_found = site / NOT_FOUND
    if not_found.exists():
        target = out_root / NOT_FOUND
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(traditional_not_found(not_found.read_text("utf-8"), site_url, convert), "utf-8")
        written.append(target)
    # The site's own search index: one JSON file of words, titles and texts, converted as a whole (its
    # keys and URLs are ASCII); search.js loads the zh-Hant one on 繁体 pages.
    own = site / SITE_SEARCH_INDEX
    if own.exists():
        target = own.with_name("index.zh-Hant.json")
        target.write_text(convert.text(own.read_text("utf-8")), "utf-8")
        written.append(target)
    index = site / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text("utf-8"))
        for doc in data.get("docs", []):
            for key in ("title", "text"):
                if isinstance(doc.get(key), str):
                    doc[key] = convert.text(doc[key])
        target = out_root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        written.append(target)
    return written
