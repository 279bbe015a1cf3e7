"""The one exception the calculator raises for bad input."""

from __future__ import annotations


class PlanError(ValueError):
    """Bad input. `field` names where (e.g. `items[0].contract`), `message` says what, in Chinese."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}：{message}" if field else message)

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}
