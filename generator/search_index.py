"""The site's search index: products from the catalogue, and the sections of every other page.

Written at build time to `assets/search/index.json` and fetched by the browser when the search box is
first used. It holds the documents, a weighted posting list per term, the jieba dictionary the terms
were cut with (so that the browser cuts a query exactly as the build cut the pages) and the users'
vocabulary of catalog/search.yaml (stop words, synonyms, guidance words).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from generator import formatting
from generator.catalogue import SEARCH_FILE, CatalogueError

INDEX_PATH = "assets/search/index.json"
FORMAT = 1

# How much a term found in each field counts. A product's name and the words users search it by count
# most; the long scenario text least, so that a word merely mentioned there does not outrank a name.
PRODUCT_FIELDS = {"name": 10.0, "keywords": 6.0, "summary": 4.0, "category": 3.0, "needs": 3.0,
                  "modules": 1.5, "scenario": 1.0, "remark": 1.0}
SECTION_FIELDS = {"title": 8.0, "page": 2.0, "text": 1.5}
EXCERPT_CHARS = 90
# jieba's words at least this frequent go to the browser's dictionary even if no page uses them, so that
# a query's everyday words are cut as jieba cuts them (about 5,000 words, 25 KiB gzip).
COMMON_FREQ = 1000

_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width letters and digits to ASCII (ＭＥＳ → MES), as the browser does with NFKC."""
    return unicodedata.normalize("NFKC", text)


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


@dataclass
class _Section:
    anchor: str
    excluded: bool = False
    title: str = ""
    text: list[str] = field(default_factory=list)


class _SectionSplitter(HTMLParser):
    """Splits a page body at its headings that carry an id; skips `data-search-exclude` and permalinks."""

    HEADINGS = frozenset({"h1", "h2", "h3"})
    # Not text a reader looks for: code, drawings, and the choices of a form (the calculator's product list).
    NOT_TEXT = frozenset({"script", "style", "svg", "select", "template", "datalist"})
    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed",
                      "track"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_Section] = [_Section("")]
        self._skip_depth = 0  # >0 while inside an excluded element
        self._stack: list[tuple[str, bool]] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        attr = dict(attrs)
        excluded = "data-search-exclude" in attr
        if tag in self.HEADINGS and attr.get("id") and not self._skip_depth:
            # An excluded heading still ends the section before it; its own section is dropped.
            self.sections.append(_Section(attr["id"] or "", excluded))
            self._in_heading = True
            excluded = False
        skip = excluded or tag in self.NOT_TEXT or "headerlink" in (attr.get("class") or "").split()
        self._stack.append((tag, skip))
        if skip:
            self._skip_depth += 1
        if tag in ("p", "li", "td", "th", "div", "tr") and not self._skip_depth:
            self._write(" ")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, skip = self._stack.pop()
            if skip:
                self._skip_depth -= 1
            if open_tag in self.HEADINGS:
                self._in_heading = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._write(data)

    def _write(self, data: str) -> None:
        section = self.sections[-1]
        if self._in_heading:
            section.title += data
        else:
            section.text.append(data)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def page_sections(url: str, page_title: str, html: str) -> list[Document]:
    """One document per heading with an id (and one for the text before the first heading)."""
    splitter = _SectionSplitter()
    splitter.feed(html)
    splitter.close()
    docs = []
    for section in splitter.sections:
        if section.excluded:
            continue
        title, text = _clean(section.title), _clean("".join(section.text))
        if not text and not title:
            continue
        target = f"{url}#{section.anchor}" if section.anchor else url
        docs.append(Document(url=target, title=title or page_title, kind="section", sub=page_title,
                             excerpt=text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else ""),
                             fields={"title": title or page_title, "page": page_title, "text": text},
                             weights=SECTION_FIELDS))
    return docs


def product_documents(data: dict[str, Any], needs: list[dict[str, Any]]) -> list[Document]:
    """One document per product, from catalog.json's data (the same text the product page shows)."""
    docs = []
    for p in data["products"]:
        served = " ".join(n["name"] for n in needs if p["id"] in n["products"])
        sub = f"{p['category']} · 奖补上限 {formatting.wan(p['cap'])}"
        docs.append(Document(
            url=p["page"], title=f"{p['id']}. {p['name']}", kind="product", sub=sub, excerpt=p["summary"],
            fields={"name": p["name"], "keywords": " ".join(p["keywords"]), "summary": p["summary"],
                    "category": p["category"], "needs": served, "modules": " ".join(p["modules"] + p["optional_modules"]),
                    "scenario": p["scenario"], "remark": p["remark"]},
            weights=PRODUCT_FIELDS, keywords=" ".join([p["name"], *p["keywords"]])))
    return docs


class Segmenter:
    """jieba's search-mode cut (no HMM, which the browser cannot repeat), recording the words it used."""

    def __init__(self, cut_for_search: Callable[[str], Iterable[str]], stop_words: set[str]) -> None:
        self.cut = cut_for_search
        self.stop_words = stop_words
        self.used: set[str] = set()

    def terms(self, text: str) -> list[str]:
        out = []
        for raw in self.cut(normalise(text)):
            self.used.add(raw)
            term = raw.lower()
            if _WORDLIKE.search(term) and term not in self.stop_words:
                out.append(term)
        return out


def _vocabulary(search: dict[str, Any]) -> tuple[set[str], dict[str, list[str]], set[str]]:
    stop = {w.lower() for entry in search["stop_words"] for w in entry["words"]}
    guide = {w.lower() for entry in search["guidance"] for w in entry["words"]}
    synonyms: dict[str, list[str]] = {}
    for entry in search["synonyms"]:
        for word in entry["words"]:
            synonyms.setdefault(normalise(word).lower(), []).extend(entry["means"])
    return stop, synonyms, guide


def build_index(data: dict[str, Any], search: dict[str, Any], sections: list[Document],
                cut_for_search: Callable[[str], Iterable[str]], frequency: Callable[[str], int],
                total: int, links: dict[str, Any], common_words: Iterable[str] = ()) -> dict[str, Any]:
    """The index document. `frequency` and `total` are jieba's, for the dictionary the browser gets;
    `common_words` are jieba's frequent words, which the browser needs to cut the rest of a sentence
    (想知道 → 想 / 知道) as jieba does."""
    stop, synonyms, guide = _vocabulary(search)
    segmenter = Segmenter(cut_for_search, stop)
    docs = product_documents(data, search["needs"]) + sections
    postings: dict[str, dict[int, float]] = {}
    for i, doc in enumerate(docs):
        for name, text in doc.fields.items():
            counts: dict[str, int] = {}
            for term in segmenter.terms(text):
                counts[term] = counts.get(term, 0) + 1
            for term, count in counts.items():
                entry = postings.setdefault(term, {})
                entry[i] = entry.get(i, 0.0) + doc.weights[name] * (1 + math.log(count))

    # A synonym's meaning is a phrase of the catalogue, cut like the pages; it must occur somewhere.
    meanings: dict[str, list[list[str]]] = {}
    for i, entry in enumerate(search["synonyms"]):
        for j, phrase in enumerate(entry["means"]):
            terms = segmenter.terms(phrase)
            missing = [t for t in terms if t not in postings]
            if not terms or missing:
                raise CatalogueError(SEARCH_FILE, f"synonyms[{i}].means[{j}]",
                                     f"“{phrase}”在产品目录和各页面中都找不到，无法作为检索对应词")
    for word, phrases in synonyms.items():
        meanings[word] = [segmenter.terms(p) for p in dict.fromkeys(phrases)]

    # The browser's dictionary: every word the build cut the pages into, the users' vocabulary, and
    # every single character of those, with jieba's frequencies (see search.js for the argument why
    # this cuts any query the way jieba with its full dictionary would, for the words that matter).
    words = set(segmenter.used) | set(common_words)
    for entry in (*search["stop_words"], *search["synonyms"], *search["guidance"]):
        for word in entry["words"]:
            words.add(word)
            words.update(segmenter.cut(normalise(word)))
    words |= {ch for word in list(words) for ch in word}
    dictionary = {w: f for w in sorted(words) if (f := frequency(w)) > 0}

    return {
        "format": FORMAT,
        "dict": {"total": total, "words": dictionary},
        "stop": sorted(stop),
        "guide": sorted(guide),
        "syn": {w: meanings[w] for w in sorted(meanings)},
        "docs": [{"u": d.url, "t": d.title, "k": d.kind, "s": d.sub, "x": d.excerpt,
                  **({"w": d.keywords} if d.keywords else {})} for d in docs],
        "terms": {t: [x for i in sorted(postings[t]) for x in (i, round(postings[t][i], 2))]
                  for t in sorted(postings)},
        "links": links,
    }


def index_json(index: dict[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
