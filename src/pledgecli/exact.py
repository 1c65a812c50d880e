"""Exact arithmetic on figures, fast: a rule against its threshold in integers, a
report's figure (or ratio) for a target, and sums of fractions. Pure functions of
Fraction values; the answers are exactly Fraction's own (tests/test_fast_paths.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from operator import ge, gt, le, lt

from pledgecli.figures import MetricValue
from pledgecli.models import Rule, Target

_ZERO = Fraction(0)

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
    return Fraction(vn * dd, vd * dn)


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
