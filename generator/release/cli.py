"""`configure.py` of the release: read `site-config.ini` beside it, configure `site/` for it, and write
`server/nginx.conf`. Messages are in Chinese; a wrong entry names its section and key and changes nothing.

Shipped in the release (Python 3.8+, standard library and the vendored segno).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.release.config import INI_NAME, ConfigError, read_ini
from generator.release.configure import configure_site

SITE_DIR = "site"
SERVER_DIR = "server"


def main(folder: Path) -> int:
    ini, site = folder / INI_NAME, folder / SITE_DIR
    if sys.version_info < (3, 8):  # noqa: UP036 - run by the server's own Python, not the build's
        print("需要 Python 3.8 或更高版本。", file=sys.stderr)
        return 2
    try:
        config = read_ini(ini)
        result = configure_site(site, config)
    except ConfigError as err:
        print(f"配置未生效：{err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"配置未生效：无法读写文件：{err}", file=sys.stderr)
        return 1
    server = folder / SERVER_DIR
    server.mkdir(exist_ok=True)
    for name in ("nginx.conf", ".htaccess", "web.config"):
        target = server / ("apache.htaccess" if name == ".htaccess" else name)
        target.write_text(result.server_files[name], "utf-8")
    where = config.address or "（未配置：分享链接和二维码按读者访问的地址生成，页面会提示网站管理员）"
    print(f"网站地址：{where}")
    print(f"主办者：{'官方（' + config.host['organizer'] + '）' if config.host['official'] else '非官方'}")
    print(f"允许嵌入的门户：{'、'.join(config.frame_origins) or '无（仅本站）'}")
    print(f"已更新 {len(result.changed)} 个文件；site/ 中的 .htaccess、web.config 和 server/nginx.conf 已按配置重写。")
    print("请把 site/ 中的全部文件（含以点开头的 .htaccess）上传到网站目录，然后打开网站的“部署自检”页（网址/self-check/）检查。")
    return 0
