"""The notice and its clauses: the one place that knows how `catalog/notice.md` marks a clause, and the one
walk over the references the catalogue's files make to them.

A clause is marked by an anchor: `{#sec-4}` at the end of a heading (the clause runs to the next heading of
the same or a higher level), or `{: #annex-note-3 }` on the line after a paragraph (the clause is that
paragraph). Every fact of `catalog/*.yaml` cites one with `reference: {clause, anchor}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

TABLE_MARKER = "<!-- catalogue-table -->"
# Per product, the annex table on the notice page carries the row and its two long columns.
PRODUCT_ANCHORS = ("product-{id}", "product-{id}-scenario", "product-{id}-modules")

_ANCHOR_RE = re.compile(r"\{:?\s*#([a-z0-9][a-z0-9-]*)\s*\}")
# The marker counts only on a line of its own: the editors' comment at the top of notice.md mentions it,
# and replacing that mention too shipped a second copy of the table inside the comment.
_TABLE_LINE_RE = re.compile(r"^" + re.escape(TABLE_MARKER) + r"[ \t]*$", re.M)


def has_table_marker(notice_md: str) -> bool:
    return _TABLE_LINE_RE.search(notice_md) is not None


def insert_table(notice_md: str, table_html: str) -> str:
    """notice.md with the annex table in place of its marker line (only that line)."""
    return _TABLE_LINE_RE.sub(lambda _: table_html, notice_md, count=1)


def _strip_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", lambda m: m.group() if m.group() == TABLE_MARKER else "", text, flags=re.S)


def notice_page_markdown(notice_md: str) -> str:
    """The notice as published: the editors' HTML comments are left out (the table marker is kept)."""
    return _strip_comments(notice_md).lstrip("\n")


def notice_anchors(notice_md: str, products: list[dict[str, Any]]) -> set[str]:
    """Anchors on the rendered notice page: those written in the text plus one per product row."""
    anchors = set(_ANCHOR_RE.findall(_strip_comments(notice_md)))
    if has_table_marker(notice_md):
        anchors.add("annex-table")
        anchors.update(a.format(id=p["id"]) for p in products for a in PRODUCT_ANCHORS)
    return anchors


def anchor_line(lines: list[str], anchor: str) -> int | None:
    """The index of the first line that carries `anchor` (as `{#anchor}` or `{: #anchor }`), or None."""
    pattern = re.compile(r"\{:?\s*#" + re.escape(anchor) + r"\s*\}")
    return next((i for i, line in enumerate(lines) if pattern.search(line)), None)


def is_paragraph_anchor(line: str) -> bool:
    """Whether a line carrying an anchor is an attribute list of its own (`{: #id }`), naming the paragraph above."""
    return line.startswith("{:")


def clause_block(notice_md: str, anchor: str) -> str:
    """The Markdown of the clause `anchor` names: the paragraph above a `{: #id }` line, or a heading with
    everything under it up to the next heading of the same or a higher level; "" when there is none."""
    lines = notice_md.splitlines()
    i = anchor_line(lines, anchor)
    if i is None:
        return ""
    line = lines[i]
    if is_paragraph_anchor(line):
        start = i - 1
        while start > 0 and lines[start - 1].strip():
            start -= 1
        return "\n".join(lines[start:i])

    def depth(text: str) -> int:
        return len(text) - len(text.lstrip("#"))

    end = i + 1
    while end < len(lines) and not (lines[end].startswith("#") and depth(lines[end]) <= depth(line)):
        end += 1
    return "\n".join(lines[i:end])


def clause_sentence(notice_md: str, anchor: str) -> str:
    """The words of one numbered paragraph clause (e.g. `annex-note-1`) as a sentence: without its number,
    ending in 。. KeyError when the notice has no such anchor."""
    paragraph = clause_block(notice_md, anchor).strip()
    if not paragraph:
        raise KeyError(f"通知中没有锚点 {anchor}")
    paragraph = re.sub(r"^\d+\\?\.\s*", "", paragraph)
    return paragraph.rstrip("；;。") + "。"


def cited(tree: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every mapping in `tree` that cites a clause (holds a `reference` mapping), with its key path: parents
    before children, in the order the file writes them. The one walk over the policy tree and the other
    catalogue files that the checks, the notice page's notes and the search index share."""
    if isinstance(tree, dict):
        if isinstance(tree.get("reference"), dict):
            yield path, tree
        for key, value in tree.items():
            yield from cited(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from cited(value, (*path, i))
