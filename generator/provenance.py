"""Where the site's text of the notice comes from: load and check `catalog/provenance.yaml`.

Every page that restates the policy shows this (site_src/overrides/partials/provenance.html): the issuing
body, number and dates from policy.yaml, where the original is, the day the text was taken, which text
prevails (附件说明 1), and the wording variants between the two source texts where they occur.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.catalogue import Catalogue, CatalogueError, _check_references, _display, _read_yaml, _validate_schema

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
    data = _read_yaml(root, PROVENANCE_FILE)
    _validate_schema(root, PROVENANCE_FILE, data)
    anchors = cat.notice_anchors()
    _check_references(root, PROVENANCE_FILE, data, anchors)
    shown = _display(root, PROVENANCE_FILE)
    for i, variant in enumerate(data["provenance"]["variants"]):
        for j, ref in enumerate(variant["references"]):
            if variant["followed_text"] not in _clause_text(cat.notice_md, ref["anchor"]):
                raise CatalogueError(shown, f"provenance.variants[{i}].references[{j}]",
                                     f"条款 #{ref['anchor']} 中没有 “{variant['followed_text']}”")
    provenance = data["provenance"]
    notice = cat.policy["notice"]
    return {**provenance, "notice": {key: notice[key] for key in ("title", "number", "issuer", "signed", "published", "source")}}
