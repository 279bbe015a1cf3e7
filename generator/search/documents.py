"""The documents of the search index: one per product, from the catalogue, and one per section of every
other page, split at its headings and at the notice's clause paragraphs, each clause with the words of
the policy parameters that cite it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from generator.catalogue import cited
from generator.pages import wan

# How much a term found in each field counts. A product's name and the words users search it by count
# most; the long scenario text least, so that a word merely mentioned there does not outrank a name.
PRODUCT_FIELDS = {"name": 10.0, "keywords": 6.0, "summary": 4.0, "category": 3.0, "needs": 3.0,
                  "modules": 1.5, "scenario": 1.0, "remark": 1.0}
SECTION_FIELDS = {"title": 8.0, "page": 2.0, "text": 1.5}
# A clause of the notice also holds the words of the policy parameters that cite it (policy.yaml): the
# cities of the ratio clause, the excluded city of the scope clause. A city then finds 四、奖补标准, which
# names only its region, and an excluded city finds 二、面向范围 first.
CLAUSE_FIELDS = {**SECTION_FIELDS, "policy": 3.0}
_HAN = re.compile(r"[\u3400-\u9fff]")
EXCERPT_CHARS = 90
# A paragraph that is a clause of its own (the notice's 附件说明 1–4) is titled by its first words.
CLAUSE_TITLE_CHARS = 36
# The page whose sections are the notice's clauses. A policy question must reach one of them, so the
# engine keeps the best of them in the top three of a how-to question (engine.js, CLAUSE_SLOT).
CLAUSE_PAGES = frozenset({"notice/"})
_SPACE = re.compile(r"\s+")


@dataclass
class Document:
    """One search result: a product page, or one section of another page."""

    url: str
    title: str
    kind: str  # "product" or "section"
    sub: str
    excerpt: str
    fields: dict[str, str]
    weights: dict[str, float]
    keywords: str = ""
    clause: bool = False  # a section of the notice itself (CLAUSE_PAGES)


@dataclass
class _Section:
    anchor: str
    excluded: bool = False
    title: str = ""
    text: list[str] = field(default_factory=list)
    heading: _Section | None = None  # for a paragraph with its own anchor: the section it sits in
    table: bool = False  # holds a table: a listing (the annex's products), not a clause


class _SectionSplitter(HTMLParser):
    """Splits a page body at its headings that carry an id, and at paragraphs that are clauses of their own;
    skips `data-search-exclude` and permalinks.

    A clause paragraph is a `<p>` with an id and no class: what Markdown's attribute lists write for
    `{: #annex-note-3 }`, the anchors the catalogue cites (附件说明 3 is the 30 万 cap, and a question
    about the cap must land on it, not on the four notes together). Notes and widgets carry a class.
    The text after such a paragraph belongs to its heading's section again.
    """

    HEADINGS = frozenset({"h1", "h2", "h3"})
    # Not text a reader looks for: code, drawings, and the choices of a form (the calculator's product list).
    NOT_TEXT = frozenset({"script", "style", "svg", "select", "template", "datalist", "noscript"})
    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed",
                      "track"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_Section] = [_Section("")]
        self.current = self.sections[0]
        self._skip_depth = 0  # >0 while inside an excluded element
        self._stack: list[tuple[str, bool, _Section | None]] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        attr = dict(attrs)
        excluded = "data-search-exclude" in attr
        resume = None
        if tag in self.HEADINGS and attr.get("id") and not self._skip_depth:
            # An excluded heading still ends the section before it; its own section is dropped.
            self.current = _Section(attr["id"] or "", excluded)
            self.sections.append(self.current)
            self._in_heading = True
            excluded = False
        elif (tag == "p" and attr.get("id") and "class" not in attr and not self._skip_depth
              and self.current.heading is None):
            resume = self.current
            self.current = _Section(attr["id"] or "", excluded, heading=resume)
            self.sections.append(self.current)
            excluded = False
        skip = excluded or tag in self.NOT_TEXT or "headerlink" in (attr.get("class") or "").split()
        if tag == "table":
            self.current.table = True
        self._stack.append((tag, skip, resume))
        if skip:
            self._skip_depth += 1
        if tag in ("p", "li", "td", "th", "div", "tr") and not self._skip_depth:
            self._write(" ")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, skip, resume = self._stack.pop()
            if skip:
                self._skip_depth -= 1
            if open_tag in self.HEADINGS:
                self._in_heading = False
            if resume is not None:
                self.current = resume
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._write(data)

    def _write(self, data: str) -> None:
        section = self.current
        if self._in_heading:
            section.title += data
        else:
            section.text.append(data)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _clause_title(text: str) -> str:
    """A clause paragraph's first words: up to its first 。 or ；, at most CLAUSE_TITLE_CHARS characters."""
    first = re.split(r"[。；]", text, maxsplit=1)[0]
    return first if len(first) <= CLAUSE_TITLE_CHARS else first[:CLAUSE_TITLE_CHARS] + "…"


def page_sections(url: str, page_title: str, html: str) -> list[Document]:
    """One document per heading with an id (and one for the text before the first heading), and one per
    clause paragraph (titled by its first words)."""
    splitter = _SectionSplitter()
    splitter.feed(html)
    splitter.close()
    docs = []
    for section in splitter.sections:
        if section.excluded or (section.heading is not None and section.heading.excluded):
            continue
        title, text = _clean(section.title), _clean("".join(section.text))
        if not text and not title:
            continue
        target = f"{url}#{section.anchor}" if section.anchor else url
        excerpt = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
        if section.heading is not None:
            heading = _clean(section.heading.title) or page_title
            # Its heading counts as the page does, not as a title: 兑现 in （二）服务券兑现时间 says little
            # about the paragraph on the order of processing below it.
            docs.append(Document(url=target, title=_clause_title(text), kind="section", sub=f"{page_title} · {heading}",
                                 excerpt=excerpt, fields={"page": f"{page_title} {heading}", "text": text},
                                 weights=SECTION_FIELDS, clause=url in CLAUSE_PAGES))
            continue
        docs.append(Document(url=target, title=title or page_title, kind="section", sub=page_title,
                             excerpt=excerpt, fields={"title": title or page_title, "page": page_title, "text": text},
                             weights=SECTION_FIELDS, clause=url in CLAUSE_PAGES and not section.table))
    return docs


def product_documents(data: dict[str, Any], needs: list[dict[str, Any]]) -> list[Document]:
    """One document per product, from catalog.json's data (the same text the product page shows)."""
    docs = []
    for p in data["products"]:
        served = " ".join(n["name"] for n in needs if p["id"] in n["products"])
        sub = f"{p['category']} · 奖补上限 {wan(p['cap'])}"
        docs.append(Document(
            url=p["page"], title=f"{p['number']}. {p['name']}", kind="product", sub=sub, excerpt=p["summary"],
            fields={"name": p["name"], "keywords": " ".join(p["keywords"]), "summary": p["summary"],
                    "category": p["category"], "needs": served, "modules": " ".join(p["modules"] + p["optional_modules"]),
                    "scenario": p["scenario"], "remark": p["remark"]},
            weights=PRODUCT_FIELDS, keywords=" ".join([p["name"], *p["keywords"]])))
    return docs


def _policy_words(policy: Any) -> dict[str, list[str]]:
    """The Chinese words of every policy parameter (names, descriptions, notes, the cities a table is
    keyed by), by the anchor of the clause it cites."""
    out: dict[str, list[str]] = {}

    def texts(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value] if _HAN.search(value) else []
        if isinstance(value, dict):
            return [x for k, v in value.items() if k != "reference" for x in ([k] if _HAN.search(k) else []) + texts(v)]
        if isinstance(value, list):
            return [x for v in value for x in texts(v)]
        return []

    for _, node in cited(policy):
        anchor = node["reference"].get("anchor")
        if anchor:
            out.setdefault(anchor, []).extend(texts(node))
    return out


def lend_policy_words(sections: list[Document], policy: dict[str, Any]) -> list[Document]:
    """The sections, each clause of the notice with the words of the parameters that cite it."""
    words = _policy_words(policy)
    out = []
    for doc in sections:
        anchor = doc.url.partition("#")[2]
        lent = words.get(anchor) if doc.clause and anchor else None
        if lent:
            doc = replace(doc, fields={**doc.fields, "policy": " ".join(dict.fromkeys(lent))}, weights=CLAUSE_FIELDS)
        out.append(doc)
    return out


