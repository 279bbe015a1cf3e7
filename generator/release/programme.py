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
    short_name: str
    version: str  # catalogue_version
    source: Path  # the catalog.json read, for messages

    @property
    def package(self) -> str:
        """The zip's name; ConfigError unless plain ASCII (checked only by `make dist`, so a build never stops
        for a name it does not use)."""
        for key, value in (("policy.programme.short_name", self.short_name), ("catalogue_version", self.version)):
            if not _ASCII_NAME.match(value):
                raise ConfigError(f"{self.source} 的 {key}（{value}）用于发布包文件名，应只含英文字母、数字、点和连字符")
        return f"{self.short_name}-{self.version}"


def read_programme(site: Path) -> Programme:
    """The programme of the built `site`, from its catalog.json; ConfigError (in Chinese, naming the file and
    key) when the file or a key is missing."""
    path = site / CATALOG
    try:
        data = json.loads(path.read_text("utf-8"))
        programme = data["policy"]["programme"]
    except (OSError, ValueError) as err:
        raise ConfigError(f"无法读取网站的目录数据 {path}：{err}") from None
    except (KeyError, TypeError):
        raise ConfigError(f"{path} 中缺少 policy.programme（项目名称）") from None
    values = {"policy.programme.site_name": programme.get("site_name"),
              "policy.programme.short_name": programme.get("short_name"), "catalogue_version": data.get("catalogue_version")}
    for key, value in values.items():
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{path} 中缺少 {key}")
    return Programme(f"{programme['site_name']}网站", programme["short_name"], data["catalogue_version"], path)
