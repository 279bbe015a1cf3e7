"""`make dist`: the release package of a built site (build time only; not shipped).

dist/ gets `<package>-<version>.zip` (one folder: the unconfigured site, `site-config.ini`,
`configure.py` and the code it runs, `部署说明.txt`, `server/` with the three server configurations),
its `.sha256`, and the server configurations of the unconfigured site beside it for a quick look. The zip
is the same bytes for the same build (fixed dates, sorted entries). The package's name and the guide's
title are the round's, from the site's catalog.json (`programme.read_programme`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from string import Template

from generator.hosting import RELEASE_NAMES
from generator.release.cli import SERVER_DIR, SITE_DIR
from generator.release.cli import main as configure_main
from generator.release.config import INI_NAME
from generator.release.configure import STATE, copy_site
from generator.release.programme import Programme, read_programme

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent
GUIDE = "部署说明.txt"
LAUNCHER = '''#!/usr/bin/env python3
"""按 site-config.ini 配置 site/ 中的网站。用法：python3 configure.py（只需 Python 3.8 或更高版本，不联网）。"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "tools"))
from generator.release.cli import main  # noqa: E402

sys.exit(main(HERE))
'''


def _shipped_hosting_init() -> str:
    lines = ['"""The hosting modules the release\'s configure.py uses (written by generator/release/dist.py)."""', ""]
    names: list[str] = []
    for module, imported in sorted(RELEASE_NAMES.items()):
        lines.append(f"from generator.hosting.{module} import {', '.join(imported)}")
        names += [name.split(" as ")[-1] for name in imported]
    lines += ["", f"__all__ = {sorted(names)!r}", ""]
    return "\n".join(lines)


def _tools(target: Path) -> None:
    """The code configure.py runs: generator/release, the hosting modules it names, and segno."""
    package = target / "generator"
    (package / "release").mkdir(parents=True)
    (package / "__init__.py").write_text('"""The parts of the generator a release needs to configure itself."""\n', "utf-8")
    for source in sorted(HERE.glob("*.py")):
        if source.name != "dist.py":
            shutil.copyfile(source, package / "release" / source.name)
    (package / "hosting").mkdir()
    (package / "hosting" / "__init__.py").write_text(_shipped_hosting_init(), "utf-8")
    for module in RELEASE_NAMES:
        shutil.copyfile(GENERATOR / "hosting" / f"{module}.py", package / "hosting" / f"{module}.py")
    spec = importlib.util.find_spec("segno")
    assert spec is not None and spec.origin is not None
    segno = Path(spec.origin).parent
    shutil.copytree(segno, target / "segno", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    licence = next(segno.parent.glob("segno-*.dist-info/licenses/LICENSE"), None) or next(
        segno.parent.glob("segno-*.dist-info/LICENSE*"), None)
    if licence is not None:  # segno is BSD-licensed: its licence travels with it
        shutil.copyfile(licence, target / "segno" / "LICENSE")


def _version() -> str:
    """RELEASE_VERSION, or the project's version (pyproject.toml)."""
    if os.environ.get("RELEASE_VERSION"):
        return os.environ["RELEASE_VERSION"]
    return tomllib.loads((GENERATOR.parent / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def _epoch(site: Path) -> int:
    """The build's date (the sitemap's lastmod, kept in site-config.json) for every entry of the zip."""
    lastmod = json.loads((site / STATE).read_text("utf-8")).get("lastmod") or "1980-01-01"
    return int(datetime.fromisoformat(lastmod).replace(tzinfo=UTC).timestamp())


def _zip(folder: Path, archive: Path, epoch: int) -> None:
    stamp = datetime.fromtimestamp(max(epoch, 315532800), UTC).timetuple()[:6]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if path.name == "configure.py" else 0o644) << 16
            out.writestr(info, path.read_bytes())


def deploy_guide(programme: Programme) -> str:
    """部署说明.txt: deploy-guide.txt with the round's title and package name filled in ($title, $package)."""
    return Template((HERE / "deploy-guide.txt").read_text("utf-8")).substitute(title=programme.title,
                                                                                package=programme.package)


def make_dist(site: Path, out: Path, version: str | None = None) -> Path:
    """Write the release of the built `site` into `out`; return the zip's path."""
    version = version or _version()
    programme = read_programme(site)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / f"{programme.package}-{version}"
        folder.mkdir()
        copy_site(site, folder / SITE_DIR)
        shutil.copyfile(HERE / INI_NAME, folder / INI_NAME)
        (folder / "configure.py").write_text(LAUNCHER, "utf-8")
        (folder / GUIDE).write_text("\ufeff" + deploy_guide(programme), "utf-8")
        _tools(folder / "tools")
        if configure_main(folder) != 0:  # the shipped default (unconfigured), and server/ for it
            raise RuntimeError("发布包的默认配置无法应用")
        for cache in folder.rglob("__pycache__"):
            shutil.rmtree(cache)
        archive = out / f"{folder.name}.zip"
        _zip(folder, archive, _epoch(site))
        for name in ("nginx.conf", "apache.htaccess", "web.config"):
            shutil.copyfile(folder / SERVER_DIR / name, out / name)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (out / f"{archive.name}.sha256").write_text(f"{digest}  {archive.name}\n", "utf-8")
    return archive
