"""``pledge template``: the reporting form of a year, to send to the provinces.

One row per signatory and metric the year's pledges need (with ``--for``: per province
and metric a later year's growth targets need as their baseline), in the reader's
language (:mod:`pledgecli.collect.form_columns`). The columns ``year``, ``province``,
``metric`` and ``value`` are what ``pledge import`` reads; the others help whoever
fills the form and are ignored on import: the province's and the metric's names, the
kind of figure, last year's figure and the texts of the targets that need the metric.
``value`` is pre-filled where a figure is recorded.

The CSV is UTF-8 with a byte-order mark when written to a file, so that Excel shows
Vietnamese letters. The XLSX is :mod:`pledgecli.collect.form_book`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pledgecli.catalog import Catalog
from pledgecli.checks import ERROR_CHECKS
from pledgecli.collect.form_columns import form_language, header, kind_text, to_fill, yes_no
from pledgecli.collect.needs import Figure, FormRow, form_rows
from pledgecli.collect.numbers import form_text
from pledgecli.collect.owed import baseline_rows, refuse_broken
from pledgecli.figure_format import exact_decimal
from pledgecli.load import find_data_dir, load

CHUNK_ROWS = 4096


@dataclass(frozen=True)
class Form:
    year: int
    rows: list[FormRow]
    content: bytes
    default_name: str

    @property
    def to_fill(self) -> int:
        return to_fill(self.rows)


def _figure(value: Figure | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if value.denominator == 1:  # a whole number: its digits (what form_text gives, faster)
        return str(value.numerator)
    return form_text(exact_decimal(value))


def csv_bytes(year: int, rows: Sequence[FormRow], catalog: Catalog, *, bom: bool) -> bytes:
    from pledgecli.render.csv import cell

    lang = form_language()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(year, lang))
    texts: dict[str, str] = {}  # the same names and target texts on many rows: made once
    kinds: dict[tuple[str, str], tuple[str, str]] = {}

    def text(value: str) -> str:
        made = texts.get(value)
        if made is None:
            made = texts[value] = cell(value)
        return made

    parts = [b"\xef\xbb\xbf"] if bom else []  # UTF-8 in bytes as it goes: never the text whole
    for number, row in enumerate(rows, start=1):
        if number % CHUNK_ROWS == 0:
            parts.append(out.getvalue().encode("utf-8"))
            out.seek(0)
            out.truncate()
        metric = kinds.get((row.metric, row.kind))
        if metric is None:
            metric = kinds[(row.metric, row.kind)] = (
                cell(catalog.name(row.metric, lang)),
                kind_text(row, catalog, lang),
            )
        writer.writerow(
            [
                row.year,
                row.province,
                row.metric,
                _figure(row.value, lang),
                text(row.province_name),
                metric[0],
                metric[1],
                _figure(row.previous, lang),
                text(row.targets),
            ]
        )
    parts.append(out.getvalue().encode("utf-8"))
    return b"".join(parts)


def make_form(
    data_dir: Path | None,
    year: int,
    cluster: str | None,
    form_format: str,
    *,
    bom: bool,
    for_year: int | None = None,
) -> Form:
    """The form of ``year`` (with ``for_year``: the baseline figures ``for_year``'s growth
    targets need from ``year``)."""
    return make_forms(
        data_dir, year, cluster, form_format, bom=bom, for_year=for_year, split=False
    )[0]


def make_forms(
    data_dir: Path | None,
    year: int,
    cluster: str | None,
    form_format: str,
    *,
    bom: bool,
    for_year: int | None = None,
    split: bool,
) -> list[Form]:
    """The form, or with ``split`` one form per province holding only its rows."""
    # only errors refuse a form; the checks that only warn are not run
    data = load(find_data_dir(data_dir), checks=ERROR_CHECKS)
    refuse_broken(data, for_year if for_year is not None else year)
    if for_year is None:
        rows = form_rows(data, year, cluster)
    else:
        rows = baseline_rows(data, year, for_year, cluster)
    base = f"form-{year}" + (f"-for-{for_year}" if for_year else "")
    base += f"-{cluster}" if cluster and not split else ""
    if not split:
        return [_form(year, rows, data.catalog, form_format, f"{base}.{form_format}", bom=bom)]
    by_province: dict[str, list[FormRow]] = {}
    for row in rows:
        by_province.setdefault(row.province, []).append(row)
    return [
        _form(year, own, data.catalog, form_format, f"{base}-{province}.{form_format}", bom=True)
        for province, own in by_province.items()
    ]


def _form(
    year: int, rows: list[FormRow], catalog: Catalog, form_format: str, name: str, *, bom: bool
) -> Form:
    if form_format == "xlsx":
        from pledgecli.collect.form_book import xlsx_bytes

        return Form(year, rows, xlsx_bytes(year, rows, catalog), name)
    return Form(year, rows, csv_bytes(year, rows, catalog, bom=bom), name)
