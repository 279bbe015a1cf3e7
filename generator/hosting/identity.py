"""Who hosts this build: check `extra.host` of mkdocs.yml, or the [host] section of a release's
`site-config.ini` (generator/release/config.py); both come here.

The default build is an unofficial reading aid and carries no government marks. Only a government body
publishing the site under its own name sets `official: true`; the national rules for government websites
(国办发〔2017〕47号) reserve the 网站标识码, the 党政机关网站标识 and the 我为政府网站找错 link for such
sites, so any of them without `official: true` is refused, as is an official build that does not name
its 主办单位. Links must be absolute http(s) addresses that can be printed in an attribute as they are.

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

FIELDS = ("official", "organizer", "site_code", "icp", "public_security", "public_security_link", "contact",
          "gov_mark_image", "gov_mark_link", "error_report_link", "copyright")
LINKS = ("public_security_link", "gov_mark_link", "error_report_link")
GOVERNMENT_ONLY = {"site_code": "网站标识码", "gov_mark_image": "党政机关网站标识", "gov_mark_link": "党政机关网站标识的链接",
                   "error_report_link": "我为政府网站找错链接"}
_SITE_CODE = re.compile(r"^[0-9]{10}$")
_UNSAFE = re.compile(r"[\"'<>`\\\s\x00-\x1f\x7f]")


class HostError(ValueError):
    """A bad host entry: names the key and says what to do, in Chinese."""

    def __init__(self, key: str, message: str, where: str = "mkdocs.yml：extra.host.") -> None:
        self.key = key
        self.message = message
        super().__init__(f"{where}{key}：{message}")


def _text(host: dict[str, Any], key: str) -> str:
    value = host.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise HostError(key, f"应为文本，实际为 {value!r}")
    return str(value).strip()


def check_link(key: str, value: str) -> str:
    """An absolute http(s) address with nothing that could end an attribute; '' stays ''."""
    if not value:
        return ""
    parts = urlsplit(value)
    if _UNSAFE.search(value) or not value.isascii() or parts.scheme not in ("http", "https") or not parts.netloc:
        raise HostError(key, f"应为以 http:// 或 https:// 开头的完整网址（不含空格、引号、尖括号），实际为 {value!r}")
    return value


def host_identity(host: Any) -> dict[str, Any]:
    """The checked identity: `official` (bool) and the texts of the other fields ('' when unset)."""
    host = host or {}
    if not isinstance(host, dict):
        raise HostError("", "应为映射（主办单位、网站标识码等字段）")
    unknown = sorted(set(host) - set(FIELDS))
    if unknown:
        raise HostError(unknown[0], f"未知字段；可用字段为 {'、'.join(FIELDS)}")
    official = host.get("official", False)
    if not isinstance(official, bool):
        raise HostError("official", f"应为 true 或 false，实际为 {official!r}")
    identity: dict[str, Any] = {"official": official}
    identity.update({key: _text(host, key) for key in FIELDS[1:]})
    for key in LINKS:
        identity[key] = check_link(key, identity[key])
    for key, name in GOVERNMENT_ONLY.items():
        if identity[key] and not official:
            raise HostError(key, f"{name}只能由政府网站使用；非官方部署请留空，或设置 official: true")
    if identity["site_code"] and not _SITE_CODE.match(identity["site_code"]):
        raise HostError("site_code", f"网站标识码应为 10 位数字，实际为 {identity['site_code']!r}")
    if official and not identity["organizer"]:
        raise HostError("organizer", "官方部署（official: true）必须填写主办单位")
    if bool(identity["gov_mark_image"]) != bool(identity["gov_mark_link"]):
        missing = "gov_mark_link" if identity["gov_mark_image"] else "gov_mark_image"
        raise HostError(missing, "党政机关网站标识的图片（gov_mark_image）和链接（gov_mark_link）须同时填写")
    return identity
