"""The metric catalogue (issue 12.1): shipped indicators, a data directory's own
metrics.toml, names in both languages, and the plausibility warnings."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, WriteData

from pledgecli.catalog import Catalog, Kind, load_catalog, metric_name, shipped_catalog
from pledgecli.diagnostics import Diagnostic
from pledgecli.i18n import set_language
from pledgecli.load import load
from pledgecli.models import Actuals
from pledgecli.plausibility import (
    FigureWarning,
    Implausible,
    check_figure,
    check_report,
    check_reports,
)
from pledgecli.schema import validate


def test_the_shipped_catalogue_names_every_metric_the_bundled_data_and_init_use() -> None:
    catalog = shipped_catalog()
    used: set[str] = set()
    for path in [*BUNDLED.rglob("*.toml"), Path("src/pledgecli/collect/init.py")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:metric|per) = "([a-z_]+)"', text))
    data = load(BUNDLED)
    used |= {m for reports in data.actuals.values() for r in reports.values() for m in r.metrics}
    assert used - set(catalog.metrics) == set()
    assert len(catalog.metrics) >= 25
    for definition in catalog.metrics.values():
        assert definition.vi and definition.en
        assert definition.kind is not Kind.AMOUNT or definition.unit


@pytest.mark.parametrize(
    ("metric", "en", "vi"),
    [
        ("coops_effective", "Effective co-operatives", "Số HTX hoạt động hiệu quả"),
        (
            "has_support_fund",
            "Has a co-operative development support fund",
            "Có Quỹ Hỗ trợ phát triển HTX",
        ),
        ("unknown_metric", "unknown_metric", "unknown_metric"),
    ],
)
def test_metric_name_in_either_language(metric: str, en: str, vi: str) -> None:
    assert metric_name(metric, "en") == en
    assert metric_name(metric, "vi") == vi
    set_language("vi")
    try:
        assert metric_name(metric) == vi  # the reader's language by default
    finally:
        set_language("en")


def test_relations_and_units_of_the_shipped_catalogue() -> None:
    catalog = shipped_catalog()
    assert catalog.wholes("coops_effective") == ("coops_active",)
    assert catalog.wholes("households_member") == ("households_rural",)
    revenue = catalog.get("revenue_per_coop")
    assert revenue is not None and revenue.kind is Kind.AMOUNT
    assert (revenue.unit_in("vi"), revenue.unit_in("en")) == ("tỷ đồng", "billion VND")


def test_a_data_directory_adds_and_renames_metrics(write_data: WriteData, tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        {
            "metrics.toml": """
                [ocop_products]
                vi = "Số sản phẩm OCOP của HTX"
                en = "OCOP products of co-operatives"

                [ocop_products_4star]
                vi = "Số sản phẩm OCOP 4 sao"
                part_of = "ocop_products"

                [coops_active]
                vi = "HTX đang hoạt động"
                en = "Co-operatives in operation"
            """
        },
    )
    problems: list[Diagnostic] = []
    catalog = load_catalog(root, problems)
    assert problems == []
    assert catalog.name("ocop_products", "en") == "OCOP products of co-operatives"
    assert catalog.name("ocop_products_4star", "en") == "Số sản phẩm OCOP 4 sao"  # en: vi
    assert catalog.wholes("ocop_products_4star") == ("ocop_products",)
    assert catalog.name("coops_active", "en") == "Co-operatives in operation"
    assert catalog.name("coops_new", "en") == "Newly founded co-operatives"


def test_without_its_own_file_a_data_directory_has_the_shipped_catalogue(tmp_path: Path) -> None:
    problems: list[Diagnostic] = []
    assert load_catalog(tmp_path, problems) is shipped_catalog()
    assert problems == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[ocop]\nvi = "OCOP"\nkind = "countt"\n', 3, 'kind must be "count", "amount" or "yes-no"'),
        ('[ocop]\nvi = "OCOP"\nnme = "x"\n', 3, 'unknown key "nme"'),
        ('[ocop]\nen = "OCOP"\n', 1, 'missing required key "vi"'),
        ('[ocop]\nvi = "OCOP"\npart_of = ["coops_actve"]\n', 3, 'part_of names "coops_actve"'),
        ('[ocop]\nvi = "OCOP"\npart_of = ["ocop"]\n', 3, "cannot be a part of itself"),
        ('[ocop]\nvi = "OCOP"\nunit = "tỷ đồng"\n', 3, "only an amount has a unit"),
        ("[ocop]\nvi = 5\n", 2, "vi must be text in double quotes"),
        ('["Sản-phẩm"]\nvi = "OCOP"\n', 1, "is not a metric id"),
        ('ocop = "OCOP"\n', 1, "must be a table"),
        ('[ocop]\nvi = "OCOP"\nkind = "yes-no"\npart_of = "coops_active"\n', 4, "a yes-no metric"),
        ('[ocop\nvi = "OCOP"\n', 1, "TOML syntax error"),
    ],
)
def test_a_bad_metrics_toml_is_an_error_at_its_line(
    write_data: WriteData, tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "metrics.toml").write_text(text, encoding="utf-8")
    problems: list[Diagnostic] = []
    catalog = load_catalog(tmp_path, problems)
    assert problems, text
    assert problems[0].line == line and message in problems[0].message, problems[0].render()
    assert problems[0].severity == "error"
    assert "ocop" not in catalog.metrics


def test_a_suggestion_for_a_misspelt_whole(tmp_path: Path) -> None:
    (tmp_path / "metrics.toml").write_text(
        '[ocop]\nvi = "OCOP"\npart_of = ["coops_actve"]\n', encoding="utf-8"
    )
    problems: list[Diagnostic] = []
    load_catalog(tmp_path, problems)
    assert problems[0].hint == 'did you mean "coops_active"?'


# -- plausibility ---------------------------------------------------------------------------


def _report(year: int, **metrics: Any) -> Actuals:
    return validate(Actuals,
        {"year": year, "province": "soc-trang", "path": Path(f"{year}.toml"), "metrics": metrics}
    )


@pytest.mark.parametrize(
    ("metric", "value", "written", "kinds"),
    [
        ("coops_effective", "1.2", None, [Implausible.FRACTION_IN_COUNT]),
        ("coops_effective", "132", None, []),
        ("coops_effective", "66", "66%", [Implausible.PERCENT_IN_COUNT]),
        ("revenue_per_coop", "1.55", None, []),  # an amount may have decimals
        ("unknown_metric", "1.5", None, []),  # nothing is known of it
    ],
)
def test_one_figure_on_its_own(
    metric: str, value: str, written: str | None, kinds: list[Implausible]
) -> None:
    found = check_figure(shipped_catalog(), metric, Fraction(value), written)
    assert [w.kind for w in found] == kinds


@pytest.mark.parametrize(
    ("this_year", "last_year", "kinds"),
    [
        # the English-locale Excel reading of "1.200"
        ({"coops_effective": "1.2", "coops_active": 1500}, {}, [Implausible.FRACTION_IN_COUNT]),
        # a part larger than its whole
        ({"coops_effective": 250, "coops_active": 200}, {}, [Implausible.PART_EXCEEDS_WHOLE]),
        (
            {"households_member": 9000, "households_rural": 8000},
            {},
            [Implausible.PART_EXCEEDS_WHOLE],
        ),
        ({"coops_effective": 200, "coops_active": 200}, {}, []),  # equal is fine
        # a change of ten times or more, either way
        ({"coop_members": 52000}, {"coop_members": 5200}, [Implausible.CHANGE_FACTOR]),
        ({"coop_members": 520}, {"coop_members": 5200}, [Implausible.CHANGE_FACTOR]),
        ({"coop_members": 51999}, {"coop_members": 5200}, []),
        ({"revenue_per_coop": 1550}, {"revenue_per_coop": "1.4"}, [Implausible.CHANGE_FACTOR]),
        ({"coops_new": 30}, {"coops_new": 2}, []),  # small figures: no slip of a separator
        ({"coop_members": 100}, {"coop_members": 0}, []),  # no ratio to zero
        # a percentage where a count belongs: 66% of 200 active is 132, last year 130
        (
            {"coops_effective": 66, "coops_active": 200},
            {"coops_effective": 130},
            [Implausible.PERCENT_IN_COUNT],
        ),
        ({"coops_effective": 120, "coops_active": 200}, {"coops_effective": 130}, []),
        ({"has_support_fund": True}, {"has_support_fund": False}, []),
    ],
)
def test_a_report_against_itself_and_last_year(
    this_year: dict[str, Any], last_year: dict[str, Any], kinds: list[Implausible]
) -> None:
    current = _report(
        2021, **{k: Fraction(v) if isinstance(v, str) else v for k, v in this_year.items()}
    )
    previous = _report(
        2020, **{k: Fraction(v) if isinstance(v, str) else v for k, v in last_year.items()}
    )
    found = check_report(shipped_catalog(), current, previous)
    assert [w.kind for w in found] == kinds


@pytest.mark.parametrize(
    ("warning", "en", "hint"),
    [
        (
            FigureWarning(
                Implausible.FRACTION_IN_COUNT, "x", 2021, "coops_effective", Fraction("1.2")
            ),
            "Effective co-operatives = 1.2 is not a whole number, but it counts",
            "1.2 with a thousands separator is 1200: write it without one",
        ),
        (
            FigureWarning(
                Implausible.PART_EXCEEDS_WHOLE,
                "x",
                2021,
                "coops_effective",
                Fraction(250),
                other_metric="coops_active",
                other_value=Fraction(200),
            ),
            "Effective co-operatives = 250 is larger than Active co-operatives = 200",
            "a part cannot be larger than its whole; check both figures",
        ),
        (
            FigureWarning(
                Implausible.CHANGE_FACTOR,
                "x",
                2021,
                "coop_members",
                Fraction(52000),
                other_value=Fraction(5200),
                other_year=2020,
            ),
            "Members of co-operatives = 52,000 against 5,200 in 2020: 10 times or more",
            "check the thousands separator and the unit",
        ),
    ],
)
def test_warnings_read_with_metric_names(warning: FigureWarning, en: str, hint: str) -> None:
    assert warning.message() == en
    assert warning.hint() == hint
    diagnostic = warning.diagnostic()
    assert diagnostic.severity == "warning" and diagnostic.key == ("metrics", warning.metric)


def test_warnings_in_vietnamese() -> None:
    warning = FigureWarning(
        Implausible.FRACTION_IN_COUNT, "x", 2021, "coops_effective", Fraction("1.2")
    )
    set_language("vi")
    try:
        assert warning.message().startswith("Số HTX hoạt động hiệu quả = 1,2 ")
    finally:
        set_language("en")


def test_reports_are_checked_against_the_year_before_with_their_file_and_line(
    write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "actuals/2020/an-giang.toml": "[metrics]\ncoop_members = 5200\n",
            "actuals/2021/an-giang.toml": "source = 'x'\n[metrics]\ncoops_new = 3\ncoop_members = 52000\n",
        },
    )
    data = load(root)
    found = check_reports(Catalog(shipped_catalog().metrics), data.actuals)
    assert [(w.kind, w.year, w.metric) for w in found] == [
        (Implausible.CHANGE_FACTOR, 2021, "coop_members")
    ]
    from pledgecli.diagnostics import with_lines

    (located,) = with_lines([found[0].diagnostic()])
    assert located.line == 4
    assert located.render().endswith(
        "an-giang.toml:4: warning: Members of co-operatives = 52,000 against 5,200 in 2020: "
        "10 times or more (check the thousands separator and the unit)"
    )


def test_the_bundled_data_has_no_implausible_figure() -> None:
    assert check_reports(shipped_catalog(), load(BUNDLED).actuals) == []


def test_the_documented_metrics_toml_example_is_valid(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"
    blocks = re.findall(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if "[ocop_products]" in b]
    (tmp_path / "metrics.toml").write_text(block, encoding="utf-8")
    problems: list[Diagnostic] = []
    catalog = load_catalog(tmp_path, problems)
    assert problems == []
    assert catalog.wholes("ocop_products_4star") == ("ocop_products",)
    export = catalog.get("export_revenue")
    assert export is not None and export.unit_in("en") == "billion VND"


def test_the_documented_table_lists_every_shipped_metric() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text(
        encoding="utf-8"
    )
    section = docs[docs.index("## Metrics: the catalogue") :]
    listed = re.findall(r"^\| `([a-z_]+)` \| ", section, re.M)
    assert listed == list(shipped_catalog().metrics)


def test_validate_reports_a_broken_metrics_toml_and_check_reads_the_names(
    write_data: WriteData, tmp_path: Path, provinces_toml: str, run: Any
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "metrics.toml": '[ocop]\nvi = "Sản phẩm OCOP"\nkind = "cout"\n',
        },
    )
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'metrics.toml:3: error: kind must be "count", "amount" or "yes-no", not "cout"' in (
        out + err
    )
    assert 'did you mean "count"?' in out + err
    (root / "metrics.toml").write_text('[ocop]\nvi = "Sản phẩm OCOP"\n', encoding="utf-8")
    data = load(root)
    assert data.ok and data.catalog.name("ocop", "en") == "Sản phẩm OCOP"
