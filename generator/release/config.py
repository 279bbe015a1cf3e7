"""The configuration of a published site: its public address, who hosts it, and which portals may frame it.

A release is configured through one plain file, `site-config.ini` (`read_ini`), edited in any text
editor; a build from source takes the same facts from SITE_URL and `extra.host`/`extra.frame_origins` of
mkdocs.yml (`from_build`). Both give a `SiteConfig`, which `configure.configure_site` applies.

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from generator.hosting import HOST_FIELDS, HostError, SiteUrlError, check_site_url, host_identity

INI_NAME = "site-config.ini"
_TRUE = {"true", "yes", "1", "是", "对"}
_FALSE = {"false", "no", "0", "否", "", "不是"}
_ORIGIN = re.compile(r"^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::([0-9]{1,5}))?/?$")


class ConfigError(ValueError):
    """A bad entry of the configuration, said in Chinese with where it is."""


class SiteConfig(NamedTuple):
    address: str  # the public address, ending in "/"; "" until one is configured
    host: dict[str, Any]  # checked by generator.hosting.identity
    frame_origins: list[str]  # origins allowed to frame the site (CSP frame-ancestors)
    base_dir: Path | None = None  # where relative paths of the configuration (the mark image) start

    @property
    def base_path(self) -> str:
        """The path the site is served under ("/" until an address is configured)."""
        return urlsplit(self.address).path if self.address else "/"

    @property
    def https(self) -> bool:
        return self.address.startswith("https://")

    def gov_mark_file(self) -> Path | None:
        image = self.host.get("gov_mark_image") or ""
        if not image:
            return None
        path = Path(image)
        return path if path.is_absolute() or self.base_dir is None else self.base_dir / path


def unconfigured() -> SiteConfig:
    return SiteConfig("", host_identity(None), [])


def check_origin(value: str) -> str:
    """`https://portal.example.gov.cn[:port]`, lower-cased, without a trailing slash."""
    match = _ORIGIN.match(value.strip())
    if not match:
        raise ConfigError(f"允许嵌入的来源 {value!r} 应写成 https://门户域名（可带端口，不带路径），如 https://www.gd.gov.cn")
    scheme, host, port = match.groups()
    return f"{scheme}://{host.lower()}" + (f":{port}" if port else "")


def check_origins(values: list[str]) -> list[str]:
    origins: list[str] = []
    for value in values:
        origin = check_origin(value)
        if origin not in origins:
            origins.append(origin)
    return origins


def check_address(value: str, name: str = "SITE_URL") -> str:
    if not value:
        return ""
    try:
        return check_site_url(value)
    except SiteUrlError as err:
        raise ConfigError(str(err).replace("SITE_URL", name, 1)) from None


def from_build(site_url: str, extra: dict[str, Any], base_dir: Path) -> SiteConfig:
    """The configuration of a build from source: SITE_URL, extra.host and extra.frame_origins."""
    origins = extra.get("frame_origins") or []
    if isinstance(origins, str):
        origins = origins.split()
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise ConfigError("mkdocs.yml：extra.frame_origins 应为网址列表，如 [https://www.gd.gov.cn]")
    return SiteConfig(check_address(site_url), host_identity(extra.get("host")), check_origins(origins), base_dir)


def _decode(data: bytes) -> str:
    # Notepad on a Chinese Windows may save in GB18030 ("ANSI"); every other editor writes UTF-8.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_ini(path: Path) -> SiteConfig:
    """Read and check `site-config.ini`; ConfigError names the section and key that is wrong."""
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    try:
        parser.read_string(_decode(path.read_bytes()), source=str(path))
    except (configparser.Error, UnicodeDecodeError) as err:
        raise ConfigError(f"{path.name} 格式有误：{err}") from None
    known = {"site": ("address", "frame_origins"), "host": HOST_FIELDS}
    for section in parser.sections():
        if section not in known:
            raise ConfigError(f"{path.name}：未知的节 [{section}]；可用的节为 [site] 和 [host]")
        for key in parser[section]:
            if key not in known[section]:
                raise ConfigError(f"{path.name}：[{section}] 中的 {key} 是未知字段；可用字段为 {'、'.join(known[section])}")
    site = parser["site"] if parser.has_section("site") else {}
    host_section = parser["host"] if parser.has_section("host") else {}
    address = check_address(site.get("address", "").strip(), f"{path.name} 的 [site] address")
    try:
        origins = check_origins(re.split(r"[\s,，;；]+", site.get("frame_origins", "").strip()) if
                                site.get("frame_origins", "").strip() else [])
    except ConfigError as err:
        raise ConfigError(f"{path.name} 的 [site] frame_origins：{err}") from None
    host: dict[str, Any] = {key: value.strip() for key, value in host_section.items()}
    official = host.pop("official", "false").lower()
    if official not in _TRUE | _FALSE:
        raise ConfigError(f"{path.name} 的 [host] official：应为 true（政府网站）或 false，实际为 {official!r}")
    host["official"] = official in _TRUE
    try:
        identity = host_identity(host)
    except HostError as err:
        raise ConfigError(f"{path.name} 的 [host] {err.key}：{err.message}") from None
    return SiteConfig(address, identity, origins, path.parent)


def to_state(config: SiteConfig) -> dict[str, Any]:
    """The configuration as the site records it (site-config.json): no local file paths."""
    host = dict(config.host)
    host["gov_mark_image"] = bool(host.get("gov_mark_image"))
    return {"address": config.address, "base_path": config.base_path, "frame_origins": list(config.frame_origins),
            "host": host}
