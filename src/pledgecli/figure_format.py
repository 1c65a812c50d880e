"""Figures as people and TOML write them: ``1200``, ``60.5``, ``true``; exact, never rounded.

Shared by the services (a form, a plan, a message about a figure) and the renderers (the
plan of ``pledge import``/``set``), which may not import ``collect/``.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

Value = Decimal | bool  # a figure to record
Figure = Fraction | bool  # a figure as recorded (read exactly)


def decimal_text(number: Decimal) -> str:
    """``60,0`` -> ``60``; ``1.50`` -> ``1.5``; never scientific notation, never rounded
    (what :func:`pledgecli.collect.numbers.toml_text` writes)."""
    with localcontext() as context:
        # enough digits for the whole figure: the default 28 would round or fail
        context.prec = max(context.prec, len(number.as_tuple().digits) + abs(number.adjusted()) + 2)
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
    return f"{number:f}"


def exact_decimal(value: Fraction) -> Decimal:
    """A fraction read from a decimal literal, back as that decimal (exactly)."""
    scale = 0
    while (value * 10**scale).denominator != 1 and scale < 60:
        scale += 1
    return Decimal((value * 10**scale).numerator).scaleb(-scale)


def figure_text(value: Figure | Value | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        value = exact_decimal(value)
    return decimal_text(value)


def same(old: Figure | None, new: Value) -> bool:
    """Whether a recorded figure already says ``new``."""
    if old is None or isinstance(old, bool) != isinstance(new, bool):
        return False
    if isinstance(new, bool):
        return old is new
    # ``old == Fraction(new)`` without making the fraction (a re-import compares 130,000):
    # both in lowest terms, denominator positive; NaN and infinity raise as Fraction does.
    numerator, denominator = new.as_integer_ratio()
    if isinstance(old, Fraction):
        return old.denominator == denominator and old.numerator == numerator
    return old == Fraction(numerator, denominator)
