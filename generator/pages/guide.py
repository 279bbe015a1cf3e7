"""The 办事指南 page: load and check `catalog/guide.yaml`, resolve each fact to what the page shows.

A fact is restated text with its source (a clause of the notice, or an official document with its
address; a third-party document only when marked unverified), or a pointer into policy.yaml, so that the
notice's numbers are written once. The page renders every fact with its citation (templates/guide.md.j2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.catalogue.reader import Catalogue, CatalogueError, check_references, display_path, read_yaml, validate_schema

GUIDE_FILE = "guide.yaml"
GUIDE_PAGE = "guide/"


def policy_node(policy: dict[str, Any], path: str) -> Any:
    """`a.b.0` → policy["a"]["b"][0]; KeyError/IndexError/TypeError when the path does not exist."""
    node: Any = policy
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _sections(guide: dict[str, Any]):
    """(key path, facts) of every list of facts in the guide."""
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
    root = Path(root)
    guide = read_yaml(root, GUIDE_FILE)
    validate_schema(root, GUIDE_FILE, guide)
    check_references(root, GUIDE_FILE, guide, cat.notice_anchors())
    _check(root, guide, cat)
    return guide


def resolve_fact(fact: dict[str, Any], policy: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    """What the template needs for one fact: its kind, its content and its citation (a notice
    `reference`, or an official or unverified `source`)."""
    return {"reference": None, "source": None, "unverified": False, **_resolve(fact, policy, sources)}


def _resolve(fact: dict[str, Any], policy: dict[str, Any], sources: dict[str, Any]) -> dict[str, Any]:
    if "text" in fact:
        if "reference" in fact:
            return {"kind": "text", "text": fact["text"], "reference": fact["reference"]}
        return {"kind": "text", "text": fact["text"], "source": sources[fact["source"]],
                "unverified": bool(fact.get("unverified"))}
    if "policy" in fact:
        node = policy_node(policy, fact["policy"])
        return {"kind": "policy", "node": node, "reference": node["reference"]}
    if "window" in fact:
        window = policy["windows"][fact["window"]]
        return {"kind": "window", "window": window, "reference": window["reference"]}
    if "ratios" in fact:
        return {"kind": "ratios", "reference": policy["cluster_pilot_ratio"]["reference"]}
    return {"kind": "exclusions", "groups": policy["exclusion_groups"],
            "reference": policy["exclusion_groups"][0]["reference"]}


def guide_context(guide: dict[str, Any], policy: dict[str, Any]) -> dict[str, Any]:
    """The guide with every fact resolved, for templates/guide.md.j2."""
    sources = guide["sources"]

    def facts(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [resolve_fact(f, policy, sources) for f in items]

    return {
        "sources": sources,
        "steps": [{**s, "facts": facts(s["facts"])} for s in guide["steps"]],
        "materials": facts(guide["materials"]),
        "contacts": {**guide["contacts"], "facts": facts(guide["contacts"]["facts"])},
        "faq": [{**q, "facts": facts(q["facts"])} for q in guide["faq"]],
    }


def guide_page(renderer: Any, guide: dict[str, Any]) -> Any:
    """The generated 办事指南 page, rendered with the site's renderer (generator.pages.renderer.SiteRenderer)."""
    from generator.pages.renderer import Page, _front_matter

    products_by_id = {p["id"]: p for p in renderer.data["products"]}
    body = renderer._render("guide.md.j2", GUIDE_PAGE, guide=guide_context(guide, renderer.data["policy"]),
                            products_by_id=products_by_id)
    return Page(f"{GUIDE_PAGE}index.md", GUIDE_PAGE, "办事指南",
                _front_matter("办事指南", column="办事指南",
                              description="服务券从企业认证、申领到兑现的步骤、材料、联系方式与常见问题")
                + body)
