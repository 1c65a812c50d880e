"""Exact arithmetic on figures, fast: a rule against its threshold in integers, a
report's figure (or ratio) for a target, and sums of fractions. Pure functions of
Fraction values; the answers are exactly Fraction's own (tests/test_fast_paths.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from math import gcd
from operator import ge, gt, le, lt

from pledgecli.figures import MetricValue
from pledgecli.models import Rule, Target

_ZERO = Fraction(0)
_new = object.__new__


def _fraction(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)`` of two ints: reduced by their gcd, the sign on
    the numerator, as ``Fraction.__new__`` sets its two slots, without its checks of the
    arguments' types (national data makes 30,000 ratios and growths)."""
    if not denominator:
        return Fraction(numerator, denominator)  # its ZeroDivisionError
    divisor = gcd(numerator, denominator)
    if denominator < 0:
        divisor = -divisor
    value = _new(Fraction)
    value._numerator = numerator // divisor  # type: ignore[attr-defined]
    value._denominator = denominator // divisor  # type: ignore[attr-defined]
    return value


def _same_as_fraction() -> bool:
    try:
        cases = ((6, -4), (0, 5), (-3, 9), (7, 1), (2**70, 6))
        return all(
            (made := _fraction(n, d)) == Fraction(n, d)
            and made.as_integer_ratio() == Fraction(n, d).as_integer_ratio()
            and hash(made) == hash(Fraction(n, d))
            for n, d in cases
        )
    except (AttributeError, TypeError):
        return False


fraction: Callable[[int, int], Fraction] = _fraction if _same_as_fraction() else Fraction
"""``Fraction(numerator, denominator)`` of two ints, fast where this Python's Fraction keeps
its two slots as 3.11 does (checked once, at import), else Fraction itself."""

_HOLDS: dict[Rule, Callable[[int, int], bool]] = {
    rule: (lt if rule.is_upper else gt) if rule.is_strict else (le if rule.is_upper else ge)
    for rule in Rule
}


def comparison(rule: Rule) -> Callable[[int, int], bool]:
    """What ``holds`` compares ``actual.numerator * threshold.denominator`` and
    ``threshold.numerator * actual.denominator`` with, for ``rule``."""
    return _HOLDS[rule]


def holds(rule: Rule, actual: Fraction, threshold: Fraction) -> bool:
    """``rule.holds(actual, threshold)`` in integers: a/b against c/d is a*d against c*b
    (denominators are positive), as Fraction compares them, without its checks of types;
    exactly on the threshold meets it unless the rule is strict."""
    an, ad = actual.as_integer_ratio()  # one call each, not two properties
    tn, td = threshold.as_integer_ratio()
    return _HOLDS[rule](an * td, tn * ad)


def figure(target: Target, metrics: Mapping[str, MetricValue]) -> Fraction | None:
    """``_measure_one``'s number for a report without corrections: the figure, or the
    ratio to ``per``; ``None`` when it is missing, true or false, or divided by zero."""
    value = metrics.get(target.metric)
    if type(value) is not Fraction:
        return None
    per = target.per
    return value if per is None else ratio(value, metrics.get(per))


def ratio(value: Fraction, divisor: MetricValue | None) -> Fraction | None:
    """``value / divisor`` when ``divisor`` is a non-zero figure, else ``None``."""
    if type(divisor) is not Fraction:
        return None
    dn, dd = divisor.as_integer_ratio()
    if not dn:
        return None
    # value / divisor, made once: Fraction reduces it as the division would
    vn, vd = value.as_integer_ratio()
    return fraction(vn * dd, vd * dn)


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """``sum(values, Fraction(0))``, many times faster: the numerators over each denominator
    are added as integers, then the few partial sums as fractions."""
    by_denominator: dict[int, int] = {}
    for value in values:
        numerator, denominator = value.as_integer_ratio()
        by_denominator[denominator] = by_denominator.get(denominator, 0) + numerator
    if len(by_denominator) == 1:  # one denominator (a province's points): one fraction
        ((denominator, numerator),) = by_denominator.items()
        return Fraction(numerator, denominator)
    total = _ZERO
    for denominator, numerator in by_denominator.items():
        total += Fraction(numerator, denominator)
    return total
