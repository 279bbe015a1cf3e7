"""The engine's warm-up, run at build time under node by both `stdlib_probe.mjs` (which keeps the stdlib
modules it imports) and `snapshot_maker.mjs` (which snapshots the memory it leaves).

It imports every module of the engine the page can reach and exercises the session as the page does (good
plans, a plan with a bad field, text that is not JSON, every method), so that nothing is imported for the
first time in the browser. `warm_up(catalog_text, probe_plan_text)` returns the session built from the
site's catalog.json and the result text of the probe plan, which the worker checks after a restore.
"""

import json
import os
import site
import sys

# Not reachable from the page: the CLI and __main__.
NOT_IN_PAGE = ("__init__.py", "__main__.py", "cli.py")


def plans(catalog_text, probe_plan_text):
    """Plans derived from the catalogue and the probe plan (generator/runtime/snapshot.py probe_plan): the
    probe's over more products, one in each excluded city, a pilot's with a bad field, an empty one."""
    data = json.loads(catalog_text)
    probe = json.loads(probe_plan_text)
    products = [p["id"] for p in data.get("products", [])][:6] or [1]
    contract = probe["items"][0]["contract"] if probe.get("items") else "1"
    excluded = data.get("policy", {}).get("excluded_cities", {}).get("value", [])
    return [
        {**probe, "items": [{"product": p, "contract": contract, "devices": "40"} for p in products]},
        *({"city": city, "items": [{"product": products[0], "contract": "1000"}]} for city in excluded),
        {"city": probe.get("city", ""), "cluster_pilot": True, "claimed_before": products[:1],
         "items": [{"product": products[0], "contract": "abc"}]},
        {"city": "", "items": []},
    ]


def warm_up(catalog_text, probe_plan_text):
    # A frozen clock (the snapshot maker's) leaves site-packages' mtime unchanged: drop its cached listing.
    sys.path_importer_cache.pop(site.getsitepackages()[0], None)
    import calculator

    for name in sorted(os.listdir(calculator.__path__[0])):
        if name.endswith(".py") and name not in NOT_IN_PAGE:
            __import__("calculator." + name[:-3])
    from calculator.browser import Session

    session = Session(catalog_text)
    payloads = ["null", "{not json", probe_plan_text]
    for plan in plans(catalog_text, probe_plan_text):
        payloads += [json.dumps(plan, ensure_ascii=False), json.dumps({"plan": plan}, ensure_ascii=False)]
    for payload in payloads:
        for method in (session.run, session.options, session.sheet_csv):
            method(payload)
    return session, session.run(probe_plan_text)
