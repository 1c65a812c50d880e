"""``--format markdown``: a scorecard table to paste into a report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pledgecli.display import status_word
from pledgecli.evaluate import PledgeResults, Result
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.grid import (
    MARKS,
    assembled_notes,
    corrected_notes,
    detail_rows,
    legend,
    rows,
)
from pledgecli.safe_text import visible


def escape(text: str) -> str:
    """Cell text that cannot break the table or turn into markup."""
    text = visible(" ".join(text.split()))  # no line breaks; other controls written visibly
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def code(text: str) -> str:
    """An id as code when it is plain (as ids are), escaped text when it is not."""
    plain = escape(text) == text and "`" not in text
    return f"`{text}`" if plain else escape(text)


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return lines


def _assembled(report: Report, results: Sequence[Result]) -> list[str]:
    """The footnote of the † mark, as a paragraph and a list."""
    out: list[str] = []
    for notes in (assembled_notes(report, results), corrected_notes(report, results)):
        if notes:
            out += ["", escape(notes[0]), "", *(f"- {escape(line)}" for line in notes[1:])]
    return out


def _missing(report: Report, pledge_results: PledgeResults) -> list[str]:
    """What is missing behind each "no data", as a paragraph and a list."""
    from pledgecli.render.no_data import missing_notes

    notes = missing_notes(report, pledge_results)
    if not notes:
        return []
    return ["", escape(notes[0]), "", *(f"- {escape(line)}" for line in notes[1:])]


def render(report: Report) -> str:
    lines: list[str] = []
    for pledge_results in report.pledges:
        pledge = pledge_results.pledge
        lines += [f"## {escape(pledge.name)} ({pledge.year})", ""]
        if report.province is not None:
            body = [
                [
                    label,
                    escape(r.target.text),
                    escape(threshold),
                    escape(actual),
                    escape(gap),
                    f"{MARKS[r.status]} {status_word(r.status)}",
                ]
                for label, r, threshold, actual, gap in detail_rows(
                    pledge_results.for_province(report.province), pledge_results
                )
            ]
            lines.append(f"**{escape(report.name_of(report.province))}**")
            lines.append("")
            lines += _table(
                ["#", _("Target"), _("Threshold"), _("Actual"), _("Gap"), _("Status")], body
            )
        else:
            entries = legend(pledge_results)
            header = [_("Province"), *(e.label for e in entries), _("Met"), _("Score")]
            body = []
            for row in rows(report, pledge_results):
                cells = [
                    f"{MARKS[c.status]} {escape(c.text)}" if c.status else "" for c in row.cells
                ]
                label = f"**{escape(row.label)}**" if row.is_cluster else escape(row.label)
                body.append([label, *cells, row.met, row.score])
            lines += _table(header, body)
            lines.append("")
            lines += [
                f"- **{e.label}** {code(e.target.id)}: {escape(e.target.text)} ({escape(e.threshold)})"
                for e in entries
            ]
        lines += _assembled(report, report.shown(pledge_results))
        lines += _missing(report, pledge_results)
        lines.append("")
    lines.append(_("✓ met · ✗ missed · ? no data or no baseline"))
    return "\n".join(lines) + "\n"


def write(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Report)
    out.write(render(page.value))
