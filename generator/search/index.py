"""The site's search index: products from the catalogue, and the sections of every other page.

Written at build time to `assets/search/index.json` and fetched by the browser when the search box is
first used. It holds the documents, a weighted posting list per term, the jieba dictionary the terms
were cut with (so that the browser cuts a query exactly as the build cut the pages), the users'
vocabulary of catalog/search.yaml (stop words, synonyms, guidance words) and a 繁→简 character table, so
that a query typed in 繁体 finds the 简体 pages (and, on the 繁体 copy, whose index is converted, both).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from generator.catalogue.reader import SEARCH_FILE, CatalogueError
from generator.pages import formatting

INDEX_PATH = "assets/search/index.json"
FORMAT = 1

# How much a term found in each field counts. A product's name and the words users search it by count
# most; the long scenario text least, so that a word merely mentioned there does not outrank a name.
PRODUCT_FIELDS = {"name": 10.0, "keywords": 6.0, "summary": 4.0, "category": 3.0, "needs": 3.0,
                  "modules": 1.5, "scenario": 1.0, "remark": 1.0}
SECTION_FIELDS = {"title": 8.0, "page": 2.0, "text": 1.5}
# A clause of the notice also holds the words of the policy parameters that cite it (policy.yaml): the
# cities of the ratio clause, the excluded city of the scope clause. 湛江 then finds 四、奖补标准, which
# names only 粤东西北, and 深圳 finds 二、面向范围 first.
CLAUSE_FIELDS = {**SECTION_FIELDS, "policy": 3.0}
# A section's text counts less the longer it is (BM25's length normalisation, b = 0.5): a word in a
# three-line clause says more about it than the same word in the annex's table of 27 products.
LENGTH_B = 0.5
_HAN = re.compile(r"[\u3400-\u9fff]")
EXCERPT_CHARS = 90
# A paragraph that is a clause of its own (the notice's 附件说明 1–4) is titled by its first words.
CLAUSE_TITLE_CHARS = 36
# The page whose sections are the notice's clauses. A policy question must reach one of them, so the
# engine keeps the best of them in the top three of a how-to question (engine.js, CLAUSE_SLOT).
CLAUSE_PAGES = frozenset({"notice/"})
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

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            anchor = (value.get("reference") or {}).get("anchor") if isinstance(value.get("reference"), dict) else None
            if anchor:
                out.setdefault(anchor, []).extend(texts(value))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(policy)
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


def _vocabulary(search: dict[str, Any]) -> tuple[set[str], dict[str, list[str]], set[str], set[str]]:
    stop = {w.lower() for entry in search["stop_words"] for w in entry["words"]}
    guide = {w.lower() for entry in search["guidance"] for w in entry["words"]}
    amount = {w.lower() for entry in search["guidance"] if entry.get("about") == "amount" for w in entry["words"]}
    synonyms: dict[str, list[str]] = {}
    for entry in search["synonyms"]:
        for word in entry["words"]:
            synonyms.setdefault(normalise(word).lower(), []).extend(entry["means"])
    return stop, synonyms, guide, amount


def _replaced(search: dict[str, Any]) -> list[str]:
    """The users' words searched only by what they mean (`replace: true`)."""
    return sorted({normalise(w).lower() for entry in search["synonyms"] if entry.get("replace") for w in entry["words"]})


class _FieldWeights:
    """The weight of a term in a field of a document, the length of a section's text taken into account."""

    def __init__(self, docs: list[Document]) -> None:
        lengths = [len(d.fields["text"]) for d in docs if d.kind == "section"]
        self.average = (sum(lengths) / len(lengths)) if lengths else 1.0

    def __call__(self, doc: Document, name: str) -> float:
        weight = doc.weights[name]
        if doc.kind == "section" and name == "text":
            weight /= 1 - LENGTH_B + LENGTH_B * max(len(doc.fields["text"]), 1) / self.average
        return weight


def build_index(data: dict[str, Any], search: dict[str, Any], sections: list[Document],
                cut_for_search: Callable[[str], Iterable[str]], frequency: Callable[[str], int],
                total: int, links: dict[str, Any], common_words: Iterable[str] = ()) -> dict[str, Any]:
    """The index document. `frequency` and `total` are jieba's, for the dictionary the browser gets;
    `common_words` are jieba's frequent words, which the browser needs to cut the rest of a sentence
    (想知道 → 想 / 知道) as jieba does."""
    stop, synonyms, guide, amount = _vocabulary(search)
    segmenter = Segmenter(cut_for_search, stop)
    docs = product_documents(data, search["needs"]) + lend_policy_words(sections, data.get("policy") or {})
    weight_of = _FieldWeights(docs)
    postings: dict[str, dict[int, float]] = {}
    for i, doc in enumerate(docs):
        for name, text in doc.fields.items():
            counts: dict[str, int] = {}
            for term in segmenter.terms(text):
                counts[term] = counts.get(term, 0) + 1
            for term, count in counts.items():
                entry = postings.setdefault(term, {})
                entry[i] = entry.get(i, 0.0) + weight_of(doc, name) * (1 + math.log(count))

    # A synonym's meaning is a phrase of the catalogue, and is matched as that phrase: 生产协同 is where
    # the text says 生产协同, not every page that says 生产 somewhere and 协同 elsewhere (供应链协同). A
    # phrase that the cut splits gets a posting list of its own, of the documents that hold it verbatim.
    for i, entry in enumerate(search["synonyms"]):
        for j, phrase in enumerate(entry["means"]):
            terms = segmenter.terms(phrase)
            key = normalise(phrase).lower()
            if len(terms) > 1:
                found = _phrase_postings(docs, key, weight_of)
                if found:
                    entry_postings = postings.setdefault(key, {})
                    for doc, weight in found.items():
                        entry_postings[doc] = max(entry_postings.get(doc, 0.0), weight)
                terms = [key]
            if not terms or any(t not in postings for t in terms):
                raise CatalogueError(SEARCH_FILE, f"synonyms[{i}].means[{j}]",
                                     f"“{phrase}”在产品目录和各页面中都找不到，无法作为检索对应词")
    meanings: dict[str, list[list[str]]] = {}
    for word, phrases in synonyms.items():
        meanings[word] = [_meaning_terms(segmenter, p) for p in dict.fromkeys(phrases)]

    # The browser's dictionary: every word the build cut the pages into, the users' vocabulary, and
    # every single character of those, with jieba's frequencies (see search.js for the argument why
    # this cuts any query the way jieba with its full dictionary would, for the words that matter).
    words = set(segmenter.used) | set(common_words)
    for entry in (*search["stop_words"], *search.get("weak_words", []), *search["synonyms"], *search["guidance"]):
        for word in entry["words"]:
            words.add(word)
            words.update(segmenter.cut(normalise(word)))
    words |= {ch for word in list(words) for ch in word}
    dictionary = {w: f for w in sorted(words) if (f := frequency(w)) > 0}

    # 繁体 forms of every character of the dictionary and the index, as s2hk (the 繁体 copy), s2t and s2tw
    # write them, mapped back to 简体.
    fold = traditional_folding(set(dictionary) | set(postings))

    return {
        "format": FORMAT,
        "dict": {"total": total, "words": dictionary},
        "stop": sorted(stop),
        "guide": sorted(guide),
        "amount": sorted(amount),
        "weak": sorted({normalise(w).lower() for entry in search.get("weak_words", []) for w in entry["words"]}),
        "syn": {w: meanings[w] for w in sorted(meanings)},
        "replace": _replaced(search),
        "docs": [{"u": d.url, "t": d.title, "k": d.kind, "s": d.sub, "x": d.excerpt,
                  **({"w": d.keywords} if d.keywords else {}), **({"c": 1} if d.clause else {})} for d in docs],
        "terms": {t: [x for i in sorted(postings[t]) for x in (i, round(postings[t][i], 2))]
                  for t in sorted(postings)},
        "links": links,
        "fold": fold,
    }


def _phrase_postings(docs: list[Document], phrase: str, weight_of: _FieldWeights) -> dict[int, float]:
    """The documents holding `phrase` verbatim, weighted like a term: by field, 1 + log of the count."""
    out: dict[int, float] = {}
    for i, doc in enumerate(docs):
        weight = 0.0
        for name, text in doc.fields.items():
            count = normalise(text).lower().count(phrase)
            if count:
                weight += weight_of(doc, name) * (1 + math.log(count))
        if weight:
            out[i] = round(weight, 2)
    return out


def _meaning_terms(segmenter: Segmenter, phrase: str) -> list[str]:
    terms = segmenter.terms(phrase)
    return [normalise(phrase).lower()] if len(terms) > 1 else terms


def traditional_folding(words: Iterable[str]) -> list[str]:
    """The 繁→简 character table of the query: two strings, 繁体 characters and their 简体 forms.

    Built with OpenCC (the converter of the 繁体 copy) from every 繁体 form the s2hk, s2t and s2tw profiles
    give the index's words; each is mapped back with t2s, character by character (t2s of one character is
    its most common form, which is the form the index uses). Only characters that change are listed.
    """
    import opencc

    text = "\n".join(sorted(words))
    seen = set()
    for profile in ("s2hk", "s2t", "s2tw"):
        seen.update(opencc.OpenCC(profile).convert(text))
    back = opencc.OpenCC("t2s")
    pairs = sorted((ch, simple) for ch in seen if len(simple := back.convert(ch)) == 1 and simple != ch)
    return ["".join(a for a, _ in pairs), "".join(b for _, b in pairs)]


def index_json(index: dict[str, Any]) -> str:
    """The index as JSON. The 繁→简 table is written as \\u escapes: the 繁体 copy converts the whole file
    to 繁体 (generator/hant/pages.py), and must leave the table's 简体 side as it is."""
    body = {key: value for key, value in index.items() if key != "fold"}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    if "fold" in index:
        text = text[:-1] + ',"fold":' + json.dumps(index["fold"], ensure_ascii=True, separators=(",", ":")) + "}"
    return text + "\n"
