"""The fast paths of the reporting form's workbook give what the plain ones give: last
year's figure read at once (and a merged province's sum), rows made by setting their
slots, the figures' cells and widths in one pass, a row's cells reused from earlier rows
of its province and metric, and the sheet deflated in a thread."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import Run, WriteData

from pledgecli.catalog import Catalog
from pledgecli.checks import ERROR_CHECKS
from pledgecli.collect import form_book
from pledgecli.collect.book_xml import FormSheet, Rows, workbook_bytes
from pledgecli.collect.form_book import (
    _cell_value,
    _cell_values,
    _Cells,
    _RowsXml,
    xlsx_bytes,
)
from pledgecli.collect.needs import Figure, FormRow, form_rows, new_row, previous_figure
from pledgecli.i18n import set_language
from pledgecli.load import load
from pledgecli.render.xlsx_deflate import AT_ONCE, Streamed
from pledgecli.service import diagnostics_of

FIGURES: list[Figure | None] = [
    None,
    True,
    False,
    Fraction(0),
    Fraction(7),
    Fraction(-12),
    Fraction(123_456_789_012),
    Fraction("1.5"),
    Fraction("-0.05"),
    Fraction("12345.678"),
    Fraction("0.0001"),
    Fraction(1, 1024),  # a decimal of ten places
    Fraction(1, 3),  # no decimal at all
    Fraction(-2, 7),
    Fraction("99.99"),
]


def _same_cells(fast: list[object], slow: list[object]) -> None:
    assert [(type(c), str(c)) for c in fast] == [(type(c), str(c)) for c in slow]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "figures",
    [
        FIGURES,
        list(reversed(FIGURES)),
        [],
        [None, None],
        [Fraction(0), None],  # only a zero: one character wide
        [Fraction(-5)],  # the minus sign counts
        [Fraction(9), Fraction(-10)],  # the negative is the longest
        [Fraction(100), Fraction(-10)],
        [True],
        [Fraction("2.50"), Fraction("2.5")],  # the same figure written twice
    ],
)
def test_the_figures_cells_and_width_are_those_made_one_by_one(
    figures: list[Figure | None], lang: str
) -> None:
    cells, width = _cell_values(figures, lang)
    slow = [_cell_value(f, lang) for f in figures]
    _same_cells(list(cells), slow)
    assert width == max((len(str(c)) for c in slow if c is not None), default=0)


def test_a_decimal_is_written_as_it_was_read() -> None:
    cells, _width = _cell_values([Fraction("-0.05"), Fraction("12345.678")], "vi")
    assert [str(c) for c in cells] == ["-0.05", "12345.678"]
    assert all(isinstance(c, Decimal) for c in cells)


def test_a_row_made_by_its_slots_is_the_row_its_class_makes() -> None:
    fields = (2026, "can-tho", "Cần Thơ", "coop_members", "number", Fraction(5), None, "t")
    made, plain = new_row(*fields), FormRow(*fields)  # type: ignore[arg-type]
    assert made == plain
    assert hash(made) == hash(plain)
    assert repr(made) == repr(plain)
    with pytest.raises(AttributeError):  # still frozen
        made.year = 2027  # type: ignore[misc]


MEKONG = """
    [can-tho]
    name = "Cần Thơ"

    [soc-trang]
    name = "Sóc Trăng"
    merged_into = "can-tho"
    merged_on = 2026-03-01

    [hau-giang]
    name = "Hậu Giang"
    merged_into = "can-tho"
    merged_on = 2026-03-01

    [ca-mau]
    name = "Cà Mau"

    [an-giang]
    name = "An Giang"
"""

PLEDGE = """
    name = "Cụm thử"
    provinces = ["can-tho", "ca-mau", "an-giang"]

    [[targets]]
    id = "a"
    text = "Thành viên tăng 8%"
    metric = "coop_members"
    growth_at_least = "8%"

    [[targets]]
    id = "b"
    text = "Có quỹ hỗ trợ"
    metric = "has_fund"
    must_be = true

    [[targets]]
    id = "c"
    text = "Doanh thu bình quân"
    metric = "revenue"
    per = "coops"
    at_least = "2.5%"
"""


def test_last_years_figure_is_the_one_previous_figure_gives(
    tmp_path: Path, write_data: WriteData
) -> None:
    # Cần Thơ absorbed two provinces: its figure of 2025 is their sum (when all have
    # one); Cà Mau and An Giang stand alone, with figures missing, zero, yes/no, decimals.
    files = {
        "provinces.toml": MEKONG,
        "pledges/2026/cum-thu.toml": PLEDGE,
        "actuals/2025/can-tho.toml": "[metrics]\ncoop_members = 100\nrevenue = 1.5\ncoops = 0\n",
        "actuals/2025/soc-trang.toml": "[metrics]\ncoop_members = 20\nrevenue = 2.25\n",
        "actuals/2025/hau-giang.toml": "[metrics]\ncoop_members = 3\nhas_fund = true\n",
        "actuals/2025/ca-mau.toml": "[metrics]\ncoop_members = 0\nhas_fund = false\n"
        "revenue = 0.1\ncoops = 4\n",
        "actuals/2026/an-giang.toml": "[metrics]\ncoop_members = 8\n",
    }
    data = load(write_data(tmp_path, files))
    assert data.ok, [d.render() for d in diagnostics_of(data)]
    rows = form_rows(data, 2026)
    assert {(r.province, r.metric) for r in rows} == {
        (p, m)
        for p in ("can-tho", "ca-mau", "an-giang")
        for m in ("coop_members", "has_fund", "revenue", "coops")
    }
    for row in rows:
        assert row.previous == previous_figure(data, row.province, row.metric, 2026)
        assert type(row.previous) is type(
            previous_figure(data, row.province, row.metric, 2026)
        )
    previous = {(r.province, r.metric): r.previous for r in rows}
    assert previous[("can-tho", "coop_members")] == 123
    assert previous[("can-tho", "revenue")] is None  # Hậu Giang has none
    assert previous[("ca-mau", "coop_members")] == 0
    assert previous[("ca-mau", "has_fund")] is False
    assert previous[("ca-mau", "revenue")] == Fraction("0.1")
    assert previous[("an-giang", "coop_members")] is None


def test_the_bundled_forms_last_year_figures(bundled: Path) -> None:
    data = load(bundled)
    for year in sorted(data.pledges):
        for row in form_rows(data, year):
            assert row.previous == previous_figure(data, row.province, row.metric, year)


# -- the rows' XML: reused cells against every row made cell by cell ---------------------

NAMES = ["Cần Thơ", "An Giang", "Có", "số nguyên", "a\x1bb", " lề ", "x & <y>", ""]


def _random_rows(seed: int, count: int) -> list[FormRow]:
    pick = random.Random(seed)
    provinces = [(f"p-{n}", pick.choice(NAMES)) for n in range(6)]
    metrics = [(f"m-{n}", pick.choice(["number", "boolean"]), pick.choice(NAMES)) for n in range(5)]
    figures: list[Figure | None] = [None, True, False, Fraction(3), Fraction("2.5"), Fraction(-1)]
    rows: list[FormRow] = []
    for _n in range(count):
        province, name = pick.choice(provinces)
        if pick.random() < 0.7 and rows:  # mostly runs of a province's rows, as forms are
            province, name = rows[-1].province, rows[-1].province_name
        metric, kind, targets = pick.choice(metrics)
        rows.append(
            FormRow(
                pick.choice([2025, 2026]),
                province,
                name,
                metric,
                kind,  # type: ignore[arg-type]
                pick.choice(figures),
                pick.choice(figures),
                targets,
            )
        )
    return rows


def _sheet_xml(rows: list[FormRow], *, fast: bool, lang: str) -> dict[str, bytes]:
    catalog = Catalog({})
    cells = _Cells(catalog, lang)
    cells.texts_of(rows)
    values, _width = _cell_values((r.value for r in rows), lang)
    previous, _width = _cell_values((r.previous for r in rows), lang)

    def plain(made: Rows) -> object:
        return made.each(cells(*found) for found in zip(rows, values, previous, strict=True))

    sheet = FormSheet(
        name="2026",
        widths=[10.0] * 9,
        header=["year", "province", "metric", "value", "a", "b", "c", "d", "e"],
        styles=[0, 0, 0, 2, 3, 3, 3, 3, 3],
        rows=_RowsXml(rows, values, previous, cells) if fast else plain,  # type: ignore[arg-type]
        validations=list,
        notes_name="Notes",
        notes=lambda: ["Có", "one", ""],
    )
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(sheet))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reused_cells_make_the_sheet_every_row_made_whole_makes(seed: int, lang: str) -> None:
    rows = _random_rows(seed, 300)
    assert _sheet_xml(rows, fast=True, lang=lang) == _sheet_xml(rows, fast=False, lang=lang)


class _WholeRows(_RowsXml):
    """Every row made cell by cell (``Rows.xml``), nothing reused."""

    def __call__(self, made: Rows) -> Iterator[str]:
        found = zip(self.rows, self.values, self.previous, strict=True)
        return made.each(self.cells(*row) for row in found)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_bundled_forms_are_the_ones_made_row_by_row(
    bundled: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load(bundled)
    set_language(lang)
    for year in sorted(data.pledges):
        rows = form_rows(data, year)
        fast = xlsx_bytes(year, rows, data.catalog)
        with monkeypatch.context() as patch:
            patch.setattr(form_book, "_RowsXml", _WholeRows)
            assert xlsx_bytes(year, rows, data.catalog) == fast
    assert ("Có / Không" if lang == "vi" else "Yes / No") in archive_strings(fast)


def archive_strings(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/sharedStrings.xml").decode("utf-8")


# -- the sheet deflated in a thread ------------------------------------------------------


def _pieces(seed: int, total: int) -> list[bytes]:
    pick = random.Random(seed)
    words = [b"<row>", b"<c t=\"s\"><v>", b"</v></c>", "Cần Thơ".encode(), b"12345", b"</row>"]
    pieces: list[bytes] = []
    size = 0
    while size < total:
        piece = b"".join(pick.choice(words) for _n in range(pick.randint(1, 40_000)))
        pieces.append(piece)
        size += len(piece)
    return pieces


def _dated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))  # not the clock's time: same bytes
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _archive(pieces: list[bytes], *, streamed: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_dated("before.xml"), b"<a/>" * 1000)
        info = _dated("sheet.xml")
        with archive.open(info, "w") as entry:
            if streamed:
                with Streamed(entry) as part:
                    for piece in pieces:
                        part.write(piece)
            else:
                for piece in pieces:
                    entry.write(piece)
        archive.writestr(_dated("after.xml"), b"<b/>" * 1000)
    return out.getvalue()


@pytest.mark.parametrize(("seed", "total"), [(1, 0), (2, 10), (3, AT_ONCE // 2), (4, 4 * AT_ONCE)])
def test_a_sheet_deflated_in_the_thread_is_the_bytes_zipfile_writes(seed: int, total: int) -> None:
    pieces = _pieces(seed, total)
    threaded = _archive(pieces, streamed=True)
    assert threaded == _archive(pieces, streamed=False)
    with zipfile.ZipFile(io.BytesIO(threaded)) as archive:
        assert archive.testzip() is None
        assert archive.read("sheet.xml") == b"".join(pieces)


def test_a_stream_without_zipfiles_fields_is_written_at_once() -> None:
    target = io.BytesIO()
    with Streamed(target) as part:
        part.write(b"abc")
        part.write(b"def")
    assert target.getvalue() == b"abcdef"


def test_a_failure_while_the_rows_are_made_is_raised_not_hidden() -> None:
    def rows(made: Rows) -> object:
        for number in range(2, 200_000):
            if number == 150_000:
                raise ValueError("broken row")
            yield made.xml(number, [2026, f"p-{number}", "m", Fraction(1).numerator])

    sheet = FormSheet(
        name="2026",
        widths=[10.0] * 4,
        header=["a", "b", "c", "d"],
        styles=[0, 0, 0, 2],
        rows=rows,  # type: ignore[arg-type]
        validations=list,
        notes_name="Notes",
        notes=list,
    )
    with pytest.raises(ValueError, match="broken row"):
        workbook_bytes(sheet)


# -- the checks a form runs: only those that can refuse it -------------------------------

# a figure ten times last year's, a fraction in a count, a misspelt metric (warnings);
# a yes/no where a number belongs and back (errors)
EDITS = {
    "coops_new = 17": "coops_new = 350",
    "staff_trained = 8": "staff_trained = 8.5",
    "coops_active = 310": "coops_active = true",
}


def test_the_checks_a_form_skips_only_warn(bundled_copy: Path, run: Run) -> None:
    path = bundled_copy / "actuals" / "2021" / "ca-mau.toml"
    text = path.read_text("utf-8")
    for old, new in EDITS.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text + "coop_member = 3\n", "utf-8")
    (bundled_copy / "actuals" / "2021" / "bac-lieu.toml").write_text(
        (bundled_copy / "actuals" / "2021" / "bac-lieu.toml").read_text("utf-8")
        + "has_support_fund = 12\n",
        "utf-8",
    )
    every = load(bundled_copy).diagnostics
    errors_only = load(bundled_copy, checks=ERROR_CHECKS).diagnostics
    assert [d for d in errors_only if d.severity == "error"] == [
        d for d in every if d.severity == "error"
    ]
    assert any(d.severity == "error" for d in every)
    assert {d.severity for d in every if d not in errors_only} == {"warning"}
    assert len(every) > len(errors_only)  # warnings were left out
    code, _out, err = run(["template", "2021", "--data", str(bundled_copy), "--format", "xlsx"])
    assert code == 2
    assert "ca-mau.toml" in err and "no form was made" in err
