"""The view of ``pledge missing``: per signatory, the figures not recorded yet, with the
metrics named in the reader's language (JSON and CSV keep the ids, and add the name)."""

from __future__ import annotations

from typing import TextIO

from pledgecli.i18n import _, ngettext
from pledgecli.render.document import (
    Block,
    Cell,
    Column,
    Heading,
    Paragraph,
    TableBlock,
    to_csv,
    write_rich,
)
from pledgecli.render.document import write_json as write_payload
from pledgecli.render.formats import Page
from pledgecli.round_outcomes import MissingFigure, MissingOutcome


def _outcome(page: Page) -> MissingOutcome:
    assert isinstance(page.value, MissingOutcome)
    return page.value


def summary(outcome: MissingOutcome) -> str:
    if outcome.complete:
        return _("{year}: every figure the pledges need is recorded ({count})").format(
            year=outcome.year, count=outcome.needed
        )
    owing = len({m.signatory for m in outcome.missing})
    return ngettext(
        "{year}: {count} figure of {needed} still missing, from {owing} province",
        "{year}: {count} figures of {needed} still missing, from {owing} provinces",
        len(outcome.missing),
    ).format(year=outcome.year, count=len(outcome.missing), needed=outcome.needed, owing=owing)


def _who(outcome: MissingOutcome, figure: MissingFigure) -> str:
    if figure.province == figure.signatory:
        return ""
    return outcome.names.get(figure.province, figure.province)


def blocks(outcome: MissingOutcome) -> list[Block]:
    found: list[Block] = [Paragraph(summary(outcome), strong=True)]
    columns = (
        Column("year", _("Year"), numeric=True),
        Column("metric_name", _("Metric")),
        Column("metric", _("Id")),
        Column("from", _("Reported by")),
    )
    grouped = outcome.by_signatory()
    for signatory in outcome.signatories:
        owed = grouped.get(signatory, ())
        if not owed:
            continue
        name = outcome.names.get(signatory, signatory)
        found.append(Heading(f"{name} ({signatory})", level=3))
        rows = tuple(
            (
                Cell(str(m.year), m.year),
                Cell(outcome.metric_names.get(m.metric, m.metric)),
                Cell(m.metric),
                Cell(_who(outcome, m)),
            )
            for m in owed
        )
        found.append(TableBlock(columns, rows))
    return found


def _record(outcome: MissingOutcome, figure: MissingFigure) -> dict[str, object]:
    return {
        "province": figure.signatory,
        "province_name": outcome.names.get(figure.signatory, figure.signatory),
        "year": figure.year,
        "reported_by": figure.province,
        "metric": figure.metric,
        "metric_name": outcome.metric_names.get(figure.metric, figure.metric),
        "cluster": figure.cluster,
        "targets": list(figure.targets),
        "has_report": figure.report,
    }


def write_table(page: Page, out: TextIO) -> None:
    write_rich(blocks(_outcome(page)), out)


def write_json(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_payload(
        {
            "year": outcome.year,
            "complete": outcome.complete,
            "needed": outcome.needed,
            "missing": [_record(outcome, m) for m in outcome.missing],
        },
        out,
    )


def write_csv(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    keys = ("province", "province_name", "year", "reported_by", "metric", "metric_name", "cluster")
    columns = tuple(Column(k, k) for k in keys)
    rows = tuple(
        (
            Cell(m.signatory, m.signatory),
            Cell("", outcome.names.get(m.signatory, m.signatory)),
            Cell("", m.year),
            Cell(m.province, m.province),
            Cell(m.metric, m.metric),
            Cell("", outcome.metric_names.get(m.metric, m.metric)),
            Cell(m.cluster, m.cluster),
        )
        for m in outcome.missing
    )
    out.write(to_csv([TableBlock(columns, rows)]))
