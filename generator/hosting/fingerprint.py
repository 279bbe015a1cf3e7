"""Content-addressed names for everything the pages load, rewritten into the built site after the build.

Every file under `assets/` that can differ between builds (our scripts and styles, the ES modules they
import, the search index, the 繁体 table, the Pyodide runtime and the calculator's manifests) is renamed
`name.<sha256 prefix>.ext`, and every reference to it is rewritten: in pages, the `src`/`href` of
`<script>` and `<link>` tags, `data-catalog` and `data-load-*`; in scripts, a string literal naming the file by a path
relative to the script (`"./dom.js"`, `"table.json"`) or, for the runtime the worker names from
another folder, by its file name when only one file has it (`"bundle.json"`); in styles, `url(…)`; in
JSON manifests, a string equal to the name of a file beside it (`bundle.json`, `pyodide-lock.json`).
A file is hashed after the files it names, so a change anywhere reaches every name above it (a new
catalogue renames the lock, the manifest, the worker, boot.js and the page's reference).

A file outside `assets/` that a page loads (`catalog.json`, read by the calculator) keeps its published
name and gets a content-addressed copy beside it. Material's own assets are already named by content.
A reference cycle, or a file name too ambiguous to resolve, stops the build: nothing is left to go stale.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.hosting.build_identity import short_hash
from generator.hosting.cache_policy import HASHED_NAME

ASSETS = "assets/"
THEME = ("assets/javascripts/", "assets/stylesheets/")
SUFFIXES = frozenset({".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".whl", ".brotli", ".png", ".svg", ".ico",
                      ".woff2"})
TEXT = frozenset({".js", ".mjs", ".css", ".json"})
_HASHED = re.compile(HASHED_NAME)
_JS_LITERAL = re.compile(r"""(["'])([A-Za-z0-9_@~.\-/]+\.[A-Za-z0-9]+)\1""")
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)|@import\s+(["'])([^"']+)\3""")
_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# A page loads a file through a <script> or <link> tag, or names one for a script to load in a
# data-catalog or data-load-* attribute (the 部署自检 page checks how the host sends the runtime).
_TAG = re.compile(r"<(?:script|link)\b[^>]*>|<[a-z][a-z0-9]*\b[^>]*\sdata-load-[^>]*>", re.I)
_ATTR = re.compile(r'\s(?:src|href|data-catalog|data-load-[a-z]+)="([^"]*)"')


class FingerprintError(Exception):
    """A reference that cannot be given a content-addressed name; the message says which and why."""


@dataclass
class Fingerprints:
    """What the renaming did: old site path -> new, and what each file and page now references."""

    names: dict[str, str] = field(default_factory=dict)
    refs: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[str, list[str]] = field(default_factory=dict)


def hashed_name(path: str, content: bytes) -> str:
    """`dir/name.ext` -> `dir/name.<12 hex>.ext`."""
    head, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    new = f"{stem}.{short_hash(content, 12)}.{suffix}" if dot else f"{name}.{short_hash(content, 12)}"
    return f"{head}/{new}" if head else new


def _candidates(site: Path) -> set[str]:
    out = set()
    for path in site.joinpath("assets").rglob("*"):
        name = path.relative_to(site).as_posix()
        if (path.is_file() and path.suffix in SUFFIXES and not name.startswith(THEME)
                and not _HASHED.search(path.name)):
            out.add(name)
    return out


class _Resolver:
    def __init__(self, candidates: set[str]) -> None:
        self.candidates = candidates
        self.by_name: dict[str, list[str]] = {}
        for path in sorted(candidates):
            self.by_name.setdefault(path.rsplit("/", 1)[-1], []).append(path)

    def relative(self, folder: str, value: str) -> str | None:
        if value.startswith("/") or "://" in value or value.startswith(("data:", "#")):
            return None
        path = posixpath.normpath(posixpath.join(folder, value))
        return path if path in self.candidates else None

    def script(self, source: str, value: str) -> str | None:
        found = self.relative(posixpath.dirname(source), value)
        if found or "/" in value or value not in self.by_name:
            return found
        if len(self.by_name[value]) > 1:
            raise FingerprintError(f"{source} 中的 “{value}” 可能指 {'、'.join(self.by_name[value])}：请写出相对路径")
        return self.by_name[value][0]


def _references(source: str, text: str, resolve: _Resolver) -> list[tuple[int, int, str]]:
    """(start, end, target) of every reference in `text`; [start, end) holds the target's file name."""
    suffix = posixpath.splitext(source)[1]
    found = []
    if suffix in (".js", ".mjs"):
        for m in _JS_LITERAL.finditer(text):
            target = resolve.script(source, m.group(2))
            if target:
                found.append((m.end(2) - len(m.group(2).rsplit("/", 1)[-1]), m.end(2), target))
    elif suffix == ".css":
        for m in _CSS_URL.finditer(text):
            group = 2 if m.group(2) else 4
            target = resolve.relative(posixpath.dirname(source), m.group(group).split("?")[0].split("#")[0])
            if target:
                end = m.start(group) + len(m.group(group).split("?")[0].split("#")[0])
                found.append((end - len(target.rsplit("/", 1)[-1]), end, target))
    elif suffix == ".json":
        folder = posixpath.dirname(source)
        for m in _JSON_STRING.finditer(text):
            value = m.group(1)
            target = resolve.relative(folder, value) if "/" not in value else None
            if target:
                found.append((m.start(1), m.end(1), target))
    return [ref for ref in found if ref[2] != source]


def _replace(text: str, refs: list[tuple[int, int, str]], names: dict[str, str]) -> str:
    for start, end, target in sorted(refs, reverse=True):
        text = text[:start] + names[target].rsplit("/", 1)[-1] + text[end:]
    return text


def _order(graph: dict[str, list[str]]) -> list[str]:
    """Every node after the nodes it references; a cycle is an error."""
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = [*trail[trail.index(node):], node]
            raise FingerprintError(f"文件互相引用，无法按内容命名：{' → '.join(cycle)}")
        state[node] = 1
        for dep in graph.get(node, []):
            visit(dep, [*trail, node])
        state[node] = 2
        done.append(node)

    for node in sorted(graph):
        visit(node, [])
    return done


def _page_refs(site: Path, base_path: str, candidates: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """For each page, the references its <script> and <link> tags make to files it may load."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        text = page.read_text("utf-8")
        folder = posixpath.dirname(name)
        refs = []
        for tag in _TAG.finditer(text):
            for attr in _ATTR.finditer(tag.group(0)):
                raw = attr.group(1)
                value = html.unescape(raw).split("?")[0].split("#")[0]
                if value.startswith("/"):
                    if not value.startswith(base_path):
                        continue
                    path = posixpath.normpath(value[len(base_path):])
                elif "://" in value or value.startswith("data:"):
                    continue
                else:
                    path = posixpath.normpath(posixpath.join(folder, value))
                if path in candidates or (not path.startswith(ASSETS) and path.endswith(".json")
                                          and (site / path).is_file()):
                    end = tag.start() + attr.start(1) + len(raw.split("?")[0].split("#")[0])
                    refs.append((end - len(path.rsplit("/", 1)[-1]), end, path))
        if refs:
            out[name] = refs
    return out


Hook = Callable[[str, Path], str]


def fingerprint_site(site: Path, base_path: str = "/", hooks: dict[str, Hook] | None = None) -> Fingerprints:
    """Rename what the pages load to content-addressed names and rewrite every reference (module doc).

    `hooks` maps a file name to a function given the rewritten text and its folder, run before the file
    is hashed (the runtime manifest refreshes the sizes and digests of the files it lists)."""
    hooks = hooks or {}
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    candidates = _candidates(site)
    pages = _page_refs(site, base_path, candidates)
    published = sorted({target for refs in pages.values() for _, _, target in refs} - candidates)
    candidates |= set(published)
    resolve = _Resolver(candidates - set(published))
    texts: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}
    for path in sorted(candidates):
        if posixpath.splitext(path)[1] in TEXT and path not in published:
            text = (site / path).read_text("utf-8")
            texts[path] = (text, _references(path, text, resolve))
    graph = {path: sorted({t for _, _, t in texts[path][1]}) if path in texts else [] for path in candidates}
    result = Fingerprints()
    for path in _order(graph):
        file = site / path
        if path in texts:
            text, refs = texts[path]
            text = _replace(text, refs, result.names)
            hook = hooks.get(file.name)
            data = (hook(text, file.parent) if hook else text).encode("utf-8")
        else:
            data = file.read_bytes()
        new = hashed_name(path, data)
        (site / new).write_bytes(data)
        if path not in published:
            file.unlink()
        result.names[path] = new
        result.refs[new] = [result.names[dep] for dep in graph[path]]
    for page, refs in pages.items():
        file = site / page
        file.write_text(_replace(file.read_text("utf-8"), refs, result.names), "utf-8")
        result.pages[page] = sorted({result.names[target] for _, _, target in refs})
    return result


def built_name(site: Path, path: str) -> str:
    """The content-addressed name the build gave `path` (e.g. `assets/calculator/worker.js`), found on
    disk: for tests, the bench and anyone scripting against a built site."""
    head, _, name = path.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    folder = site / head
    pattern = re.compile(re.escape(stem) + r"\.[0-9a-f]{12}\." + re.escape(suffix) + "$")
    found = sorted(p.name for p in folder.iterdir() if pattern.match(p.name)) if folder.is_dir() else []
    if len(found) != 1:
        raise FileNotFoundError(f"{path}: {found or '没有'}按内容命名的文件")
    return f"{head}/{found[0]}" if head else found[0]
