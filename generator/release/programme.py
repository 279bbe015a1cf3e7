"""The programme and round a release is for, read from the built site's `catalog.json` (policy.programme and
catalogue_version), never written in code: a new round's release is titled and named from its own data.

- `title`: the site's name as the server files and the 部署说明 head them (`programme.site_name` + 网站).
- `package`: the zip's ASCII name, `<programme.short_name>-<catalogue_version>`.

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from generator.release.config import ConfigError

CATALOG = "catalog.json"
# A file name any host, zip tool and shell takes as is.
_ASCII_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Programme(NamedTuple):
    title: str
    package: str


def read_programme(site: Path) -> Programme:
    """The programme of the built `site`, from its catalog.json; ConfigError (in Chinese, naming the file and
    key) when the file or a key is missing or the package name would not be plain ASCII."""
    path = site / CATALOG
    try:
        data = json.loads(path.read_text("utf-8"))
        programme = data["policy"]["programme"]
    except (OSError, ValueError) as err:
        raise ConfigError(f"无法读取网站的目录数据 {path}：{err}") from None
    except (KeyError, TypeError):
        raise ConfigError(f"{path} 中缺少 policy.programme（项目名称）") from None
    for key in ("site_name", "short_name"):
        if not isinstance(programme.get(key), str) or not programme[key]:
            raise ConfigError(f"{path} 中缺少 policy.programme.{key}")
    version = data.get("catalogue_version")
    for key, value in (("policy.programme.short_name", programme["short_name"]), ("catalogue_version", version)):
        if not isinstance(value, str) or not _ASCII_NAME.match(value):
            raise ConfigError(f"{path} 的 {key}（{value}）用于发布包文件名，应只含英文字母、数字、点和连字符")
    return Programme(f"{programme['site_name']}网站", f"{programme['short_name']}-{version}")
