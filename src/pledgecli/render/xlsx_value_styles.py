"""The styles of a target's figures on the Results sheet (``s`` of a cell), by decimals,
signed (the gap) or not, each made when a row first needs it (``xlsx_results``)."""

from __future__ import annotations

from pledgecli.models import Rule, Target
from pledgecli.render.xlsx_formats import value_format
from pledgecli.render.xlsx_writer import Book


class ValueStyles:
    """The styles of a target's figures (``s`` of a cell) by decimals, signed (the gap) or
    not: each format made when a row first needs it, as the rows ask for them."""

    def __init__(self, book: Book) -> None:
        self._book = book
        self._styles: dict[tuple[bool, bool, int, bool], int] = {}
        self._by_target: dict[tuple[int, int], FigureStyles] = {}  # by id() of the target

    def of(self, target: Target, digits: int) -> FigureStyles:
        styles = self._by_target.get((id(target), digits))
        if styles is None:
            styles = self._by_target[(id(target), digits)] = FigureStyles(self, target, digits)
        return styles

    def style(self, target: Target, digits: int, signed: bool) -> int:
        key = (target.is_percent, target.rule is Rule.GROWTH_AT_LEAST, digits, signed)
        style = self._styles.get(key)
        if style is None:
            fmt = value_format(target, digits, signed=signed)
            style = self._styles[key] = self._book.style(self._book.format(num_format=fmt))
        return style


class FigureStyles:
    """A target's styles at ``digits`` decimals: the figure's (made at once), the gap's
    (``digits`` decimals when the gap is zero or none, else at least one; made on first
    use, as the rows used to make them)."""

    __slots__ = ("_digits", "_gaps", "_owner", "_target", "plain")

    def __init__(self, owner: ValueStyles, target: Target, digits: int) -> None:
        self._owner, self._target, self._digits = owner, target, digits
        self.plain = owner.style(target, digits, False)
        self._gaps: list[int | None] = [None, None]

    def gap(self, gap: object) -> int:
        zero = not gap
        style = self._gaps[zero]
        if style is None:
            digits = self._digits if zero else max(self._digits, 1)
            style = self._gaps[zero] = self._owner.style(self._target, digits, True)
        return style
