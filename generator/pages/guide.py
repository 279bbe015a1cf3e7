"""The 办事指南 page: every fact of `catalog/guide.yaml` (loaded and checked by the catalogue room) resolved
to what the page shows, each with its citation (templates/guide.md.j2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calculator.wording import pilot_ratio_sentence
from generator.catalogue import policy_node
from generator.pages.renderer import Page, SiteRenderer

GUIDE_PAGE = "guide/"
NAME = "办事指南"


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
        if "rule" in node:  # the pilot ratio: one sentence worded from its rule, as the engine applies it
            return {"kind": "text", "text": pilot_ratio_sentence(node["description"], Decimal(node["value"]), node["rule"]),
                    "reference": node["reference"]}
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
        "after_round": {**guide["after_round"], "facts": facts(guide["after_round"]["facts"])},
        "steps": [{**s, "facts": facts(s["facts"])} for s in guide["steps"]],
        "materials": facts(guide["materials"]),
        "contacts": {**guide["contacts"], "facts": facts(guide["contacts"]["facts"])},
        "faq": [{**q, "facts": facts(q["facts"])} for q in guide["faq"]],
    }


def guide_page(site: SiteRenderer) -> list[Page]:
    """The generated 办事指南 page, from the guide data the site was given."""
    products_by_id = {p["id"]: p for p in site.data["products"]}
    return [site.page(GUIDE_PAGE, "guide.md.j2", NAME,
                      description="服务券从企业认证、申领到兑现的步骤、材料、联系方式与常见问题",
                      guide=guide_context(site.guide, site.data["policy"]), products_by_id=products_by_id)]
