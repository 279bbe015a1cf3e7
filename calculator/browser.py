"""The calculator as the browser worker calls it: JSON text in, JSON text out, never an exception."""

from __future__ import annotations

import json

from calculator.engine import evaluate
from calculator.errors import PlanError
from calculator.plan import parse_plan
from calculator.policy import Policy
from calculator.suggest import best_plan


class Session:
    """Holds the policy parsed once from catalog.json, so each recalculation only evaluates the plan."""

    def __init__(self, catalog_json: str) -> None:
        self.policy = Policy.from_json(catalog_json)

    def run(self, plan_json: str) -> str:
        """`{"result": ..., "suggestion": ...}` for a plan, or `{"error": {"field", "message"}}`."""
        try:
            plan = parse_plan(json.loads(plan_json), self.policy)
            given = evaluate(plan, self.policy)  # once, for the result and the suggestion alike
            out = {"result": given.to_dict(), "suggestion": best_plan(plan, self.policy, given)}
        except PlanError as err:
            out = {"error": err.to_dict()}
        except json.JSONDecodeError:
            out = {"error": {"field": "", "message": "输入不是有效的 JSON"}}
        return json.dumps(out, ensure_ascii=False)
