"""The 繁体 copy of the site: `build_traditional` converts the built 简体 pages with OpenCC (s2hk), keeping
文号 as written (`pages`); `table_json` ships, at `TABLE_PATH`, the dictionary subset that the pages convert
with at run time, for the text that `calculator_corpus` collects (`runtime`).

Other rooms import only what is named here.
"""

from generator.hant.pages import Converter, build_traditional
from generator.hant.runtime import TABLE_PATH, calculator_corpus, table_json

__all__ = ["TABLE_PATH", "Converter", "build_traditional", "calculator_corpus", "table_json"]
