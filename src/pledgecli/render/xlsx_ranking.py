"""What the ranking sheet adds after its fixed columns, as ``rank`` and the Markdown report
show it: the band, the flag and certificate status, the scores on the reported and on the
verified figures (cells from :mod:`pledgecli.render.rank_parts`), and the nomination
sentences below the ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from pledgecli.render.rank_parts import (
    _has_corrections,
    extra_cells,
    extra_columns,
    nomination_lines,
)
from pledgecli.render.xlsx_writer import SCORE_FORMAT, Book, Sheet, StreamSheet
from pledgecli.review import PledgeReview
from pledgecli.safe_text import visible

SCORES = ("reported_score", "verified_score", "score_difference")


def wanted_keys(reviews: Sequence[PledgeReview]) -> tuple[str, ...]:
    """The extra columns the sheet needs: the band when a pledge has bands, the flag and
    certificate status when a pledge awards them, both scores when a figure was corrected."""
    wanted = set()
    if any(review.pledge.scoring.bands for review in reviews):
        wanted.add("band")
    if any(review.flag is not None for review in reviews):
        wanted.add("flag")
    if any(review.certificates is not None for review in reviews):
        wanted.add("certificate")
    if any(_has_corrections(review) for review in reviews):
        wanted.update(SCORES)
    order = ("band", "flag", "certificate", *SCORES)
    return tuple(key for key in order if key in wanted)


def extra_headers(reviews: Sequence[PledgeReview], keys: Sequence[str]) -> list[str]:
    if not reviews:
        return []
    titles = {column.key: column.header for column in extra_columns(reviews[0], True)}
    return [titles[key] for key in keys]


def extra_row(
    book: Book,
    sheet: StreamSheet,
    row: int,
    first: int,
    review: PledgeReview,
    province: str,
    keys: Sequence[str],
) -> list[tuple[int, str]]:
    """``province``'s extra cells from column ``first`` on, as XML by column (those
    Book.number and Book.text write): words as text, scores as numbers."""
    cells = dict(extra_cells(review, province, keys))
    check = review.checks.get(province)
    score = book.format(num_format=SCORE_FORMAT)
    out = []
    for column, key in enumerate(keys, start=first):
        if key in SCORES:
            value: Fraction | None = None
            if check is not None:
                value = {
                    "reported_score": check.reported,
                    "verified_score": check.verified,
                    "score_difference": check.difference,
                }[key]
            cell = book.number_xml(sheet, row, column, value, score)
            if cell:
                out.append((column, cell))
        elif cells[key].text:
            out.append((column, book.text_xml(sheet, row, column, cells[key].text)))
    return out


def nomination_rows(
    book: Book, sheet: Sheet, row: int, reviews: Sequence[PledgeReview], names: Mapping[str, str]
) -> int:
    """The nomination sentences below the ranking (a blank row first), each pledge's first
    one in bold and led by its cluster when the sheet holds several; the next free row."""
    strong = book.format(bold=True)
    for review in reviews:
        lines = nomination_lines(review, names)
        if not lines:
            continue
        row += 1
        for index, line in enumerate(lines):
            if len(reviews) > 1:
                line = f"{review.pledge.cluster}: {line}"
            # Not fitted: a sentence would widen the cluster column to the limit.
            sheet.write_string(row, 0, visible(line), strong if index == 0 else None)
            row += 1
    return row
