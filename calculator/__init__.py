"""广东省2020年“上云上平台”服务券测算引擎：纯标准库，CPython 与 Pyodide 共用。

    estimate(plan) -> dict   the voucher a plan would earn, item by item, with its problems
    suggest(plan) -> dict    the best subset of the plan's items
    PlanError                the only exception for bad input; carries `field` and `message`
"""

from calculator.engine import estimate, evaluate
from calculator.errors import PlanError
from calculator.plan import parse_plan
from calculator.policy import Policy, default_policy
from calculator.suggest import suggest

__all__ = ["PlanError", "Policy", "default_policy", "estimate", "evaluate", "parse_plan", "suggest"]
