"""The footer's host identity (issue 12, extended by issue 20), written into every built page for a
configuration: an official host shows its 主办单位, 网站标识码, ICP and 公安 filings, contact, the
党政机关网站标识 and the 我为政府网站找错 link; any other host shows the unofficial notice of the build
(site_src/overrides/partials/copyright.html), and its maintainer if it names one.

The unofficial notice is kept in the site's state (site-config.json) so that a site configured as
official can be configured back. What the host typed (names, numbers) is shown as typed on both copies:
they are identifiers, like a 文号.

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

import html
import re
from typing import Any

FOOTER = re.compile(r'<div class="md-copyright gd-host"[^>]*>.*?</div>', re.S)
NOTICE = re.compile(r'<p class="gd-host__notice">.*?</p>', re.S)
_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"]*)"')
GOV_MARK = "assets/host/gov-mark"
ICP_LINK = "https://beian.miit.gov.cn/"
# The 繁体 copy's labels are OpenCC s2hk of the 简体 ones (checked by tests/release).
LABELS = {
    "hans": {"organizer": "主办单位", "maintainer": "维护者", "contact": "联系方式", "site_code": "网站标识码",
             "gov_mark": "党政机关网站标识", "error_report": "我为政府网站找错"},
    "hant": {"organizer": "主辦單位", "maintainer": "維護者", "contact": "聯繫方式", "site_code": "網站標識碼",
             "gov_mark": "黨政機關網站標識", "error_report": "我為政府網站找錯"},
}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(href: str, text: str, extra: str = "") -> str:
    return f'<a{extra} href="{_e(href)}" rel="noopener noreferrer">{text}</a>'


def notice_at(notice: str, script_root: str) -> str:
    """The unofficial notice (its links relative to its script's home page) for a page at `script_root`."""
    return _RELATIVE_HREF.sub(lambda m: f'href="{script_root}{m.group(1)}"', notice)


def footer(host: dict[str, Any], script: str, notice: str, script_root: str, asset_root: str, mark: str = "") -> str:
    """The footer block of a page. `script_root` leads to its script's home page, `asset_root` to the site's;
    `mark` is the file name of the 党政机关网站标识 image in the site, if there is one."""
    words = LABELS[script]
    filings = []
    if host.get("icp"):
        filings.append(f"<span>{_link(ICP_LINK, _e(host['icp']))}</span>")
    if host.get("public_security"):
        text = _e(host["public_security"])
        filings.append(f"<span>{_link(host['public_security_link'], text) if host.get('public_security_link') else text}</span>")
    lines = []
    if host.get("official"):
        first = [f"<span>{words['organizer']}：{_e(host['organizer'])}</span>"]
        if host.get("contact"):
            first.append(f"<span>{words['contact']}：{_e(host['contact'])}</span>")
        lines.append(first)
        second = [f"<span>{words['site_code']}：{_e(host['site_code'])}</span>"] if host.get("site_code") else []
        second += filings
        if host.get("error_report_link"):
            second.append(f"<span>{_link(host['error_report_link'], words['error_report'])}</span>")
        lines.append(second)
        if mark and host.get("gov_mark_link"):
            image = f'<img src="{_e(asset_root + mark)}" alt="{words["gov_mark"]}">'
            lines.append([_link(host["gov_mark_link"], image, ' class="gd-host__mark"')])
        body = [f'  <p class="gd-host__line">{"".join(line)}</p>' for line in lines if line]
    else:
        body = [f"  {notice_at(notice, script_root)}"]
        others = [f"<span>{words['maintainer']}：{_e(host['organizer'])}</span>"] if host.get("organizer") else []
        if host.get("contact"):
            others.append(f"<span>{words['contact']}：{_e(host['contact'])}</span>")
        others += filings
        if others:
            body.append(f'  <p class="gd-host__line">{"".join(others)}</p>')
    if host.get("copyright"):
        body.append(f'  <p class="gd-host__line">{_e(host["copyright"])}</p>')
    kind = "official" if host.get("official") else "unofficial"
    return f'<div class="md-copyright gd-host" data-gd-host="{kind}">\n' + "\n".join(body) + "\n</div>"


def write_footer(text: str, host: dict[str, Any], script: str, notice: str, script_root: str, asset_root: str,
                 mark: str = "") -> str:
    block = footer(host, script, notice, script_root, asset_root, mark)
    return FOOTER.sub(lambda m: block, text, count=1)


def read_notice(text: str) -> str:
    """The unofficial notice of a built page in its unofficial form ('' if the page shows none)."""
    match = NOTICE.search(text)
    return match.group(0) if match else ""
