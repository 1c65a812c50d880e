"""The ranking view of ``pledge rank``: blocks and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from pledgecli.display import (
    number,
)
from pledgecli.i18n import _
from pledgecli.outcomes import ReviewOutcome
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
from pledgecli.render.review_parts import Names, _count, _name, _points, title
from pledgecli.review import PledgeReview
from pledgecli.scoring import NO_ELIGIBLE, TIE


def leaders(review: PledgeReview, names: Names) -> list[Block]:
    pledge = review.pledge
    lines = []
    if pledge.leader:
        lines.append(
            _("Cluster leader (Cụm trưởng) {year}: {province}").format(
                year=pledge.year, province=_name(names, pledge.leader)
            )
        )
    if pledge.next_leader:
        lines.append(
            _("Cluster leader elected for {year}: {province}").format(
                year=pledge.year + 1, province=_name(names, pledge.next_leader)
            )
        )
    return [Paragraph(line) for line in lines]


def nominee_text(review: PledgeReview, names: Names) -> str:
    nominee = review.nominee
    scores = review.scores
    if nominee.reason == NO_ELIGIBLE:
        return _("No province can be proposed for the emulation flag: none met every target.")
    listed = ", ".join(
        _("{province} ({score} points)").format(
            province=_name(names, p), score=number(scores[p].score)
        )
        for p in nominee.provinces
    )
    if nominee.reason == TIE:
        text = _("Tied for the emulation flag (Cờ thi đua): {provinces}; the cluster decides.")
    else:
        text = _("Proposed for the emulation flag (Cờ thi đua): {provinces}.")
    text = text.format(provinces=listed)
    top = review.ranking[0].score if review.ranking else None
    if top is not None and top.province not in nominee.provinces:
        text += " " + _(
            "{province} scored highest but did not meet every target, which the pledge requires."
        ).format(province=_name(names, top.province))
    return text


def ranking_table(review: PledgeReview, names: Names) -> TableBlock:
    pledge = review.pledge
    columns = (
        Column("rank", _("Rank"), numeric=True),
        Column("province", _("Province")),
        Column("score", _("Score"), numeric=True),
        Column("met", _("Met"), numeric=True),
        Column("missed", _("Missed"), numeric=True),
        Column("no_data", _("No data"), numeric=True),
    )
    body = tuple(
        (
            _count(entry.rank),
            Cell(_name(names, entry.score.province), entry.score.province),
            _points(entry.score.score),
            _count(entry.score.met),
            _count(entry.score.missed),
            _count(entry.score.no_data + entry.score.no_baseline),
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
        blocks.append(Paragraph(nominee_text(review, names), strong=True))
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
                    }
                    for entry in r.ranking
                ],
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
    blocks = ranking_blocks(outcome.reviews, outcome.names)
    out.write(to_csv([with_province_names(b) for b in blocks]))


def write_markdown(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_markdown(ranking_blocks(outcome.reviews, outcome.names)))
