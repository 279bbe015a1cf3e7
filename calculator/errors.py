"""The calculator's two documented exceptions: `PlanError` for a bad plan, `CatalogueError` for a bad
catalogue file. Nothing else escapes the API, whatever JSON value it is given."""

from __future__ import annotations


class PlanError(ValueError):
    """Bad input. `errors` lists every bad field at once as `{field, message}`; `field` and `message`
    are the first of them. `field` names where (e.g. `items[0].contract`), `message` says what, in Chinese."""

    def __init__(self, field: str, message: str, errors: list[dict[str, str]] | None = None) -> None:
        self.field = field
        self.message = message
        self.errors = errors or [{"field": field, "message": message}]
        super().__init__(f"{field}：{message}" if field else message)

    @classmethod
    def collected(cls, errors: list[PlanError]) -> PlanError:
        """One error carrying several, in the order the fields were checked."""
        entries = [entry for err in errors for entry in err.errors]
        return cls(entries[0]["field"], entries[0]["message"], entries)

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "message": self.message, "errors": self.errors}


class CatalogueError(ValueError):
    """A `catalog.json` that is not valid JSON, has another format version, or lacks what the engine needs."""
