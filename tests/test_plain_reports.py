"""A plain year-end report is built without pydantic's call per figure: the figures it
gives are the ones pydantic's validation gives, on the edges (0, the shared small
fractions and the first one past them, decimals seen before in another spelling, -0.0),
and anything else is left to the validation that explains it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pledgecli.load_file import _plain_actuals
from pledgecli.models import Actuals
from pledgecli.schema import validate

FIGURES: list[Any] = [
    0,
    1,
    1023,
    1024,
    10**30,
    True,
    False,
    Decimal("25.8"),
    Decimal("25.80"),
    Decimal("25.800"),
    Decimal("0.0"),
    Decimal("-0.0"),
    Decimal("0.001"),
    Decimal("1E+5"),
    Decimal("12345678901234567890.123456789"),
]


def _raw(metrics: dict[str, Any]) -> dict[str, Any]:
    return {"year": 2025, "province": "can-tho", "path": Path("x.toml"), "metrics": metrics}


@pytest.mark.parametrize("value", FIGURES, ids=repr)
def test_a_plain_figure_is_the_one_validation_gives(value: Any) -> None:
    for _ in range(2):  # the second time from the decimals already converted
        fast = _plain_actuals(_raw({"a": value}))
        assert fast is not None
        slow = validate(Actuals, _raw({"a": value}))
        assert fast.metrics == slow.metrics
        assert type(fast.metrics["a"]) is type(slow.metrics["a"])


def test_equal_decimals_in_other_spellings_are_the_same_fraction() -> None:
    first = _plain_actuals(_raw({"a": Decimal("40.2"), "b": Decimal("40.20")}))
    assert first is not None
    assert first.metrics == {"a": Fraction(201, 5), "b": Fraction(201, 5)}


@pytest.mark.parametrize(
    "value",
    [
        -1,
        Decimal("-0.5"),
        Decimal("0E-2000"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1E+1001"),
        "x",
        10**1000,
    ],
    ids=repr,
)
def test_anything_else_is_left_to_validation(value: Any) -> None:
    assert _plain_actuals(_raw({"a": Decimal("0.0")})) is not None  # 0 converted before
    assert _plain_actuals(_raw({"a": value})) is None


def test_an_integer_and_an_equal_decimal_give_the_same_fraction_in_either_order() -> None:
    pairs: list[tuple[int | Decimal, int | Decimal]] = [
        (4505, Decimal("4505.0")),
        (Decimal("7777.00"), 7777),
    ]
    for first, second in pairs:
        report = _plain_actuals(_raw({"a": first, "b": second}))
        assert report is not None
        assert report.metrics["a"] == report.metrics["b"] == Fraction(first)
        assert type(report.metrics["b"]) is Fraction
