"""The jieba user dictionary: product names and domain terms kept whole, compounds split."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from generator.catalogue import Catalogue

# The catalogue's words kept whole (a high frequency) or compounds split (frequency 0, so that a query for
# one of their parts finds them) are the round's search vocabulary: catalog/<round>/search.yaml `dictionary`.
KEEP_FREQ = 50000


# Users' words from catalog/search.yaml that jieba does not know, or rates too rarely to keep whole (省电
# is 3, so jieba cuts 省 / 电), get this frequency: enough to keep them whole (省电, 太乱, 多个系统), low
# enough not to outweigh the common words around them.
VOCABULARY_FREQ = 2000


def vocabulary_words(cat: Catalogue) -> Iterator[str]:
    """The users' words of catalog/search.yaml: stop words, weak words, synonyms and guidance words.

    The catalogue's words a synonym means (its `means`) are left out: the index splits them like the text
    they come from.
    """
    search = cat.search
    for entry in (*search.get("stop_words", []), *search.get("weak_words", []), *search.get("synonyms", []),
                  *search.get("guidance", [])):
        yield from entry["words"]


def user_dictionary(cat: Catalogue, frequency: Callable[[str], int] = lambda word: 0) -> io.StringIO:
    """A jieba user dictionary (one `word freq` per line) built from the catalogue and the lists above.

    `frequency` is jieba's own frequency of a word; the search vocabulary raises only the words below
    VOCABULARY_FREQ, so that jieba's frequencies of common words stay as they are.
    """
    words: dict[str, int] = {}
    for word in vocabulary_words(cat):
        if len(word) > 1 and not word.isascii() and frequency(word) < VOCABULARY_FREQ:
            words.setdefault(word, VOCABULARY_FREQ)
    dictionary = cat.search.get("dictionary", {})
    for word in dictionary.get("keep", {}).get("words", []):
        words[word] = KEEP_FREQ
    for product in cat.products:
        for keyword in product["keywords"]:
            if not keyword.isascii():
                words.setdefault(keyword, KEEP_FREQ)
    for word in dictionary.get("split", {}).get("words", []):
        words[word] = 0
    return io.StringIO("".join(f"{word} {freq}\n" for word, freq in sorted(words.items())))
