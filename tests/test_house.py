"""The house rules a reader can check without building: small source files, and a generator in rooms that
talk to each other only through their front doors (each room's `__init__`)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
SOURCE_FOLDERS = ("generator", "calculator", "site_src", "bench")
SOURCE_SUFFIXES = (".py", ".js", ".mjs", ".j2")
# Known exceptions: none left since issue 23 split worker.js and app.js. Nothing may be added to it.
OVER_THE_LIMIT: set[str] = set()
ROOMS = ("catalogue", "pages", "search", "hant", "runtime", "hosting", "release")


def _sources() -> list[Path]:
    return sorted(path for folder in SOURCE_FOLDERS for path in (ROOT / folder).rglob("*")
                  if path.is_file() and path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts)


def test_no_source_file_is_over_400_lines():
    too_long = {}
    for path in _sources():
        name = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text("utf-8").splitlines())
        if lines > MAX_LINES and name not in OVER_THE_LIMIT:
            too_long[name] = lines
    assert not too_long, (
        f"源文件不得超过 {MAX_LINES} 行，请按职责拆分 / no source file over {MAX_LINES} lines, split it by concern: "
        + ", ".join(f"{name} ({lines} lines)" for name, lines in sorted(too_long.items())))


def test_the_allow_list_of_long_files_names_only_files_that_are_still_long():
    # So that the list shrinks as the splits land, instead of keeping a licence nobody needs.
    still_long = {name for name in OVER_THE_LIMIT
                  if (ROOT / name).exists() and len((ROOT / name).read_text("utf-8").splitlines()) > MAX_LINES}
    assert still_long == OVER_THE_LIMIT, (
        f"请从 OVER_THE_LIMIT 中删去 / remove from OVER_THE_LIMIT: {sorted(OVER_THE_LIMIT - still_long)}")


def _room_of(path: Path) -> str | None:
    parts = path.relative_to(ROOT / "generator").parts
    return parts[0] if len(parts) > 1 and parts[0] in ROOMS else None


def _generator_imports(path: Path) -> list[tuple[str, list[str], int]]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("generator."):
            found.append((node.module or "", [alias.name for alias in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("generator.")]
    return found


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_has_a_docstring_and_names_its_public_surface(room):
    module = importlib.import_module(f"generator.{room}")
    assert (module.__doc__ or "").strip(), f"generator/{room}/__init__.py 缺少说明文字"
    assert module.__all__, f"generator/{room}/__init__.py 缺少 __all__"
    assert all(hasattr(module, name) for name in module.__all__)


def test_rooms_import_each_other_only_through_their_front_doors():
    # Inside a room, modules import each other freely; across rooms (and from mkdocs_hooks and __main__),
    # only names a room's __init__ lists in __all__.
    wrong = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        own = _room_of(path)
        for module, names, line in _generator_imports(path):
            parts = module.split(".")
            room = parts[1] if len(parts) > 1 else None
            if room not in ROOMS or room == own:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if len(parts) > 2:
                wrong.append(f"{where} imports {module} (use generator.{room})")
            else:
                public = importlib.import_module(module).__all__
                wrong += [f"{where} imports {name}, which generator.{room} does not list in __all__"
                          for name in names if name not in public]
    assert not wrong, "跨房间导入只能经由 __init__ / across rooms, import only from a room's __init__:\n" + "\n".join(wrong)
