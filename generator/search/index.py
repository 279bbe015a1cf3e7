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
from typing import Any

from generator.catalogue import SEARCH_FILE, CatalogueError
from generator.search.documents import Document, lend_policy_words, product_documents

INDEX_PATH = "assets/search/index.json"
FORMAT = 1
# A section's text counts less the longer it is (BM25's length normalisation, b = 0.5): a word in a
# three-line clause says more about it than the same word in the annex's table of 27 products.
LENGTH_B = 0.5
# jieba's words at least this frequent go to the browser's dictionary even if no page uses them, so that
# a query's everyday words are cut as jieba cuts them (about 5,000 words, 25 KiB gzip).
COMMON_FREQ = 1000

_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")


def normalise(text: str) -> str:
    """Full-width letters and digits to ASCII (ＭＥＳ → MES), as the browser does with NFKC."""
    return unicodedata.normalize("NFKC", text)


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

    # A synonym's meaning is a phrase of the catalogue, and is matched as that phrase: a product's name is
    # where the text says that name, not every page that says each of its words somewhere else. A
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
