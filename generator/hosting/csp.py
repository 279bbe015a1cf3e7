"""The Content-Security-Policy the built site works under, with a hash for every inline script.

Only scripts written in the theme's templates are hashed. A built page's inline script must match the
template it came from, where each `{{ … }}` slot may hold only URL characters (never a quote,
backslash, angle bracket or white space). Anything else, such as a script smuggled in through
SITE_URL or through raw HTML in catalog/, stops the build instead of being allowed by the policy.

A release is configured after the build (generator/release/configure.py, shipped with this module, Python
3.8+): configuring changes only the address in the 404 pages' scope script, so `site_policy` hashes the
scripts of the configured site again, without the templates, and lets the framing origins in.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
# What a template slot inside an allowed script may expand to: URL characters, never a quote, backslash,
# angle bracket or white space, so it cannot end the string literal it stands in.
_URL_SLOT = r"[A-Za-z0-9._~/%:@!$&()*+,;=-]*"

# 'wasm-unsafe-eval' lets Pyodide compile WebAssembly; nothing else is loosened for scripts.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'self'"],
}


class InlineScriptError(Exception):
    """A built page holds an inline script that no template wrote."""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _is_executable(attrs: str, body: str) -> bool:
    return "src=" not in attrs and "application/json" not in attrs and bool(body.strip())


def template_scripts(template_dirs: Iterable[Path | str]) -> list[re.Pattern[str]]:
    """A pattern for each inline script of the templates; `{{ … }}` slots match URL characters only."""
    patterns = []
    for directory in template_dirs:
        for template in sorted(Path(directory).rglob("*.html")):
            for match in _SCRIPT_RE.finditer(template.read_text("utf-8")):
                attrs, body = match.group("attrs"), _JINJA_COMMENT.sub("", match.group("body"))
                if not _is_executable(attrs, body) or _JINJA_STATEMENT.search(body):
                    continue  # a script built by template logic is not allowed at all
                pieces = _JINJA_EXPRESSION.split(_collapse(body))
                patterns.append(re.compile(_URL_SLOT.join(re.escape(piece) for piece in pieces)))
    return patterns


def inline_script_hashes(site: Path, template_dirs: Iterable[Path | str]) -> list[str]:
    """`'sha256-…'` of every executable inline script in the built pages, sorted; refuse unknown ones."""
    allowed = template_scripts(template_dirs)
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for match in _SCRIPT_RE.finditer(page.read_text("utf-8")):
            attrs, body = match.group("attrs"), match.group("body")
            if not _is_executable(attrs, body):
                continue
            if not any(pattern.fullmatch(_collapse(body)) for pattern in allowed):
                raise InlineScriptError(
                    f"{page.relative_to(site).as_posix()} 中有一段不是由模板写出的内联脚本"
                    f"（{_collapse(body)[:60]}），不为它生成哈希；请检查 SITE_URL 和 catalog/ 中的原始 HTML")
            hashes.add(_digest(body))
    return sorted(hashes)


def _digest(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy_text(hashes: Iterable[str], frame_origins: Iterable[str] = ()) -> str:
    """The header's value: the base policy, the scripts' hashes and the origins that may frame the site."""
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] += list(hashes)
    policy["frame-ancestors"] += list(frame_origins)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def site_policy(site: Path, frame_origins: Iterable[str] = ()) -> str:
    """The policy of a built (and checked) site as it is now: every executable inline script is hashed."""
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for match in _SCRIPT_RE.finditer(page.read_text("utf-8")):
            if _is_executable(match.group("attrs"), match.group("body")):
                hashes.add(_digest(match.group("body")))
    return policy_text(sorted(hashes), frame_origins)


def content_security_policy(site: Path, template_dirs: Iterable[Path | str], frame_origins: Iterable[str] = ()) -> str:
    """The policy of a freshly built site, refusing any inline script that no template wrote."""
    return policy_text(inline_script_hashes(site, template_dirs), frame_origins)
