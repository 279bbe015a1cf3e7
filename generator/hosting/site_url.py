"""The public address of the site (SITE_URL): checked before the build, made safe where it is printed.

It reaches the canonical links, a meta tag, the sitemap, the QR codes and, as a path, the 404 page's
links and scripts. A quote or angle bracket in it would break out of an attribute or a script string,
so such an address is refused with a plain message, and what is printed is percent-encoded as well.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Characters that may stand in a URL printed into HTML attributes, JSON and JS strings unescaped.
URL_SAFE = "/:@!$&()*+,;=~-._%"
_FORBIDDEN = re.compile(r"[\"'<>`\\{}|^\s\x00-\x1f\x7f]")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class SiteUrlError(ValueError):
    """SITE_URL is not an absolute http(s) address that can be printed safely."""


def check_site_url(value: str | None) -> str:
    """Return SITE_URL ending in `/`, or raise SiteUrlError saying in Chinese what is wrong with it."""
    shown = repr(value)
    if not value:
        raise SiteUrlError("SITE_URL 为空：请写成网站发布地址，如 https://www.example.gov.cn/syqpt/")
    bad = _FORBIDDEN.search(value)
    if bad:
        char = {" ": "空格", "\t": "制表符", "\n": "换行", '"': "双引号", "'": "单引号", "<": "尖括号 <",
                ">": "尖括号 >"}.get(bad.group(), repr(bad.group()))
        raise SiteUrlError(f"SITE_URL {shown} 含有{char}，网址中不能出现引号、尖括号、空白或控制字符")
    if not value.isascii():
        raise SiteUrlError(f"SITE_URL {shown} 含有非 ASCII 字符：中文域名请写成 punycode（xn--…），路径请用 %XX 编码")
    if _PERCENT.search(value):
        raise SiteUrlError(f"SITE_URL {shown} 中的 % 后面应是两位十六进制数")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise SiteUrlError(f"SITE_URL {shown} 应以 http:// 或 https:// 开头")
    try:
        port = parts.port
    except ValueError:
        raise SiteUrlError(f"SITE_URL {shown} 的端口号无效") from None
    if not parts.hostname or not _HOST.fullmatch(parts.hostname) or parts.username or parts.password:
        raise SiteUrlError(f"SITE_URL {shown} 缺少有效的主机名（如 www.example.gov.cn），也不能含用户名或密码")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise SiteUrlError(f"SITE_URL {shown} 不能带查询参数（?）或片段（#），只写到网站所在目录")
    del port
    return value if value.endswith("/") else value + "/"


def printable_url(url: str) -> str:
    """Percent-encode whatever could end an HTML attribute, a JSON string or a JS string (second line of
    defence: a checked SITE_URL has none of it)."""
    return quote(url, safe=URL_SAFE)
