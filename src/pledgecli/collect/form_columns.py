"""The columns of a reporting form, in both languages, and how ``pledge import`` reads
their titles back.

A form is written in the reader's language (``--lang``). The four columns import reads
(``year``, ``province``, ``metric``, ``value``) have a title in each language; import
accepts either, and the English ones of forms made before the titles were translated.
The other columns only help whoever fills the form.
"""

from __future__ import annotations

from fractions import Fraction

from pledgecli.catalog import Catalog, Kind
from pledgecli.collect.needs import Figure, FormRow
from pledgecli.i18n import language
from pledgecli.names import fold

EDITABLE = ("year", "province", "metric", "value")
HELP = ("province_name", "metric_name", "kind", "previous", "targets")

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "year": "year",
        "province": "province",
        "metric": "metric",
        "value": "value",
        "province_name": "province_name",
        "metric_name": "metric_name",
        "kind": "kind",
        "previous": "value_{previous}",
        "targets": "targets",
    },
    "vi": {
        "year": "Năm",
        "province": "Mã tỉnh",
        "metric": "Mã chỉ tiêu",
        "value": "Số liệu",
        "province_name": "Tỉnh, thành phố",
        "metric_name": "Chỉ tiêu",
        "kind": "Loại số liệu",
        "previous": "Số liệu {previous}",
        "targets": "Giao ước cần",
    },
}

# How a form writes a yes/no figure (and its list of choices); import reads these, and
# true/false, in any case and in either language's form (collect/numbers.parse_boolean).
YES_NO = {"en": ("Yes", "No"), "vi": ("Có", "Không")}


def _folded(title: str) -> str:
    return fold(title).replace("-", "_")


# folded title -> the column import reads (the English titles fold to themselves)
ALIASES: dict[str, str] = {
    _folded(TITLES[lang][column]): column for lang in TITLES for column in EDITABLE
}


def column_of(title: object) -> str:
    """The column a header cell names (``"Mã tỉnh"`` -> ``province``), folded."""
    if title is None:
        return ""
    folded = _folded(str(title))
    return ALIASES.get(folded, folded)


def form_language(lang: str | None = None) -> str:
    chosen = lang or language()
    return chosen if chosen in TITLES else "en"


def header(year: int, lang: str | None = None) -> list[str]:
    titles = TITLES[form_language(lang)]
    return [titles[c].format(previous=year - 1) for c in (*EDITABLE, *HELP)]


def kind_of(row: FormRow, catalog: Catalog) -> Kind:
    """The catalogue's kind of the row's metric; a metric it lacks: by the pledges."""
    known = catalog.get(row.metric)
    if known is not None:
        return known.kind
    return Kind.YES_NO if row.kind == "boolean" else Kind.AMOUNT


def kind_text(row: FormRow, catalog: Catalog, lang: str | None = None) -> str:
    """What to write in the value cell, in the reader's words."""
    vi = form_language(lang) == "vi"
    kind = kind_of(row, catalog)
    if kind is Kind.YES_NO:
        return "Có / Không" if vi else "Yes / No"
    if kind is Kind.COUNT:
        return "số nguyên" if vi else "whole number"
    known = catalog.get(row.metric)
    unit = known.unit_in("vi" if vi else "en") if known is not None else None
    base = "số" if vi else "number"
    return f"{base} ({unit})" if unit else base


def yes_no(value: bool, lang: str | None = None) -> str:
    return YES_NO[form_language(lang)][0 if value else 1]


def is_blank(value: Figure | None) -> bool:
    return value is None


def to_fill(rows: list[FormRow]) -> int:
    """The rows a form leaves to fill: those without a recorded figure."""
    return sum(1 for row in rows if row.value is None)


def whole(value: Figure | None) -> bool:
    return isinstance(value, Fraction) and value.denominator == 1
