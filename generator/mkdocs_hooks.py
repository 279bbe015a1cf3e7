"""MkDocs hooks: validate catalog/, generate the pages and open-data files, and bundle the calculator.

Loaded by `hooks:` in mkdocs.yml, so `mkdocs build` and `mkdocs serve` produce everything. The rest of
the generator knows nothing of MkDocs, so moving to another engine stays cheap.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator.bundle import WHEEL_PACKAGE, BundleError, bundle_files  # noqa: E402
from generator.catalogue import Catalogue, CatalogueError, load_catalogue  # noqa: E402
from generator.csp import content_security_policy  # noqa: E402
from generator.export import catalogue_csv, catalogue_json  # noqa: E402
from generator.pages import SiteRenderer  # noqa: E402
from generator.reader_tools import HANS, script_memory, script_switch, share_panel  # noqa: E402
from generator.search_terms import user_dictionary  # noqa: E402
from generator.traditional import build_traditional  # noqa: E402

CATALOG_DIR = Path(os.environ.get("GD_CATALOG_DIR", ROOT / "catalog"))
_state: dict[str, Catalogue] = {}


def _nav() -> list:
    # Product pages stay out of the nav: Material would repeat every product in every page's sidebar,
    # making the build quadratic in the catalogue. They link to each other instead (prev/next).
    return [
        {"首页": "index.md"},
        {"产品目录": "products/index.md"},
        {"服务券测算": "calculator/index.md"},
        {"通知全文": "notice.md"},
        {"数据下载": "downloads/index.md"},
        {"使用帮助": "help.md"},
    ]


def on_config(config):
    try:
        cat = load_catalogue(CATALOG_DIR)
    except CatalogueError as err:
        raise PluginError(f"目录数据错误：{err}") from None
    _state["catalogue"] = cat
    # Two builds of the same sources must be byte-identical, the sitemap's dates included.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        published = datetime.fromisoformat(cat.policy["notice"]["published"]).replace(tzinfo=UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(published.timestamp()))
    import jieba

    jieba.setLogLevel(60)
    jieba.load_userdict(user_dictionary(cat))
    config["nav"] = _nav()
    config["extra"]["gd"] = {
        "site_name": cat.policy["notice"]["source"],
        "published": cat.policy["notice"]["published"],
        "source": cat.policy["notice"]["source"],
        "notice_number": cat.policy["notice"]["number"],
        "catalogue_version": cat.policy["notice"]["catalogue_version"],
        "calculator_package": WHEEL_PACKAGE,
    }
    return config


def on_files(files: Files, config) -> Files:
    cat = _state["catalogue"]
    renderer = SiteRenderer(cat, config["site_url"] or "/")
    for page in renderer.pages():
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for src_uri, content in renderer.qr_files():
        files.append(File.generated(config, src_uri, content=content))
    files.append(File.generated(config, "catalog.json", content=catalogue_json(cat)))
    files.append(File.generated(config, "catalog.csv", content=catalogue_csv(cat)))
    try:
        for src_uri, path in bundle_files(ROOT, ROOT / ".cache" / "bundle"):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    except BundleError as err:
        raise PluginError(f"无法打包浏览器测算器：{err}") from None
    return files


def on_env(env, config, files):
    # The toolbar's 简/繁 switch and share panel, rendered by the generator so that the 繁体 copies can
    # render them again for their own URL.
    site_url = config["site_url"] or "/"
    env.globals["gd_script_switch"] = lambda url: script_switch(url, HANS)
    env.globals["gd_script_memory"] = lambda url: script_memory(url, HANS)
    env.globals["gd_share"] = lambda url, title: share_panel(site_url, url, HANS, title)
    return env


def on_post_build(config) -> None:
    # The exact header for this build; the README's deployment section quotes it.
    site = Path(config["site_dir"])
    # The 繁体 copy first: the policy below hashes the inline scripts of its pages too.
    build_traditional(site, config["site_url"] or "/", protected_names=[_state["catalogue"].policy["notice"]["number"]])
    (site / "csp.txt").write_text(content_security_policy(site) + "\n", "utf-8")
