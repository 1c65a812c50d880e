"""Loader diagnostics: every problem in users' files becomes a value with path, line and hint.

Each case starts from a small valid data directory, replaces one file with the
broken text shown next to the assertion, and checks the exact file and line.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import BUNDLED, WriteData

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic
from pledgecli.evaluate import Status, evaluate
from pledgecli.load import load
from pledgecli.lookup import province_suggestion, resolve_province
from pledgecli.service import diagnostics_of

PLEDGE = "pledges/2021/cum-thu.toml"
AN_GIANG = "actuals/2021/an-giang.toml"

VALID_PLEDGE = """\
name = "Cụm thử"
provinces = ["an-giang", "can-tho"]

[[targets]]
id = "new-coops"
text = "Thành lập mới ít nhất 20 HTX"
metric = "coops_new"
at_least = 20

[[targets]]
id = "effective-rate"
text = "HTX hoạt động hiệu quả đạt 60% trở lên"
metric = "coops_effective"
per = "coops_active"
at_least = "60%"
"""

PROVINCES_2 = '[an-giang]\nname = "An Giang"\n\n[can-tho]\nname = "Cần Thơ"\n'

VALID_ACTUALS = """\
[metrics]
coops_new = 25
coops_effective = 120
coops_active = 180
"""


def build(
    tmp_path: Path, write_data: WriteData, provinces_toml: str, files: Mapping[str, str | bytes]
) -> Path:
    """The valid base data set with ``files`` replacing or adding files."""
    text_files = {"provinces.toml": provinces_toml, PLEDGE: VALID_PLEDGE, AN_GIANG: VALID_ACTUALS}
    raw_files: dict[str, bytes] = {}
    for relative, content in files.items():
        if isinstance(content, bytes):
            raw_files[relative] = content
            text_files.pop(relative, None)
        else:
            text_files[relative] = content
    root = write_data(tmp_path, text_files)
    for relative, content in raw_files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(content)
    return root


def problems(root: Path, year: int | None = None) -> list[Diagnostic]:
    """Diagnostics as ``validate`` shows them (lines filled in, sorted)."""
    return diagnostics_of(load(root, year))


def test_the_base_data_set_is_valid(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = build(tmp_path, write_data, provinces_toml, {})
    data = load(root)
    assert problems(root) == []
    assert data.ok
    assert data.files_checked == 3


@dataclass(frozen=True)
class Case:
    files: Mapping[str, str | bytes]
    path: str
    line: int | None
    message: str
    hint: str | None = None


CASES: dict[str, Case] = {
    "TOML syntax error": Case(
        {AN_GIANG: "[metrics]\ncoops_new = 25\ncoops_active = một trăm\n"},
        AN_GIANG,
        3,
        "TOML syntax error",
    ),
    "negative count": Case(
        {AN_GIANG: "[metrics]\ncoops_new = -3\n"},
        AN_GIANG,
        2,
        "cannot be negative",
    ),
    "nan": Case(
        {AN_GIANG: "[metrics]\ncoops_new = 25\ncoops_effective = nan\n"},
        AN_GIANG,
        3,
        "not a number",
        "finite",
    ),
    "inf": Case(
        {AN_GIANG: "[metrics]\ncoops_new = 25\ncoops_effective = 1\ncoops_active = inf\n"},
        AN_GIANG,
        4,
        "not a number",
        "finite",
    ),
    "negative inf": Case(
        {AN_GIANG: "[metrics]\ncoops_new = -inf\n"},
        AN_GIANG,
        2,
        "not a number",
    ),
    "string with thousands separator where a count is expected": Case(
        {AN_GIANG: 'source = "Báo cáo"\n[metrics]\ncoops_new = "1.200"\n'},
        AN_GIANG,
        3,
        "must be a number",
        "1200",
    ),
    "boolean where a count is expected": Case(
        {AN_GIANG: "[metrics]\ncoops_effective = 120\ncoops_active = 180\ncoops_new = true\n"},
        AN_GIANG,
        4,
        "coops_new must be a number",
    ),
    "number where a boolean is expected": Case(
        {
            PLEDGE: VALID_PLEDGE.replace("at_least = 20", "must_be = true"),
            AN_GIANG: "[metrics]\ncoops_new = 1\n",
        },
        AN_GIANG,
        2,
        "coops_new must be true or false",
    ),
    "ratio threshold without %": Case(
        {PLEDGE: VALID_PLEDGE.replace('at_least = "60%"', "at_least = 60")},
        PLEDGE,
        15,
        "must be a percentage",
        '"60%"',
    ),
    "growth threshold without %": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20", "growth_at_least = 8")},
        PLEDGE,
        8,
        "must be a percentage",
        '"8%"',
    ),
    "percentage on a count target": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20", 'at_least = "20%"')},
        PLEDGE,
        8,
        "percentage",
        "per",
    ),
    "misspelled rule key": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20", "atleast = 20")},
        PLEDGE,
        8,
        'unknown key "atleast"',
        'did you mean "at_least"?',
    ),
    "no rule": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20\n", "")},
        PLEDGE,
        4,
        "has no rule",
        "at_least",
    ),
    "two rules in one target": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20", "at_least = 20\nat_most = 30")},
        PLEDGE,
        9,
        "2 rules",
    ),
    "duplicate target ids": Case(
        {PLEDGE: VALID_PLEDGE.replace('id = "effective-rate"', 'id = "new-coops"')},
        PLEDGE,
        11,
        'target id "new-coops" is used twice',
    ),
    "signatory missing from provinces.toml, close to a known one": Case(
        {PLEDGE: VALID_PLEDGE.replace('"can-tho"]', '"can-th"]')},
        PLEDGE,
        2,
        'province "can-th" is not in provinces.toml',
        'did you mean "can-tho"?',
    ),
    # A name is welcome (tests/test_pledge_names.py); a misspelt one is not.
    "signatory written as a misspelt name": Case(
        {PLEDGE: VALID_PLEDGE.replace('"can-tho"]', '"Cần Thơơ"]')},
        PLEDGE,
        2,
        "is not in provinces.toml",
        'did you mean "can-tho"?',
    ),
    "signatory far from any known one": Case(
        {PLEDGE: VALID_PLEDGE.replace('"can-tho"]', '"kon-tum"]')},
        PLEDGE,
        2,
        'province "kon-tum" is not in provinces.toml',
        "kon-tum",
    ),
    "leader not a signatory": Case(
        {PLEDGE: 'leader = "can-th"\n' + VALID_PLEDGE},
        PLEDGE,
        1,
        'leader "can-th"',
        'did you mean "can-tho"?',
    ),
    "override for a province that does not sign": Case(
        {
            PLEDGE: VALID_PLEDGE.replace(
                "at_least = 20", "at_least = 20\n[targets.overrides]\nan-gian = 15"
            )
        },
        PLEDGE,
        10,
        "an-gian",
        'did you mean "an-giang"?',
    ),
    "actuals file of a province missing from provinces.toml": Case(
        {"actuals/2021/ha-noi.toml": "[metrics]\ncoops_new = 1\n"},
        "actuals/2021/ha-noi.toml",
        None,
        '"ha-noi" is not in provinces.toml',
    ),
    "file that is not UTF-8": Case(
        {AN_GIANG: 'source = "ok"\n# Báo cáo Cao Lãnh\n[metrics]\n'.encode("latin-1")},
        AN_GIANG,
        2,
        "not UTF-8",
        "UTF-8",
    ),
    "pledge with no targets": Case(
        {PLEDGE: 'name = "Cụm thử"\nprovinces = ["an-giang"]\ntargets = []\n'},
        PLEDGE,
        3,
        "targets is empty",
    ),
    "pledge with no provinces": Case(
        {PLEDGE: VALID_PLEDGE.replace('provinces = ["an-giang", "can-tho"]', "provinces = []")},
        PLEDGE,
        2,
        "provinces is empty",
    ),
    "in-file year contradicting the folder (pledge)": Case(
        {PLEDGE: "# Giao ước\nyear = 2020\n" + VALID_PLEDGE},
        PLEDGE,
        2,
        "contradicts the folder",
    ),
    "in-file year contradicting the folder (actuals)": Case(
        {AN_GIANG: "year = 2022\n" + VALID_ACTUALS},
        AN_GIANG,
        1,
        "contradicts the folder",
    ),
    "in-file province contradicting the file name": Case(
        {AN_GIANG: 'province = "can-tho"\n' + VALID_ACTUALS},
        AN_GIANG,
        1,
        "contradicts the file name",
    ),
    "in-file cluster contradicting the file name": Case(
        {PLEDGE: 'cluster = "tay-nguyen"\n' + VALID_PLEDGE},
        PLEDGE,
        1,
        "contradicts the file name",
    ),
    "metric outside the [metrics] table": Case(
        {AN_GIANG: "coops_new = 25\n[metrics]\ncoops_active = 180\n"},
        AN_GIANG,
        1,
        'unknown key "coops_new"',
        "[metrics]",
    ),
    "misspelled province key in provinces.toml": Case(
        {"provinces.toml": PROVINCES_2 + '\n[dak-lak]\nname = "Đắk Lắk"\nalias = ["Daklak"]\n'},
        "provinces.toml",
        9,
        'unknown key "alias"',
        'did you mean "aliases"?',
    ),
    "province id that is not a slug": Case(
        {"provinces.toml": PROVINCES_2 + '\n[Dak_Lak]\nname = "Đắk Lắk"\n'},
        "provinces.toml",
        7,
        "kebab-case",
        '"dak-lak"',
    ),
    "unknown scope": Case(
        {PLEDGE: VALID_PLEDGE.replace("at_least = 20", 'at_least = 20\nscope = "clustre"')},
        PLEDGE,
        9,
        "scope",
        'did you mean "cluster"?',
    ),
}


@pytest.mark.parametrize("case", [pytest.param(c, id=name) for name, c in CASES.items()])
def test_diagnostic(tmp_path: Path, write_data: WriteData, provinces_toml: str, case: Case) -> None:
    root = build(tmp_path, write_data, provinces_toml, case.files)
    found = [d for d in problems(root) if d.severity == "error"]
    assert len(found) == 1, [d.render() for d in found]
    (diag,) = found
    assert diag.path == root / case.path
    assert diag.line == case.line
    assert case.message in diag.message
    if case.hint is not None:
        assert diag.hint is not None and case.hint in diag.hint
    rendered = diag.render()
    where = f"{case.path}:{case.line}:" if case.line is not None else f"{case.path}:"
    assert where in rendered
    assert "error:" in rendered


def test_check_of_one_year_refuses_the_same_problems(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    """Loading only what ``check 2021`` needs still finds a bad baseline file."""
    root = build(
        tmp_path,
        write_data,
        provinces_toml,
        {
            PLEDGE: VALID_PLEDGE + '\n[[targets]]\nid = "g"\ntext = "g"\nmetric = "m"\n'
            'growth_at_least = "8%"\n',
            "actuals/2020/an-giang.toml": "[metrics]\nm = -1\n",
        },
    )
    data = load(root, 2021)
    assert not data.ok
    (diag,) = diagnostics_of(data)
    assert (diag.path, diag.line) == (root / "actuals/2020/an-giang.toml", 2)


def test_unknown_signatory_in_a_multiline_array_points_at_its_line(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    pledge = VALID_PLEDGE.replace(
        'provinces = ["an-giang", "can-tho"]', 'provinces = [\n  "an-giang",\n  "can-th",\n]'
    )
    root = build(tmp_path, write_data, provinces_toml, {PLEDGE: pledge})
    (diag,) = problems(root)
    assert diag.line == 4


def test_line_is_found_past_a_multiline_string(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    """A ``[[targets]]`` inside a multi-line text does not shift the target count."""
    pledge = VALID_PLEDGE.replace(
        'text = "Thành lập mới ít nhất 20 HTX"',
        'text = """Thành lập mới\n[[targets]]\nít nhất 20 HTX"""',
    ).replace('at_least = "60%"', "at_least = 60")
    root = build(tmp_path, write_data, provinces_toml, {PLEDGE: pledge})
    (diag,) = problems(root)
    assert diag.line == 17


# -- all at once -----------------------------------------------------------------------


def test_all_problems_of_one_file_are_collected(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    actuals = textwrap.dedent(
        """\
        [metrics]
        coops_new = -1
        coops_effective = nan
        coops_active = "180"
        """
    )
    root = build(tmp_path, write_data, provinces_toml, {AN_GIANG: actuals})
    found = problems(root)
    assert [(d.path, d.line) for d in found] == [(root / AN_GIANG, n) for n in (2, 3, 4)]
    assert all(d.severity == "error" for d in found)


def test_problems_of_every_file_are_collected(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = build(
        tmp_path,
        write_data,
        provinces_toml,
        {
            PLEDGE: VALID_PLEDGE.replace("at_least = 20", "atleast = 20"),
            AN_GIANG: "[metrics]\ncoops_new = -1\n",
            "actuals/2021/can-tho.toml": "[metrics\n",
        },
    )
    found = problems(root)
    located = [(d.path, d.line) for d in found if d.path is not None]
    assert len(located) == len(found)
    assert {(path.relative_to(root).as_posix(), line) for path, line in located} == {
        (PLEDGE, 8),
        (AN_GIANG, 2),
        ("actuals/2021/can-tho.toml", 1),
    }


# -- encodings and line endings -------------------------------------------------------------


def _bom_crlf(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def test_bom_and_crlf_load_fine(tmp_path: Path, write_data: WriteData, provinces_toml: str) -> None:
    root = build(
        tmp_path,
        write_data,
        provinces_toml,
        {
            "provinces.toml": _bom_crlf(textwrap.dedent(provinces_toml).lstrip()),
            PLEDGE: _bom_crlf(VALID_PLEDGE),
            AN_GIANG: _bom_crlf(VALID_ACTUALS),
        },
    )
    data = load(root)
    assert problems(root) == []
    assert data.provinces["can-tho"].name == "Cần Thơ"
    pledge = data.pledges[2021]["cum-thu"]
    assert pledge.name == "Cụm thử"
    results = {(r.province, r.target.id): r for r in evaluate(pledge, data.actuals).results}
    assert results[("an-giang", "new-coops")].status is Status.MET
    assert results[("an-giang", "effective-rate")].actual == Fraction(2, 3)


def test_lines_are_right_in_a_bom_crlf_file(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = build(
        tmp_path,
        write_data,
        provinces_toml,
        {AN_GIANG: _bom_crlf("[metrics]\ncoops_new = 25\ncoops_active = -1\n")},
    )
    (diag,) = problems(root)
    assert (diag.path, diag.line) == (root / AN_GIANG, 3)


def test_syntax_error_line_in_a_bom_crlf_file(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = build(
        tmp_path,
        write_data,
        provinces_toml,
        {AN_GIANG: _bom_crlf("[metrics]\ncoops_new = 25\ncoops_active = ?\n")},
    )
    (diag,) = problems(root)
    assert (diag.path, diag.line) == (root / AN_GIANG, 3)


def test_floats_are_exact_decimals(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = build(tmp_path, write_data, provinces_toml, {AN_GIANG: "[metrics]\ncoops_new = 0.1\n"})
    data = load(root)
    assert data.actuals[2021]["an-giang"].metrics["coops_new"] == Fraction(1, 10)


# -- province names as people type them -----------------------------------------------


@pytest.fixture(scope="module")
def bundled_data() -> DataSet:
    data = load(BUNDLED)
    assert data.ok
    return data


@pytest.mark.parametrize(
    "typed",
    [
        "dak-lak",
        "Đắk Lắk",
        "dak lak",
        "DAK LAK",
        "đắk lắk",
        "ĐẮK LẮK",
        "Dak Lak",
        "dak_lak",
        "  Đắk   Lắk ",
        "Daklak",
        "Đắc Lắc",
        unicodedata.normalize("NFD", "Đắk Lắk"),
        unicodedata.normalize("NFD", "dak lak"),
    ],
)
def test_province_names_resolve(bundled_data: DataSet, typed: str) -> None:
    assert resolve_province(typed, bundled_data.provinces) == "dak-lak"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("can-tho", "can-tho"),
        ("Cần Thơ", "can-tho"),
        ("TP Cần Thơ", "can-tho"),
        ("thanh pho can tho", "can-tho"),
        (unicodedata.normalize("NFD", "Hậu Giang"), "hau-giang"),
        ("LAM DONG", "lam-dong"),
        ("Lâm Đồng", "lam-dong"),
    ],
)
def test_other_province_names_resolve(bundled_data: DataSet, typed: str, expected: str) -> None:
    assert resolve_province(typed, bundled_data.provinces) == expected


@pytest.mark.parametrize("typed", ["ha-noi", "dak", "can tho x", ""])
def test_unknown_province_names_do_not_resolve(bundled_data: DataSet, typed: str) -> None:
    assert resolve_province(typed, bundled_data.provinces) is None


def test_close_province_name_gets_a_suggestion(bundled_data: DataSet) -> None:
    hint = province_suggestion("Can Thoo", bundled_data.provinces)
    assert hint is not None and ("can-tho" in hint or "Cần Thơ" in hint)


@pytest.mark.parametrize("file", [PLEDGE, AN_GIANG])
def test_a_path_key_in_a_file_is_unknown(
    tmp_path: Path, write_data: WriteData, provinces_toml: str, file: str
) -> None:
    """The loader keeps each file's path itself; a ``path`` key written in a file is refused."""
    text = VALID_PLEDGE if file == PLEDGE else VALID_ACTUALS
    root = build(tmp_path, write_data, provinces_toml, {file: 'path = "x"\n' + text})
    (diag,) = problems(root)
    assert (diag.path, diag.line, diag.message) == (root / file, 1, 'unknown key "path"')
