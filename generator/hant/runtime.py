"""The 繁体 conversion table for text written by the page's scripts (the calculator's results, errors and
status lines), made at build time from OpenCC's own s2hk dictionaries.

The engine's wording (calculator/wording.py, the catalogue's names and messages) has one source, in
简体. The 繁体 pages get it in 繁体 by running OpenCC's s2hk algorithm in the page
(`assets/js/hant/convert.js`) on a subset of OpenCC's dictionaries: every entry whose key is made only of
characters that the engine, the catalogue and the page scripts can write. A text made of those characters
meets exactly the entries the full dictionaries would give it, so the page writes what
`generator.hant.pages.Converter` writes for the same text (the tests compare the two). The protected
identifiers (文号 and official names) are shipped as the same pattern and kept as issued.

OpenCC's s2hk, as its s2hk.json describes it: normalise CJK compatibility ideographs; split the text by
longest match in STPhrases (runs that match nothing form one segment); convert each segment by longest
match in the phrases, else by STCharacters; then, within each segment, by HKVariantsPhrases, else
HKVariants. The first value of an entry is the one OpenCC uses.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from generator.hant.pages import DOCUMENT_NUMBER, PROFILE

TABLE_PATH = "assets/js/hant/table.json"
# The conversion steps of s2hk.json, in order; each step is a list of dictionaries tried in turn
# (short-circuit), and a list inside it is a union of dictionaries (longest match wins).
NORMALISE = "CJK_Compatibility_Ideographs"
SEGMENT = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
STEP_1 = (SEGMENT, ("STCharacters",))
STEP_2 = (("HKVariantsPhrases",), ("HKVariants",))


def _opencc_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "clib"


@cache
def opencc_entries(name: str) -> dict[str, tuple[str, ...]]:
    """One of OpenCC's dictionaries as {key: values, best first}, read with the opencc_dict tool it ships."""
    clib = _opencc_dir()
    config = (clib / "share" / "opencc" / f"{PROFILE}.json").read_text("utf-8")
    if f'"{name}.ocd2"' not in config:
        raise ValueError(f"{name} is not a dictionary of {PROFILE}")
    # A private directory per call: parallel builds never share a half-written file.
    with tempfile.TemporaryDirectory(prefix="gd-opencc-") as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / f"{name}.ocd2"),
                        "-o", str(out), "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        entries: dict[str, tuple[str, ...]] = {}
        for line in out.read_text("utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key and values:
                entries.setdefault(key, tuple(values.split(" ")))
    return entries


def opencc_dictionary(name: str) -> dict[str, str]:
    """{key: the value OpenCC uses}: the first of each entry's values."""
    return {key: values[0] for key, values in opencc_entries(name).items()}


def simplified_only(text: str) -> set[str]:
    """The characters of `text` that only 简体 writes: converted by s2hk, and never a 繁体 form of anything,
    Hong Kong's standard forms included (s2hk writes 兑 and 着)."""
    entries = opencc_entries("STCharacters")
    traditional = {c for name in ("STCharacters", "HKVariants", "HKVariantsPhrases")
                   for values in opencc_entries(name).values() for value in values for c in value}
    return {c for c in text if c in entries and c not in traditional}


def _union(names: Iterable[str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name in names:
        for key, value in opencc_dictionary(name).items():
            merged.setdefault(key, value)
    return merged


def _within(entries: dict[str, str], characters: set[str]) -> dict[str, str]:
    return {key: value for key, value in sorted(entries.items()) if set(key) <= characters}


def runtime_table(corpus: Iterable[str], protected_names: Iterable[str] = ()) -> dict:
    """The subset of the s2hk dictionaries that the texts made of `corpus`'s characters can meet.

    Phrases that convert as their characters do are still needed, as they decide where segments begin
    (a word can hide a shorter one inside it); they are shipped as a list of words without values."""
    characters = {c for text in corpus for c in text if ord(c) > 0x7F}
    normalise = _within(opencc_dictionary(NORMALISE), characters)
    characters |= set("".join(normalise.values()))
    phrases, single = (_within(_union(group), characters) for group in STEP_1)
    by_character = {key: value for key, value in phrases.items()
                    if value != "".join(single.get(c, c) for c in key)}
    # The second step sees the first one's output: the characters it may meet are those of its values.
    converted = characters | {c for table in (phrases, single) for value in table.values() for c in value}
    variant_phrases, variants = (_within(_union(group), converted) for group in STEP_2)
    names = sorted({n for n in protected_names if n}, key=len, reverse=True)
    return {
        "profile": PROFILE,
        # The same pattern as generator.hant.pages.Converter; JavaScript reads it with the "u" flag.
        "protect": "|".join([DOCUMENT_NUMBER, *(_js_escape(n) for n in names)]),
        "normalise": normalise,
        "phrases": by_character,
        "words": " ".join(key for key in phrases if key not in by_character),
        "characters": single,
        "variantPhrases": variant_phrases,
        "variants": variants,
    }


def _js_escape(text: str) -> str:
    return "".join("\\" + c if c in r"\^$.|?*+()[]{}/-" else c for c in text)


def calculator_corpus(root: Path, catalog_json: str) -> list[str]:
    """Every text the engine and the page scripts can write: the engine's source (its wording, messages
    and errors), the catalogue it computes from, and the scripts of the calculator and the round status."""
    sources = sorted((root / "calculator").glob("*.py"))
    sources += sorted((root / "site_src" / "docs" / "assets" / "calculator").glob("*.js"))
    sources.append(root / "site_src" / "docs" / "assets" / "js" / "round-status.js")
    return [catalog_json, *(path.read_text("utf-8") for path in sources)]


def table_json(corpus: Iterable[str], protected_names: Iterable[str] = ()) -> str:
    return json.dumps(runtime_table(corpus, protected_names), ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True)
