"""The calculator as the browser worker calls it: JSON text in, JSON text out, never an exception."""

from __future__ import annotations

import json
from collections.abc import Callable

from calculator import jsontext
from calculator.engine import evaluate
from calculator.errors import CatalogueError, PlanError
from calculator.options import options
from calculator.plan import parse_plan
from calculator.policy import Policy
from calculator.sheet import csv_text
from calculator.suggest import best_plan


def _internal(err: BaseException) -> dict[str, object]:
    message = f"测算引擎内部错误（{type(err).__name__}），请刷新页面重试；如仍出现，请向网站维护者反馈。"
    return {"error": {"field": "", "message": message, "errors": [{"field": "", "message": message}]}}


class Session:
    """Holds the policy parsed once from catalog.json, so each call only evaluates the plan. Every method
    takes and returns JSON text; bad input and any internal failure come back as `{"error": ...}`."""

    def __init__(self, catalog_json: str) -> None:
        # A bad catalogue must reach the page as a Chinese message, not as a Python traceback, so the
        # constructor never raises: `status()` says whether the session is ready and, if not, why.
        self.policy: Policy | None = None
        self.problem = ""
        try:
            self.policy = Policy.from_json(catalog_json)
        except CatalogueError as err:
            self.problem = str(err)
        except Exception as err:  # anything else in a damaged file is the catalogue's fault too
            self.problem = f"目录数据无法读取（{type(err).__name__}）。请重新下载或重新构建 catalog.json"

    def status(self) -> str:
        """`{"ready": true, "version": ..., "catalogue": ...}` (the catalogue's hash, Policy.fingerprint), or
        `{"ready": false, "message": ...}` for an unusable catalog.json."""
        if self.policy is None:
            return json.dumps({"ready": False, "message": self.problem}, ensure_ascii=False)
        return json.dumps({"ready": True, "version": self.policy.version, "catalogue": self.policy.fingerprint},
                          ensure_ascii=False)

    def _call(self, text: str, work: Callable[[object], object]) -> str:
        if self.policy is None:
            return json.dumps({"error": {"field": "", "message": self.problem,
                                         "errors": [{"field": "", "message": self.problem}]}}, ensure_ascii=False)
        try:
            out = work(jsontext.loads(text))
        except PlanError as err:
            out = {"error": err.to_dict()}
        except Exception as err:  # the worker must always get an answer, never a hang
            out = _internal(err)
        return json.dumps(out, ensure_ascii=False)

    def run(self, plan_json: str) -> str:
        """`{"result": ..., "suggestion": ...}` for a plan, or `{"error": {"field", "message", "errors"}}`."""
        def work(raw: object) -> dict[str, object]:
            assert self.policy is not None
            plan = parse_plan(raw, self.policy)
            given = evaluate(plan, self.policy)  # once, for the result and the suggestion alike
            return {"result": given.to_dict(), "suggestion": best_plan(plan, self.policy, given)}
        return self._call(plan_json, work)

    def options(self, profile_json: str) -> str:
        """`{"options": ...}`: 可申领一览 for the enterprise described."""
        return self._call(profile_json, lambda raw: {"options": options(raw, self.policy)})

    def sheet_csv(self, payload_json: str) -> str:
        """`{"csv": text}`: the 申领测算单 as CSV (no BOM), from `{"plan", "enterprise", "date", "link", "round_status"}`."""
        return self._call(payload_json, lambda raw: {"csv": csv_text(raw, self.policy)})
