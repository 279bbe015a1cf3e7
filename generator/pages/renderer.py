"""Render the generated pages of the site from the catalogue with Jinja2 templates (autoescaped)."""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from calculator.plan import MAX_ROWS
from generator.catalogue.export import NOTICE_PAGE, catalogue_data, join_items, product_page
from generator.catalogue.reader import Catalogue, insert_table, notice_page_markdown
from generator.pages import formatting
from generator.pages.needs import cap_choices, resolve_needs
from generator.pages.qr import qr_placeholder
from generator.pages.supplier_kit import qr_file_names

TEMPLATES = Path(__file__).resolve().parent / "templates"
HOME, CATALOGUE, CALCULATOR, DOWNLOADS = "", "products/", "calculator/", "downloads/"


@dataclass(frozen=True)
class Page:
    """A generated page: its source path under docs/, its URL and its Markdown."""

    src_uri: str
    url: str
    title: str
    markdown: str


def relative(from_url: str, to_url: str) -> str:
    """A relative link from one directory-style URL to another, so the site works under any path."""
    target, _, fragment = to_url.partition("#")
    path = posixpath.relpath(target or ".", from_url or ".")
    directory = target == "" or target.endswith("/")
    path = "./" if path == "." else (path + "/" if directory and not path.endswith("/") else path)
    return path + (f"#{fragment}" if fragment else "")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(yuan=formatting.yuan, wan=formatting.wan, percent=formatting.percent,
                       datetime_zh=formatting.datetime_zh, join_items=join_items)
    return env


def notice_notes(data: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Notes to show on the notice page, by the anchor of the clause they concern: the notice's own notes
    (variants between the sources) and the notes of every policy parameter, under the clause it cites."""
    notes: dict[str, list[dict[str, str]]] = {}
    for note in data["notice"].get("notes", []):
        notes.setdefault(note["anchor"], []).append({"kind": note["kind"], "text": note["text"]})

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("reference"), dict) and node.get("notes"):
                for text in node["notes"]:
                    notes.setdefault(node["reference"]["anchor"], []).append({"kind": "整理说明", "text": text})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data["policy"])
    return notes


_HEADING_ANCHOR = "{{#{}}}"
_BLOCK_ANCHOR = "{{: #{} }}"


def insert_notes(markdown: str, blocks: dict[str, str]) -> str:
    """Put each rendered note block right after the paragraph its anchor names: after a `{: #id }` line,
    or after the first paragraph under a `## … {#id}` heading."""
    lines = markdown.split("\n")
    inserts: dict[int, list[str]] = {}
    for anchor, block in blocks.items():
        index = next((i for i, line in enumerate(lines)
                      if line.rstrip().endswith((_HEADING_ANCHOR.format(anchor), _BLOCK_ANCHOR.format(anchor)))), None)
        if index is None:
            raise ValueError(f"notice.md 中没有锚点 #{anchor}")
        at = index + 1
        if lines[index].startswith("#"):
            while at < len(lines) and not lines[at].strip():
                at += 1
            if at < len(lines) and not lines[at].startswith("#"):
                while at < len(lines) and lines[at].strip():
                    at += 1
            else:
                at = index + 1
        inserts.setdefault(at, []).append(block)
    out: list[str] = []
    for i, line in enumerate([*lines, ""]):
        for block in inserts.get(i, []):
            out += ["", block.strip("\n"), ""]
        if i < len(lines):
            out.append(line)
    return "\n".join(out)


def _front_matter(title: str, boost: int = 0, **extra: Any) -> str:
    # Material prints titles and descriptions as HTML, unescaped, so they are escaped here. JSON is
    # valid YAML and quotes whatever the catalogue holds.
    fields = {"title": title, **extra}
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    if boost:
        lines.append(f"search:\n  boost: {boost}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class SiteRenderer:
    """Renders every generated page for one catalogue. Pages name no public address: their QR codes and
    written-out addresses are places that generator/release/configure.py fills in (data-gd-address)."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.data = catalogue_data(cat)
        self.env = _environment()
        self.groups = {g["id"]: g for g in self.data["policy"]["exclusion_groups"]}
        self.ratios = {
            "regions": [{"name": r["name"], "ratio": r["ratio"]["value"], "reference": r["ratio"]["reference"],
                         "cities": [c for c, key in self.data["policy"]["cities"]["members"].items() if key == rid]}
                        for rid, r in self.data["policy"]["regions"].items()],
            "pilot": self.data["policy"]["cluster_pilot_ratio"],
        }

    def _render(self, template: str, url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return relative(url, target)

        def clause(reference: dict[str, str]) -> Markup:
            href = link(f"{NOTICE_PAGE}#{reference['anchor']}")
            return Markup('<a class="gd-clause" href="{}">{}</a>').format(href, reference["clause"])

        return self.env.get_template(template).render(
            cat=self.data, policy=self.data["policy"], notice=self.data["notice"], groups=self.groups,
            ratios=self.ratios, link=link, clause=clause, product_page=product_page, page_url=url,
            formatting=formatting, clause_text=self.clause_text,
            needs=resolve_needs(self.cat.search, self.data["products"]), caps=cap_choices(self.data["products"]),
            **context)

    def clause_text(self, anchor: str) -> str:
        """The words of one numbered clause of the notice (e.g. `annex-note-1`), as a sentence."""
        marker = f"{{: #{anchor} }}"
        before, found, _ = self.cat.notice_md.partition(marker)
        if not found:
            raise KeyError(f"通知中没有锚点 {anchor}")
        paragraph = before.rstrip().rsplit("\n\n", 1)[-1].strip()
        paragraph = re.sub(r"^\d+\\?\.\s*", "", paragraph)
        return paragraph.rstrip("；;。") + "。"

    def product_page(self, index: int) -> Page:
        product = self.data["products"][index]
        url = product["page"]
        group = self.groups.get(product["group"]) if product["group"] else None
        members = [p for p in self.data["products"] if group and p["id"] in group["products"] and p["id"] != product["id"]]
        pilot = next((e for e in self.data["policy"]["pilot_only"] if e["product"] == product["id"]), None)
        conditions = [c for c in self.data["policy"]["conditions"] if c["product"] == product["id"]]
        products = self.data["products"]
        previous = products[index - 1] if index > 0 else None
        following = products[index + 1] if index + 1 < len(products) else None
        qr_files = [posixpath.basename(name) for name in qr_file_names(url)]
        body = self._render("product.md.j2", url, product=product, group=group, members=members, pilot=pilot,
                            previous=previous, following=following,
                            conditions=conditions,
                            qr=Markup(qr_placeholder(url, f"本页二维码：{product['name']}")),
                            qr_files=qr_files, sheet_url=url + "sheet/")
        title = f"{product['id']:02d} {product['name']}"
        description = f"{product['category']} · {product['name']}：奖补上限 {formatting.wan(product['cap'])}。"
        return Page(f"{url}index.md", url, title,
                    _front_matter(title, boost=2, description=description, column="产品目录") + body)

    def product_sheet(self, index: int) -> Page:
        """The supplier's one-page printable sheet of a product (kept out of search)."""
        product = self.data["products"][index]
        url = product["page"] + "sheet/"
        body = self._render("product_sheet.md.j2", url, product=product,
                            qr=Markup(qr_placeholder(product["page"], f"产品页二维码：{product['name']}")))
        title = f"产品单页：{product['id']:02d} {product['name']}"
        front = _front_matter(title, description=f"{product['name']}的产品单页，供打印", column="产品目录")
        front = front.replace("\n---\n", "\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n", 1)
        return Page(f"{url}index.md", url, title, front + body)

    def pages(self) -> list[Page]:
        pages = [
            Page("index.md", HOME, "首页", _front_matter(self.data["notice"]["title"], column="首页",
                                                        description="服务券是什么、谁可以申领、奖补比例与关键日期")
                 + self._render("home.md.j2", HOME)),
            Page(f"{CATALOGUE}index.md", CATALOGUE, "产品目录",
                 _front_matter("产品目录", column="产品目录", description=self.data["notice"]["catalogue_title"])
                 + self._render("catalogue.md.j2", CATALOGUE)),
        ]
        pages += [self.product_page(i) for i in range(len(self.data["products"]))]
        pages += [self.product_sheet(i) for i in range(len(self.data["products"]))]
        table = self._render("notice_table.html.j2", NOTICE_PAGE)
        blocks = {anchor: self._render("notice_note.html.j2", NOTICE_PAGE, anchor=anchor, notes=notes)
                  for anchor, notes in notice_notes(self.data).items()}
        notice_md = insert_table(insert_notes(notice_page_markdown(self.cat.notice_md), blocks), table)
        pages += [
            Page("notice.md", NOTICE_PAGE, "通知全文",
                 _front_matter("通知全文", column="通知全文", description=self.data["notice"]["title"])
                 + notice_md),
            Page(f"{DOWNLOADS}index.md", DOWNLOADS, "数据下载",
                 _front_matter("数据下载", column="数据下载", description="产品目录与政策参数的开放数据")
                 + self._render("downloads.md.j2", DOWNLOADS)),
            Page(f"{CALCULATOR}index.md", CALCULATOR, "服务券测算",
                 _front_matter("服务券测算", column="服务券测算", description="估算企业可获得的服务券金额", calculator="1")
                 + self._render("calculator.md.j2", CALCULATOR, max_rows=MAX_ROWS)),
        ]
        return pages
