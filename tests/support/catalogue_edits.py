"""Broken copies of the catalogue for the validation tests: a copy of catalog/ with one file edited,
and the edits themselves (set or delete the value at a path of keys and indices)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "2020"
Edit = Callable[[Any], None]


def broken_copy(tmp_path: Path, name: str, edit: Edit) -> Path:
    """A copy of catalog/ in `tmp_path` whose file `name` has had `edit` applied."""
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG, root)
    path = root / name
    data = yaml.safe_load(path.read_text("utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return root


def _parent(data: Any, path: list) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def set_at(path: list, value: Any) -> Edit:
    """An edit that sets the value at `path`."""
    def edit(data: Any) -> None:
        _parent(data, path)[path[-1]] = value
    return edit


def delete_at(path: list) -> Edit:
    """An edit that removes the value at `path`."""
    def edit(data: Any) -> None:
        del _parent(data, path)[path[-1]]
    return edit
