"""Building the site as an official host would: mkdocs.yml inherited, with extra.host set (docs/deploying.md, 八)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

OFFICIAL_HOST = {
    "official": True,
    "organizer": "示例市工业和信息化局",
    "site_code": "4400000000",
    "icp": "粤ICP备00000000号",
    "public_security": "粤公网安备 44000000000000号",
    "contact": "020-00000000",
}


def build_with_host(dest: Path, host: dict, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` with a config that inherits mkdocs.yml and sets extra.host, read from stdin so that
    relative paths stay those of the repository."""
    config = "INHERIT: mkdocs.yml\n" + yaml.safe_dump({"extra": {"host": host}}, allow_unicode=True)
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "-", "-d", str(dest)],
                          cwd=ROOT, env=environ, input=config, capture_output=True, text=True)
