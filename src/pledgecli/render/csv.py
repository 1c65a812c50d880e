"""``--format csv``: one row per result, safe to open in Excel."""

from __future__ import annotations

import csv
import io
from typing import TextIO

from pledgecli.evaluate import Result
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.json import json_number, score_number
from pledgecli.safe_text import visible

HEADER = [
    "year",
    "cluster",
    "province",
    "province_name",
    "target",
    "status",
    "actual",
    "threshold",
    "gap",
    "score",
    "corrected",
    "reported",
    "correction_reason",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A text cell that Excel would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = visible(str(value), keep="\n")  # no escape sequence reaches a terminal
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def correction_cells(result: Result) -> list[str]:
    """corrected (true/false), the reported figure and the reason: one correction as its
    value, several as ``metric year=value`` and reasons joined by ``; ``."""
    corrected = result.corrected
    if not corrected:
        return [cell(False), "", ""]
    if len(corrected) == 1:
        reported = cell(json_number(corrected[0].reported))
    else:
        reported = cell(
            "; ".join(f"{c.metric} {c.year}={cell(json_number(c.reported))}" for c in corrected)
        )
    reasons = "; ".join(dict.fromkeys(f"{c.reason} ({c.by})" for c in corrected))
    return [cell(True), reported, cell(reasons)]


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for pledge_results in report.pledges:
        pledge = pledge_results.pledge
        for result in report.shown(pledge_results):
            writer.writerow(
                [
                    cell(pledge.year),
                    cell(pledge.cluster),
                    cell(result.province),
                    cell(report.name_of(result.province) if result.province else None),
                    cell(result.target.id),
                    cell(result.status.value),
                    cell(json_number(result.actual)),
                    cell(json_number(result.threshold)),
                    cell(json_number(result.gap)),
                    cell(score_number(report.points_of(pledge.cluster, result))),
                    *correction_cells(result),
                ]
            )
    return out.getvalue()


def write(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Report)
    out.write(render(page.value))
