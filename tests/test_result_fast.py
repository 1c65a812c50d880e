"""``plain_result`` (a result made without the frozen dataclass's ``__setattr__`` per
field) is ``Result(...)`` in every way a reader of results notices: equal, of the same
type, as frozen, with the same fields, text and copies; a ratio or growth made by
``exact.fraction`` is the Fraction that ``Fraction(n, d)`` makes; a plain report made by
``load_file._constructed`` is the ``Actuals`` its dataclass makes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from fractions import Fraction

import pytest

from pledgecli.models import Target
from pledgecli.results import Result, Status, plain_result

TARGET = Target(id="t", text="Chỉ tiêu 1", metric="m", at_least=3)
CASES = [
    ("an-giang", Status.MET, Fraction(3), Fraction(3), None, None),  # exactly on the threshold
    ("an-giang", Status.MISSED, Fraction(3), Fraction(0), None, None),
    ("ca-mau", Status.MISSED, Fraction(1, 10), Fraction(-1, 3), Fraction(5, 2), 2025),
    ("ca-mau", Status.MET, True, True, None, None),
    ("ca-mau", Status.MISSED, False, True, None, None),
    (None, Status.MET, Fraction(7), Fraction(7), None, None),
]


@pytest.mark.parametrize("case", CASES, ids=repr)
def test_a_plain_result_is_the_result_the_dataclass_makes(case: tuple[object, ...]) -> None:
    province, status, threshold, actual, baseline, year = case
    args = (TARGET, province, status, threshold, actual, baseline, year)
    fast = plain_result(*args)  # type: ignore[arg-type]
    slow = Result(*args)  # type: ignore[arg-type]
    assert type(fast) is Result
    assert fast == slow and repr(fast) == repr(slow)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    assert (fast.missing, fast.assembled, fast.corrected) == ((), (), ())
    assert copy.copy(fast) == slow and pickle.loads(pickle.dumps(fast)) == slow
    assert dataclasses.replace(fast, missing=("x",)) == dataclasses.replace(slow, missing=("x",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.status = Status.MISSED  # type: ignore[misc]


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(0, 7), (6, 4), (-6, 4), (6, -4), (-6, -4), (1, 3), (2**80, 6), (-(3**50), 3**49), (5, 1)],
)
def test_a_ratio_or_growth_made_fast_is_the_fraction_python_makes(
    numerator: int, denominator: int
) -> None:
    from pledgecli.exact import _fraction, fraction

    slow = Fraction(numerator, denominator)
    for made in {_fraction, fraction}:
        fast = made(numerator, denominator)
        assert type(fast) is Fraction
        assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
        assert fast.as_integer_ratio() == slow.as_integer_ratio()
        assert fast + 1 == slow + 1 and fast < slow + 1 and str(fast) == str(slow)


def test_a_ratio_over_zero_fails_as_fraction_does() -> None:
    from pledgecli.exact import fraction

    with pytest.raises(ZeroDivisionError, match=r"Fraction\(3, 0\)"):
        fraction(3, 0)


@pytest.mark.parametrize("source", [None, "Báo cáo số 3/BC-LMHTX"])
def test_a_plain_report_is_the_actuals_the_dataclass_makes(source: str | None) -> None:
    from pathlib import Path

    from pledgecli import load_file
    from pledgecli.report_model import Actuals

    assert load_file._PLAIN_INIT
    figures: dict[str, Fraction | bool] = {"a": Fraction(0), "b": Fraction(51, 2), "c": True}
    path = Path("a/an-giang.toml")
    raw: dict[str, object] = {"year": 2026, "province": "an-giang", "path": path}
    fast = load_file._constructed(raw, source, figures)
    slow = Actuals(year=2026, province="an-giang", path=path, source=source, metrics=figures)
    assert type(fast) is Actuals and fast == slow and repr(fast) == repr(slow)
    assert list(vars(fast).items()) == list(vars(slow).items())
    assert fast.verified == figures and fast.deductions == [] and fast.corrections == {}
    assert fast.deductions is not load_file._constructed(raw, source, figures).deductions
    assert dataclasses.replace(fast, year=2025) == dataclasses.replace(slow, year=2025)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.year = 2025  # type: ignore[misc]
