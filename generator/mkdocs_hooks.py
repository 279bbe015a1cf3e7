"""MkDocs hooks: validate catalog/, generate the pages and open-data files, and bundle the calculator.

Loaded by `hooks:` in mkdocs.yml, so `mkdocs build` and `mkdocs serve` produce everything. The rest of
the generator knows nothing of MkDocs, so moving to another engine stays cheap.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime
from html import escape as html_escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from generator.catalogue import (  # noqa: E402
    CATALOG_SCHEMA,
    CatalogueError,
    ExportError,
    catalogue_csv,
    catalogue_data,
    catalogue_json,
    check_plausibility,
    load_catalogue,
    load_guide,
    load_provenance,
    rounds_of,
)
from generator.hant import TABLE_PATH, build_traditional, calculator_corpus, table_json  # noqa: E402
from generator.hosting import (  # noqa: E402
    BUILD_LABEL_SLOT,
    SITE_BUILD_SLOT,
    FingerprintError,
    HostError,
    InlineScriptError,
    build_date,
    build_identity,
    content_security_policy,
    fingerprint_site,
    precompress_site,
    printable_url,
    service_worker_template,
    stamp_site_build,
    write_service_worker,
)
from generator.pages import (  # noqa: E402
    HANS,
    SiteRenderer,
    alternate_links,
    archive_path,
    editions,
    navigation,
    not_found_memory,
    not_found_switch,
    render_pages,
    retired_products,
    script_memory,
    script_switch,
    share_panel,
)
from generator.release import ConfigError, configure_site, from_build  # noqa: E402
from generator.runtime import WHEEL_PACKAGE, BundleError, VendorError, bundle_files, refreshed_manifest, vendored_files  # noqa: E402
from generator.search import COMMON_FREQ, INDEX_PATH, build_index, index_json, page_sections, user_dictionary  # noqa: E402

CATALOG_DIR = Path(os.environ.get("GD_CATALOG_DIR", ROOT / "catalog"))
# The round this build renders: the current one (at the site's root) unless the build of the current round
# asks for an earlier one, which it publishes under archive/<folder>/ (generator/pages/rounds.py).
ROUND_ENV = "GD_ROUND"
log = logging.getLogger("mkdocs.hooks.gd")
_state: dict = {}  # the catalogue, and the sections of each page for the search index
_guide: dict[str, dict] = {}


def on_config(config):
    # The build names no address: generator/release/configure.py writes SITE_URL and extra.host into the
    # built site at the end, as a release's configure.py does with site-config.ini (issue 20).
    if config["copyright"] and not (config["extra"].get("host") or {}).get("copyright"):
        config["extra"]["host"] = {**(config["extra"].get("host") or {}), "copyright": config["copyright"]}
    try:
        _state["release"] = from_build(config["site_url"] or "", config["extra"], Path(config.config_file_path or ROOT).parent)
    except ConfigError as err:
        raise PluginError(f"网站地址错误：{err}") from None
    except HostError as err:
        raise PluginError(f"主办者配置错误：{err}") from None
    config["site_url"] = ""
    if not _state["release"].address:
        # Information, not a warning: --strict must still build the default site, but whoever publishes
        # it should learn here, not from a QR code on paper, where its links point.
        log.info("未设置 SITE_URL：分享链接和二维码按读者访问的地址生成，不写规范链接的网址和站点地图。"
                 "发布前请以 SITE_URL=https://您的网址/ 构建，或用 make dist 的发布包配置网址。")
    try:
        rounds = rounds_of(CATALOG_DIR)
        folders, current = rounds if rounds else ([CATALOG_DIR.name], CATALOG_DIR.name)
        folders = folders[: folders.index(current) + 1]  # rounds after the current one are drafts (docs/new-round.md)
        this = os.environ.get(ROUND_ENV) or current
        if this not in folders:
            raise CatalogueError("rounds.yaml", ROUND_ENV, f"没有轮次 “{this}”")
        catalogues = {f: load_catalogue(CATALOG_DIR / f) for f in folders} if rounds else {this: load_catalogue(CATALOG_DIR)}
        if this == current:  # every published round, once: an archive's own build needs no second check
            check_plausibility(CATALOG_DIR)  # issue 22: a cap far from the last round's, a window out of order …
    except CatalogueError as err:
        raise PluginError(f"目录数据错误：{err}") from None
    cat = catalogues[this]
    round_dir = CATALOG_DIR / this if rounds else CATALOG_DIR
    _state.update({"catalogue": cat, "round": this, "current": current, "archived": [f for f in folders if f != current],
               "editions": editions(catalogues, current, this),
               "retired": retired_products(catalogues, current) if this == current else []})
    try:  # issue 12: the 办事指南 data, the provenance of the text and who hosts this build
        _guide["data"] = load_guide(round_dir, cat)
        provenance = load_provenance(round_dir, cat)
    except CatalogueError as err:
        raise PluginError(f"目录数据错误：{err}") from None
    # The build date shown with every figure: whoever builds may set SOURCE_DATE_EPOCH, else the latest
    # commit's date; read before the line below gives the sitemap a date of its own.
    _state["build_date"] = build_date(ROOT)
    # Two builds of the same sources must be byte-identical, the sitemap's dates included. The notice's date
    # is a day in Beijing: noon there (04:00 UTC) is that day in both zones, which MkDocs (UTC) and readers share;
    # runtime/snapshot_maker.mjs freezes its clock at the same moment.
    _state["epoch_given"] = "SOURCE_DATE_EPOCH" in os.environ
    if "SOURCE_DATE_EPOCH" not in os.environ:
        published = datetime.fromisoformat(f"{cat.policy['notice']['published']}T12:00:00+08:00")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(published.timestamp()))
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.load_userdict(user_dictionary(cat, frequency=lambda word: jieba.dt.FREQ.get(word) or 0))
    _state["sections"] = {}
    # The site's title and description are the round's (catalog/<round>/policy.yaml `programme`), not mkdocs.yml's.
    config["site_name"] = cat.policy["programme"]["site_name"]
    config["site_description"] = cat.policy["programme"]["site_description"]
    config["nav"] = navigation()
    config["extra"]["gd"] = {
        "site_name": cat.policy["notice"]["source"],
        "published": cat.policy["notice"]["published"],
        "source": cat.policy["notice"]["source"],
        "notice_number": cat.policy["notice"]["number"],
        "programme": cat.policy["programme"]["name"],
        "catalogue_version": cat.policy["notice"]["catalogue_version"],
        "calculator_package": WHEEL_PACKAGE,
        "provenance": provenance,
        "rounds": [e.as_dict() for e in _state["editions"]] if len(_state["editions"]) > 1 else [],
    }
    return config


def on_files(files: Files, config) -> Files:
    cat = _state["catalogue"]
    try:  # first: the calculator page carries figures the engine computed on this very text
        catalog_json = catalogue_json(cat)
    except ExportError as err:
        raise PluginError(str(err)) from None
    site = SiteRenderer(cat, _guide["data"], config["extra"]["gd"]["provenance"], _state["editions"], _state["retired"])
    for page in render_pages(site):
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    files.append(File.generated(config, "catalog.json", content=catalog_json))
    files.append(File.generated(config, "catalog.csv", content=catalogue_csv(cat)))
    files.append(File.generated(config, "catalog.schema.json", content=CATALOG_SCHEMA.read_text("utf-8")))
    # What the engine and page scripts write, converted in the page on 繁体 pages (generator/hant/runtime.py).
    files.append(File.generated(config, TABLE_PATH, content=table_json(
        calculator_corpus(ROOT, catalog_json), protected_names=[cat.policy["notice"]["number"]])))
    try:
        for src_uri, path in bundle_files(ROOT, ROOT / ".cache" / "bundle", catalog_json):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
            if src_uri.endswith("/bundle.json"):
                bundle_json = path.read_bytes()
    except BundleError as err:
        raise PluginError(f"无法打包浏览器测算器：{err}") from None
    # Which data and engine every page, result, sheet and CSV comes from (generator/hosting/build_identity.py);
    # the site's own build id is known only once every file is written, and replaces the slot then.
    config["extra"]["gd"]["build"] = {**build_identity(catalog_json, bundle_json, _state["build_date"]),
                                      "site": SITE_BUILD_SLOT}
    try:
        for src_uri, path in vendored_files(ROOT):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    except VendorError as err:
        raise PluginError(str(err)) from None
    return files


def on_page_content(html: str, page, config, files) -> str:
    # The calculator's result and printed sheet say which build gave their figures.
    html = html.replace(BUILD_LABEL_SLOT, html_escape(config["extra"]["gd"]["build"]["label"]))
    # Every page but the product pages (indexed from the catalogue itself) is searched by section.
    products = {p["page"] for p in catalogue_data(_state["catalogue"])["products"]}
    meta = page.meta or {}
    if page.url in products or (meta.get("search") or {}).get("exclude"):  # Material's per-page opt-out
        return html
    sections = page_sections(page.url, page.title or "", html)
    if meta.get("calculator"):
        # The calculator's other headings title its result areas (fallback texts, the printed sheet):
        # states of a form, not text to find. The page is found by its introduction.
        sections = sections[:1]
    _state["sections"][page.url] = sections
    return html


def _write_search_index(site: Path) -> None:
    import jieba

    cat = _state["catalogue"]
    data = catalogue_data(cat)
    sections = [doc for url in sorted(_state["sections"]) for doc in _state["sections"][url]]
    categories = {}
    for p in data["products"]:
        categories.setdefault(p["category"], f"products/#cat-{p['id']}")
    links = {"categories": [{"t": name, "u": url} for name, url in categories.items()],
             "needs": [{"t": n["name"], "u": f"#need-{n['id']}"} for n in cat.search["needs"]]}
    try:
        index = build_index(data, cat.search, sections, lambda text: jieba.cut_for_search(text, HMM=False),
                            lambda word: jieba.dt.FREQ.get(word) or 0, jieba.dt.total, links,
                            common_words=[w for w, f in jieba.dt.FREQ.items() if f >= COMMON_FREQ and len(w) > 1])
    except CatalogueError as err:
        raise PluginError(f"目录数据错误：{err}") from None
    path = site / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(index_json(index), "utf-8")


def on_page_context(context, page, config, nav):
    # A relative canonical link (the page itself, without its query) until configure_site writes the address.
    page.canonical_url = "./"
    # Material prints this raw; the second line of defence.
    context["base_url"] = printable_url(context["base_url"])
    return context


def on_template_context(context, template_name, config):
    # 404.html uses base_url, the path of SITE_URL, in attributes and in an inline script string.
    if "base_url" in context:
        context["base_url"] = printable_url(context["base_url"])
    return context


def on_env(env, config, files):
    # The toolbar's 简/繁 switch and share panel, rendered by the generator so that the 繁体 copies can
    # render them again for their own URL.
    env.globals["gd_script_switch"] = lambda url: script_switch(url, HANS)
    env.globals["gd_script_memory"] = lambda url: script_memory(url, HANS)
    env.globals["gd_share"] = lambda url, title: share_panel(url, HANS, title)
    env.globals["gd_not_found_switch"] = lambda hans, hant: not_found_switch(hans, hant, HANS)
    env.globals["gd_not_found_memory"] = not_found_memory
    env.globals["gd_alternates"] = alternate_links
    return env


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    _write_search_index(site)
    # The 繁体 copy before the service worker and the policy, which list and hash its pages too.
    build_traditional(site, "", protected_names=[_state["catalogue"].policy["notice"]["number"]])
    # Then every file the pages load gets a name that changes with its content, and every page the id of
    # the build it belongs to; build.json names the build for pages to check against (docs/updates.md).
    try:
        fingerprints = fingerprint_site(site, "/", hooks={"bundle.json": refreshed_manifest})
    except FingerprintError as err:
        raise PluginError(f"按内容命名文件失败：{err}") from None
    build = {key: value for key, value in config["extra"]["gd"]["build"].items() if key != "site"}
    manifest = stamp_site_build(site, build, extra=service_worker_template())
    write_service_worker(site, fingerprints, manifest["build"])
    # Refuse any inline script no template wrote, before the site is configured (which hashes them again).
    try:
        content_security_policy(site, config["theme"].dirs)
    except InlineScriptError as err:
        raise PluginError(f"内容安全策略（CSP）：{err}") from None
    # The address, the host's identity and the framing origins; csp.txt, .htaccess, web.config.
    published = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC).date().isoformat()
    try:
        configure_site(site, _state["release"], lastmod=published, built=True)
    except ConfigError as err:
        raise PluginError(f"网站配置错误：{err}") from None
    # Last, so that every file above (the 繁体 copy, sw.js, csp.txt) has its compressed copy too.
    precompress_site(site)
    # Earlier rounds, each a whole site of its own under archive/<folder>/, built after this one is complete
    # so that nothing above (names, policy, service worker, addresses) reaches into them.
    if _state["round"] == _state["current"]:
        for folder in _state["archived"]:
            _build_archive(config, site, folder)


def _build_archive(config, site: Path, folder: str) -> None:
    import subprocess

    address = _state["release"].address
    env = {**os.environ, ROUND_ENV: folder, "GD_CATALOG_DIR": str(CATALOG_DIR),
           "SITE_URL": address + archive_path(folder) if address else ""}
    if not _state["epoch_given"]:
        env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                           config.config_file_path, "-d", str(site / archive_path(folder))],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise PluginError(f"{folder} 年度存档构建失败：{(done.stderr or done.stdout).strip()[-2000:]}")
