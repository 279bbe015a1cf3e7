"""Apply a configuration to a built site: the one step between a build and a published site.

The build runs it at its end with the configuration of the source tree (SITE_URL, extra.host), and a
release's `configure.py` runs it with `site-config.ini`; so a configured release and a build from source
are the same, file for file. It can run again and again on the same site: every place it writes is found
by its markup (`address`, `footer`), and what it needs of the previous run is in `site-config.json`.

It writes: the address-dependent places of every page and the 404 pages' paths; the footer; the
product pages' QR files; sitemap.xml; csp.txt (the policy, with the scripts' hashes and the framing
origins); `.htaccess` and `web.config`; `site-config.json`; and the `.gz` copy of whatever it changed.

Shipped in the release (Python 3.8+, standard library and segno only).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any, NamedTuple

from generator.hosting import MAX_RATIO, compressible, gzip_bytes, site_policy
from generator.release import address as places
from generator.release import footer, servers
from generator.release.config import ConfigError, SiteConfig, to_state
from generator.release.programme import read_programme
from generator.release.qr import SHARE_IMAGE, qr_png_file, qr_svg_file, share_image

STATE = "site-config.json"
MARK_TYPES = {b"\x89PNG\r\n\x1a\n": ".png", b"GIF87a": ".gif", b"GIF89a": ".gif", b"\xff\xd8\xff": ".jpg"}
MARK_MAX_BYTES = 200_000
_QR_LINK = re.compile(r'data-gd-qr-file="([^"]*)" data-gd-qr-name="([^"]*)"')


class Result(NamedTuple):
    changed: list[str]  # site-relative paths written or removed
    csp: str
    server_files: dict[str, str]  # name → text: .htaccess, web.config and nginx.conf


def read_state(site: Path) -> dict[str, Any]:
    path = site / STATE
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets")


def _mark(site: Path, config: SiteConfig) -> str:
    """Copy the 党政机关网站标识 image into the site (or remove the old one); its site path, or ''."""
    for old in site.glob(footer.GOV_MARK + ".*"):
        old.unlink()
    source = config.gov_mark_file()
    if source is None:
        return ""
    if not source.is_file():
        raise ConfigError(f"找不到党政机关网站标识图片：{source}")
    data = source.read_bytes()
    kind = next((suffix for magic, suffix in MARK_TYPES.items() if data.startswith(magic)), None)
    if kind is None or len(data) > MARK_MAX_BYTES:
        raise ConfigError(f"党政机关网站标识图片应为 PNG、GIF 或 JPG 文件，且小于 200 KB：{source}")
    target = site / (footer.GOV_MARK + kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return footer.GOV_MARK + kind


def _roots(path: str, base_path: str) -> tuple:
    """(script root, asset root) of the page at `path`: how its links reach its script's home and the site."""
    hant = places.HANT if places.is_hant(path) else ""
    if places.is_not_found(path):
        return base_path + hant, base_path
    within = places.depth(path) - (1 if hant else 0)
    return "../" * within, "../" * places.depth(path)


def _qr_files(site: Path, page: Path, text: str, path: str, config: SiteConfig) -> dict[Path, bytes | None]:
    """The QR files a product page offers: drawn for the configured address, or None (removed) without one."""
    files: dict[Path, bytes | None] = {}
    target = places.absolute(config.address, path)
    for name, title in _QR_LINK.findall(text):
        file = page.parent / name
        if not config.address:
            files[file] = None
        elif name.endswith(".svg"):
            files[file] = qr_svg_file(target, f"{html.unescape(title)}：{target}")
        else:
            files[file] = qr_png_file(target)
    return files


def _write(site: Path, file: Path, data: bytes | None, changed: list[str]) -> None:
    """Write (or with None remove) a file and keep its .gz copy in step, as the build's precompress does."""
    relative = file.relative_to(site).as_posix()
    if data is None:
        for stale in (file, file.with_name(file.name + ".gz"), file.with_name(file.name + ".br")):
            if stale.exists():
                stale.unlink()
                changed.append(stale.relative_to(site).as_posix())
        return
    if file.is_file() and file.read_bytes() == data:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    changed.append(relative)
    copy = file.with_name(file.name + ".gz")
    packed = gzip_bytes(data) if compressible(file) else None
    if packed is not None and len(packed) <= len(data) * MAX_RATIO:
        copy.write_bytes(packed)
    elif copy.exists():
        copy.unlink()


def configure_site(site: Path, config: SiteConfig, lastmod: str | None = None, built: bool = False) -> Result:
    """Make the built site in `site` what `config` says; return what changed and the server files.
    `built`: the site comes straight from the build (no earlier configuration to read)."""
    if not (site / "index.html").is_file():
        raise ConfigError(f"{site} 中没有网站文件（index.html）")
    state = {} if built else read_state(site)
    old_base = state.get("base_path", "/")
    notices = state.get("notices") or {script: footer.read_notice((site / home).read_text("utf-8"))
                                       for script, home in (("hans", "index.html"), ("hant", "zh-Hant/index.html"))
                                       if (site / home).is_file()}
    lastmod = lastmod or state.get("lastmod")
    changed: list[str] = []
    mark = _mark(site, config)
    paths = []
    for page in _pages(site):
        path = places.page_path(page.relative_to(site).as_posix())
        paths.append(path)
        text = page.read_text("utf-8")
        new = text
        if places.is_not_found(path):
            new = places.rebase_not_found(new, old_base, config.base_path)
        new = places.write_addresses(new, path, config.address, config.base_path)
        new = places.toggle(new, bool(config.address), config.host["official"])
        script = "hant" if places.is_hant(path) else "hans"
        script_root, asset_root = _roots(path, config.base_path)
        new = footer.write_footer(new, config.host, script, notices.get(script, ""), script_root, asset_root, mark)
        _write(site, page, new.encode("utf-8"), changed)
        for file, data in _qr_files(site, page, new, path, config).items():
            _write(site, file, data, changed)
    _write(site, site / SHARE_IMAGE, share_image(config.address) if config.address else None, changed)
    sitemap = site / "sitemap.xml"
    if config.address:
        text = places.sitemap(config.address, places.sitemap_pages(paths), lastmod)
        _write(site, sitemap, text.encode("utf-8"), changed)
    else:
        _write(site, sitemap, None, changed)
    csp = site_policy(site, config.frame_origins)
    _write(site, site / "csp.txt", (csp + "\n").encode("utf-8"), changed)
    server = servers.Server(config.base_path, csp, config.https, bool(config.frame_origins),
                            sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()),
                            read_programme(site).title)
    files = {".htaccess": servers.apache(server), "web.config": servers.iis(server), "nginx.conf": servers.nginx(server)}
    for name in (".htaccess", "web.config"):
        _write(site, site / name, files[name].encode("utf-8"), changed)
    record = {**to_state(config), "csp": csp, "lastmod": lastmod, "notices": notices}
    _write(site, site / STATE, (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"),
           changed)
    return Result(changed, csp, files)


def copy_site(source: Path, target: Path) -> None:
    """A copy of a built site to configure (tests and `make dist` keep the build itself untouched)."""
    shutil.copytree(source, target, symlinks=False)
