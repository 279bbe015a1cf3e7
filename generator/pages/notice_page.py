"""The notice page: notice.md as published, with the annex table in place of its marker and, under each
clause, the notes that concern it (variants between the sources, and the notes of the policy parameters
that cite it)."""

from __future__ import annotations

from typing import Any

from generator.catalogue import NOTICE_PAGE, anchor_line, cited, insert_table, notice_page_markdown
from generator.pages.renderer import Page, SiteRenderer, front_matter

NAME = "通知全文"


def notice_notes(data: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Notes to show on the notice page, by the anchor of the clause they concern: the notice's own notes
    (variants between the sources) and the notes of every policy parameter, under the clause it cites."""
    notes: dict[str, list[dict[str, str]]] = {}
    for note in data["notice"].get("notes", []):
        notes.setdefault(note["anchor"], []).append({"kind": note["kind"], "text": note["text"]})
    for _, node in cited(data["policy"]):
        for text in node.get("notes") or []:
            notes.setdefault(node["reference"]["anchor"], []).append({"kind": "整理说明", "text": text})
    return notes


def insert_notes(markdown: str, blocks: dict[str, str]) -> str:
    """Put each rendered note block right after the paragraph its anchor names: after a `{: #id }` line,
    or after the first paragraph under a `## … {#id}` heading."""
    lines = markdown.split("\n")
    inserts: dict[int, list[str]] = {}
    for anchor, block in blocks.items():
        index = anchor_line(lines, anchor)
        if index is None:
            raise ValueError(f"notice.md 中没有锚点 #{anchor}")
        at = index + 1
        if lines[index].startswith("#"):
            while at < len(lines) and not lines[at].strip():
                at += 1
            if at < len(lines) and not lines[at].startswith("#"):
                while at < len(lines) and lines[at].strip():
                    at += 1
            else:
                at = index + 1
        inserts.setdefault(at, []).append(block)
    out: list[str] = []
    for i, line in enumerate([*lines, ""]):
        for block in inserts.get(i, []):
            out += ["", block.strip("\n"), ""]
        if i < len(lines):
            out.append(line)
    return "\n".join(out)


def notice_page(site: SiteRenderer) -> list[Page]:
    table = site.render("notice_table.html.j2", NOTICE_PAGE)
    blocks = {anchor: site.render("notice_note.html.j2", NOTICE_PAGE, anchor=anchor, notes=notes)
              for anchor, notes in notice_notes(site.data).items()}
    markdown = insert_table(insert_notes(notice_page_markdown(site.cat.notice_md), blocks), table)
    front = front_matter(NAME, column=NAME, description=site.data["notice"]["title"])
    return [Page("notice.md", NOTICE_PAGE, NAME, front + markdown)]
