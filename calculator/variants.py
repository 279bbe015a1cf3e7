"""How people type the few words the engine reads: full-width forms, spaces, and the 繁体 forms of
the characters in amounts (萬), device counts (臺) and Guangdong's place names (廣州, 東莞, 肇慶…).

Not a converter: only the characters that occur in those inputs, so that a reader of the site's
繁体 copy, which writes 20萬 and 廣州, is understood. The engine is stdlib-only and runs in Pyodide,
so it cannot use OpenCC.
"""

from __future__ import annotations

import unicodedata

_SIMPLIFIED = str.maketrans({
    "萬": "万", "臺": "台", "廣": "广", "東": "东", "慶": "庆", "門": "门", "陽": "阳", "關": "关",
    "頭": "头", "遠": "远", "雲": "云", "區": "区", "縣": "县", "鎮": "镇", "開": "开", "發": "发",
    "順": "顺", "禪": "禅", "龍": "龙", "崗": "岗", "寶": "宝", "從": "从", "華": "华", "興": "兴",
    "會": "会", "羅": "罗", "灣": "湾", "豐": "丰", "陸": "陆", "連": "连", "鬥": "斗",
})


def plain(text: str) -> str:
    """`text` as the engine compares it: NFKC (full-width digits and letters to ASCII), no spaces,
    and 繁体 forms of the characters above in 简体."""
    return unicodedata.normalize("NFKC", text).translate(_SIMPLIFIED).replace(" ", "").strip()
