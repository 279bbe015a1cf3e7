"""Where the site's text of the notice comes from: load and check `catalog/provenance.yaml`.

Every page that restates the policy shows this (site_src/overrides/partials/provenance.html): the issuing
body, number and dates, the texts taken with their address and date (all from policy.yaml `notice:`),
where the original is, which text prevails (附件说明 1), and the wording variants between the two source
texts where they occur (each tied to a 版本差异 note of policy.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.catalogue.reader import (
    Catalogue,
    CatalogueError,
    check_references,
    display_path,
    read_yaml,
    round_folder,
    validate_schema,
)

PROVENANCE_FILE = "provenance.yaml"


def load_provenance(root: Path | str, cat: Catalogue) -> dict[str, Any]:
    """Read and check provenance.yaml; raise CatalogueError naming the file and key on any problem."""
    root = round_folder(root)
    data = read_yaml(root, PROVENANCE_FILE)
    validate_schema(root, PROVENANCE_FILE, data)
    anchors = cat.notice_anchors()
    check_references(root, PROVENANCE_FILE, data, anchors)
    shown = display_path(root, PROVENANCE_FILE)
    notes = cat.policy["notice"].get("notes", [])
    for i, variant in enumerate(data["provenance"]["variants"]):
        for j, ref in enumerate(variant["references"]):
            key = f"provenance.variants[{i}].references[{j}]"
            if variant["followed_text"] not in cat.clause(ref["anchor"]):
                raise CatalogueError(shown, key, f"条款 #{ref['anchor']} 中没有 “{variant['followed_text']}”")
            if not any(n["anchor"] == ref["anchor"] and n.get("kind") == "版本差异" and variant["other_text"] in n["text"]
                       for n in notes):
                raise CatalogueError(shown, key, f"policy.yaml 的 notice.notes 中没有条款 #{ref['anchor']} "
                                                 f"关于 “{variant['other_text']}” 的版本差异说明")
    notice = cat.policy["notice"]
    fields = ("title", "number", "issuer", "signed", "published", "source", "sources")
    return {**data["provenance"], "notice": {key: notice[key] for key in fields}}
