"""The 可申领一览 computed at build time (issue 24): the calculator engine, under CPython and on the very
catalog.json the page's engine loads, answers `options(profile)` for every city of the catalogue, as a
cluster pilot and not, with no earlier claims. The calculator page prints these tables, so they are read
without JavaScript and shown for the chosen city before the engine in the browser is ready.

Cities whose answers are the same to the character share one table (the 20 pilots of the catalogue, say),
which keeps the page small on a slow link; each table names its cities. No city, region or ratio is named
here: they are the catalogue's, and every figure and reason is the engine's."""

from __future__ import annotations

import json
from typing import Any

from calculator.options import options
from calculator.policy import Policy
from calculator.regions import region_full_name

# What a table shows: the fields of the engine's answer that do not name the city itself. Answers equal in
# these fields are one table.
FIGURES = ("eligible", "ratio_percent", "enterprise_cap_text", "room_left_text", "available_count", "products")


def _key(answer: dict[str, Any]) -> str:
    return json.dumps([answer[field] for field in FIGURES], ensure_ascii=False, sort_keys=True)


def prerendered_options(catalog_json: str) -> list[dict[str, Any]]:
    """The engine's 可申领一览, one entry per distinct table, in the catalogue's order of cities (those not
    a pilot first). An entry: `options` (the engine's answer for its first city), `members` (`city:0` and
    `city:1`, the latter for a pilot: what the page looks the table up by), `cities` (the cities it holds
    for both answers to the pilot question), `pilots` and `others` (cities it holds for one answer only),
    `regions` (the regions of its cities) and `ratio_texts` (the engine's sentence on the ratio, of each city
    out of scope)."""
    policy = Policy.from_json(catalog_json)
    groups: dict[str, dict[str, Any]] = {}
    for pilot in (False, True):
        for city in policy.cities:
            answer = options({"city": city, "cluster_pilot": pilot, "claimed_before": [], "granted_this_round": []},
                             policy)
            group = groups.setdefault(_key(answer), {"options": answer, "members": [], "ratio_texts": [], "regions": []})
            group["members"].append((city, pilot))
            region = region_full_name(city, policy)  # as policy.yaml writes it in a sentence
            if region not in group["regions"]:
                group["regions"].append(region)
            if not answer["eligible"] and answer["ratio_text"] not in group["ratio_texts"]:
                group["ratio_texts"].append(answer["ratio_text"])
    return [_named(group) for group in groups.values()]


def _named(group: dict[str, Any]) -> dict[str, Any]:
    """Which cities a table holds, for the heading: for both answers to the pilot question, or for one."""
    members = group["members"]
    order = list(dict.fromkeys(city for city, _ in members))
    both = [c for c in order if (c, True) in members and (c, False) in members]
    return {
        "options": group["options"],
        "members": [f"{city}:{int(pilot)}" for city, pilot in members],
        "cities": both,
        "pilots": [c for c in order if c not in both and (c, True) in members],
        "others": [c for c in order if c not in both and (c, False) in members],
        "ratio_texts": group["ratio_texts"],
        "regions": group["regions"],
    }
