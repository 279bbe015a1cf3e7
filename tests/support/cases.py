"""The YAML cases each round keeps beside its data (catalog/<round>/cases/): loading them, and checking a
result against a case."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


@functools.cache
def policy_of(folder: Path):
    """The calculator's policy built from one round's folder as it is now (never a stale catalog.json)."""
    from calculator import Policy
    from generator.catalogue import catalogue_json, load_catalogue

    return Policy.from_json(catalogue_json(load_catalogue(folder)))


def round_folders() -> list[Path]:
    """Every round's folder, oldest first, as catalog/rounds.yaml lists them."""
    rounds = yaml.safe_load((CATALOG / "rounds.yaml").read_text("utf-8"))
    return [CATALOG / r["folder"] for r in rounds["rounds"]]


def current_round() -> Path:
    """The folder of the round the site publishes (catalog/rounds.yaml's `current`)."""
    return CATALOG / yaml.safe_load((CATALOG / "rounds.yaml").read_text("utf-8"))["current"]


def load_cases(folder: Path | None = None) -> list[dict[str, Any]]:
    """Every case of a round (the current one by default), with `id` = file stem and position, e.g.
    `devices-03`. A case with `call: options` runs `options` (可申领一览) on its plan instead of `estimate`."""
    cases = []
    for path in sorted(((folder or current_round()) / "cases").glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text("utf-8")), start=1):
            missing = {"name", "clause", "plan"} - set(case)
            assert not missing, f"{path.name} case {i}: missing {missing}"
            assert ("expect" in case) != ("error" in case), f"{path.name} case {i}: needs expect or error"
            cases.append({**case, "id": f"{path.stem}-{i:02d}", "file": path.name})
    return cases


def mismatches(expect: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """What in `result` differs from the case's `expect`; empty when the result matches."""
    out = []
    for key, want in expect.items():
        if key == "items":
            got = result["items"]
            if len(got) != len(want):
                out.append(f"items: {len(got)} items, expected {len(want)}")
                continue
            for i, (w, g) in enumerate(zip(want, got, strict=True)):
                out += [f"items[{i}].{k}: {g.get(k)!r} != {v!r}" for k, v in w.items() if g.get(k) != v]
        elif key == "products":
            by_id = {p["product"]: p for p in result["products"]}
            for w in want:
                got = by_id.get(w["product"], {})
                out += [f"products[{w['product']}].{k}: {got.get(k)!r} != {v!r}" for k, v in w.items() if got.get(k) != v]
        elif key == "refusals":
            # {index or product: refusal code} for rows (estimate) or products (options).
            rows = result["items"] if "items" in result else result["products"]
            for where, code in want.items():
                row = rows[where] if "items" in result else next(p for p in rows if p["product"] == where)
                got = row["refusal"]["code"] if row["refusal"] else None
                if got != code:
                    out.append(f"refusal of {where}: {got!r} != {code!r}")
        elif key == "explanations":
            for i, fragment in enumerate(want):
                if fragment not in result["items"][i]["explanation"]:
                    out.append(f"items[{i}].explanation lacks {fragment!r}: {result['items'][i]['explanation']!r}")
        elif key == "problems":
            got = sorted(p["code"] for p in result["problems"])
            if got != sorted(want):
                out.append(f"problems: {got} != {sorted(want)}")
        elif key == "problem_messages":
            text = " ".join(p["message"] for p in result["problems"])
            out += [f"no problem message contains {w!r}" for w in want if w not in text]
        elif result.get(key) != want:
            out.append(f"{key}: {result.get(key)!r} != {want!r}")
    return out


def cpython_estimate(plan: dict[str, Any], policy) -> dict[str, Any]:
    """What `gdCalculator.run(plan)` must answer, computed by CPython: {result, suggestion}, or {error}."""
    return cpython_answer({"plan": plan}, policy)


def cpython_answer(case: dict[str, Any], policy) -> dict[str, Any]:
    """What the page's engine must answer for a case, computed by CPython: for `estimate`,
    {result, suggestion} (as `gdCalculator.run` gives); for `options`, the list; or {error}."""
    import json

    from calculator import PlanError, estimate, suggest
    from calculator.options import options

    try:
        if case.get("call") == "options":
            return json.loads(json.dumps(options(case["plan"], policy)))
        return json.loads(json.dumps({"result": estimate(case["plan"], policy), "suggestion": suggest(case["plan"], policy)}))
    except PlanError as err:
        return {"error": err.to_dict()}


# The page's side of cpython_answer: every case through the calculator page's engine, in one call.
RUN_CASES_JS = """async (cases) => {
  await window.gdCalculator.ready;
  const out = [];
  for (const c of cases) {
    if (c.call === 'options') {
      const answer = await window.gdCalculator.call('options', c.plan);
      out.push(answer && answer.options !== undefined ? answer.options : answer);
    } else {
      out.push(await window.gdCalculator.run(c.plan));
    }
  }
  return out;
}"""
