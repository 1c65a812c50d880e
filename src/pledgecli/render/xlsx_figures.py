"""A figure judged against a threshold as the long sheets write it (``Book.figure``):
worked out once per distinct target, figure and threshold of a workbook. National data
judges a hundred thousand results on a tenth as many figures, and three sheets (the
results, the matrix, the targets not met) write each of them; a float's text alone
(``repr``) costs as much as the rest of its cell."""

from __future__ import annotations

from fractions import Fraction

# What a sheet's pieces are split on: the row number goes there (see Figure.results).
# Never in a number's text, so the pieces joined with the row number are the cells.
ROW = "\0"


class Figure:
    """The decimals and the text of a fraction judged against a fraction (both exact,
    the same for every result of the same target, figure and threshold), and the cells
    each sheet makes of them, kept by that sheet for its next row of the same figures."""

    __slots__ = ("digits", "matrix", "missed", "results", "text")

    def __init__(self, digits: int, numerator: int, denominator: int) -> None:
        self.digits = digits  # result_digits() of any of these results
        # the figure's number: json_number() of numerator / denominator (in lowest terms)
        try:
            value = numerator if denominator == 1 else numerator / denominator
        except OverflowError:  # beyond any float: the nearest integer
            value = round(Fraction(numerator, denominator))
        self.text = repr(value)
        # the cells of the Results sheet and of "Targets not met", with the status they
        # were made for: pieces to join with the row's number, made by the sheet at its
        # first such result
        self.missed: tuple[object, tuple[str, ...]] | None = None
        self.results: tuple[object, tuple[str, ...]] | None = None
        # the rest of a matrix's cell (after its reference), for the status it was made for
        self.matrix: tuple[object, str] | None = None


def pieces(cells: str) -> tuple[str, ...]:
    """Cells written for the row :data:`ROW`, as the pieces ``row.join()`` makes them of."""
    return tuple(cells.split(ROW))
