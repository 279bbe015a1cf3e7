"""The jieba user dictionary: product names and domain terms kept whole, compounds split."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from generator.catalogue import Catalogue

# Frequency 0 makes jieba split a compound it would otherwise keep whole, so that a query for one of
# its parts finds it (能源管理 -> 能源 / 管理). High frequencies keep domain words whole.
SPLIT = ["能源管理", "管理系统", "高能耗", "设备物联", "设备管理", "设备智能", "仓储管理", "质量管理",
         "精益管理", "客户关系管理", "供应链协同", "生产协同", "资源计划", "数据管理", "条码管理",
         "停机管理", "能耗管理", "工业设备", "租赁管理", "视觉检测", "行业设计", "通用设计", "研发管理"]
KEEP = ["上云上平台", "服务券", "物联", "物联网", "能耗", "条码", "停机", "仓库", "仓储", "库存", "库位",
        "进销存", "排产", "工单", "良率", "品质", "质检", "视觉", "检测", "仿真", "租赁", "售后", "中台",
        "集群试点", "产业集群", "珠三角", "粤东西北", "奖补", "奖补上限", "奖补比例", "兑现", "申领",
        "互斥", "节能", "用能", "配电", "耗能", "追溯", "配方", "称重", "投料", "看板", "运维", "预测性",
        "大数据", "工业互联网", "供应商", "采购", "客户", "商机", "财务", "总账", "报表", "数据", "可视化"]


# Users' words from catalog/search.yaml that jieba does not know, or rates too rarely to keep whole (省电
# is 3, so jieba cuts 省 / 电), get this frequency: enough to keep them whole (省电, 太乱, 多个系统), low
# enough not to outweigh the common words around them.
VOCABULARY_FREQ = 2000


def vocabulary_words(cat: Catalogue) -> Iterator[str]:
    """The users' words of catalog/search.yaml: stop words, weak words, synonyms and guidance words.

    The catalogue's words a synonym means (能源管理, 生产协同) are left out: the index splits them like
    the text they come from.
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
    for word in KEEP:
        words[word] = 50000
    for product in cat.products:
        for keyword in product["keywords"]:
            if not keyword.isascii():
                words.setdefault(keyword, 50000)
    for word in SPLIT:
        words[word] = 0
    return io.StringIO("".join(f"{word} {freq}\n" for word, freq in sorted(words.items())))
