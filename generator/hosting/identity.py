"""Who hosts this build: check `extra.host` of mkdocs.yml (the one place a host sets its identity).

The default build is an unofficial reading aid and carries no government marks. Only a government body
publishing the site under its own name sets `official: true`; the national rules for government websites
(国办发〔2017〕47号) reserve the 网站标识码 for such sites, so a 网站标识码 without `official: true` is
refused, as is an official build that does not name its 主办单位.
"""

from __future__ import annotations

import re
from typing import Any

FIELDS = ("official", "organizer", "site_code", "icp", "public_security", "contact")
_SITE_CODE = re.compile(r"^[0-9]{10}$")


class HostError(ValueError):
    """A bad `extra.host` entry: names the key and says what to do, in Chinese."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(f"mkdocs.yml：extra.host.{key}：{message}")


def _text(host: dict[str, Any], key: str) -> str:
    value = host.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise HostError(key, f"应为文本，实际为 {value!r}")
    return str(value).strip()


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
    identity: dict[str, Any] = {"official": official, **{key: _text(host, key) for key in FIELDS[1:]}}
    if identity["site_code"] and not official:
        raise HostError("site_code", "网站标识码只能由政府网站使用；非官方部署请留空，或设置 official: true")
    if identity["site_code"] and not _SITE_CODE.match(identity["site_code"]):
        raise HostError("site_code", f"网站标识码应为 10 位数字，实际为 {identity['site_code']!r}")
    if official and not identity["organizer"]:
        raise HostError("organizer", "官方部署（official: true）必须填写主办单位")
    return identity
