"""The calculator as the browser worker calls it: JSON text in, JSON text out, never an exception."""

from __future__ import annotations

import json

from calculator.engine import estimate
from calculator.errors import PlanError
from calculator.policy import Policy
from calculator.suggest import suggest


class Session:
    """Holds the policy parsed once from catalog.json, so each recalculation only evaluates the plan."""

    def __init__(self, catalog_json: str) -> None:
        self.policy = Policy.from_json(catalog_json)

    def run(self, plan_json: str) -> str:
        """`{"result": ..., "suggestion": ...}` for a plan, or `{"error": {"field", "message"}}`."""
        try:
            plan = json.loads(plan_json)
            out = {"result": estimate(plan, self.policy), "suggestion": suggest(plan, self.policy)}
        except PlanError as err:
            out = {"error": err.to_dict()}
        except json.JSONDecodeError:
            out = {"error": {"field": "", "message": "输入不是有效的 JSON"}}
        return json.dumps(out, ensure_ascii=False)
