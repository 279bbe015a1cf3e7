"""The 办事指南's data: load and check `catalog/guide.yaml`.

A fact is restated text with its source (a clause of the notice, or an official document with its
address; a third-party document only when marked unverified), or a pointer into policy.yaml, so that the
notice's numbers are written once. The page (generator/pages/guide.py) shows every fact with its citation.
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

GUIDE_FILE = "guide.yaml"


def policy_node(policy: dict[str, Any], path: str) -> Any:
    """`a.b.0` → policy["a"]["b"][0]; KeyError/IndexError/TypeError when the path does not exist."""
    node: Any = policy
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _sections(guide: dict[str, Any]):
    """(key path, facts) of every list of facts in the guide."""
    yield "after_round.facts", guide["after_round"]["facts"]
    for i, step in enumerate(guide["steps"]):
        yield f"steps[{i}].facts", step["facts"]
    yield "materials", guide["materials"]
    yield "contacts.facts", guide["contacts"]["facts"]
    for i, item in enumerate(guide["faq"]):
        yield f"faq[{i}].facts", item["facts"]


def _check(root: Path, guide: dict[str, Any], cat: Catalogue) -> None:
    shown = display_path(root, GUIDE_FILE)
    for where, facts in _sections(guide):
        for j, fact in enumerate(facts):
            key = f"{where}[{j}]"
            if "source" in fact:
                source = guide["sources"].get(fact["source"])
                if source is None:
                    raise CatalogueError(shown, f"{key}.source", f"未知来源 “{fact['source']}”（应为 sources 中的一项）")
                if not source["official"] and not fact.get("unverified"):
                    raise CatalogueError(shown, f"{key}.unverified", "非官方来源的信息必须标注 unverified: true")
                if source["official"] and fact.get("unverified"):
                    raise CatalogueError(shown, f"{key}.unverified", "官方来源的信息不应标注为未经核实")
            if "policy" in fact:
                try:
                    node = policy_node(cat.policy, fact["policy"])
                except (KeyError, IndexError, TypeError, ValueError):
                    raise CatalogueError(shown, f"{key}.policy", f"policy.yaml 中没有 “{fact['policy']}”") from None
                if not (isinstance(node, dict) and "description" in node and "reference" in node):
                    raise CatalogueError(shown, f"{key}.policy", f"“{fact['policy']}” 没有 description 和 reference")


def load_guide(root: Path | str, cat: Catalogue) -> dict[str, Any]:
    """Read and check guide.yaml; raise CatalogueError naming the file and key on any problem."""
    root = round_folder(root)
    guide = read_yaml(root, GUIDE_FILE)
    validate_schema(root, GUIDE_FILE, guide)
    check_references(root, GUIDE_FILE, guide, cat.notice_anchors())
    _check(root, guide, cat)
    return guide
