"""The charts of the HTML report as inline SVG, written directly (no matplotlib).

The same picture as :func:`pledgecli.render.charts.svg` draws with matplotlib (the same
sizes in points, colours, axes, ticks, legend and DejaVu Sans glyphs as paths), without
its import and its artists: importing matplotlib and drawing three charts cost more than
the rest of an HTML report's own work at national scale. The glyphs' outlines, advances and
kerning are read from the DejaVu Sans that ships with matplotlib, with fontTools (a
dependency of matplotlib), so the page stays self-contained: nothing is fetched and every
Vietnamese letter shows. ``check --format svg`` and the Word report still draw with
matplotlib.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pledgecli.i18n import _
from pledgecli.render.charts import NOMINEE_COLOUR, Bars
from pledgecli.render.html_axis import limits, tick_labels, ticks
from pledgecli.safe_text import visible

POINTS = 72.0  # an inch; SVG user units are points, as matplotlib writes them
WIDTH = 7.5  # inches, as charts._figure
TICK = 3.5  # length of a tick and gap to its label, points
EXTRA_LP = (1556, -426)  # the ascent of "l" and descent of "p" (font units): a line's least


@dataclass
class _Font:
    """DejaVu Sans: advances, kerning, bounds and outlines of the glyphs used. Those of the
    letters, digits and punctuation of Vietnamese and English text (:data:`COMMON`) are
    read from ``html_glyphs.json`` (made from the font by :func:`common_glyphs`); the font
    itself (fontTools, ~50 ms) is read only when a text has another character."""

    units: float
    cmap: dict[int, str]
    advances: dict[str, tuple[int, int]]
    kerning: dict[tuple[str, str], int]
    outlines: dict[str, str] = field(default_factory=dict)
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)
    glyphs: Any = None  # the glyf table (bounds), once the font is read
    drawings: Any = None  # the glyph set (outlines), once the font is read

    def glyph(self, char: str) -> str:
        found = self.cmap.get(ord(char))
        if found is None and self.glyphs is None:
            self._read()
            found = self.cmap.get(ord(char))
        return found or self.cmap.get(ord("?"), ".notdef")

    def extent(self, name: str) -> tuple[int, int]:
        """(yMax, yMin) of a glyph in font units."""
        found = self.bounds.get(name)
        if found is None:
            if self.glyphs is None:
                self._read()
            glyph = self.glyphs[name]
            found = (int(getattr(glyph, "yMax", 0) or 0), int(getattr(glyph, "yMin", 0) or 0))
            self.bounds[name] = found
        return found

    def outline(self, name: str) -> str:
        found = self.outlines.get(name)
        if found is None:
            if self.drawings is None:
                self._read()
            found = self.outlines[name] = _outline(self.drawings, name)
        return found

    def _read(self) -> None:
        """Every glyph of the font: its map, advances and kerning replace the common ones
        (the same glyphs by the same names), the outlines and bounds made so far kept."""
        font = _read_font()
        self.cmap, self.advances, self.kerning = font.cmap, font.advances, font.kerning
        self.glyphs, self.drawings = font.glyphs, font.drawings


def _outline(drawings: Any, name: str) -> str:
    from fontTools.pens.svgPathPen import SVGPathPen  # type: ignore[import-untyped]

    pen = SVGPathPen(drawings, lambda value: f"{value:g}")
    drawings[name].draw(pen)
    return str(pen.getCommands())


def _read_font() -> _Font:
    """DejaVu Sans as matplotlib ships it, read with fontTools."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    spec = find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations)))
    font = TTFont(path / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf", lazy=True)
    # The glyphs named by their index: their names (the 'post' table, ~6,000 of them) are
    # never written and cost more to read than the tables the charts use.
    font.setGlyphOrder([".notdef", *(f"g{index}" for index in range(1, font["maxp"].numGlyphs))])
    kerning: dict[tuple[str, str], int] = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            kerning.update(getattr(table, "kernTable", {}))
    return _Font(
        float(font["head"].unitsPerEm),
        dict(font.getBestCmap()),
        dict(font["hmtx"].metrics),
        kerning,
        glyphs=font["glyf"],
        drawings=font.getGlyphSet(),
    )


# The characters whose glyphs are kept in html_glyphs.json: Latin letters with their
# Vietnamese and other accents, digits, punctuation, the minus sign of the axes' ticks.
COMMON = "".join(
    chr(code)
    for first, last in (
        (0x20, 0x7E),  # ASCII
        (0xA0, 0x17F),  # Latin-1 and Latin Extended-A (Ă, Đ, Ĩ, Ũ)
        (0x1A0, 0x1B0),  # Ơ, Ư
        (0x1EA0, 0x1EF9),  # the Vietnamese letters with two marks (Ạ ... ỹ)
        (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
        (0x2030, 0x203A),
    )
    for code in range(first, last + 1)
) + "\u2212\u2264\u2265"  # minus (the ticks), at most, at least
GLYPHS = Path(__file__).with_name("html_glyphs.json")


def common_glyphs() -> dict[str, Any]:
    """What html_glyphs.json holds, read from the font: the units per em, the glyph of each
    of :data:`COMMON`'s characters the font has, their advances, bounds and outlines, the
    kerning between them (``python -m pledgecli.render.html_chart`` writes it anew)."""
    font = _read_font()
    cmap = {code: font.cmap[code] for code in map(ord, COMMON) if code in font.cmap}
    names = sorted(set(cmap.values()), key=lambda name: (len(name), name))
    return {
        "units": font.units,
        "cmap": {str(code): name for code, name in cmap.items()},
        "glyphs": {
            name: [*font.advances[name], *font.extent(name), font.outline(name)] for name in names
        },
        "kerning": [
            [left, right, value]
            for (left, right), value in sorted(font.kerning.items())
            if left in names and right in names
        ],
    }


@cache
def _font() -> _Font:
    data = json.loads(GLYPHS.read_text(encoding="utf-8"))
    glyphs: dict[str, list[Any]] = data["glyphs"]
    return _Font(
        float(data["units"]),
        {int(code): name for code, name in data["cmap"].items()},
        {name: (glyph[0], glyph[1]) for name, glyph in glyphs.items()},
        {(left, right): value for left, right, value in data["kerning"]},
        {name: glyph[4] for name, glyph in glyphs.items()},
        {name: (glyph[2], glyph[3]) for name, glyph in glyphs.items()},
    )


@dataclass(frozen=True)
class _Line:
    """One line of text laid out: glyph names and their x offsets (font units)."""

    glyphs: tuple[tuple[str, float], ...]
    width: float  # font units
    ascent: float  # font units, at least that of "l"
    descent: float  # font units (positive), at least that of "p"


def _layout(text: str) -> _Line:
    font = _font()
    placed: list[tuple[str, float]] = []
    x = 0.0
    previous = None
    ascent, descent = float(EXTRA_LP[0]), float(-EXTRA_LP[1])
    for char in text:
        name = font.glyph(char)
        if previous is not None:
            x += font.kerning.get((previous, name), 0)
        placed.append((name, x))
        top, bottom = font.extent(name)
        ascent, descent = max(ascent, top), max(descent, -bottom)
        x += font.advances.get(name, (0, 0))[0]
        previous = name
    return _Line(tuple(placed), x, ascent, descent)


def _n(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Canvas:
    """The SVG elements of one chart, glyphs defined once per chart (ids prefixed)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.parts: list[str] = []
        self.used: dict[str, str] = {}

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.parts.append(
            f'<path d="M {_n(x)} {_n(y)} L {_n(x + w)} {_n(y)} L {_n(x + w)} {_n(y + h)} '
            f'L {_n(x)} {_n(y + h)} z" style="fill: {colour}"/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.parts.append(
            f'<path d="M {_n(x1)} {_n(y1)} L {_n(x2)} {_n(y2)}" '
            'style="fill: none; stroke: #000000; stroke-width: 0.8; stroke-linecap: square"/>'
        )

    def text(
        self,
        text: str,
        x: float,
        y: float,
        size: float,
        align: str = "left",
        valign: str = "baseline",
    ) -> None:
        """``text`` at (x, y): ``align`` left, center or right; ``valign`` baseline, top,
        center or center_baseline (the middle of the line above its baseline), as matplotlib."""
        line = _layout(text)
        scale = size / _font().units
        if align == "right":
            x -= line.width * scale
        elif align == "center":
            x -= line.width * scale / 2
        if valign == "top":
            y += line.ascent * scale
        elif valign == "center_baseline":
            y += line.ascent * scale / 2
        elif valign == "center":  # the middle of the line, descent included
            y += (line.ascent - line.descent) * scale / 2
        uses = []
        for name, offset in line.glyphs:
            outline = _font().outline(name)
            if not outline:
                continue  # a space
            ident = self.used.get(name)
            if ident is None:
                ident = self.used[name] = f"{self.prefix}-{len(self.used)}"
            uses.append(f'<use xlink:href="#{ident}" x="{_n(offset)}"/>')
        if uses:
            self.parts.append(
                f'<g transform="translate({_n(x)} {_n(y)}) scale({scale:.6g} -{scale:.6g})">'
                + "".join(uses)
                + "</g>"
            )

    def width(self, text: str, size: float) -> float:
        return _layout(text).width * size / _font().units

    def height(self, text: str, size: float) -> tuple[float, float]:
        line = _layout(text)
        scale = size / _font().units
        return line.ascent * scale, line.descent * scale

    def defs(self) -> Iterator[str]:
        font = _font()
        for name, ident in self.used.items():
            yield f'<path id="{ident}" d="{font.outline(name)}"/>'


PLACEHOLDER = "\x00"  # the ids' prefix while drawing (no NUL is ever written otherwise)


def _named(document: str) -> str:
    """The chart with its ids prefixed by a digest of its own content: two charts of a page
    share an id only when they are the same chart, and the same every run."""
    digest = hashlib.sha1(document.encode("utf-8")).hexdigest()[:10]
    return document.replace(PLACEHOLDER, "c" + digest)


def inline_svg(chart: Bars) -> str:
    """One chart as an ``<svg>`` element to put inside an HTML page."""
    height = 1.3 + 0.28 * max(len(chart.labels), 1)
    longest = max((len(label) for label in chart.labels), default=4)
    left = min(0.35 + 0.062 * longest, WIDTH * 0.4) * POINTS
    right = 1.9 * POINTS
    lines = chart.title.count("\n") + 1
    page_w, page_h = WIDTH * POINTS, height * POINTS
    axes_w = page_w - left - right
    axes_h = (height - 0.55 - 0.25 - 0.2 * lines) * POINTS
    bottom = page_h - 0.55 * POINTS
    top = bottom - axes_h
    canvas = _Canvas(PLACEHOLDER)
    canvas.rect(0, 0, page_w, page_h, "#ffffff")
    canvas.rect(left, top, axes_w, axes_h, "#ffffff")
    xmin, xmax, ytop, ybottom = limits(chart)

    def x_of(value: float) -> float:
        return left + (value - xmin) / (xmax - xmin) * axes_w

    def y_of(value: float) -> float:
        return top + (value - ytop) / (ybottom - ytop) * axes_h

    positions = range(len(chart.labels))
    ends = [0.0] * len(chart.labels)
    for series in chart.series:
        for i, value in zip(positions, series.values, strict=True):
            colour = NOMINEE_COLOUR if i in chart.highlight else series.colour
            start, end = x_of(ends[i]), x_of(ends[i] + value)
            canvas.rect(
                min(start, end),
                y_of(i - 0.35),
                abs(end - start),
                y_of(i + 0.35) - y_of(i - 0.35),
                colour,
            )
            ends[i] += value
    for i, text in zip(positions, chart.texts, strict=False):
        canvas.text(f" {visible(text)}", x_of(ends[i]), y_of(i), 8, valign="center")
    # x axis: ticks within the limits, labels (10 pt) under them, the axis name (9 pt)
    label_ascent, label_descent = canvas.height("0", 10)
    slack = 1e-9 * (xmax - xmin)
    located = ticks(xmin, xmax)
    for value, text in zip(located, tick_labels(located), strict=True):
        if not xmin - slack <= value <= xmax + slack:
            continue
        x = x_of(value)
        canvas.line(x, bottom, x, bottom + TICK)
        canvas.text(text, x, bottom + 2 * TICK, 10, "center", "top")
    name_top = bottom + 2 * TICK + label_ascent + label_descent + 4
    canvas.text(visible(chart.axis), left + axes_w / 2, name_top, 9, "center", "top")
    # y axis: a tick and the label (8 pt, right-aligned) of each bar
    for i, label in zip(positions, chart.labels, strict=True):
        y = y_of(i)
        canvas.line(left, y, left - TICK, y)
        canvas.text(visible(label), left - 2 * TICK, y, 8, "right", "center_baseline")
    canvas.line(left, bottom, left, top)  # the spines kept: left and bottom
    canvas.line(left, bottom, left + axes_w, bottom)
    for number, line in enumerate(reversed(visible(chart.title).split("\n"))):
        canvas.text(line, left, top - 6 - number * 10 * 1.2, 10)
    _legend(canvas, chart, left + 1.01 * axes_w, top)
    if not chart.labels:
        canvas.text(_("nothing to show"), left + axes_w / 2, top + axes_h / 2, 10, "center")
    return _named(_document(canvas, page_w, page_h))


def _legend(canvas: _Canvas, chart: Bars, x: float, y: float) -> None:
    entries = [(visible(s.name), s.colour) for s in chart.series]
    if chart.highlight:
        entries.append((visible(chart.highlight_name), NOMINEE_COLOUR))
    if len(entries) < 2:
        return
    size = 8.0
    pad, handle, gap, spacing = 0.4 * size, 2.0 * size, 0.8 * size, 0.5 * size
    rows = [canvas.height(name, size) for name, _colour in entries]
    width = 2 * pad + handle + gap + max(canvas.width(name, size) for name, _c in entries)
    height = 2 * pad + sum(max(a, 0.7 * size) + d for a, d in rows) + spacing * (len(rows) - 1)
    left, top = x + 0.5 * size, y + 0.5 * size
    radius = 0.2 * size
    canvas.parts.append(
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}" '
        f'rx="{_n(radius)}" style="fill: #ffffff; opacity: 0.8; stroke: #cccccc; '
        'stroke-width: 1"/>'
    )
    row_top = top + pad
    for (name, colour), (ascent, descent) in zip(entries, rows, strict=True):
        baseline = row_top + max(ascent, 0.7 * size)
        canvas.rect(left + pad, baseline - 0.7 * size, handle, 0.7 * size, colour)
        canvas.text(name, left + pad + handle + gap, baseline, size)
        row_top = baseline + descent + spacing


def _document(canvas: _Canvas, width: float, height: float) -> str:
    defs = "".join(canvas.defs())
    return (
        f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="{_n(width)}pt" '
        f'height="{_n(height)}pt" viewBox="0 0 {_n(width)} {_n(height)}" '
        'xmlns="http://www.w3.org/2000/svg" version="1.1">\n'
        f"<defs>{defs}</defs>\n" + "\n".join(canvas.parts) + "\n</svg>\n"
    )


if __name__ == "__main__":  # html_glyphs.json made anew from the font matplotlib ships
    GLYPHS.write_text(json.dumps(common_glyphs(), ensure_ascii=False, separators=(",", ":")) + "\n")
