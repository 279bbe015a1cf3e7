"""The size in points of every run of text in a PDF that Chromium printed (page.pdf), read from the page's own
drawing instructions: each text run's font size (Tf) times the scale of its text and drawing matrices (Tm, cm).
pdffonts names the fonts but not their sizes, and the boxes of pdftotext -bbox depend on each font's ascent and
descent; this reads the size the browser asked for. Each run is named by the word pdftotext -bbox finds where the
run starts, so that a failure says which text is too small. Only the standard library and poppler-utils."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from html import unescape
from pathlib import Path

# Operators, names, numbers, strings, dictionaries and arrays of a content stream (PDF 1.7, 7.8.2).
TOKEN = re.compile(rb"""
    (?P<string>\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\))
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<delim><<|>>|\[|\])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
  | (?P<comment>%[^\r\n]*)
""", re.X)
STREAM = re.compile(rb"(?<!end)stream\r?\n")
SHOW = {b"Tj", b"TJ", b"'", b'"'}
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n, as PDF composes matrices (row vectors)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@dataclass(frozen=True)
class Run:
    """One run of text shown on the page: its size in points and where it starts (points from the top left)."""

    size: float
    x: float
    y: float


def _runs_of(content: bytes, page_height: float) -> list[Run]:
    runs: list[Run] = []
    stack: list[Matrix] = []
    ctm, tm, tlm = IDENTITY, IDENTITY, IDENTITY
    size, leading = 0.0, 0.0
    operands: list[float] = []
    for match in TOKEN.finditer(content):
        kind, token = match.lastgroup, match.group()
        if kind == "number":
            operands.append(float(token))
            continue
        if kind != "op":
            if kind == "name" and operands:  # a Tf's name comes before its size; keep only numbers
                operands = []
            continue
        if token == b"q":
            stack.append(ctm)
        elif token == b"Q" and stack:
            ctm = stack.pop()
        elif token == b"cm" and len(operands) >= 6:
            ctm = _times(tuple(operands[-6:]), ctm)  # type: ignore[arg-type]
        elif token == b"BT":
            tm = tlm = IDENTITY
        elif token == b"Tf" and operands:
            size = operands[-1]
        elif token == b"TL" and operands:
            leading = operands[-1]
        elif token == b"Tm" and len(operands) >= 6:
            tm = tlm = tuple(operands[-6:])  # type: ignore[assignment]
        elif token in (b"Td", b"TD") and len(operands) >= 2:
            if token == b"TD":
                leading = -operands[-1]
            tm = tlm = _times((1, 0, 0, 1, operands[-2], operands[-1]), tlm)
        elif token in (b"T*", b"'", b'"'):
            tm = tlm = _times((1, 0, 0, 1, 0, -leading), tlm)
        if token in SHOW:
            a, b, c, d, e, f = _times(tm, ctm)
            runs.append(Run(size=round(size * math.sqrt(abs(a * d - b * c)), 2), x=e, y=page_height - f))
        operands = []
    return runs


def _words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """pdftotext -bbox's words: xMin, yMin, xMax, yMax (points from the top left) and the word."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html)
    return [(float(x0), float(y0), float(x1), float(y1), unescape(word)) for x0, y0, x1, y1, word in found]


def text_sizes(pdf: Path) -> list[tuple[float, str]]:
    """(size in points, the word where it starts) of each run of text on a one-page PDF, in drawing order."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: make test installs it"
    data = pdf.read_bytes()
    pages = re.findall(rb"/Type\s*/Page\b", data)
    assert len(pages) == 1, f"{pdf.name} has {len(pages)} pages, not one"
    box = re.search(rb"/MediaBox\s*\[\s*([\d.+-]+)\s+([\d.+-]+)\s+([\d.+-]+)\s+([\d.+-]+)\s*\]", data)
    assert box, f"{pdf.name} has no MediaBox"
    height = float(box.group(4)) - float(box.group(2))
    runs: list[Run] = []
    for stream in STREAM.finditer(data):
        # Inflated from where the stream starts to where its deflate data ends (a /Length-free read: the data's
        # last byte may be the \r that a pattern up to "endstream" would take for the line end).
        inflate = zlib.decompressobj()
        try:
            content = inflate.decompress(data[stream.end():data.find(b"endstream", stream.end()) + 1])
        except zlib.error:
            continue  # not deflated: none of Chromium's drawing instructions
        if not inflate.eof:
            continue
        if b"BT" in content and b" Tf" in content:
            runs.extend(_runs_of(content, height))
    words = _words(pdf)
    named = []
    for run in runs:
        word = next((w for x0, y0, x1, y1, w in words if x0 - 1.5 <= run.x <= x1 and y0 - 1 <= run.y <= y1 + 1), "?")
        named.append((run.size, word))
    return named
