"""The site's page types: a new page type is one entry of `PAGE_TYPES`.

An entry names the page type (its label in the navigation, where it has a place there), the function that
writes its pages from the `SiteRenderer` (a template and, for a page made from one template, a line or two
with `SiteRenderer.page`; None for a page written by hand in `site_src/docs/`), its source file under
`docs/` and its place in the navigation (None: reached by links only). The order of the entries is the
order in which the build adds their files, which is the sitemap's order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from calculator.plan import MAX_ROWS
from generator.pages.guide import guide_context, guide_page
from generator.pages.notice_page import notice_page
from generator.pages.products import embedded_product_pages, product_pages, product_sheets
from generator.pages.renderer import Page, SiteRenderer
from generator.pages.rounds import retired_product_pages

HOME, CATALOGUE, CALCULATOR, DOWNLOADS, SELF_CHECK = "", "products/", "calculator/", "downloads/", "self-check/"
EMBED_CALCULATOR = "embed/calculator/"


def home(site: SiteRenderer) -> list[Page]:
    return [site.page(HOME, "home.md.j2", "首页", title=site.data["notice"]["title"],
                      description="服务券是什么、谁可以申领、奖补比例与关键日期",
                      after_round=guide_context(site.guide, site.data["policy"])["after_round"] if site.guide else None)]


def catalogue(site: SiteRenderer) -> list[Page]:
    return [site.page(CATALOGUE, "catalogue.md.j2", "产品目录", description=site.data["notice"]["catalogue_title"])]


def downloads(site: SiteRenderer) -> list[Page]:
    return [site.page(DOWNLOADS, "downloads.md.j2", "数据下载", description="产品目录与政策参数的开放数据")]


def calculator(site: SiteRenderer) -> list[Page]:
    return [site.page(CALCULATOR, "calculator.md.j2", "服务券测算", description="估算企业可获得的服务券金额",
                      front={"calculator": "1"}, max_rows=MAX_ROWS)]


def embed_calculator(site: SiteRenderer) -> list[Page]:
    """The calculator without the site's header, navigation and footer, for a portal's iframe (issue 20)."""
    return [site.page(EMBED_CALCULATOR, "calculator.md.j2", "服务券测算", description="估算企业可获得的服务券金额（嵌入视图）",
                      front={"calculator": "1", "embed": "1", "exclude_from_search": True}, max_rows=MAX_ROWS)]


def self_check(site: SiteRenderer) -> list[Page]:
    """部署自检: what an official opens after uploading (issue 20); out of the navigation and of search."""
    return [site.page(SELF_CHECK, "self_check.md.j2", "部署自检", description="检查服务器是否正确发送本站文件",
                      front={"exclude_from_search": True, "self_check": "1"})]


@dataclass(frozen=True)
class PageType:
    """One kind of page: see the module's docstring."""

    name: str
    make: Callable[[SiteRenderer], list[Page]] | None
    source: str | None = None
    nav: int | None = None


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("首页", home, "index.md", nav=1),
    PageType("产品目录", catalogue, "products/index.md", nav=2),
    PageType("产品页", product_pages),
    PageType("产品单页", product_sheets),
    PageType("通知全文", notice_page, "notice.md", nav=5),
    PageType("数据下载", downloads, "downloads/index.md", nav=6),
    PageType("服务券测算", calculator, "calculator/index.md", nav=3),
    PageType("办事指南", guide_page, "guide/index.md", nav=4),
    PageType("使用帮助", None, "help.md", nav=7),  # site_src/docs/help.md
    PageType("部署自检", self_check),
    PageType("测算嵌入视图", embed_calculator),
    PageType("产品页嵌入视图", embedded_product_pages),
    PageType("往年产品页", retired_product_pages),
)


def render_pages(site: SiteRenderer) -> list[Page]:
    """Every generated page of the site, page type by page type."""
    return [page for kind in PAGE_TYPES if kind.make for page in kind.make(site)]


def navigation() -> list[dict[str, str]]:
    """The site's navigation for MkDocs (`nav`). Product pages stay out of it: Material would repeat every
    product in every page's sidebar, making the build quadratic in the catalogue; they link to each
    other instead (prev/next)."""
    placed = sorted((kind for kind in PAGE_TYPES if kind.nav is not None), key=lambda kind: kind.nav or 0)
    return [{kind.name: kind.source} for kind in placed if kind.source]
