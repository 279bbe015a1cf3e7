"""The site's own search: `build_index` makes the lazy index (`INDEX_PATH`, written by `index_json`) from the
catalogue's products and the sections that `page_sections` cuts from every other built page (`documents`),
segmented with the jieba dictionary that `user_dictionary` writes from `catalog/search.yaml` (`terms`).

Other rooms import only what is named here.
"""

from generator.search.documents import Document, page_sections
from generator.search.index import COMMON_FREQ, INDEX_PATH, build_index, index_json, normalise
from generator.search.terms import user_dictionary

__all__ = ["COMMON_FREQ", "INDEX_PATH", "Document", "build_index", "index_json", "normalise", "page_sections",
           "user_dictionary"]
