"""The ranking view of ``pledge rank``: blocks and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from pledgecli.display import (
    number,
)
from pledgecli.i18n import _
from pledgecli.render.document import (
    Block,
    Cell,
    Column,
    Heading,
    Paragraph,
    TableBlock,
    to_csv,
    to_markdown,
    write_rich,
)
from pledgecli.render.document import write_json as write_payload
from pledgecli.render.formats import Page
from pledgecli.render.json import score_number
from pledgecli.render.rank_parts import (
    entry_json,
    extra_cells,
    extra_columns,
    nomination_blocks,
    nomination_lines,
    review_json,
    verification_table,
)
from pledgecli.render.review_parts import Names, _count, _name, _points, title
from pledgecli.review import PledgeReview
from pledgecli.review_outcomes import ReviewOutcome


def leaders(review: PledgeReview, names: Names) -> list[Block]:
    pledge = review.pledge
    lines = []
    if pledge.leader:
        lines.append(
            _("Cluster leader (Cụm trưởng) {year}: {province}").format(
                year=pledge.year, province=_name(names, pledge.leader)
            )
        )
    if pledge.deputy:
        lines.append(
            _("Cluster deputy (Cụm phó) {year}: {province}").format(
                year=pledge.year, province=_name(names, pledge.deputy)
            )
        )
    if pledge.next_leader:
        lines.append(
            _("Cluster leader elected for {year}: {province}").format(
                year=pledge.year + 1, province=_name(names, pledge.next_leader)
            )
        )
    if pledge.next_deputy:
        lines.append(
            _("Cluster deputy elected for {year}: {province}").format(
                year=pledge.year + 1, province=_name(names, pledge.next_deputy)
            )
        )
    return [Paragraph(line) for line in lines]


def nominee_text(review: PledgeReview, names: Names) -> str:
    """The nominations in one paragraph (the documents that show one)."""
    return " ".join(nomination_lines(review, names))


def ranking_table(review: PledgeReview, names: Names, every_column: bool = False) -> TableBlock:
    """The ranking; the band, the scores on reported figures and the self-score when the
    pledge has bands, corrections or self-scores (``every_column``: always, as CSV has)."""
    pledge = review.pledge
    extra = extra_columns(review, every_column)
    columns = (
        Column("rank", _("Rank"), numeric=True),
        Column("province", _("Province")),
        Column("score", _("Score"), numeric=True),
        Column("met", _("Met"), numeric=True),
        Column("missed", _("Missed"), numeric=True),
        Column("no_data", _("No data"), numeric=True),
        *extra,
    )
    wanted = {c.key for c in extra}
    body = tuple(
        (
            _count(entry.rank),
            Cell(_name(names, entry.score.province), entry.score.province),
            _points(entry.score.score),
            _count(entry.score.met),
            _count(entry.score.missed),
            _count(entry.score.no_data + entry.score.no_baseline),
            *(cell for _key, cell in extra_cells(review, entry.score.province, wanted)),
        )
        for entry in review.ranking
    )
    notes = [_("Equal scores share a rank; within a tie, more targets met first, then by name.")]
    for entry in review.ranking:
        for deduction in entry.score.deductions:
            notes.append(
                _("{province}: minus {points} points: {reason}").format(
                    province=_name(names, entry.score.province),
                    points=number(deduction.points),
                    reason=deduction.reason,
                )
            )
    return TableBlock(
        columns,
        body,
        notes=tuple(notes),
        context=(("year", pledge.year), ("cluster", pledge.cluster)),
    )


def ranking_blocks(reviews: Sequence[PledgeReview], names: Names) -> list[Block]:
    blocks: list[Block] = []
    for review in reviews:
        blocks.append(Heading(title(review)))
        blocks.append(ranking_table(review, names))
        verified = verification_table(review, names)
        if verified is not None:
            blocks.append(verified)
        blocks += nomination_blocks(review, names)
        blocks += leaders(review, names)
    return blocks


def ranking_json(reviews: Sequence[PledgeReview], year: int) -> dict[str, object]:
    return {
        "year": year,
        "pledges": [
            {
                "cluster": r.pledge.cluster,
                "name": r.pledge.name,
                "leader": r.pledge.leader,
                "next_leader": r.pledge.next_leader,
                "nominee": list(r.nominee.provinces),
                "nominee_reason": r.nominee.reason,
                "ranking": [
                    {
                        "rank": entry.rank,
                        "province": entry.score.province,
                        "score": score_number(entry.score.score),
                        "met": entry.score.met,
                        "missed": entry.score.missed,
                        "no_data": entry.score.no_data,
                        "no_baseline": entry.score.no_baseline,
                        "deductions": [
                            {"points": score_number(d.points), "reason": d.reason}
                            for d in entry.score.deductions
                        ],
                        **entry_json(r, entry.score.province),
                    }
                    for entry in r.ranking
                ],
                **review_json(r),
            }
            for r in reviews
        ],
    }


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _outcome(page: Page) -> ReviewOutcome:
    assert isinstance(page.value, ReviewOutcome)
    return page.value


def write_table(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_rich(ranking_blocks(outcome.reviews, outcome.names), out)


def write_json(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_payload(ranking_json(outcome.reviews, outcome.report.year), out)


def with_province_names(block: Block) -> Block:
    """A ranking table with a last column ``province_name`` (the CSV's columns: the id
    for scripts, the name for people; added last so that no column moves)."""
    if not isinstance(block, TableBlock):
        return block
    keys = [c.key for c in block.columns]
    if "province" not in keys:
        return block
    at = keys.index("province")
    columns = (*block.columns, Column("province_name", _("Province")))
    rows = tuple((*row, Cell(row[at].text, row[at].text)) for row in block.rows)
    return replace(block, columns=columns, rows=rows)


def write_csv(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(
        to_csv(
            [
                with_province_names(ranking_table(r, outcome.names, every_column=True))
                for r in outcome.reviews
            ]
        )
    )


def write_markdown(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_markdown(ranking_blocks(outcome.reviews, outcome.names)))
