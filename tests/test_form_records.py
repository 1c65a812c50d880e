"""A form's record holds the cells of year, province, metric and value as a mapping by
column name made in the header's order would: a name given twice is read from its last
column, a column the form lacks (or a row stops before) is None."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledgecli.collect.form_read import KEPT, KEPT_ORDER, read_form


def by_name(header: list[str], row: list[str]) -> tuple[object, ...]:
    """The record's cells as the importer used to read them: a mapping by name."""
    named = {name: row[i] for i, name in enumerate(header) if name in KEPT and i < len(row)}
    return tuple(named.get(name) for name in KEPT_ORDER)


@pytest.mark.parametrize(
    "header",
    [
        ["year", "province", "metric", "value"],
        ["province", "metric", "value"],  # no year: --year gives it
        ["metric", "value", "province", "note", "year"],
        ["year", "province", "metric", "value", "value"],  # a name twice: the last one
        ["value", "province", "metric", "value", "year", "province"],
    ],
)
def test_the_cells_of_a_record_are_those_of_its_named_columns(
    tmp_path: Path, header: list[str]
) -> None:
    rows = [
        [f"{name}{i}-{n}" if name != "year" else "2025" for i, name in enumerate(header)]
        for n in range(1, 4)
    ]
    rows.append(rows[0][:2])  # a short row: CSV says it is short, the cells it has are kept
    form = tmp_path / "form.csv"
    form.write_text(
        "\n".join(",".join(row) for row in [header, *rows]) + "\n", encoding="utf-8"
    )
    records = list(read_form(form))
    assert [record.cells for record in records] == [by_name(header, row) for row in rows]
    assert [record.problem is not None for record in records] == [False, False, False, True]
