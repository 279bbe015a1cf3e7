"""The server configurations of a configured site, from the facts in `facts`: nginx (a `location` block
to include in the host's `server {}`), Apache (`.htaccess` in the site's folder) and IIS (`web.config` in
the site's folder). Each sends the right types, the precompressed copies, the CSP and security headers,
the site's own 404 pages and the cache headers, and lists no directory.

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.sax.saxutils import quoteattr

from generator.release import facts

GENERATED = "由 configure.py 按 site-config.ini 生成；请勿手工修改，改配置后重新运行 configure.py。"
COMPRESS_TYPES = "text/css text/javascript application/json application/wasm image/svg+xml application/xml text/csv text/plain"


class Server(NamedTuple):
    base_path: str  # e.g. "/gdii/syqpt/"
    csp: str
    https: bool
    framed: bool  # some portal may frame the site
    files: list[str]  # the site's files (site-relative), for IIS, which matches no patterns
    title: str  # the site's name heading each file, from the site's catalog.json (programme.read_programme)


def _regex_path(path: str) -> str:
    return re.escape(path)


def nginx(server: Server) -> str:
    base = server.base_path
    headers = facts.response_headers(server.csp, server.https, server.framed)

    def header_lines(cache_control: str, indent: str) -> str:
        lines = [f'add_header {name} "{value}" always;' for name, value in headers]
        lines.append(f'add_header Cache-Control "{cache_control}" always;')
        return "\n".join(indent + line for line in lines)

    types = "\n".join(f"        {mime} {ext};" for ext, mime in sorted(facts.MIME_TYPES.items()))
    rules = [rule for rule in facts.cache_rules() if rule.pattern]
    other = facts.cache_rules()[-1].cache_control
    private = "|".join(re.escape(name) for name in facts.PRIVATE_FILES)
    nested = [f"""
    # 不向浏览器发送服务器配置文件。
    location ~ "^{_regex_path(base)}(?:.*/)?(?:{private})$" {{
        return 404;
    }}"""]
    for rule in rules:
        nested.append(f"""
    # 缓存：{rule.label}
    location ~ "^{_regex_path(base)}(?:{rule.pattern})$" {{
{header_lines(rule.cache_control, "        ")}
    }}""")
    nested.append(f"""
    # 繁体版地址的 404 页面。
    location ^~ {base}zh-Hant/ {{
        error_page 404 {base}zh-Hant/404.html;
{header_lines(other, "        ")}
    }}""")
    return f"""# {server.title}：nginx 配置。{GENERATED}
# 用法：把 site/ 中的全部文件上传到网站根目录（server 的 root）下的 {base} 目录，
#       在该网站的 server {{ }} 中加入一行  include /这个文件的路径/nginx.conf;
#       然后运行 nginx -t 检查、nginx -s reload 生效。需要 nginx 1.18 或更高版本。

location ^~ {base} {{
    # 文件类型：测算引擎需要 .wasm 为 application/wasm，脚本为 text/javascript，数据为 application/json。
    types {{
{types}
    }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types {" ".join(t for t in facts.CHARSET_TYPES if t != "text/html")};
    index index.html;
    autoindex off;

    # 预压缩副本：有 name.gz 时直接发送它（不必每次压缩）；其余文件即时压缩。
    gzip_static on;
    # 服务器装有 ngx_brotli 模块（Debian：libnginx-mod-http-brotli-static）时，去掉下一行的 # 号，
    # 以 HTTPS 访问的浏览器可获得更小的 .br 副本；没有该模块时保持注释，否则 nginx 无法启动。
    # brotli_static on;
    gzip on;
    gzip_vary on;
    gzip_types {COMPRESS_TYPES};

    # 本站自己的中文 404 页面。
    error_page 404 {base}404.html;

    # 内容安全策略（CSP）、安全响应头和缓存。
{header_lines(other, "    ")}
{"".join(nested)}
}}
"""


def apache(server: Server) -> str:
    base = server.base_path
    headers = facts.response_headers(server.csp, server.https, server.framed)
    types = "\n".join(f"  AddType {mime} .{ext}" for ext, mime in sorted(facts.MIME_TYPES.items()))
    charset = " ".join(f".{ext}" for ext, mime in sorted(facts.MIME_TYPES.items()) if mime in facts.CHARSET_TYPES)
    header_lines = "\n".join(f'  Header always set {name} "{value}"' for name, value in headers)
    other = facts.cache_rules()[-1].cache_control
    cache = [f'  Header always set Cache-Control "{other}"']
    for rule in facts.cache_rules():
        if rule.pattern:
            cache.append(f'  # {rule.label}\n  Header always set Cache-Control "{rule.cache_control}" '
                         f'"expr=%{{REQUEST_URI}} =~ m#^{_regex_path(base)}(?:{rule.pattern})$#"')
    private = "|".join(re.escape(name) for name in facts.PRIVATE_FILES)
    return f"""# {server.title}：Apache 配置（.htaccess，放在网站文件夹中，即 {base} 对应的目录）。
# {GENERATED}
# 需要：mod_mime、mod_headers、mod_rewrite、mod_dir，以及该目录的 AllowOverride FileInfo Indexes Options（或 All）。

Options -Indexes -MultiViews
DirectoryIndex index.html

# 文件类型：测算引擎需要 .wasm 为 application/wasm，脚本为 text/javascript，数据为 application/json。
<IfModule mod_mime.c>
  RemoveType .gz .br
{types}
  AddCharset utf-8 {charset}
  # 预压缩副本：name.gz、name.br 保留原文件的类型，并声明压缩方式。
  AddEncoding gzip .gz
  AddEncoding br .br
</IfModule>

# 预压缩副本：浏览器接受压缩且有 name.br / name.gz 时，发送副本。
<IfModule mod_rewrite.c>
  RewriteEngine On
  RewriteBase {base}
  RewriteCond %{{HTTP:Accept-Encoding}} \\bbr\\b
  RewriteCond %{{REQUEST_FILENAME}} -f
  RewriteCond %{{REQUEST_FILENAME}}.br -f
  RewriteRule ^(.+)$ $1.br [L]
  RewriteCond %{{HTTP:Accept-Encoding}} \\bgzip\\b
  RewriteCond %{{REQUEST_FILENAME}} -f
  RewriteCond %{{REQUEST_FILENAME}}.gz -f
  RewriteRule ^(.+)$ $1.gz [L]
  # 已压缩的副本不再压缩。
  RewriteRule \\.(?:gz|br)$ - [E=no-gzip:1,E=no-brotli:1]
</IfModule>

# 不向浏览器发送服务器配置文件。
<FilesMatch "^(?:{private})$">
  Require all denied
</FilesMatch>

# 本站自己的中文 404 页面（繁体版地址用繁体页面）。
ErrorDocument 404 {base}404.html
<If "%{{REQUEST_URI}} =~ m#^{_regex_path(base)}zh-Hant/#">
  ErrorDocument 404 {base}zh-Hant/404.html
</If>

# 内容安全策略（CSP）、安全响应头和缓存。
<IfModule mod_headers.c>
{header_lines}
  Header always append Vary Accept-Encoding
{chr(10).join(cache)}
</IfModule>
"""


def _iis_max_age(cache_control: str) -> str:
    seconds = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{days}.{hours:02d}:{minutes:02d}:{seconds:02d}"


def _iis_cache(cache_control: str) -> str:
    if "max-age" not in cache_control:
        return '<clientCache cacheControlMode="DisableCache" />'
    extra = ", ".join(part.strip() for part in cache_control.split(",") if "max-age" not in part)
    return (f'<clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="{_iis_max_age(cache_control)}" '
            f"cacheControlCustom={quoteattr(extra)} />")


def iis(server: Server) -> str:
    base = server.base_path
    headers = facts.response_headers(server.csp, server.https, server.framed)
    mime = "\n".join(f'      <remove fileExtension=".{ext}" />\n      <mimeMap fileExtension=".{ext}" mimeType="{mime}" />'
                     for ext, mime in sorted(facts.MIME_TYPES.items()))
    custom = "\n".join(f"        <add name={quoteattr(name)} value={quoteattr(value)} />" for name, value in headers)
    hidden = "\n".join(f'          <add segment="{name}" />' for name in facts.PRIVATE_FILES if name != "web.config")
    other = facts.cache_rules()[-1].cache_control
    locations = []
    for rule in facts.cache_rules():
        if not rule.pattern:
            continue
        for path in sorted(p for p in server.files if re.fullmatch(rule.pattern, p)):
            locations.append(f"""  <!-- 缓存：{rule.label} -->
  <location path={quoteattr(path)}>
    <system.webServer>
      <staticContent>
        {_iis_cache(rule.cache_control)}
      </staticContent>
    </system.webServer>
  </location>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {server.title}：IIS 配置（web.config，放在网站文件夹中，即 {base} 对应的目录）。
     {GENERATED}
     预压缩：IIS 不直接使用 .gz 副本，请在服务器级别启用“静态内容压缩”，并把 application/wasm、
     text/javascript、application/json 加入 applicationHost.config 的 httpCompression/staticTypes。 -->
<configuration>
  <system.webServer>
    <staticContent>
{mime}
      {_iis_cache(other)}
    </staticContent>
    <httpProtocol>
      <customHeaders>
        <remove name="X-Powered-By" />
{custom}
      </customHeaders>
    </httpProtocol>
    <httpErrors errorMode="Custom" existingResponse="Replace">
      <remove statusCode="404" subStatusCode="-1" />
      <error statusCode="404" path="{base}404.html" responseMode="ExecuteURL" />
    </httpErrors>
    <directoryBrowse enabled="false" />
    <defaultDocument enabled="true">
      <files>
        <clear />
        <add value="index.html" />
      </files>
    </defaultDocument>
    <urlCompression doStaticCompression="true" doDynamicCompression="false" />
    <security>
      <requestFiltering>
        <hiddenSegments>
{hidden}
        </hiddenSegments>
      </requestFiltering>
    </security>
  </system.webServer>
  <location path="zh-Hant">
    <system.webServer>
      <httpErrors errorMode="Custom" existingResponse="Replace">
        <remove statusCode="404" subStatusCode="-1" />
        <error statusCode="404" path="{base}zh-Hant/404.html" responseMode="ExecuteURL" />
      </httpErrors>
    </system.webServer>
  </location>
{chr(10).join(locations)}
</configuration>
"""
