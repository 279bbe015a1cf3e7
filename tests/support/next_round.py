"""A drill round for the tests of issue 22: a copy of catalog/ in which a second round, 2021, follows 2020
with its own notice identity, windows and source texts, and is current. As built it is plausible; each
test edits one file of it (or of its plausibility.yaml) and looks at what the check says."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml

from support.catalogue_edits import Edit

CATALOG_TOP = Path(__file__).resolve().parents[2] / "catalog"


def edit_file(path: Path, edit: Edit) -> None:
    """Apply `edit` to the YAML file at `path` (the file is rewritten without its comments)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _next_year(policy: dict[str, Any]) -> None:
    notice = policy["notice"]
    notice["number"] = "粤工信办函〔2021〕1号"
    notice["title"] = notice["title"].replace("2020年", "2021年")
    notice["signed"], notice["published"] = "2021-05-14", "2021-05-15"
    for window in policy["windows"].values():
        window["start"] = window["start"].replace("2021-", "2022-").replace("2020-", "2021-")
        window["end"] = window["end"].replace("2021-", "2022-").replace("2020-", "2021-")


def drill_catalogue(tmp_path: Path) -> Path:
    """catalog/ with rounds 2020 and 2021 (current); returns the catalogue's top folder."""
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG_TOP, root)
    new = root / "2021"
    shutil.copytree(root / "2020", new)
    (root / "rounds.yaml").write_text('current: "2021"\nrounds:\n  - folder: "2020"\n  - folder: "2021"\n', "utf-8")

    def new_sources(policy: dict[str, Any]) -> None:
        _next_year(policy)
        for source in policy["notice"]["sources"]:
            path = new / source["file"]
            path.write_bytes(path.read_bytes() + "\n（2021 年演练）\n".encode())
            source["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()

    edit_file(new / "policy.yaml", new_sources)
    return root


def line_at(path: Path, line: int) -> str:
    return path.read_text("utf-8").splitlines()[line - 1]
