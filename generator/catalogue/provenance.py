"""Where the site's text of the notice comes from: load and check `catalog/provenance.yaml`.

Every page that restates the policy shows this (site_src/overrides/partials/provenance.html): the issuing
body, number and dates, the texts taken with their address and date (all from policy.yaml `notice:`),
where the original is, which text prevails (附件说明 1), and the wording variants between the two source
texts where they occur (each tied to a 版本差异 note of policy.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.catalogue.reader import Catalogue, CatalogueError, check_references, display_path, read_yaml, validate_schema

PROVENANCE_FILE = "provenance.yaml"


def _clause_text(notice_md: str, anchor: str) -> str:
    """The paragraph or section of notice.md that carries `anchor` (a heading runs to the next heading)."""
    lines = notice_md.splitlines()
    for i, line in enumerate(lines):
        if re.search(r"\{:?\s*#" + re.escape(anchor) + r"\s*\}", line):
            if line.startswith("{:"):  # an attribute list: the paragraph just above it
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
    return ""


def clause_text(cat: Catalogue, anchor: str) -> str:
    return _clause_text(cat.notice_md, anchor)


def load_provenance(root: Path | str, cat: Catalogue) -> dict[str, Any]:
    """Read and check provenance.yaml; raise CatalogueError naming the file and key on any problem."""
    root = Path(root)
    data = read_yaml(root, PROVENANCE_FILE)
    validate_schema(root, PROVENANCE_FILE, data)
    anchors = cat.notice_anchors()
    check_references(root, PROVENANCE_FILE, data, anchors)
    shown = display_path(root, PROVENANCE_FILE)
    notes = cat.policy["notice"].get("notes", [])
    for i, variant in enumerate(data["provenance"]["variants"]):
        for j, ref in enumerate(variant["references"]):
            key = f"provenance.variants[{i}].references[{j}]"
            if variant["followed_text"] not in _clause_text(cat.notice_md, ref["anchor"]):
                raise CatalogueError(shown, key, f"条款 #{ref['anchor']} 中没有 “{variant['followed_text']}”")
            if not any(n["anchor"] == ref["anchor"] and n.get("kind") == "版本差异" and variant["other_text"] in n["text"]
                       for n in notes):
                raise CatalogueError(shown, key, f"policy.yaml 的 notice.notes 中没有条款 #{ref['anchor']} "
                                                 f"关于 “{variant['other_text']}” 的版本差异说明")
    notice = cat.policy["notice"]
    fields = ("title", "number", "issuer", "signed", "published", "source", "sources")
    return {**data["provenance"], "notice": {key: notice[key] for key in fields}}
