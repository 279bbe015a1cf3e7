"""服务券测算引擎（政策参数与产品目录全部读自 catalog.json）：纯标准库，CPython 与 Pyodide 共用。

    estimate(plan) -> dict   the voucher a plan would earn, item by item, each row explained
    suggest(plan) -> dict    the best subset of the plan's items
    options(profile) -> dict 可申领一览: every product, whether it can still be claimed and its maximum
    PlanError                the only exception for bad input; carries `field`, `message` and `errors`
    CatalogueError           raised only when catalog.json itself is missing, malformed or of another format
"""

from calculator.engine import estimate, evaluate
from calculator.errors import CatalogueError, PlanError
from calculator.options import options
from calculator.plan import parse_plan
from calculator.policy import Policy, default_policy
from calculator.suggest import suggest

__all__ = ["CatalogueError", "PlanError", "Policy", "default_policy", "estimate", "evaluate", "options", "parse_plan",
           "suggest"]
